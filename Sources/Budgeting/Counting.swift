/// Which counting rule to apply.
public enum Rule: String, Sendable, Codable, CaseIterable {
    /// Greedy utilitarian welfare (`greedy_utilitarian_welfare`).
    case greedy
    /// The Method of Equal Shares (`method_of_equal_shares`).
    case equalShares = "mes"
    /// Equal shares with pabutools' completion (budget raised by 1 per voter, then greedy).
    case equalSharesCompleted = "mes-complete"
}

public struct CountingOptions: Sendable {
    /// Build the per-project explanations (one extra run of equal shares for the equal-shares rules).
    public var explain: Bool
    /// Include what every voter paid for every project selected by equal shares.
    public var voterPayments: Bool
    /// Decide everything with exact arithmetic, never from Doubles (slow; for checking).
    public var exactOnly: Bool
    /// Called now and then during a long completion with the number of budget raises so far.
    public var completionProgress: (@Sendable (Int) -> Void)?

    public init(explain: Bool = true, voterPayments: Bool = false, exactOnly: Bool = false,
                completionProgress: (@Sendable (Int) -> Void)? = nil) {
        self.explain = explain
        self.voterPayments = voterPayments
        self.exactOnly = exactOnly
        self.completionProgress = completionProgress
    }
}

public enum Counting {
    /// Counts an election. Throws `CountingError` when the satisfaction does not fit the ballots.
    public static func count(_ election: Election, rule: Rule, satisfaction: SatisfactionKind,
                             options: CountingOptions = CountingOptions()) throws -> Outcome {
        let profile = try SatisfactionProfile(election: election, kind: satisfaction)
        var builder = OutcomeBuilder(election: election, profile: profile, rule: rule, satisfaction: satisfaction, options: options)
        switch rule {
        case .greedy:
            let result = GreedyRule.run(profile)
            builder.recordGreedy(result.steps, selectedBy: "greedy")
            builder.selection = result.selected
        case .equalShares:
            let engine = EqualSharesEngine(profile: profile, forceExact: options.exactOnly)
            let run = engine.run(increment: 0, explain: options.explain)
            builder.selection = run.selected
            if options.explain {
                builder.recordEqualShares(run, increments: nil, runs: nil, stop: nil)
            } else {
                builder.recordEqualSharesSummary(increments: nil, runs: nil, stop: nil,
                                                 rounds: run.selected.count - engine.freeSupported.count)
            }
        case .equalSharesCompleted:
            let engine = EqualSharesEngine(profile: profile, forceExact: options.exactOnly)
            let completion = EqualSharesCompletion.run(engine, progress: options.completionProgress)
            var mesSelection = completion.equalSharesSelection
            if options.explain && profile.voterCount > 0 {
                let run = engine.run(increment: completion.increments, explain: true)
                mesSelection = run.selected
                builder.recordEqualShares(run, increments: completion.increments, runs: completion.runs,
                                          stop: completion.stoppedBecause)
            } else {
                builder.recordEqualSharesSummary(increments: completion.increments, runs: completion.runs,
                                                 stop: completion.stoppedBecause, rounds: mesSelection.count)
            }
            let fill = GreedyRule.run(profile, initial: mesSelection)
            builder.recordGreedy(fill.steps, selectedBy: "greedy")
            builder.selection = fill.selected
            builder.addedByGreedy = Array(fill.selected.dropFirst(mesSelection.count))
        }
        return builder.build()
    }

    /// Shorthand with the satisfaction chosen by kind of ballot unless given.
    public static func count(_ election: Election, rule: Rule, sat: SatisfactionKind? = nil) throws -> Outcome {
        try count(election, rule: rule, satisfaction: sat ?? defaultSatisfaction(for: election.voteType))
    }

