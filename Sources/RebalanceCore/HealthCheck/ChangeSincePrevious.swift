/// One principle's movement since the previous round. Each figure is nil unless it was shown in
/// both rounds.
public struct PrincipleChange: Sendable, Equatable, Codable {
    public var principle: Principle
    /// Points up (positive) or down since the previous round.
    public var community: Double?
    public var council: Double?
    /// Change in the size of the perception gap: negative when the sides moved closer.
    public var gapSize: Double?
}

/// How this round compares with the partnership's previous one.
public struct ChangeSincePrevious: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// The first round: nothing to compare with.
        case noPreviousRound = "no_previous_round"
        /// The previous round used another question set or version (see `explanation`).
        case notComparable = "not_comparable"
        case compared
    }

    public var status: Status
    /// Why rounds cannot be compared, for the page; nil unless `notComparable`.
    public var explanation: String?
    /// In principle order; empty unless `compared`.
    public var principles: [PrincipleChange]
    public var overallCommunity: Double?
    public var overallCouncil: Double?
    public var overallGapSize: Double?

    public static let noPreviousRound = ChangeSincePrevious(status: .noPreviousRound, explanation: nil, principles: [],
                                                            overallCommunity: nil, overallCouncil: nil, overallGapSize: nil)

    public init(status: Status, explanation: String?, principles: [PrincipleChange],
                overallCommunity: Double?, overallCouncil: Double?, overallGapSize: Double?) {
        self.status = status; self.explanation = explanation; self.principles = principles
        self.overallCommunity = overallCommunity; self.overallCouncil = overallCouncil; self.overallGapSize = overallGapSize
    }

    /// Compares two rounds' results; only results from the same question set and version are
    /// compared, since a reworded statement changes what a score means.
    public init(current: HealthCheckResults, previous: HealthCheckResults?) {
        guard let previous else { self = .noPreviousRound; return }
        if let why = current.questionSet.incomparability(with: previous.questionSet) {
            self.init(status: .notComparable, explanation: why, principles: [],
                      overallCommunity: nil, overallCouncil: nil, overallGapSize: nil)
            return
        }
        func delta(_ now: Double?, _ then: Double?) -> Double? {
            guard let now, let then else { return nil }
            return now - then
        }
        let principles = Principle.allCases.map { p in
            PrincipleChange(principle: p,
                            community: delta(current.score(p, on: .community), previous.score(p, on: .community)),
                            council: delta(current.score(p, on: .council), previous.score(p, on: .council)),
                            gapSize: delta(current.gap(for: p)?.size, previous.gap(for: p)?.size))
        }
        self.init(status: .compared, explanation: nil, principles: principles,
                  overallCommunity: delta(current.overall(on: .community), previous.overall(on: .community)),
                  overallCouncil: delta(current.overall(on: .council), previous.overall(on: .council)),
                  overallGapSize: delta(current.overallGap?.size, previous.overallGap?.size))
    }

    public func change(for principle: Principle) -> PrincipleChange? {
        principles.first { $0.principle == principle }
    }

    /// "up 6 points", "down 1 point", "no change", on whole points as pages show them.
    public static func describe(_ delta: Double?) -> String? {
        guard let delta else { return nil }
        let points = Int(delta.rounded(.toNearestOrAwayFromZero))
        if points == 0 { return "no change" }
        let unit = abs(points) == 1 ? "point" : "points"
        return points > 0 ? "up \(points) \(unit)" : "down \(-points) \(unit)"
    }

    /// "The gap narrowed by 8 points", "widened by 3 points", "stayed the same".
    public static func describeGap(_ delta: Double?) -> String? {
        guard let delta else { return nil }
        let points = Int(delta.rounded(.toNearestOrAwayFromZero))
        if points == 0 { return "The gap stayed the same" }
        let unit = abs(points) == 1 ? "point" : "points"
        return points < 0 ? "The gap narrowed by \(-points) \(unit)" : "The gap widened by \(points) \(unit)"
    }
}
