import Foundation

/// How many answers lie behind a principle's figures, so a page can say "31 answers; 6 don't
/// know; 3 left blank".
public struct AnswerCounts: Sendable, Equatable, Codable {
    /// People in the group.
    public var respondents: Int
    /// People who put at least one of the principle's statements on the scale: the people the
    /// score describes.
    public var answered: Int
    /// Answers on the scale (one per person per statement).
    public var scaleAnswers: Int
    public var dontKnowAnswers: Int
    /// Statements people left blank.
    public var missingAnswers: Int
}

/// How far apart people on one side are, from the standard deviation of their scores.
/// One step on the scale is 25 points: under 15 means most people are within about half a
/// step of each other; 25 or more means views split by a whole step or more either way.
public enum SpreadLabel: String, Sendable, Codable, CaseIterable {
    case similar
    case mixed
    case divided

    public static let mixedFrom = 15.0
    public static let dividedFrom = 25.0

    public init(standardDeviation sd: Double) {
        self = sd >= Self.dividedFrom ? .divided : (sd >= Self.mixedFrom ? .mixed : .similar)
    }

    public var label: String {
        switch self {
        case .similar: return "Similar views"
        case .mixed: return "Mixed views"
        case .divided: return "Divided views"
        }
    }
}

/// A principle's score for one group, with how much people agreed with each other.
public struct PrincipleScore: Sendable, Equatable, Codable {
    /// 0 to 100: the mean of each person's own mean over the principle's statements.
    public var score: Double
    /// Population standard deviation of those personal means.
    public var standardDeviation: Double
    public var spread: SpreadLabel
    /// Share of scale answers on the healthy side (agree or strongly agree; for a
    /// reverse-scored statement, disagree or strongly disagree), 0 to 1.
    public var positiveShare: Double
    /// Share of scale answers on the unhealthy side, 0 to 1. The rest were "neither".
    public var negativeShare: Double
}

public struct PrincipleResult: Sendable, Equatable, Codable {
    public var principle: Principle
    public var counts: AnswerCounts
    /// Hidden when fewer than five people answered about the principle.
    public var score: Suppressible<PrincipleScore>
}

/// How a side answered one statement. The distribution is hidden when fewer than five people
/// put the statement on the scale.
public struct StatementTally: Sendable, Equatable, Codable {
    public var statementID: String
    public var principle: Principle
    public var answered: Int
    public var dontKnow: Int
    public var missing: Int
    /// Counts for strongly disagree … strongly agree (index 0 is point 1).
    public var distribution: Suppressible<[Int]>

    public func count(of agreement: Agreement) -> Int? {
        distribution.value.map { $0[agreement.rawValue - 1] }
    }
}

/// Everything shown about one side (community or council).
public struct SideScores: Sendable, Equatable, Codable {
    public var respondents: Int
    /// In principle order.
    public var principles: [PrincipleResult]
    /// Mean of the principle scores that are shown; nil when none is.
    public var overall: Double?
    /// How many principles `overall` averages (fewer than five when some are hidden).
    public var principlesInOverall: Int
    /// In question-set order.
    public var statements: [StatementTally]

    public func result(for principle: Principle) -> PrincipleResult? {
        principles.first { $0.principle == principle }
    }

    public func score(for principle: Principle) -> Double? {
        result(for: principle)?.score.value?.score
    }
}

public struct SideResult: Sendable, Equatable, Codable {
    public var side: Side
    public var respondents: Int
    /// Hidden when fewer than five people on this side answered.
    public var scores: Suppressible<SideScores>
}

public struct RespondentGroupPrinciple: Sendable, Equatable, Codable {
    public var principle: Principle
    public var score: Suppressible<Double>
}

/// The breakdown of a side by role group: scores only, no statement tallies, so no tally can
/// be subtracted from the side's to reveal a small group.
public struct RespondentGroupScores: Sendable, Equatable, Codable {
    public var principles: [RespondentGroupPrinciple]
    public var overall: Double?
}

public struct RespondentGroupResult: Sendable, Equatable, Codable {
    public var group: RespondentGroup
    public var side: Side { group.side }
    public var respondents: Int
    public var scores: Suppressible<RespondentGroupScores>
}

/// The arithmetic, kept apart from the confidentiality decisions in `HealthCheckResults`.
enum HealthCheckScoring {
    /// One person's view of one principle.
    struct Personal {
        var mean: Double?
        var scale: [Agreement]       // healthy-direction points (reverse-scored already flipped)
        var dontKnow: Int
        var missing: Int
    }

    static func personal(_ sheet: AnswerSheet, statements: [QuestionSet.Statement]) -> Personal {
        var points: [Agreement] = []
        var dontKnow = 0
        for s in statements {
            switch sheet.answers[s.id] {
            case .scale(let a)?: points.append(s.reverseScored ? Agreement(rawValue: 6 - a.rawValue)! : a)
            case .dontKnow?: dontKnow += 1
            case nil: break
            }
        }
        let mean = points.isEmpty ? nil : points.map { $0.score() }.reduce(0, +) / Double(points.count)
        return Personal(mean: mean, scale: points, dontKnow: dontKnow, missing: statements.count - points.count - dontKnow)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Population standard deviation: these people are the whole group being described.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard let m = mean(values) else { return 0 }
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
    }
}
