import Foundation

/// A principle's score across both sides: the mean of the two sides' scores (each side
/// weighs the same however many people it has, so a small council team is not drowned out),
/// or the one side's score when the other is hidden.
public struct CombinedScore: Sendable, Equatable, Codable {
    public var principle: Principle
    public var score: Double
    /// 2, or 1 when one side's score is hidden.
    public var sidesIncluded: Int
}

/// What a round's answers say, as aggregates only: per side and per role group, scores per
/// principle (0 to 100), the perception gap, spread, the weakest principles and the change since
/// the previous round. Nothing in it identifies a person: every figure passes the
/// confidentiality rule (`Confidentiality`), and individual answers and comments are not kept.
public struct HealthCheckResults: Sendable, Equatable, Codable {
    public var questionSet: QuestionSetKey
    public var respondents: Int
    /// Community, then council.
    public var sides: [SideResult]
    /// Residents, other members, councillors, council officers.
    public var groups: [RespondentGroupResult]
    /// One per principle whose score is shown for both sides, in principle order.
    public var gaps: [PerceptionGap]
    /// Between the sides' overall scores, when both are shown.
    public var overallGap: PerceptionGap?
    /// One per principle with a score on at least one side, in principle order.
    public var combined: [CombinedScore]
    /// The (up to) two weakest principles, weakest first; see `weakestPrinciples`.
    public var weakest: [Principle]
    public var change: ChangeSincePrevious

    public func side(_ side: Side) -> SideResult {
        sides.first { $0.side == side }
            ?? SideResult(side: side, respondents: 0,
                          scores: .suppressed(Confidentiality.suppression(count: 0, group: "people on the \(side.label.lowercased()) side")!))
    }

    public func score(_ principle: Principle, on side: Side) -> Double? {
        self.side(side).scores.value?.score(for: principle)
    }

    public func overall(on side: Side) -> Double? {
        self.side(side).scores.value?.overall
    }

    public func gap(for principle: Principle) -> PerceptionGap? {
        gaps.first { $0.principle == principle }
    }

    public func group(_ group: RespondentGroup) -> RespondentGroupResult {
        groups.first { $0.group == group }
            ?? RespondentGroupResult(group: group, respondents: 0, scores: .suppressed(Confidentiality.suppression(count: 0, group: group.label.lowercased())!))
    }

    // MARK: - Computing

    /// Scores a round. `responses` are the round's answer sheets with each person's role (each
    /// person once). `previous` is the partnership's previous round's results, if any: the
    /// change is computed only when it used the same question set and version.
    public static func compute(set: QuestionSet, responses: [HealthCheckResponse],
                               previous: HealthCheckResults? = nil) -> HealthCheckResults {
        var sides: [SideResult] = []
        var groups: [RespondentGroupResult] = []
        for side in Side.allCases {
            let people = responses.filter { $0.side == side }
            let who = "people on the \(side.label.lowercased()) side"
            let whole = scores(set: set, sheets: people.map(\.sheet), who: who)
            let sideResult = SideResult(side: side, respondents: people.count,
                                        scores: Confidentiality.apply(whole, count: people.count, group: who))
            sides.append(sideResult)
            groups += groupResults(on: side, set: set, responses: people, sideScores: sideResult.scores.value)
        }

        var gaps: [PerceptionGap] = []
        var combined: [CombinedScore] = []
        let community = sides[0].scores.value, council = sides[1].scores.value
        for principle in Principle.allCases {
            let c = community?.score(for: principle), k = council?.score(for: principle)
            if let c, let k { gaps.append(PerceptionGap(principle: principle, community: c, council: k)) }
            let present = [c, k].compactMap { $0 }
            if let m = HealthCheckScoring.mean(present) {
                combined.append(CombinedScore(principle: principle, score: m, sidesIncluded: present.count))
            }
        }
        var overallGap: PerceptionGap?
        if let c = community?.overall, let k = council?.overall {
            overallGap = PerceptionGap(principle: nil, community: c, council: k)
        }
        var results = HealthCheckResults(questionSet: set.key, respondents: responses.count, sides: sides,
                                         groups: groups, gaps: gaps, overallGap: overallGap, combined: combined,
                                         weakest: [], change: .noPreviousRound)
        results.weakest = weakestPrinciples(combined: combined, gaps: gaps)
        results.change = ChangeSincePrevious(current: results, previous: previous)
        return results
    }

    /// The weakest principles, weakest first, at most `count`.
    ///
    /// Order: lowest combined score first; on a tie, the wider perception gap first (the sides
    /// disagree more about it, so it needs talking about); on a further tie, the report's order
    /// (principle 1 before 5: the report builds each principle on the ones before it). Scores
    /// and gaps are compared rounded to one decimal, so differences too small to show never
    /// decide the order and the result does not hang on floating-point noise.
    public static func weakestPrinciples(combined: [CombinedScore], gaps: [PerceptionGap], count: Int = 2) -> [Principle] {
        func tenths(_ x: Double) -> Int { Int((x * 10).rounded(.toNearestOrAwayFromZero)) }
        let gapSize = Dictionary(uniqueKeysWithValues: gaps.compactMap { g in g.principle.map { ($0, tenths(g.size)) } })
        return combined.sorted { a, b in
            let (sa, sb) = (tenths(a.score), tenths(b.score))
            if sa != sb { return sa < sb }
            let (ga, gb) = (gapSize[a.principle] ?? 0, gapSize[b.principle] ?? 0)
            if ga != gb { return ga > gb }
            return a.principle < b.principle
        }.prefix(count).map(\.principle)
    }

