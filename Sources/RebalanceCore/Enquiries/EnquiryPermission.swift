import Foundation

/// Who may do what with enquiries to the council and with a council's responsibility directory.
/// Reading the directory and the response statistics is public (`Permission.viewPublic`).
///
/// The gate only decides which side of the relationship someone is on. Which council team may
/// answer or hand on one particular enquiry is a rule about that enquiry (`Enquiry.answering`,
/// `Enquiry.handingOff`: only the team holding it), so staff of the wrong team get through the
/// gate and are then told, in words, whose enquiry it is.
public enum EnquiryPermission: Sendable, Hashable {
    /// A partnership's enquiries and their history: its members and staff of its councils.
    case view(PartnershipScope)
    /// Ask the council something on the partnership's behalf.
    case raise(PartnershipScope)
    /// Close an enquiry the partnership no longer needs answered.
    case withdraw(PartnershipScope)
    /// Answer or hand on an enquiry of this partnership: staff of one of its councils.
    case respond(PartnershipScope)
    /// Add or remove topics in one council's responsibility directory: its administrators.
    case manageDirectory(councilID: UUID)
    /// One council's inbox: every open enquiry to it, whoever holds it. Its own staff.
    case inbox(councilID: UUID)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .view(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .raise(let s), .withdraw(let s):
            // The partnership asks; council staff answer, so they do not also ask or withdraw
            // unless they sit on the partnership.
            return actor.isMember(of: s.partnershipID)
        case .respond(let s):
            return actor.worksForAnyOf(s.councilIDs)
        case .manageDirectory(let council):
            return actor.councilsStaffed.contains(council) && actor.administers.contains(council)
        case .inbox(let council):
            return actor.councilsStaffed.contains(council)
        }
    }
}
