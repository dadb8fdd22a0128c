import Budgeting

/// Plain, slow implementations written straight from pabutools' description, in exact rationals
/// and one voter at a time: the engine's fast path must agree with them on every election.
enum NaiveRules {
    static func rational(_ a: Amount) -> Rational {
        var d = 1
        for _ in 0..<a.scale { d *= 10 }
        return Rational(a.units, d)
    }

    static func satisfaction(_ e: Election, _ kind: SatisfactionKind) -> [[Int: Rational]] {
        (0..<e.voterCount).map { v in
            let b = e.ballot(at: v)
            var sats: [Int: Rational] = [:]
            for (i, p) in b.projects.enumerated() {
                let s: Rational
                switch kind {
                case .cost: s = rational(e.projects[p].cost)
                case .cardinality: s = Rational(1)
                case .points: s = rational(b.points![i])
                case .borda: s = Rational(b.projects.count - i - 1)
                }
                if s > .zero { sats[p] = s }
            }
            return sats
        }
    }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func equalShares(_ e: Election, _ kind: SatisfactionKind, increment: Int = 0) -> [Int] {
        let n = e.voterCount
        guard n > 0 else { return [] }
        let sats = satisfaction(e, kind)
        var budget = Array(repeating: rational(e.budget) / Rational(n) + Rational(increment), count: n)
        var selected: [Int] = []
        var remaining: [Int] = []
        for p in e.projects.indices {
            let supported = sats.contains { $0[p] != nil }
            if !supported { continue }
            if e.projects[p].cost.isZero { selected.append(p) } else { remaining.append(p) }
        }
        while true {
            var best: (p: Int, rho: Rational)? = nil
            for p in remaining {
                let cost = rational(e.projects[p].cost)
                let supporters = (0..<n).filter { sats[$0][p] != nil }
                let money = supporters.reduce(Rational.zero) { $0 + budget[$1] }
                if money < cost { continue }
                let order = supporters.sorted { budget[$0] / sats[$0][p]! < budget[$1] / sats[$1][p]! }
                var paid = Rational.zero
                var utility = order.reduce(Rational.zero) { $0 + sats[$1][p]! }
                var rho: Rational? = nil
                for v in order {
                    let candidate = (cost - paid) / utility
                    if !(budget[v] < candidate * sats[v][p]!) { rho = candidate; break }
                    paid = paid + budget[v]
                    utility = utility - sats[v][p]!
                }
                guard let rho else { continue }
                if best == nil || rho < best!.rho || (rho == best!.rho && precedes(e.projects[p].id, e.projects[best!.p].id)) {
                    best = (p, rho)
                }
            }
            guard let (w, rho) = best else { return selected }
            selected.append(w)
            remaining.removeAll { $0 == w }
            for v in 0..<n {
                guard let s = sats[v][w] else { continue }
                let due = rho * s
                budget[v] = budget[v] < due ? .zero : budget[v] - due
            }
        }
    }

    static func greedy(_ e: Election, _ kind: SatisfactionKind, initial: [Int] = []) -> [Int] {
        let sats = satisfaction(e, kind)
        let total = e.projects.indices.map { p in sats.reduce(Rational.zero) { $0 + ($1[p] ?? .zero) } }
        let order = e.projects.indices.filter { !initial.contains($0) }.sorted { a, b in
            func key(_ p: Int) -> (Int, Rational) {
                if total[p] == .zero { return (0, .zero) }
                if e.projects[p].cost.isZero { return (2, .zero) }
                return (1, total[p] / rational(e.projects[p].cost))
            }
            let ka = key(a), kb = key(b)
            if ka != kb { return ka.0 != kb.0 ? ka.0 > kb.0 : kb.1 < ka.1 }
            return precedes(e.projects[a].id, e.projects[b].id)
        }
        var left = rational(e.budget) - initial.reduce(Rational.zero) { $0 + rational(e.projects[$1].cost) }
        var chosen = initial
        for p in order where !(left < rational(e.projects[p].cost)) {
            chosen.append(p)
            left = left - rational(e.projects[p].cost)
        }
        return chosen
    }

    static func completed(_ e: Election, _ kind: SatisfactionKind) -> [Int] {
        let sats = satisfaction(e, kind)
        let pool = e.projects.indices.filter { p in !e.projects[p].cost.isZero && sats.contains { $0[p] != nil } }
        let budget = rational(e.budget)
        var previous = e.projects.indices.filter { p in e.projects[p].cost.isZero && sats.contains { $0[p] != nil } }
        var increment = 0
        var kept: [Int]
        while true {
            let outcome = equalShares(e, kind, increment: increment)
            let spent = outcome.reduce(Rational.zero) { $0 + rational(e.projects[$1].cost) }
            if budget < spent { kept = previous; break }
            let exhaustive = pool.allSatisfy { outcome.contains($0) || budget < spent + rational(e.projects[$0].cost) }
            if exhaustive || e.voterCount == 0 { kept = outcome; break }
            previous = outcome
            increment += 1
        }
        return greedy(e, kind, initial: kept)
    }
}
