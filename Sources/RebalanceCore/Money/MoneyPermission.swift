import Foundation

/// The facts about a partnership's money that decide who may do what with it.
public struct MoneyScope: Sendable, Hashable {
    public var partnership: PartnershipScope
    /// Organisations holding the partnership's money now.
    public var ltoIDs: Set<UUID>
    /// Organisations funding it.
    public var funderIDs: Set<UUID>

    public init(partnership: PartnershipScope, ltoIDs: Set<UUID>, funderIDs: Set<UUID>) {
        self.partnership = partnership; self.ltoIDs = ltoIDs; self.funderIDs = funderIDs
    }
}

/// The plan and the money. The public sees spend by priority and year; the ledger's lines are
/// for the partnership's members, its LTOs and its funder. An LTO's finance staff record the
/// money; the partnership writes the plan and its chair signs it off; the funder accepts it and
/// keeps the award and its payment schedule.
public enum MoneyPermission: Sendable, Hashable {
    case viewDetail(MoneyScope)
    case record(MoneyScope)
    case draftPlan(MoneyScope)
    case signOffPlan(MoneyScope)
    /// Recording which organisations hold the money, on the partnership's own decision.
    case chooseLTO(MoneyScope)
    case acceptPlan(MoneyScope)
    case manageFunding(MoneyScope)
    /// A funder's table across every area it funds: its own staff.
    case viewFunderTable(funderID: UUID)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .viewDetail(let s):
            return actor.isMember(of: s.partnership.partnershipID) || !actor.staffOf.isDisjoint(with: s.ltoIDs.union(s.funderIDs))
        case .record(let s):
            return !actor.staffOf.isDisjoint(with: s.ltoIDs)
        case .draftPlan(let s):
            return actor.isMember(of: s.partnership.partnershipID)
        case .signOffPlan(let s), .chooseLTO(let s):
            return actor.holds(.chair, in: s.partnership.partnershipID)
        case .acceptPlan(let s), .manageFunding(let s):
            return !actor.staffOf.isDisjoint(with: s.funderIDs)
        case .viewFunderTable(let funder):
            return actor.staffOf.contains(funder)
        }
    }
}
