/// The Method of Equal Shares, with the semantics of pabutools 1.2.3 (`method_of_equal_shares`).
///
/// Every voter starts with an equal share of the budget. In each round, for every project still
/// affordable, find the smallest price per unit of satisfaction ρ such that its supporters, each
/// paying min(their budget, ρ × their satisfaction), cover the cost; select the project with the
/// smallest ρ (ties: the project id first in Python's string order), charge its supporters, and
/// repeat until no project is affordable.
///
/// Exactness without slowness. Prices are rationals whose denominators multiply round after round,
/// so exact arithmetic on every voter would be slow. Instead:
/// - Every budget is known exactly as b0 − Σ ρ_k·u over the rounds k the voter paid in full (a
///   voter who could not pay in full is left with exactly 0), and every ρ_k is kept exactly as a
///   BigInt over one common denominator. So any single budget can be compared exactly on demand.
/// - The search itself runs on Doubles, whose error is bounded (`budgetError`). A decision is taken
///   from Doubles only when the bound proves it; otherwise it is taken exactly. In particular the
///   winner's price is always computed exactly, every rival whose certified lower bound does not
///   clear it is compared exactly, and each voter's "pays in full or pays all they have" is decided
///   exactly whenever the Doubles are too close to tell.
/// Ties, the usual reason floats flip an outcome, therefore always end in exact comparisons.
struct EqualSharesEngine {
    let profile: SatisfactionProfile
    /// Always decide exactly (slow); used by tests to check the fast path against it.
    let forceExact: Bool
    /// Projects equal shares can select: someone gains from them and they cost something.
    let candidates: [Int]
    /// Free projects someone gains from: pabutools selects them before the first round.
    let freeSupported: [Int]
    let utilityDouble: [Double]
    /// Multiplicity of each supporter slot's group as a Double, laid out like `supporterGroups`
    /// so the hot loops read it in order instead of looking it up per group.
    let slotMultiplicity: [Double]
    /// Whether every integer the Double path uses is exactly representable.
    let doublesAreExact: Bool
    let maxSupporterSlots: Int
    /// Mean number of projects on a group's ballot, to choose how exact prices are summed.
    let meanGroupLength: Double

    init(profile: SatisfactionProfile, forceExact: Bool = false) {
        self.profile = profile
        self.forceExact = forceExact
        var cands: [Int] = []
        var free: [Int] = []
        for p in 0..<profile.projectCount {
            let supported = profile.supporterStart[p + 1] > profile.supporterStart[p]
            guard supported else { continue }
            if profile.costs[p] > 0 { cands.append(p) } else { free.append(p) }
        }
        candidates = cands
        freeSupported = free
        utilityDouble = profile.supporterUtility.map(Double.init)
        slotMultiplicity = profile.supporterGroups.map { Double(profile.multiplicity[Int($0)]) }
        let limit = 1 << 52
        var exact = profile.voterCount < (1 << 31) && profile.budget < limit
        for p in 0..<profile.projectCount {
            if profile.costs[p] >= limit { exact = false }
            if let t = profile.totalSatisfaction[p] { if t >= limit { exact = false } } else { exact = false }
        }
        doublesAreExact = exact
        var widest = 0
        for p in 0..<profile.projectCount { widest = max(widest, profile.supporterStart[p + 1] - profile.supporterStart[p]) }
        maxSupporterSlots = widest
        meanGroupLength = Double(profile.groupProjects.count) / Double(max(1, profile.groupCount))
    }

    /// One run with every voter's starting budget raised by `increment` units of currency.
    func run(increment: Int = 0, explain: Bool = false) -> EqualSharesRun {
        var run = EqualSharesRun(engine: self, increment: increment, explain: explain)
        run.execute()
        return run
    }
}

/// The state of one run of equal shares.
struct EqualSharesRun {
    let engine: EqualSharesEngine
    let profile: SatisfactionProfile
    let explain: Bool
    let filter: Bool

