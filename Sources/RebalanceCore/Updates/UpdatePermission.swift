import Foundation

/// Partnership news: any member or council contact of the area may post, since regular honest
/// news from both sides is the point; posts are public.
public enum UpdatePermission: Sendable, Hashable {
    case publish(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .publish(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