    /// The default satisfaction for a kind of ballot: cost for approval, points for cumulative and
    /// scoring, Borda for ordinal.
    public static func defaultSatisfaction(for type: VoteType) -> SatisfactionKind {
        switch type {
        case .approval, .choose1: return .cost
        case .cumulative, .scoring: return .points
        case .ordinal: return .borda
        }
    }
}

/// Gathers what the rules did into an `Outcome`.
struct OutcomeBuilder {
    let election: Election
    let profile: SatisfactionProfile
    let rule: Rule
    let satisfaction: SatisfactionKind
    let options: CountingOptions
    var selection: [Int] = []
    var addedByGreedy: [Int]? = nil
    var summary: EqualSharesSummary? = nil
    var explanations: [ProjectExplanation]
    let unit: Double

    init(election: Election, profile: SatisfactionProfile, rule: Rule, satisfaction: SatisfactionKind, options: CountingOptions) {
        self.election = election
        self.profile = profile
        self.rule = rule
        self.satisfaction = satisfaction
        self.options = options
        unit = Double(profile.unit)
        explanations = election.projects.enumerated().map { index, project in
            ProjectExplanation(id: project.id, name: project.fields["name"], cost: project.cost.doubleValue,
                               supporters: profile.supporterCount[index], selected: false, selectedBy: nil,
                               position: nil, reason: "", payment: nil, rejection: nil, greedy: nil, voterPayments: nil)
        }
    }

    func money(_ scaled: Double) -> Double { scaled / unit }