    // Budgets per group of identical voters.
    var budget: [Double]
    var exhausted: [Bool]
    // Exact state: budget b0 = bNum / q, price of round r = rhoNum[r] / q.
    var q: BigInt
    var bNum: BigInt
    var rhoNum: [BigInt] = []
    var roundOf: [Int]
    var budgetError: Double
    let startBudget: Double

    // Per project bookkeeping.
    var active: [Bool]
    var lower: [Double]
    var estimate: [Double]
    var freshStamp: [Int]
    var exactStamp: [Int]
    var exactPrices: [ExactPrice?]
    var stamp = 0
    var poor: [Bool]
    /// Per group, all false between uses: the poor groups of one exact price computation.
    var poorGroup: [Bool]
    /// The project selected in each round (free ones not included), and their supporter slots.
    var selectedRounds: [Int] = []
    var winnerSlots = 0

    private(set) var selected: [Int] = []
    /// For explanations (filled when `explain`).
    var rounds: [RoundRecord] = []
    var firstPrice: [Double]
    var lastPrice: [Double]
    var droppedAfter: [Int?]
    var droppedBy: [Int?]
    /// payments[r][g]: what each voter of group g paid for the project selected in round r.
    var payments: [[Double]] = []

    struct RoundRecord {
        let project: Int
        let price: Double
        let fullPayers: Int
        let partialPayers: Int
        let largestPayment: Double
        let smallestPayment: Double
    }

    enum Evaluation {
        case unaffordable
        case estimate(Double, lower: Double)
        case hard
    }

    init(engine: EqualSharesEngine, increment: Int, explain: Bool) {
        self.engine = engine
        self.profile = engine.profile
        self.explain = explain
        self.filter = engine.doublesAreExact && !engine.forceExact
        let n = max(1, profile.voterCount)
        let groups = profile.groupCount
        q = BigInt(n)
        bNum = BigInt(profile.budget) + BigInt(increment) * profile.unit * n
        startBudget = BigInt.ratio(bNum, q)
        budget = Array(repeating: startBudget, count: groups)
        exhausted = Array(repeating: false, count: groups)
        // Each payment adds at most ~2^-49 of b0 of rounding to a Double budget (price converted
        // from its exact value, one product, one subtraction); a voter pays at most once per
        // project on their ballot. The bound below is eight times that.
        budgetError = startBudget * Double(profile.maxGroupLength + 2) * pow2(-46)
        roundOf = Array(repeating: -1, count: profile.projectCount)
        let count = profile.projectCount
        active = Array(repeating: false, count: count)
        lower = Array(repeating: 0, count: count)
        estimate = Array(repeating: .infinity, count: count)
        freshStamp = Array(repeating: -1, count: count)
        exactStamp = Array(repeating: -1, count: count)
        exactPrices = Array(repeating: nil, count: count)
        poor = Array(repeating: false, count: engine.maxSupporterSlots)
        poorGroup = Array(repeating: false, count: groups)
        firstPrice = Array(repeating: .infinity, count: count)
        lastPrice = Array(repeating: .infinity, count: count)
        droppedAfter = Array(repeating: nil, count: count)
        droppedBy = Array(repeating: nil, count: count)
    }

    // MARK: the rounds

    mutating func execute() {
        guard profile.voterCount > 0 else { return }
        selected = engine.freeSupported
        for c in engine.candidates {
            active[c] = true
            // Nobody pays more than ρ·u, so ρ ≥ cost / total satisfaction: a valid lower bound.
            let total = GreedyRule.bigTotal(profile, c)
            lower[c] = BigInt.ratio(BigInt(profile.costs[c]), total) * (1 - pow2(-50))
        }
        if explain {
            for c in engine.candidates where supportersMoney(c) < Double(profile.costs[c]) * (1 - 1e-12) {
                droppedAfter[c] = 0
            }
            recordPrices(first: true)
        }
        while true {
            stamp += 1
            guard let winner = chooseWinner() else { break }
            pay(winner.project, winner.price)
            if explain { recordAfterRound(winner.project) }
        }
        if explain {
            for c in engine.candidates where roundOf[c] < 0 && droppedAfter[c] == nil {
                droppedAfter[c] = rounds.count
            }
        }
    }

