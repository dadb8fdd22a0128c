import FluentKit
import Foundation
import RebalanceCore

/// A partnership's money as the pages need it, read in a fixed number of indexed queries.
public struct MoneyPicture: Sendable {
    /// Every version of the plan, newest first; `plan` is the one in force.
    public var versions: [PlanVersionRecord]
    public var plan: PlanVersionRecord?
    public var content: PlanContent?
    public var offer: FundingOfferRecord?
    public var tranches: [TrancheRecord]
    public var ledger: Ledger
    public var records: [LedgerEntryRecord]
    /// The partnership's LTOs now, by id, with their names.
    public var ltos: [UUID: String]
    /// Every organisation that has held its money, former ones too, for naming old ledger lines.
    public var ltoNames: [UUID: String]
    public var funderIDs: Set<UUID>

    public func spend(today: Day) -> SpendAgainstPlan? {
        guard let content else { return nil }
        return SpendAgainstPlan(plan: content, award: offer?.award ?? FundingRules.usualAward, ledger: ledger, today: today)
    }

    public func context(projects: Set<UUID> = [], commitments: Set<UUID> = []) -> LedgerContext? {
        guard let content else { return nil }
        return LedgerContext(programme: content.programme, priorities: content.titles, ltos: Set(ltos.keys), projects: projects,
                             commitments: commitments, ledger: ledger)
    }
}

public enum MoneyQueries {
    public static func picture(of partnership: PartnershipRecord, today: Day = .today(), on db: any Database) async throws -> MoneyPicture {
        let id = try partnership.requireID()
        let versions = try await PlanVersionRecord.query(on: db).filter(\.$partnership.$id == id).sort(\.$number, .descending).all()
        // The plan in force is the newest the funder accepted; before any, the newest draft.
        let plan = versions.first(where: \.isAccepted) ?? versions.first
        let offer = try await FundingOfferRecord.query(on: db).filter(\.$partnership.$id == id).first()
        let tranches = offer == nil ? [] : try await TrancheRecord.query(on: db).filter(\.$partnershipID == id).sort(\.$dueRaw).all()
        let records = try await LedgerEntryRecord.query(on: db).filter(\.$partnership.$id == id).sort(\.$onRaw).sort(\.$postedAt).all()
        let (ltos, names) = try await holders(of: partnership, today: today, on: db)
        return MoneyPicture(versions: versions, plan: plan, content: plan?.content, offer: offer, tranches: tranches, ledger: Ledger(records.map(\.entry)),
                            records: records, ltos: ltos, ltoNames: names, funderIDs: offer.map { [$0.$funder.id] } ?? [])
    }

    /// The partnership's LTOs on a day: the one named on the partnership and any others recorded
    /// for that day; and the names of every organisation that ever held its money.
    public static func holders(of partnership: PartnershipRecord, today: Day,
                               on db: any Database) async throws -> (current: [UUID: String], everyone: [UUID: String]) {
        var current: [UUID: String] = [:], everyone: [UUID: String] = [:]
        if let lto = partnership.$lto.id, let org = try await OrganisationRecord.find(lto, on: db) { current[lto] = org.name }
        for link in try await PartnershipLTORecord.query(on: db).filter(\.$partnership.$id == partnership.requireID()).with(\.$organisation).all() {
            everyone[link.$organisation.id] = link.organisation.name
            if link.period.isCurrent(on: today) { current[link.$organisation.id] = link.organisation.name }
        }
        return (current, everyone.merging(current) { a, _ in a })
    }

    /// The periods recorded for the partnership, oldest first, with the organisations' names.
    public static func ltoPeriods(of partnershipID: UUID, on db: any Database) async throws -> [PartnershipLTORecord] {
        try await PartnershipLTORecord.query(on: db).filter(\.$partnership.$id == partnershipID).with(\.$organisation)
            .sort(\.$startsOnRaw).all()
    }

    public static func scope(of partnership: PartnershipRecord, picture: MoneyPicture) throws -> MoneyScope {
        MoneyScope(partnership: try PartnershipQueries.scope(of: partnership), ltoIDs: Set(picture.ltos.keys), funderIDs: picture.funderIDs)
    }

    public static func versions(of partnershipID: UUID, on db: any Database) async throws -> [PlanVersionRecord] {
        try await PlanVersionRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$number, .descending).all()
    }

    public static func reviews(of partnershipID: UUID, on db: any Database) async throws -> [PlanReviewRecord] {
        try await PlanReviewRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$year, .descending).all()
    }
}
