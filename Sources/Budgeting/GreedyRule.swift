/// Greedy utilitarian welfare, as pabutools 1.2.3 computes it.
///
/// Projects are taken in order of total satisfaction per unit of cost (highest first, ties by
/// project id as Python orders strings); each is selected if it still fits in what is left of
/// the budget. Projects nobody gains from rank last (score 0) but are still taken if they fit;
/// free projects that someone gains from rank first.
struct GreedyRule {
    struct Step {
        let project: Int
        let selected: Bool
        let remainingBefore: Int
    }

    /// Projects in the order greedy considers them.
    static func order(_ profile: SatisfactionProfile, excluding: Set<Int> = []) -> [Int] {
        let candidates = (0..<profile.projectCount).filter { !excluding.contains($0) }
        return candidates.sorted { a, b in
            let c = compareDensity(profile, a, b)
            if c != 0 { return c > 0 }
            return profile.nameRank[a] < profile.nameRank[b]
        }
    }

    /// Compares satisfaction per cost of two projects exactly: 1 if a's is higher, -1 if lower.
    static func compareDensity(_ profile: SatisfactionProfile, _ a: Int, _ b: Int) -> Int {
        let ka = kind(profile, a), kb = kind(profile, b)
        if ka != kb { return ka < kb ? -1 : 1 }
        guard ka == 1 else { return 0 }
        let ca = profile.costs[a], cb = profile.costs[b]
        if let ta = profile.totalSatisfaction[a], let tb = profile.totalSatisfaction[b] {
            // ta/ca versus tb/cb, all non-negative, compared as 128-bit products.
            let left = UInt64(ta).multipliedFullWidth(by: UInt64(cb))
            let right = UInt64(tb).multipliedFullWidth(by: UInt64(ca))
            if left.high != right.high { return left.high < right.high ? -1 : 1 }
            if left.low != right.low { return left.low < right.low ? -1 : 1 }
            return 0
        }
        // A total that does not fit in 64 bits: rare enough to afford BigInts.
        return BigInt.compare(bigTotal(profile, a) * cb, bigTotal(profile, b) * ca)
    }

    /// 0 = nobody gains, 1 = finite score, 2 = free and wanted (pabutools' infinite score).
    static func kind(_ profile: SatisfactionProfile, _ p: Int) -> Int {
        if let total = profile.totalSatisfaction[p], total == 0 { return 0 }
        return profile.costs[p] == 0 ? 2 : 1
    }

    static func bigTotal(_ profile: SatisfactionProfile, _ p: Int) -> BigInt {
        if let t = profile.totalSatisfaction[p] { return BigInt(t) }
        var sum = BigInt.zero
        for i in profile.supporterStart[p]..<profile.supporterStart[p + 1] {
            sum += BigInt(profile.supporterUtility[i]) * profile.multiplicity[Int(profile.supporterGroups[i])]
        }
        return sum
    }

    /// Satisfaction per unit of cost, for explanations only.
    static func densityValue(_ profile: SatisfactionProfile, _ p: Int) -> Double {
        switch kind(profile, p) {
        case 0: return 0
        case 2: return .infinity
        default: return BigInt.ratio(bigTotal(profile, p), BigInt(profile.costs[p]))
        }
    }

    /// Runs greedy from an initial selection (used by the completion after equal shares).
    static func run(_ profile: SatisfactionProfile, initial: [Int] = []) -> (selected: [Int], steps: [Step]) {
        var spent = 0
        for p in initial { spent += profile.costs[p] }
        var remaining = profile.budget - spent
        var selected = initial
        var steps: [Step] = []
        for p in order(profile, excluding: Set(initial)) {
            let fits = profile.costs[p] <= remaining
            steps.append(Step(project: p, selected: fits, remainingBefore: remaining))
            if fits {
                selected.append(p)
                remaining -= profile.costs[p]
            }
        }
        return (selected, steps)
    }
}