    func format(_ value: Double) -> String {
        if value.isInfinite { return "∞" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        let cents = Int((abs(rounded) * 100).rounded()) % 100
        let whole = Int(abs(rounded))
        return (rounded < 0 ? "-" : "") + "\(whole)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    var perVoterStart: Double {
        profile.voterCount > 0 ? money(Double(profile.budget) / Double(profile.voterCount)) : 0
    }

    /// Price per unit of satisfaction as a person would read it (per point, per approval, ...).
    func priceUnitFactor() -> Double {
        switch satisfaction {
        case .cost: return 1
        case .cardinality, .borda: return 1 / unit
        case .points:
            var f = 1.0
            for _ in 0..<election.pointsScale { f *= 10 }
            return f / unit
        }
    }

    var uniformSatisfaction: Bool { satisfaction == .cost || satisfaction == .cardinality }

    mutating func recordEqualSharesSummary(increments: Int?, runs: Int?, stop: EqualSharesCompletion.StopReason?, rounds: Int) {
        let extra = Double(increments ?? 0)
        summary = EqualSharesSummary(startingBudgetPerVoter: perVoterStart, budgetPerVoter: perVoterStart + extra,
                                     rounds: rounds, increments: increments, runs: runs,
                                     stoppedBecause: stop?.rawValue, addedByGreedy: nil)
    }

    mutating func recordEqualShares(_ run: EqualSharesRun, increments: Int?, runs: Int?, stop: EqualSharesCompletion.StopReason?) {
        recordEqualSharesSummary(increments: increments, runs: runs, stop: stop, rounds: run.rounds.count)
        let startBudget = money(run.startBudget)
        for p in run.engine.freeSupported {
            explanations[p].selected = true
            explanations[p].selectedBy = "free"
            explanations[p].reason = "Selected before any money was shared out: it costs nothing and \(profile.supporterCount[p]) voters want it."
        }
        for (r, record) in run.rounds.enumerated() {
            let p = record.project
            let payers = record.fullPayers + record.partialPayers
            let perSupporter = uniformSatisfaction ? money(record.largestPayment) : nil
            explanations[p].selected = true
            explanations[p].selectedBy = "equal-shares"
            explanations[p].payment = EqualSharesPayment(
                round: r + 1, pricePerUnit: record.price * priceUnitFactor(), pricePerSupporter: perSupporter,
                payers: payers, paidInFull: record.fullPayers, paidAllTheyHad: record.partialPayers,
                largestPayment: money(record.largestPayment), smallestPayment: money(record.smallestPayment))
            var text = "Selected in round \(r + 1) of equal shares: "
            if let perSupporter {
                text += "\(record.fullPayers) supporters paid \(format(perSupporter)) each"
            } else {
                text += "\(record.fullPayers) supporters paid \(format(record.price * priceUnitFactor())) per point of satisfaction"
            }
            if record.partialPayers > 0 {
                text += " and \(record.partialPayers) paid all they had left"
            }
            text += "; no other affordable project was cheaper per unit of satisfaction."
            explanations[p].reason = text
            if options.voterPayments {
                explanations[p].voterPayments = voterPayments(run, round: r)
            }
        }
        // What each group paid per round, laid out group by group: the rejections read a group's
        // payments for the projects on its ballot together, which round by round arrays scatter
        // over memory (cache misses were most of explaining a city election).
        let roundCount = run.payments.count
        var paidByGroup = Array(repeating: 0.0, count: profile.groupCount * roundCount)
        for (r, paid) in run.payments.enumerated() {
            for g in 0..<paid.count { paidByGroup[g * roundCount + r] = paid[g] }
        }
        for c in run.engine.candidates where run.roundOf[c] < 0 {
            explanations[c].rejection = rejection(run, c, startBudget: startBudget, paidByGroup: paidByGroup)
        }
        // Projects nobody gains from under this satisfaction.
        for p in 0..<profile.projectCount where profile.supporterCount[p] == 0 && explanations[p].reason.isEmpty {
            explanations[p].reason = "Not selected by equal shares: no voter gains from it, so nobody's share pays for it."
        }
    }

    func voterPayments(_ run: EqualSharesRun, round r: Int) -> [VoterPayment] {
        var result: [VoterPayment] = []
        for v in 0..<profile.voterCount {
            let paid = run.payments[r][Int(profile.voterGroup[v])]
            if paid > 0 { result.append(VoterPayment(voterID: election.voterIDs[v], amount: money(paid))) }
        }
        return result
    }

    /// `paidByGroup[g * rounds + r]`: what each voter of group g paid in round r.
    mutating func rejection(_ run: EqualSharesRun, _ c: Int, startBudget: Double, paidByGroup: [Double]) -> EqualSharesRejection {
        let roundCount = run.payments.count
        let cost = Double(profile.costs[c])
        let moneyAtStart = run.startBudget * Double(profile.supporterCount[c])
        let affordable = moneyAtStart >= cost * (1 - 1e-12)
        var spentOn = Array(repeating: 0.0, count: profile.projectCount)
        var left = 0.0
        for j in profile.supporterStart[c]..<profile.supporterStart[c + 1] {
            let g = Int(profile.supporterGroups[j])
            let m = Double(profile.multiplicity[g])
            left += m * run.budget[g]
            for i in profile.groupStart[g]..<profile.groupStart[g + 1] {
                let k = Int(profile.groupProjects[i])
                let r = run.roundOf[k]
                guard r >= 0 else { continue }
                spentOn[k] += m * paidByGroup[g * roundCount + r]
            }
        }
        let spent = spentOn.enumerated().filter { $0.element > 0 }.map { (key: $0.offset, value: $0.element) }
        let spending = spent.sorted { $0.value > $1.value || ($0.value == $1.value && profile.nameRank[$0.key] < profile.nameRank[$1.key]) }
        var lostTo: [String] = []
        if let by = run.droppedBy[c] { lostTo.append(election.projects[by].id) }
        for (k, _) in spending.prefix(3) where !lostTo.contains(election.projects[k].id) {
            lostTo.append(election.projects[k].id)
        }
        let factor = uniformSatisfaction ? Double(profile.costs[c] > 0 && satisfaction == .cost ? profile.costs[c] : 1) / unit : priceUnitFactor()
        let first = run.firstPrice[c].isFinite ? run.firstPrice[c] * factor : nil
        let last = run.lastPrice[c].isFinite ? run.lastPrice[c] * factor : nil
        let supporters = profile.supporterCount[c]
        var text: String
        if !affordable {
            text = "Not affordable under equal shares: its \(supporters) supporters held \(format(money(moneyAtStart))) between them at the start (\(format(startBudget)) each) but it costs \(format(money(cost)))."
        } else {
            let unitWord = uniformSatisfaction ? "per supporter" : "per point"
            text = "Lost out under equal shares: it needed \(format(last ?? first ?? 0)) \(unitWord) when cheaper projects were chosen instead"
            if let round = run.droppedAfter[c], let by = run.droppedBy[c] {
                text += "; after '\(election.projects[by].id)' was funded in round \(round), its supporters had \(format(money(left))) left of the \(format(money(cost))) needed"
            } else {
                text += "; in the end its supporters had \(format(money(left))) left of the \(format(money(cost))) needed"
            }
            text += "."
            if !spending.isEmpty {
                let top = spending.prefix(3).map { "'\(election.projects[$0.key].id)' (\(format(money($0.value))))" }
                text += " Their money went to " + top.joined(separator: ", ") + "."
            }
        }
        explanations[c].reason = text
        return EqualSharesRejection(
            affordableAtStart: affordable, priceNeededAtStart: affordable ? first : nil, lastPriceNeeded: affordable ? last : nil,
            droppedAfterRound: run.droppedAfter[c], lostTo: lostTo, supportersMoneyAtStart: money(moneyAtStart),
            supportersMoneyLeft: money(left),
            supportersSpentOn: spending.prefix(5).map { Spending(project: election.projects[$0.key].id, amount: money($0.value)) })
    }

    mutating func recordGreedy(_ steps: [GreedyRule.Step], selectedBy: String) {
        let completing = rule == .equalSharesCompleted
        for (rank, step) in steps.enumerated() {
            let p = step.project
            let value = GreedyRule.densityValue(profile, p) * unit
            let density: Double? = value.isFinite ? value : nil
            explanations[p].greedy = GreedyDetail(rank: rank + 1, satisfactionPerCost: density,
                                                  budgetLeftWhenConsidered: money(Double(step.remainingBefore)), fitted: step.selected)
            let left = format(money(Double(step.remainingBefore)))
            if step.selected {
                explanations[p].selected = true
                explanations[p].selectedBy = selectedBy
                explanations[p].reason = completing
                    ? "Added when greedy filled the budget equal shares left: \(left) was still unspent when its turn came (rank \(rank + 1) by satisfaction per cost)."
                    : "Selected by greedy: rank \(rank + 1) by satisfaction per cost, and \(left) of the budget was left when its turn came."
            } else if completing {
                explanations[p].reason += (explanations[p].reason.isEmpty ? "" : " ")
                    + "The greedy fill could not add it either: only \(left) was left and it costs \(format(explanations[p].cost))."
            } else {
                explanations[p].reason = "Did not fit: rank \(rank + 1) by satisfaction per cost, but only \(left) was left when its turn came and it costs \(format(explanations[p].cost))."
            }
        }
    }

    func build() -> Outcome {
        var ex = explanations
        for (position, p) in selection.enumerated() { ex[p].position = position + 1 }
        var spent = 0.0
        for p in selection { spent += Double(profile.costs[p]) }
        var s = summary
        if let added = addedByGreedy { s?.addedByGreedy = added.map { election.projects[$0].id } }
        if !options.explain {
            for i in ex.indices { ex[i].reason = ex[i].selected ? "Selected." : "Not selected." }
        }
        return Outcome(rule: rule, satisfaction: satisfaction, voteType: election.voteType,
                       budget: election.budget.doubleValue, voters: election.voterCount,
                       selected: selection.map { election.projects[$0].id },
                       totalCost: money(spent), leftover: money(Double(profile.budget) - spent),
                       equalShares: s, projects: ex)
    }
}
