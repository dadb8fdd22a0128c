import Foundation

/// Where a proposal ended up, or that it has not ended yet.
public enum DecisionOutcomeKind: String, Codable, Sendable, CaseIterable {
    case open
    case passed
    case notPassed = "not_passed"
    case blocked
    /// Too few took part to decide; also used when no one at all could take part (no eligible
    /// members, or all of them recused), with an explanation that says which.
    case noQuorum = "no_quorum"
    case withdrawn

    public var label: String {
        switch self {
        case .open: return "Open"
        case .passed: return "Passed"
        case .notPassed: return "Not passed"
        case .blocked: return "Blocked"
        case .noQuorum: return "No quorum"
        case .withdrawn: return "Withdrawn"
        }
    }

    public var isFinal: Bool { self != .open }
}

/// How many members took one position.
public struct PositionCount: Hashable, Sendable, Codable {
    public let position: ProposalPosition
    public let count: Int
}

/// The numbers behind an outcome, for the results table and the decision log. Every figure is
/// stored (none computed on reading), so a template rendering the encoded value sees them all.
public struct DecisionCounts: Hashable, Sendable, Codable {
    /// Voting members allowed to take part in the proposal's topic, recused ones included.
    public let eligible: Int
    /// Eligible members who declared an interest and stood aside.
    public let recused: Int
    /// Eligible and not recused: the base the quorum is measured against.
    public let couldTakePart: Int
    /// Members whose latest position counts.
    public let tookPart: Int
    /// Could take part but did not. Under consent their silence counts as consent.
    public let notResponded: Int
    /// Every position of the process in form order, zeros included.
    public let positions: [PositionCount]
    /// Participants the quorum asks for; nil when no quorum applies (consent, or rules
    /// without one).
    public let quorumNeeded: Int?
    /// Nil when no quorum applies.
    public let quorumMet: Bool?

    public init(eligible: Int, recused: Int, tookPart: Int, positions: [PositionCount], quorumNeeded: Int?) {
        self.eligible = eligible
        self.recused = recused
        self.couldTakePart = eligible - recused
        self.tookPart = tookPart
        self.notResponded = eligible - recused - tookPart
        self.positions = positions
        self.quorumNeeded = quorumNeeded
        self.quorumMet = quorumNeeded.map { tookPart >= $0 }
    }

    public func count(_ position: ProposalPosition) -> Int {
        positions.first { $0.position == position }?.count ?? 0
    }
}

/// The result of a proposal: what happened, the numbers, and one plain-English explanation that
/// the results page, the notification and the decision log can all show as it is.
public struct DecisionOutcome: Hashable, Sendable, Codable {
    public let kind: DecisionOutcomeKind
    public let process: DecisionProcess
    public let counts: DecisionCounts
    /// The threshold applied: the consensus agreement share or the majority share; nil for consent.
    public let threshold: DecisionThreshold?
    /// Passed, blocked...; while open, "Open until …", the numbers so far, and where it would
    /// land if it closed now.
    public let explanation: String
    /// While open: what the outcome would be if it closed now. Nil once final.
    public let ifClosedNow: DecisionOutcomeKind?
    /// When the outcome became final (the deadline, an early close, or the withdrawal); nil while open.
    public let decidedAt: Date?
}
