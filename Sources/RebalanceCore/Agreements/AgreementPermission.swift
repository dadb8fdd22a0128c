public enum AgreementPermission: Sendable, Hashable {
    /// Write a new version for both sides to consider: partnership members and staff of the area's council.
    case draft(PartnershipScope)
    /// Reach the sign-off form. Who may actually sign for which side is the sign-off rule's
    /// business (`AgreementSignOff`): the chair, or the officer named on the version.
    case sign(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .draft(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .sign(let s):
            return actor.holds(.chair, in: s.partnershipID) || actor.holds(.councilOfficer, in: s.partnershipID)
                || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