    /// Finds this round's winner and its exact price, or nil when nothing is affordable.
    mutating func chooseWinner() -> (project: Int, price: ExactPrice)? {
        while true {
            var best = -1
            var bestEstimate = Double.infinity
            // Evaluate candidates in order of their lower bounds while one could still win.
            while true {
                var c = -1
                var cl = Double.infinity
                for p in engine.candidates where active[p] && freshStamp[p] != stamp {
                    if c < 0 || lower[p] < cl || (lower[p] == cl && profile.nameRank[p] < profile.nameRank[c]) {
                        c = p
                        cl = lower[p]
                    }
                }
                if c < 0 { break }
                if best >= 0 && cl > bestEstimate * (1 + 1e-9) { break }
                refresh(c)
                if active[c] && freshStamp[c] == stamp {
                    if best < 0 || estimate[c] < bestEstimate
                        || (estimate[c] == bestEstimate && profile.nameRank[c] < profile.nameRank[best]) {
                        best = c
                        bestEstimate = estimate[c]
                    }
                }
            }
            if best < 0 { return nil }
            guard var winnerPrice = exactPrice(best) else {
                active[best] = false
                continue
            }
            var winner = best
            var winnerDouble = priceDouble(winnerPrice)
            // Every rival whose certified lower bound does not clear the winner's exact price is
            // compared exactly.
            for c in engine.candidates where active[c] && c != winner {
                if lower[c] > winnerDouble * (1 + pow2(-46)) { continue }
                if freshStamp[c] != stamp {
                    refresh(c)
                    if !active[c] || lower[c] > winnerDouble * (1 + pow2(-46)) { continue }
                }
                guard let price = exactPrice(c) else {
                    active[c] = false
                    continue
                }
                let order = ExactPrice.compare(price, winnerPrice)
                if order < 0 || (order == 0 && profile.nameRank[c] < profile.nameRank[winner]) {
                    winner = c
                    winnerPrice = price
                    winnerDouble = priceDouble(price)
                }
            }
            return (winner, winnerPrice)
        }
    }

    /// Brings a candidate's estimate and certified lower bound up to date for this round.
    mutating func refresh(_ c: Int) {
        switch evaluate(c) {
        case .unaffordable:
            active[c] = false
        case let .estimate(value, bound):
            freshStamp[c] = stamp
            estimate[c] = value
            lower[c] = max(lower[c], bound)
        case .hard:
            if let price = exactPrice(c) {
                let value = priceDouble(price)
                freshStamp[c] = stamp
                estimate[c] = value
                lower[c] = max(lower[c], value * (1 - pow2(-48)))
            } else {
                active[c] = false
            }
        }
    }

    func priceDouble(_ price: ExactPrice) -> Double {
        BigInt.ratio(price.x, q) / price.u.doubleValue
    }

    // MARK: Double estimates

    /// Estimates ρ for a candidate from the Double budgets and certifies a lower bound L by
    /// checking that its supporters, paying min(budget, L·u), provably fall short of the cost.
    mutating func evaluate(_ c: Int) -> Evaluation {
        guard filter else { return .hard }
        return doubleEstimate(c, errorBound: budgetError)
    }

