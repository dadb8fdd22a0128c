import Foundation

/// The settings that only some kinds use; the rest are ignored for other kinds.
public struct PollSettings: Hashable, Sendable, Codable {
    /// Approval, single choice, ranked choice and dot vote: whether a ballot may choose nothing
    /// ("none of these"). A blank ballot counts towards turnout and supports no option.
    /// Score and meeting-time ballots must answer every option, so they are never blank.
    public var allowsBlankBallots: Bool
    /// Approval and ranked choice: how many options a ballot may choose or rank; nil for all.
    public var maximumChoices: Int?
    /// Score: the lowest and highest score an option can be given.
    public var scoreMinimum: Int
    public var scoreMaximum: Int
    /// Dot vote: the points each voter may spread. Voters may use fewer.
    public var dotAllowance: Int

    public static let scoreLimit = 100
    public static let dotAllowanceLimit = 1000

    public init(allowsBlankBallots: Bool = false, maximumChoices: Int? = nil,
                scoreMinimum: Int = 0, scoreMaximum: Int = 5, dotAllowance: Int = 10) {
        self.allowsBlankBallots = allowsBlankBallots
        self.maximumChoices = maximumChoices
        self.scoreMinimum = scoreMinimum
        self.scoreMaximum = scoreMaximum
        self.dotAllowance = dotAllowance
    }
}

/// Who sees the totals while a poll is open. Seeing how others voted can sway a vote, so a
/// poll may keep its totals back until people have voted or until it closes.
public enum PollResultsVisibility: String, Codable, Sendable, CaseIterable {
    case always
    case afterVoting = "after_voting"
    case afterClosing = "after_closing"
}

public enum PollState: String, Codable, Sendable {
    case open
    case closed
}

/// A poll put to a partnership (or a meeting): a question, its options and how it is counted.
/// Ballots are not part of the value: the store keeps them (without the voter for anonymous
/// polls) and passes them to `result(ballots:at:)` or `anonymousResult(ballots:at:)`.
public struct Poll: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let title: String
    public let details: String?
    public let kind: PollKind
    public let options: [PollOption]
    public let settings: PollSettings
    /// Who voted how is never shown, not even to administrators; results carry totals only.
    public let isAnonymous: Bool
    public let resultsVisibility: PollResultsVisibility
    public let createdBy: UUID
    public let openedAt: Date
    public let closesAt: Date
    public private(set) var closedEarlyAt: Date?

    /// Opens a checked draft.
    public static func open(_ draft: PollDraft, id: UUID, createdBy: UUID, at now: Date) -> Poll {
        Poll(id: id, title: draft.title, details: draft.details, kind: draft.kind, options: draft.options,
             settings: draft.settings, isAnonymous: draft.isAnonymous, resultsVisibility: draft.resultsVisibility,
             createdBy: createdBy, openedAt: now, closesAt: draft.closesAt, closedEarlyAt: nil)
    }

    /// For loading a stored poll; new polls start with `open`.
    public init(id: UUID, title: String, details: String?, kind: PollKind, options: [PollOption],
                settings: PollSettings, isAnonymous: Bool, resultsVisibility: PollResultsVisibility,
                createdBy: UUID, openedAt: Date, closesAt: Date, closedEarlyAt: Date?) {
        self.id = id; self.title = title; self.details = details; self.kind = kind; self.options = options
        self.settings = settings; self.isAnonymous = isAnonymous; self.resultsVisibility = resultsVisibility
        self.createdBy = createdBy; self.openedAt = openedAt; self.closesAt = closesAt; self.closedEarlyAt = closedEarlyAt
    }

    public func state(at now: Date) -> PollState {
        closedEarlyAt != nil || now >= closesAt ? .closed : .open
    }

    /// When the poll stopped taking ballots; nil while open.
    public func closedAt(at now: Date) -> Date? {
        closedEarlyAt ?? (now >= closesAt ? closesAt : nil)
    }

    /// Nil when a ballot may be cast (or replaced) at `now`; otherwise why not.
    public func ballotRefusal(at now: Date) -> String? {
        if let closedEarlyAt { return "This poll closed at \(DecisionTime.readable(closedEarlyAt)), so votes can no longer be cast or changed" }
        if now >= closesAt { return "This poll closed at \(DecisionTime.readable(closesAt)), so votes can no longer be cast or changed" }
        if now < openedAt { return "This poll does not open until \(DecisionTime.readable(openedAt))" }
        return nil
    }

    /// Polls are not binding, so whoever runs one may close it before its closing time.
    public mutating func closeEarly(at now: Date) throws {
        if let closed = closedAt(at: now) {
            throw ValidationFailure("poll", "This poll already closed at \(DecisionTime.readable(closed))")
        }
        closedEarlyAt = max(now, openedAt)
    }

    /// Why an anonymous poll keeps its totals back, as the poll page says it.
    public static let anonymousTotalsRule = "In an anonymous poll the totals are shown only once the poll closes: "
        + "totals that moved as each person voted would let anyone who compared them before and after a vote work out how that person voted."

    /// Whether the totals may be shown to someone, given whether they have voted. An anonymous
    /// poll shows them only after it closes, whatever it was set to: live totals compared before
    /// and after someone votes would give their ballot away.
    public func mayShowResults(viewerHasVoted: Bool, at now: Date) -> Bool {
        if isAnonymous { return state(at: now) == .closed }
        switch resultsVisibility {
        case .always: return true
        case .afterVoting: return viewerHasVoted || state(at: now) == .closed
        case .afterClosing: return state(at: now) == .closed
        }
    }

    public func option(_ id: PollOptionID) -> PollOption? { options.first { $0.id == id } }

    /// Where an option sits in the poll's list; used as the last tie-break.
    func listIndex(_ id: PollOptionID) -> Int { options.firstIndex { $0.id == id } ?? Int.max }

    func label(_ id: PollOptionID) -> String { option(id)?.label ?? id.rawValue }
}
