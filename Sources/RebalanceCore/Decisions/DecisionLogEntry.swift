import Foundation

/// How a decision-log entry ended, for the tag beside it.
public enum DecisionLogResult: String, Codable, Sendable, CaseIterable {
    case passed
    case notPassed = "not_passed"
    case blocked
    case noQuorum = "no_quorum"
    case withdrawn
    /// A poll with a clear leader.
    case chosen
    /// A poll that ended level at the top.
    case tied
    /// A poll no one answered.
    case noResult = "no_result"

    public var label: String {
        switch self {
        case .passed: return "Passed"
        case .notPassed: return "Not passed"
        case .blocked: return "Blocked"
        case .noQuorum: return "No quorum"
        case .withdrawn: return "Withdrawn"
        case .chosen: return "Chosen"
        case .tied: return "Tied"
        case .noResult: return "No result"
        }
    }

    /// Whether the outcome is something the partnership decided, which other records can rest on.
    public var carries: Bool { self == .passed || self == .chosen }
}

/// One line of a partnership's decision log: a closed proposal or poll, what it decided, why,
/// and the proposer's outcome statement. Built only from final outcomes, and self-contained, so
/// the log never has to recount anything and later membership changes cannot alter it.
public struct DecisionLogEntry: Hashable, Sendable, Codable {
    public enum Source: String, Codable, Sendable {
        case proposal
        case poll
    }

    public let source: Source
    /// The proposal's or poll's id.
    public let subjectID: UUID
    public let title: String
    /// "Consensus", "Majority vote", "Ranked choice poll"...
    public let method: String
    public let result: DecisionLogResult
    /// "Passed", or for a poll the leading option ("Chosen: Community garden").
    public let headline: String
    public let explanation: String
    public let decidedAt: Date
    /// What the proposer says was decided and what happens next; nil until written.
    public let statement: String?
    /// For proposals: the counts at the close. Nil for polls (see the poll's result).
    public let counts: DecisionCounts?
    /// The proposal this one revised, so the log can link a blocked proposal to its successor.
    public let revisionOf: UUID?

    public static let statementMaxLength = 4000

    /// An entry for a proposal; nil while its outcome is still open.
    public init?(proposal: Proposal, outcome: DecisionOutcome, statement: String? = nil) {
        guard outcome.kind.isFinal, let decidedAt = outcome.decidedAt else { return nil }
        source = .proposal
        subjectID = proposal.id
        title = proposal.title
        method = proposal.process.label
        result = switch outcome.kind {
        case .passed: .passed
        case .notPassed, .open: .notPassed
        case .blocked: .blocked
        case .noQuorum: .noQuorum
        case .withdrawn: .withdrawn
        }
        headline = outcome.kind.label
        explanation = outcome.explanation
        self.decidedAt = decidedAt
        self.statement = statement
        counts = outcome.counts
        revisionOf = proposal.revisionOf
    }

    /// An entry for a poll; nil while it is open.
    public init?(poll: Poll, totals: PollTotals, statement: String? = nil) {
        guard let closedAt = totals.closedAt else { return nil }
        source = .poll
        subjectID = poll.id
        title = poll.title
        method = "\(poll.kind.label) poll"
        let leaders = totals.tally.leaders.map(poll.label)
        switch leaders.count {
        case 0:
            result = .noResult
            headline = "No result"
        case 1:
            result = .chosen
            headline = "Chosen: \(leaders[0])"
        default:
            result = .tied
            headline = "Tied: \(DecisionWording.andList(leaders))"
        }
        explanation = totals.explanation
        decidedAt = closedAt
        self.statement = statement
        counts = nil
        revisionOf = nil
    }

    /// Checks the proposer's outcome statement (field `statement`) and returns it trimmed.
    public static func validateStatement(_ raw: String?) throws -> String {
        var errors = FieldErrorList()
        let text = TextRules.required(raw, field: "statement", label: "the outcome statement", max: statementMaxLength, into: &errors)
        try errors.throwIfAny()
        return text
    }
}
