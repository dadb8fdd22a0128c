import Foundation

/// The facts about one proposal or poll that decide who may manage it.
public struct DecisionScope: Sendable, Hashable {
    public var partnership: PartnershipScope
    /// Who put the proposal or poll. Nil when the URL names none: then only the chair (and
    /// administrators) pass the gate, to be told it does not exist.
    public var ownerID: UUID?
    public init(partnership: PartnershipScope, ownerID: UUID?) {
        self.partnership = partnership
        self.ownerID = ownerID
    }
}

/// Who may do what with proposals, polls and the decision log. The log itself is public
/// (principle 5: shared accountability); the proposals and polls behind it name each member's
/// position and reasons, so they are the partnership's own business.
public enum DecisionPermission: Sendable, Hashable {
    /// Proposals and polls with who took which position: members and the area's council staff.
    case view(PartnershipScope)
    /// Put a proposal or open a poll: current members.
    case propose(PartnershipScope)
    /// Take a position, declare an interest or vote: current members reach the form; whether
    /// this member may take part in this proposal (a vote, a role the rules exclude, a declared
    /// interest, the deadline) is the proposal's own rule, which says why not.
    case participate(PartnershipScope)
    /// Withdraw, close early or write the outcome statement: whoever put it, or the chair.
    case manage(DecisionScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .view(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .propose(let s), .participate(let s):
            return actor.isMember(of: s.partnershipID)
        case .manage(let s):
            if actor.holds(.chair, in: s.partnership.partnershipID) { return true }
            guard let owner = s.ownerID, let me = actor.personID else { return false }
            return owner == me && actor.isMember(of: s.partnership.partnershipID)
        }
    }
}
