import Foundation

/// The communication plan is part of the agreement between the partnership and its council, so
/// either side may keep it: the chair for the partnership, staff of the area's councils for the
/// council. Everyone may read who is kept informed and how often; contact details are for
/// members and council staff only.
public enum CommunicationPlanPermission: Sendable, Hashable {
    case edit(PartnershipScope)
    case viewContactDetails(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .edit(let s):
            return actor.holds(.chair, in: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .viewContactDetails(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
