/// Where a promise stands. Open states can still move; delivered, missed and withdrawn are final,
/// so a track record can never be rewritten after the fact.
public enum CommitmentState: String, CaseIterable, Codable, Sendable {
    case proposed
    case agreed
    case inProgress = "in_progress"
    case delivered
    case missed
    case withdrawn

    public var label: String {
        switch self {
        case .proposed: return "Proposed"
        case .agreed: return "Agreed"
        case .inProgress: return "In progress"
        case .delivered: return "Delivered"
        case .missed: return "Missed"
        case .withdrawn: return "Withdrawn"
        }
    }

    public var isOpen: Bool { self == .proposed || self == .agreed || self == .inProgress }

    /// The states this one may move to. A proposal must be agreed before work counts against
    /// anyone; only an agreed promise can be delivered or missed.
    public var next: [CommitmentState] {
        switch self {
        case .proposed: return [.agreed, .withdrawn]
        case .agreed: return [.inProgress, .delivered, .missed, .withdrawn]
        case .inProgress: return [.delivered, .missed, .withdrawn]
        case .delivered, .missed, .withdrawn: return []
        }
    }

    public func canMove(to target: CommitmentState) -> Bool { next.contains(target) }

    /// Whether a due date can still be renegotiated: only while the promise is open.
    public var canRenegotiate: Bool { isOpen }

    /// The tag colour pages use for this state.
    public var tagColour: String {
        switch self {
        case .proposed: return "grey"
        case .agreed, .inProgress: return "blue"
        case .delivered: return "green"
        case .missed: return "red"
        case .withdrawn: return "grey"
        }
    }
}

public enum CommitmentSize: String, CaseIterable, Codable, Sendable {
    /// The report's small deliverables that build trust before anything ambitious.
    case earlyWin = "early_win"
    case larger

    public var label: String { self == .earlyWin ? "Small (early win)" : "Larger" }
}