    /// Scores for one group of people (a side). Principle scores and statement tallies each go
    /// through the confidentiality rule on the number of people behind them.
    static func scores(set: QuestionSet, sheets: [AnswerSheet], who: String) -> SideScores {
        var principles: [PrincipleResult] = []
        for principle in Principle.allCases {
            let statements = set.statements(for: principle)
            let personal = sheets.map { HealthCheckScoring.personal($0, statements: statements) }
            let means = personal.compactMap(\.mean)
            let points = personal.flatMap(\.scale)
            let counts = AnswerCounts(respondents: sheets.count, answered: means.count, scaleAnswers: points.count,
                                      dontKnowAnswers: personal.map(\.dontKnow).reduce(0, +),
                                      missingAnswers: personal.map(\.missing).reduce(0, +))
            let score = Confidentiality.apply(
                { () -> PrincipleScore in
                    let sd = HealthCheckScoring.standardDeviation(means)
                    let total = Double(max(points.count, 1))
                    return PrincipleScore(score: HealthCheckScoring.mean(means) ?? 0, standardDeviation: sd,
                                          spread: SpreadLabel(standardDeviation: sd),
                                          positiveShare: Double(points.filter(\.isAgreeing).count) / total,
                                          negativeShare: Double(points.filter(\.isDisagreeing).count) / total)
                }(), count: means.count, group: who, topic: "\u{201C}\(principle.title)\u{201D}")
            principles.append(PrincipleResult(principle: principle, counts: counts, score: score))
        }
        let shown = principles.compactMap { $0.score.value?.score }
        let tallies = set.statements.map { statement -> StatementTally in
            var distribution = [0, 0, 0, 0, 0]
            var dontKnow = 0
            for sheet in sheets {
                switch sheet.answers[statement.id] {
                case .scale(let a)?: distribution[a.rawValue - 1] += 1
                case .dontKnow?: dontKnow += 1
                case nil: break
                }
            }
            let answered = distribution.reduce(0, +)
            return StatementTally(statementID: statement.id, principle: statement.principle, answered: answered,
                                  dontKnow: dontKnow, missing: sheets.count - answered - dontKnow,
                                  distribution: Confidentiality.apply(distribution, count: answered,
                                                                      group: who, topic: "this statement"))
        }
        return SideScores(respondents: sheets.count, principles: principles, overall: HealthCheckScoring.mean(shown),
                           principlesInOverall: shown.count, statements: tallies)
    }

    /// The role-group breakdown of one side. A group is hidden below five people; a principle
    /// score within a group is hidden below five people answering it; and in both cases further
    /// groups are hidden where the side's total would otherwise give a hidden group away
    /// (`Confidentiality.partsToHide`).
    static func groupResults(on side: Side, set: QuestionSet, responses: [HealthCheckResponse],
                           sideScores: SideScores?) -> [RespondentGroupResult] {
        let groups = RespondentGroup.groups(on: side)
        let members = groups.map { g in responses.filter { $0.role.group == g }.map(\.sheet) }
        let hideGroup = Confidentiality.partsToHide(wholeShown: sideScores != nil, counts: members.map(\.count))

        // Per principle: who answered in each group, and which group scores to hide.
        var principleScores: [[RespondentGroupPrinciple]] = groups.map { _ in [] }
        for principle in Principle.allCases {
            let statements = set.statements(for: principle)
            let means = members.map { sheets in sheets.compactMap { HealthCheckScoring.personal($0, statements: statements).mean } }
            let sideShown = sideScores?.result(for: principle)?.score.isShown ?? false
            let hide = Confidentiality.partsToHide(wholeShown: sideShown, counts: means.map(\.count))
            for (n, group) in groups.enumerated() {
                let score: Suppressible<Double>
                if let s = Confidentiality.suppression(count: means[n].count, group: group.label.lowercased(),
                                                       topic: "\u{201C}\(principle.title)\u{201D}") {
                    score = .suppressed(s)
                } else if hide[n] {
                    score = .suppressed(Confidentiality.protecting(count: means[n].count, group: group.label.lowercased()))
                } else {
                    score = .shown(HealthCheckScoring.mean(means[n]) ?? 0)
                }
                principleScores[n].append(RespondentGroupPrinciple(principle: principle, score: score))
            }
        }
        return groups.enumerated().map { n, group in
            let count = members[n].count
            let scores: Suppressible<RespondentGroupScores>
            if let s = Confidentiality.suppression(count: count, group: group.label.lowercased()) {
                scores = .suppressed(s)
            } else if hideGroup[n] {
                scores = .suppressed(Confidentiality.protecting(count: count, group: group.label.lowercased()))
            } else {
                let shown = principleScores[n].compactMap(\.score.value)
                scores = .shown(RespondentGroupScores(principles: principleScores[n], overall: HealthCheckScoring.mean(shown)))
            }
            return RespondentGroupResult(group: group, respondents: count, scores: scores)
        }
    }
}
