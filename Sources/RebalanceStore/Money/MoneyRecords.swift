import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// An organisation holding a partnership's money, for a period (several may at once).
public final class PartnershipLTORecord: Model, @unchecked Sendable {
    public static let schema = "partnership_ltos"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "organisation_id") public var organisation: OrganisationRecord
    @Field(key: "starts_on") public var startsOnRaw: String
    @OptionalField(key: "ends_on") public var endsOnRaw: String?
    /// The decision-log entry that chose it, when there is one.
    @OptionalField(key: "decision_id") public var decisionID: UUID?

    public init() {}
}

extension PartnershipLTORecord: Audited {
    public static let auditType = "partnership_lto"
    public var auditLabel: String { "LTO" }
    public var auditFields: [String: String] {
        ["organisation_id": $organisation.id.uuidString, "starts_on": startsOnRaw, "ends_on": endsOnRaw ?? "",
         "decision_id": decisionID?.uuidString ?? ""]
    }
}

/// One numbered version of a partnership's plan. The partnership signs off a version, the funder
/// accepts it; the plan in force is the newest version accepted.
public final class PlanVersionRecord: Model, @unchecked Sendable {
    public static let schema = "plan_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "number") public var number: Int
    @Field(key: "content") public var contentJSON: String
    @Field(key: "change_summary") public var changeSummary: String
    @Field(key: "drafted_by_name") public var draftedByName: String
    @Field(key: "drafted_on") public var draftedOnRaw: String
    @OptionalField(key: "signed_off_by_name") public var signedOffByName: String?
    @OptionalField(key: "signed_off_on") public var signedOffOnRaw: String?
    @OptionalField(key: "accepted_by_name") public var acceptedByName: String?
    @OptionalField(key: "accepted_on") public var acceptedOnRaw: String?
    @Field(key: "version") public var version: Int

    public init() {}

    public var content: PlanContent? { try? JSONDecoder().decode(PlanContent.self, from: Data(contentJSON.utf8)) }
    public var isAccepted: Bool { acceptedOnRaw != nil }
    public var isSignedOff: Bool { signedOffOnRaw != nil }
}

extension PlanVersionRecord: Audited {
    public static let auditType = "plan_version"
    public var auditLabel: String { "Plan version \(number)" }
    public var auditFields: [String: String] {
        ["number": String(number), "change_summary": changeSummary, "content": contentJSON,
         "signed_off_by": signedOffByName ?? "", "signed_off_on": signedOffOnRaw ?? "",
         "accepted_by": acceptedByName ?? "", "accepted_on": acceptedOnRaw ?? ""]
    }
}

/// An annual review of the plan, which produced the plan version it names.
public final class PlanReviewRecord: Model, @unchecked Sendable {
    public static let schema = "plan_reviews"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "year") public var year: Int
    @Field(key: "review") public var reviewJSON: String
    @Field(key: "plan_number") public var planNumber: Int
    @Field(key: "written_by_name") public var writtenByName: String
    @Field(key: "written_on") public var writtenOnRaw: String

    public init() {}

    public var review: PlanReview? { try? JSONDecoder().decode(PlanReview.self, from: Data(reviewJSON.utf8)) }
}

extension PlanReviewRecord: Audited {
    public static let auditType = "plan_review"
    public var auditLabel: String { "Plan review \(year)" }
    public var auditFields: [String: String] { ["year": String(year), "review": reviewJSON, "plan_number": String(planNumber)] }
}

/// The funder's award to a partnership.
public final class FundingOfferRecord: Model, @unchecked Sendable {
    public static let schema = "funding_offers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "funder_id") public var funder: OrganisationRecord
    @Field(key: "award") public var awardPence: Int64
    @Field(key: "offered_on") public var offeredOnRaw: String
    @Field(key: "version") public var version: Int

    public init() {}

    public var award: Pence { Pence(awardPence) }
}

extension FundingOfferRecord: Audited {
    public static let auditType = "funding_offer"
    public var auditLabel: String { "Funding offer" }
    public var auditFields: [String: String] {
        ["funder_id": $funder.id.uuidString, "award": award.decimal, "offered_on": offeredOnRaw]
    }
}

/// One payment of the offer's schedule.
public final class TrancheRecord: Model, @unchecked Sendable {
    public static let schema = "tranches"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "offer_id") public var offer: FundingOfferRecord
    @Field(key: "partnership_id") public var partnershipID: UUID
    @Field(key: "lto_id") public var ltoID: UUID
    @Field(key: "due") public var dueRaw: String
    @Field(key: "amount") public var amountPence: Int64
    @Field(key: "state") public var stateRaw: String
    @OptionalField(key: "received_on") public var receivedOnRaw: String?
    /// The ledger line that recorded its arrival.
    @OptionalField(key: "ledger_entry_id") public var ledgerEntryID: UUID?
    @Field(key: "version") public var version: Int

    public init() {}

    public var tranche: Tranche {
        Tranche(id: id ?? UUID(), due: Day(dueRaw) ?? Day(year: 2000, month: 1, day: 1)!, amount: Pence(amountPence), ltoID: ltoID,
                state: Tranche.State(rawValue: stateRaw) ?? .expected, receivedOn: receivedOnRaw.flatMap(Day.init))
    }
}

extension TrancheRecord: Audited {
    public static let auditType = "tranche"
    public var auditLabel: String { "Tranche due \(dueRaw)" }
    public var auditFields: [String: String] {
        ["due": dueRaw, "amount": Pence(amountPence).decimal, "lto_id": ltoID.uuidString, "state": stateRaw, "received_on": receivedOnRaw ?? ""]
    }
}

