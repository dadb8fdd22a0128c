import Foundation

/// The facts about one commitment that decide who may move it.
public struct CommitmentScope: Sendable, Hashable {
    public var partnership: PartnershipScope
    /// Nil when the commitment is unknown: then only the chair (and administrators) pass.
    public var owner: CommitmentParty?
    public init(partnership: PartnershipScope, owner: CommitmentParty?) {
        self.partnership = partnership; self.owner = owner
    }
}

public enum CommitmentPermission: Sendable, Hashable {
    /// Record a new promise: anyone on the partnership, and staff of the area's council.
    case create(PartnershipScope)
    /// Agree, start, deliver, miss, withdraw or renegotiate: the party responsible or the chair.
    case change(CommitmentScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .create(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .change(let s):
            let id = s.partnership.partnershipID
            if actor.holds(.chair, in: id) { return true }
            return s.owner?.isAnsweredFor(by: actor, partnershipID: id) ?? false
        }
    }
}
