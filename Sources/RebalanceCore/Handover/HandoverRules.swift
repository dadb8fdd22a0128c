import Foundation

/// What must happen when someone who speaks for the council leaves a partnership. The report
/// hears again and again of council links changing without notice and work starting over; a
/// handover makes the change visible and keeps what was promised.
public enum HandoverStep: String, CaseIterable, Codable, Sendable {
    /// Tell the partnership (a staff-change item reaches every stakeholder on their cadence).
    case tellThePartnership = "tell_the_partnership"
    /// Write the handover note, with all four sections.
    case writeTheNote = "write_the_note"
    /// Name a successor from the same council.
    case nameASuccessor = "name_a_successor"
    /// Move the leaver's open commitments to the successor, history kept.
    case moveOpenCommitments = "move_open_commitments"

    public var label: String {
        switch self {
        case .tellThePartnership: return "Tell the partnership about the change"
        case .writeTheNote: return "Write the handover note"
        case .nameASuccessor: return "Name a successor from the same council"
        case .moveOpenCommitments: return "Move open commitments to the successor"
        }
    }
}

public enum HandoverRules {
    /// Council officers and councillors hand over; other members simply leave.
    public static func isRequired(for role: MembershipRole) -> Bool { role.isCouncilSide }

    /// The steps for a leaver in this role, in order (none for roles that do not hand over).
    public static func steps(for role: MembershipRole) -> [HandoverStep] {
        isRequired(for: role) ? HandoverStep.allCases : []
    }

    /// The steps not yet done, in order. `openCommitmentsLeft` counts the leaver's commitments
    /// that are still open and still theirs.
    public static func outstanding(for role: MembershipRole, partnershipTold: Bool, noteWritten: Bool,
                                   successorNamed: Bool, openCommitmentsLeft: Int) -> [HandoverStep] {
        steps(for: role).filter { step in
            switch step {
            case .tellThePartnership: return !partnershipTold
            case .writeTheNote: return !noteWritten
            case .nameASuccessor: return !successorNamed
            case .moveOpenCommitments: return openCommitmentsLeft > 0
            }
        }
    }
}
