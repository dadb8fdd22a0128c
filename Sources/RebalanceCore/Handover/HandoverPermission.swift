import Foundation

/// Who may write a handover and read it. The leaver writes it, or their manager at the council
/// when the leaver has already gone; the chair may too, so a partnership is never left waiting.
/// The note names contacts and what is pending, so it is for the partnership and its council,
/// not the public.
public enum HandoverPermission: Sendable, Hashable {
    case write(PartnershipScope, leaver: UUID)
    case read(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .write(let s, let leaver):
            return actor.personID == leaver || actor.worksForAnyOf(s.councilIDs) || actor.holds(.chair, in: s.partnershipID)
        case .read(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
