/// Equal shares completed the way pabutools completes it for `mes-cost-complete`:
/// `completion_by_rule_combination` of `method_of_equal_shares(voter_budget_increment=1)` and then
/// `greedy_utilitarian_welfare`.
///
/// Every voter's budget is raised by one unit of currency at a time and equal shares is run again,
/// until its outcome would overspend the real budget (then the previous outcome is kept) or
/// leaves no project it could select that still fits (then that outcome is kept). Greedy then
/// fills whatever the kept outcome left.
struct EqualSharesCompletion {
    struct Result {
        let equalSharesSelection: [Int]
        let increments: Int
        let stoppedBecause: StopReason
        let runs: Int
    }

    enum StopReason: String, Codable, Sendable {
        /// The next increment would have selected more than the budget allows.
        case wouldOverspend = "would-overspend"
        /// Every project equal shares could still select no longer fits.
        case exhaustive
    }

    static func run(_ engine: EqualSharesEngine, progress: ((Int) -> Void)? = nil) -> Result {
        let profile = engine.profile
        if profile.voterCount == 0 {
            return Result(equalSharesSelection: [], increments: 0, stoppedBecause: .exhaustive, runs: 0)
        }
        var previous = engine.freeSupported
        var previousIncrement = 0
        var increment = 0
        var runs = 0
        // Runs for different increments do not depend on each other, so a batch of the next few
        // is counted at once, one per processor, and then read in order exactly as the
        // step-by-step loop would: the first increment that overspends or is exhaustive ends it.
        // Only the runs after that one in its batch are wasted.
        let width = SpeculativeRuns.width
        while true {
            let batch = SpeculativeRuns.outcomes(engine, increments: increment..<(increment + width))
            for outcome in batch {
                runs += 1
                let spent = totalCost(profile, outcome)
                if spent == nil || spent! > profile.budget {
                    return Result(equalSharesSelection: previous, increments: previousIncrement,
                                  stoppedBecause: .wouldOverspend, runs: runs)
                }
                if isExhaustive(profile, engine.candidates, outcome, spent: spent!) {
                    return Result(equalSharesSelection: outcome, increments: increment, stoppedBecause: .exhaustive, runs: runs)
                }
                previous = outcome
                previousIncrement = increment
                increment += 1
                if increment % 64 == 0 { progress?(increment) }
            }
        }
    }

    /// Sum of costs, or nil if it overflows (which certainly exceeds any budget).
    static func totalCost(_ profile: SatisfactionProfile, _ projects: [Int]) -> Int? {
        var sum = 0
        for p in projects {
            let (s, o) = sum.addingReportingOverflow(profile.costs[p])
            if o { return nil }
            sum = s
        }
        return sum
    }

    static func isExhaustive(_ profile: SatisfactionProfile, _ pool: [Int], _ chosen: [Int], spent: Int) -> Bool {
        let taken = Set(chosen)
        for p in pool where !taken.contains(p) && profile.costs[p] <= profile.budget - spent {
            return false
        }
        return true
    }
}
