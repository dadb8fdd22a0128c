import Foundation

/// Who may arrange a partnership's meetings and keep their record. Meetings are where both sides
/// talk, so members and council staff of the area's councils may schedule them, add to agendas
/// and write minutes; anyone may read the schedule and published minutes.
public enum MeetingPermission: Sendable, Hashable {
    /// Schedule a series or a one-off, cancel, move or reinstate a meeting, add agenda items.
    case arrange(PartnershipScope)
    /// Write, change and publish minutes; record attendance and apologies.
    case writeMinutes(PartnershipScope)
    /// Minutes not yet published.
    case readDraftMinutes(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .arrange(let s), .writeMinutes(let s), .readDraftMinutes(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