/// A posted ledger line. Never updated or deleted: see `LedgerEntry`.
public final class LedgerEntryRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "lto_id") public var ltoID: UUID
    @Field(key: "kind") public var kindRaw: String
    @Field(key: "amount") public var amountPence: Int64
    @Field(key: "on") public var onRaw: String
    @OptionalField(key: "priority") public var priority: String?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @OptionalField(key: "commitment_id") public var commitmentID: UUID?
    @OptionalField(key: "payee") public var payee: String?
    @OptionalField(key: "reference") public var reference: String?
    @Field(key: "description") public var details: String
    @OptionalField(key: "reverses_id") public var reversesID: UUID?
    @Field(key: "posted_by_name") public var postedByName: String
    @Field(key: "posted_at") public var postedAt: Date

    public init() {}

    public convenience init(_ e: LedgerEntry, partnershipID: UUID, by name: String, at: Date) {
        self.init()
        id = e.id
        $partnership.id = partnershipID
        ltoID = e.ltoID
        kindRaw = e.kind.rawValue
        amountPence = e.amount.value
        onRaw = e.on.description
        priority = e.priority
        projectID = e.projectID
        commitmentID = e.commitmentID
        payee = e.payee
        reference = e.reference
        details = e.description
        reversesID = e.reverses
        postedByName = name
        postedAt = at
    }

    public var entry: LedgerEntry {
        LedgerEntry(id: id ?? UUID(), ltoID: ltoID, kind: LedgerEntryKind(rawValue: kindRaw) ?? .paid, amount: Pence(amountPence),
                    on: Day(onRaw) ?? Day(year: 2000, month: 1, day: 1)!, priority: priority, projectID: projectID,
                    commitmentID: commitmentID, payee: payee, reference: reference, description: details, reverses: reversesID)
    }
}

extension LedgerEntryRecord: Audited {
    public static let auditType = "ledger_entry"
    public var auditLabel: String { "\(LedgerEntryKind(rawValue: kindRaw)?.label ?? kindRaw) \(Pence(amountPence))" }
    public var auditFields: [String: String] {
        ["lto_id": ltoID.uuidString, "kind": kindRaw, "amount": Pence(amountPence).decimal, "on": onRaw, "priority": priority ?? "",
         "payee": payee ?? "", "reference": reference ?? "", "description": details, "reverses_id": reversesID?.uuidString ?? ""]
    }
}

struct CreateMoney: AsyncMigration {
    var name: String { "2026-12-05-create-money" }

    func prepare(on db: any Database) async throws {
        try await db.schema(PartnershipLTORecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .cascade))
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("decision_id", .uuid)
            .create()
        try await db.schema(PlanVersionRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("change_summary", .string, .required)
            .field("drafted_by_name", .string, .required)
            .field("drafted_on", .string, .required)
            .field("signed_off_by_name", .string)
            .field("signed_off_on", .string)
            .field("accepted_by_name", .string)
            .field("accepted_on", .string)
            .field("version", .int, .required)
            .unique(on: "partnership_id", "number")
            .create()
        try await db.schema(PlanReviewRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("review", .string, .required)
            .field("plan_number", .int, .required)
            .field("written_by_name", .string, .required)
            .field("written_on", .string, .required)
            .create()
        try await db.schema(FundingOfferRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("funder_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .cascade))
            .field("award", .int64, .required)
            .field("offered_on", .string, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema(TrancheRecord.schema)
            .id()
            .field("offer_id", .uuid, .required, .references(FundingOfferRecord.schema, "id", onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("lto_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("due", .string, .required)
            .field("amount", .int64, .required)
            .field("state", .string, .required)
            .field("received_on", .string)
            .field("ledger_entry_id", .uuid)
            .field("version", .int, .required)
            .create()
        try await db.schema(LedgerEntryRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("lto_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("on", .string, .required)
            .field("priority", .string)
            .field("project_id", .uuid)
            .field("commitment_id", .uuid)
            .field("payee", .string)
            .field("reference", .string)
            .field("description", .string, .required)
            .field("reverses_id", .uuid)
            .field("posted_by_name", .string, .required)
            .field("posted_at", .datetime, .required)
            .unique(on: "lto_id", "reference")
            .create()
        for (index, table, columns) in [
            ("partnership_ltos_partnership", PartnershipLTORecord.schema, "partnership_id"),
            ("partnership_ltos_organisation", PartnershipLTORecord.schema, "organisation_id"),
            ("partnership_ltos_decision", PartnershipLTORecord.schema, "decision_id"),
            ("plan_reviews_partnership", PlanReviewRecord.schema, "partnership_id"),
            ("funding_offers_partnership", FundingOfferRecord.schema, "partnership_id"),
            ("funding_offers_funder", FundingOfferRecord.schema, "funder_id"),
            ("tranches_offer", TrancheRecord.schema, "offer_id"),
            ("tranches_partnership", TrancheRecord.schema, "partnership_id"),
            ("tranches_lto", TrancheRecord.schema, "lto_id"),
            ("tranches_ledger_entry", TrancheRecord.schema, "ledger_entry_id"),
            ("ledger_entries_partnership", LedgerEntryRecord.schema, "partnership_id, \"on\""),
            ("ledger_entries_lto", LedgerEntryRecord.schema, "lto_id"),
            ("ledger_entries_project", LedgerEntryRecord.schema, "project_id"),
            ("ledger_entries_commitment", LedgerEntryRecord.schema, "commitment_id"),
            ("ledger_entries_reverses", LedgerEntryRecord.schema, "reverses_id"),
        ] {
            try await db.sql.raw("CREATE INDEX \(unsafeRaw: index) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on db: any Database) async throws {
        for schema in [LedgerEntryRecord.schema, TrancheRecord.schema, FundingOfferRecord.schema, PlanReviewRecord.schema,
                       PlanVersionRecord.schema, PartnershipLTORecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