    mutating func doubleEstimate(_ c: Int, errorBound: Double) -> Evaluation {
        let start = profile.supporterStart[c], end = profile.supporterStart[c + 1]
        let cost = Double(profile.costs[c])
        let warmStart = lower[c]
        // Work on a local copy of the scratch flags so no access to self overlaps the loops.
        var flags = poor
        poor = []
        defer { poor = flags }
        let util = engine.utilityDouble
        return profile.supporterGroups.withUnsafeBufferPointer { groups in
            util.withUnsafeBufferPointer { util in
                engine.slotMultiplicity.withUnsafeBufferPointer { mult in
                    budget.withUnsafeBufferPointer { bud in
                        exhausted.withUnsafeBufferPointer { done in
                            flags.withUnsafeMutableBufferPointer { poorFlags -> Evaluation in
                                EqualSharesRun.estimate(start: start, end: end, cost: cost, errorBound: errorBound,
                                                        warmStart: warmStart, groups: groups, util: util, mult: mult,
                                                        bud: bud, done: done, poorFlags: poorFlags)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `warmStart` is a price the true one is known not to be below (a certified lower bound):
    /// voters who cannot pay in full even at it are poor from the start, which saves most of the
    /// passes of the fixed-point iteration. Only the speed depends on it; the bound returned is
    /// certified on its own.
    static func estimate(start: Int, end: Int, cost: Double, errorBound: Double, warmStart: Double,
                         groups: UnsafeBufferPointer<Int32>, util: UnsafeBufferPointer<Double>,
                         mult: UnsafeBufferPointer<Double>, bud: UnsafeBufferPointer<Double>,
                         done: UnsafeBufferPointer<Bool>, poorFlags: UnsafeMutableBufferPointer<Bool>) -> Evaluation {
        var available = 0.0, voters = 0.0
        var poorMoney = 0.0, richUtility = 0.0
        var slots = 0
        for j in start..<end {
            let g = Int(groups[j])
            if done[g] { continue }
            let m = mult[j]
            let b = bud[g]
            available += m * b
            voters += m
            slots += 1
            let isPoor = b < warmStart * util[j]
            poorFlags[j - start] = isPoor
            if isPoor { poorMoney += m * b } else { richUtility += m * util[j] }
        }
        let availableError = voters * errorBound + available * Double(slots + 2) * pow2(-52)
        if available + availableError < cost { return .unaffordable }
        if available - availableError < cost || richUtility <= 0 { return .hard }
        var rho = (cost - poorMoney) / richUtility
        var converged = false
        // The pass that confirms convergence also sums what supporters would pay at the first
        // bound tried below, ρ·(1 − 1e-9): when nobody new turns poor, ρ comes out of that pass
        // bit for bit as it went in (the same sums in the same order), so that sum is the one the
        // certification would compute, and its separate pass is saved.
        var coveredAtFirstBound = 0.0
        for _ in 0..<16 {
            poorMoney = 0
            richUtility = 0
            var newPoor = false
            let firstBound = rho * (1 - 1e-9)
            var covered = 0.0
            for j in start..<end {
                let g = Int(groups[j])
                if done[g] { continue }
                let m = mult[j]
                let b = bud[g]
                let u = util[j]
                covered += m * min(b, firstBound * u)
                if poorFlags[j - start] {
                    poorMoney += m * b
                } else if b < rho * u {
                    poorFlags[j - start] = true
                    newPoor = true
                    poorMoney += m * b
                } else {
                    richUtility += m * u
                }
            }
            if richUtility <= 0 { return .hard }
            let next = (cost - poorMoney) / richUtility
            if !newPoor && next == rho { converged = true; coveredAtFirstBound = covered; break }
            rho = next
            if !newPoor { break }
        }
        if !converged {
            rho = sortedEstimate(start: start, end: end, cost: cost, groups: groups, util: util, mult: mult, bud: bud, done: done)
            if !(rho.isFinite && rho > 0) { return .hard }
        } else {
            let coveredError = voters * errorBound + coveredAtFirstBound * Double(slots + 2) * pow2(-51)
            if coveredAtFirstBound + coveredError < cost { return .estimate(rho, lower: rho * (1 - 1e-9)) }
        }
        var slack = converged ? 1e-6 : 1e-9
        while slack < 1e-2 {
            let bound = rho * (1 - slack)
            var covered = 0.0
            for j in start..<end {
                let g = Int(groups[j])
                if done[g] { continue }
                covered += mult[j] * min(bud[g], bound * util[j])
            }
            let coveredError = voters * errorBound + covered * Double(slots + 2) * pow2(-51)
            if covered + coveredError < cost { return .estimate(rho, lower: bound) }
            slack *= 1000
        }
        return .hard
    }

    /// The textbook computation: supporters by budget/satisfaction, the poorest pay all they have.
    static func sortedEstimate(start: Int, end: Int, cost: Double, groups: UnsafeBufferPointer<Int32>,
                        util: UnsafeBufferPointer<Double>, mult: UnsafeBufferPointer<Double>,
                        bud: UnsafeBufferPointer<Double>, done: UnsafeBufferPointer<Bool>) -> Double {
        var entries: [(ratio: Double, money: Double, utility: Double)] = []
        var richUtility = 0.0
        for j in start..<end {
            let g = Int(groups[j])
            if done[g] { continue }
            let m = mult[j]
            entries.append((bud[g] / util[j], m * bud[g], m * util[j]))
            richUtility += m * util[j]
        }
        entries.sort { $0.ratio < $1.ratio }
        var poorMoney = 0.0
        for e in entries {
            let rho = (cost - poorMoney) / richUtility
            if e.ratio < rho {
                poorMoney += e.money
                richUtility -= e.utility
            } else {
                return rho
            }
        }
        return .nan
    }

    // MARK: exact decisions

    /// b·q for a group that has not run out: b0·q minus what it paid in each round it joined.
    func exactBudgetNumerator(_ g: Int) -> BigInt {
        var value = bNum
        for i in profile.groupStart[g]..<profile.groupStart[g + 1] {
            let r = roundOf[Int(profile.groupProjects[i])]
            if r >= 0 { value -= rhoNum[r] * profile.groupUtility[i] }
        }
        return value
    }

    /// Sign of (budget of group g) − price·u: −1 means it cannot pay in full.
    func relation(group g: Int, slot j: Int, price: ExactPrice, priceDouble: Double) -> Int {
        if filter {
            let due = priceDouble * engine.utilityDouble[j]
            if budget[g] + budgetError < due * (1 - pow2(-48)) { return -1 }
            if budget[g] - budgetError > due * (1 + pow2(-48)) { return 1 }
        }
        let left = exactBudgetNumerator(g) * price.u
        let right = price.x * profile.supporterUtility[j]
        return BigInt.compare(left, right)
    }

    /// The exact ρ of a candidate now, or nil if its supporters cannot cover its cost.
    mutating func exactPrice(_ c: Int) -> ExactPrice? {
        if exactStamp[c] == stamp { return exactPrices[c] }
        let result = computeExactPrice(c)
        exactStamp[c] = stamp
        exactPrices[c] = result
        return result
    }

    private mutating func computeExactPrice(_ c: Int) -> ExactPrice? {
        let start = profile.supporterStart[c], end = profile.supporterStart[c + 1]
        // Start from the voters certainly unable to pay in full even at the certified lower bound
        // (they are unable at the true price too), then let the classic iteration add the rest.
        let bound = lower[c]
        let below = 1 - pow2(-48)
        let util = engine.utilityDouble
        for j in start..<end {
            let g = Int(profile.supporterGroups[j])
            poor[j - start] = filter && !exhausted[g]
                && budget[g] + budgetError < bound * util[j] * below
        }
        let cost = profile.costs[c]
        while true {
            var poorVoters = 0
            var poorGroups = 0
            var weights = Array(repeating: WideSum(), count: rhoNum.count)
            var richUtility = WideSum()
            for j in start..<end {
                let g = Int(profile.supporterGroups[j])
                if exhausted[g] { continue }
                let m = profile.multiplicity[g]
                if poor[j - start] {
                    poorVoters += m
                    poorGroups += 1
                } else {
                    richUtility.add(m, times: profile.supporterUtility[j])
                }
            }
            if richUtility.isZero { return nil }
            // What the poor paid in each earlier round, Σ m·u per round, either walking each poor
            // group's ballot (random reads, ballot length each) or walking the earlier winners'
            // supporter lists in order and picking the poor groups out of them, whichever reads
            // less. Both add the same integers, so the sums are the same. A ballot walk starts at
            // a random place in memory for every poor group, the supporter lists are read in
            // order, so a ballot entry is weighted as eight list entries (profiles of the
            // synthetic city election showed the walk stalled on memory).
            if Double(poorGroups) * engine.meanGroupLength * 8 <= Double(winnerSlots) {
                for j in start..<end where poor[j - start] {
                    let g = Int(profile.supporterGroups[j])
                    if exhausted[g] { continue }
                    let m = profile.multiplicity[g]
                    for i in profile.groupStart[g]..<profile.groupStart[g + 1] {
                        let r = roundOf[Int(profile.groupProjects[i])]
                        if r >= 0 { weights[r].add(m, times: profile.groupUtility[i]) }
                    }
                }
            } else {
                for j in start..<end where poor[j - start] && !exhausted[Int(profile.supporterGroups[j])] {
                    poorGroup[Int(profile.supporterGroups[j])] = true
                }
                for r in selectedRounds.indices {
                    let w = selectedRounds[r]
                    var sum = WideSum()
                    for k in profile.supporterStart[w]..<profile.supporterStart[w + 1] {
                        let g = Int(profile.supporterGroups[k])
                        if poorGroup[g] { sum.add(profile.multiplicity[g], times: profile.supporterUtility[k]) }
                    }
                    weights[r] = sum
                }
                for j in start..<end where poor[j - start] {
                    poorGroup[Int(profile.supporterGroups[j])] = false
                }
            }
            // x = cost·q − (money of those paying all they have)·q
            var x = q * cost - bNum * poorVoters
            for r in weights.indices where !weights[r].isZero {
                x += rhoNum[r] * weights[r].value
            }
            let price = ExactPrice(x: x, u: richUtility.value)
            let approx = priceDouble(price)
            var changed = false
            for j in start..<end {
                let g = Int(profile.supporterGroups[j])
                if exhausted[g] || poor[j - start] { continue }
                if relation(group: g, slot: j, price: price, priceDouble: approx) < 0 {
                    poor[j - start] = true
                    changed = true
                }
            }
            if !changed { return price }
        }
    }

    /// Charges the winner's supporters and folds its exact price into the common denominator.
    mutating func pay(_ w: Int, _ price: ExactPrice) {
        let start = profile.supporterStart[w], end = profile.supporterStart[w + 1]
        let approx = priceDouble(price)
        var record: [Double] = explain ? Array(repeating: 0, count: profile.groupCount) : []
        var full = 0, partial = 0
        var largest = 0.0, smallest = Double.infinity
        let util = engine.utilityDouble
        let below = 1 - pow2(-48), above = 1 + pow2(-48)
        for j in start..<end {
            let g = Int(profile.supporterGroups[j])
            if exhausted[g] { continue }
            let paid: Double
            let m = profile.multiplicity[g]
            // `relation`'s Double test inline (nearly every supporter is decided by it, and the
            // call cost showed in profiles); the exact comparison only when it cannot tell.
            var sign = 0
            if filter {
                let due = approx * util[j]
                if budget[g] + budgetError < due * below {
                    sign = -1
                } else if budget[g] - budgetError > due * above {
                    sign = 1
                }
            }
            if sign == 0 { sign = relation(group: g, slot: j, price: price, priceDouble: approx) }
            if sign <= 0 {
                paid = budget[g]
                exhausted[g] = true
                budget[g] = 0
                partial += m
            } else {
                paid = approx * engine.utilityDouble[j]
                budget[g] = max(0, budget[g] - paid)
                full += m
            }
            if explain {
                record[g] = paid
                largest = max(largest, paid)
                smallest = min(smallest, paid)
            }
        }
        // Reduce before folding in, so the common denominator grows as little as it must.
        var x = price.x
        var u = price.u
        if let small = u.intValue, small > 0 {
            let g = x.gcd(withWord: small)
            if g > 1 {
                x = x.quotientAndRemainder(dividingBy: g).quotient
                u = BigInt(small / g)
            }
        } else {
            let g = BigInt.gcd(x, u)
            if g != BigInt(1) && !g.isZero {
                x = x.quotientAndRemainder(dividingBy: g).quotient
                u = u.quotientAndRemainder(dividingBy: g).quotient
            }
        }
        if u != BigInt(1) {
            q = q * u
            bNum = bNum * u
            for r in rhoNum.indices { rhoNum[r] = rhoNum[r] * u }
        }
        roundOf[w] = rhoNum.count
        rhoNum.append(x)
        selectedRounds.append(w)
        winnerSlots += end - start
        active[w] = false
        selected.append(w)
        if explain {
            payments.append(record)
            rounds.append(RoundRecord(project: w, price: approx, fullPayers: full, partialPayers: partial,
                                      largestPayment: largest, smallestPayment: smallest == .infinity ? 0 : smallest))
        }
    }

    // MARK: explanations

    /// Explanation-only: what each remaining project would cost per unit of satisfaction now.
    mutating func recordPrices(first: Bool) {
        for c in engine.candidates where roundOf[c] < 0 && droppedAfter[c] == nil {
            // The quick estimate first; the sorted computation only when it cannot tell.
            let price: Double
            switch doubleEstimate(c, errorBound: 0) {
            case .unaffordable: price = .infinity
            case let .estimate(value, _): price = value
            case .hard: price = approximatePrice(c)
            }
            if first { firstPrice[c] = price }
            if price.isFinite { lastPrice[c] = price }
        }
    }

    mutating func recordAfterRound(_ winner: Int) {
        for c in engine.candidates where roundOf[c] < 0 && droppedAfter[c] == nil {
            if supportersMoney(c) < Double(profile.costs[c]) * (1 - 1e-12) {
                droppedAfter[c] = rounds.count
                droppedBy[c] = winner
            }
        }
        recordPrices(first: false)
    }

    /// Money the supporters of a project still hold (Doubles: explanations only).
    func supportersMoney(_ c: Int) -> Double {
        var total = 0.0
        for j in profile.supporterStart[c]..<profile.supporterStart[c + 1] {
            let g = Int(profile.supporterGroups[j])
            total += Double(profile.multiplicity[g]) * budget[g]
        }
        return total
    }

    /// Price per unit of satisfaction from the Double budgets, or infinity if unaffordable.
    func approximatePrice(_ c: Int) -> Double {
        let start = profile.supporterStart[c], end = profile.supporterStart[c + 1]
        let cost = Double(profile.costs[c])
        if supportersMoney(c) < cost * (1 - 1e-12) { return .infinity }
        var entries: [(ratio: Double, money: Double, utility: Double)] = []
        var richUtility = 0.0
        for j in start..<end {
            let g = Int(profile.supporterGroups[j])
            let m = Double(profile.multiplicity[g])
            entries.append((budget[g] / engine.utilityDouble[j], m * budget[g], m * engine.utilityDouble[j]))
            richUtility += m * engine.utilityDouble[j]
        }
        entries.sort { $0.ratio < $1.ratio }
        var poorMoney = 0.0
        for e in entries {
            let rho = (cost - poorMoney) / richUtility
            if e.ratio < rho {
                poorMoney += e.money
                richUtility -= e.utility
            } else {
                return rho
            }
        }
        return entries.last.map { $0.ratio } ?? .infinity
    }
}
