import FluentKit
import Foundation
import RebalanceCore

/// One numbered version of a partnership's agreement with its council. Every version is kept;
/// a version takes effect when both the chair and the named council officer have signed it.
public final class AgreementVersionRecord: Model, @unchecked Sendable {
    public static let schema = "agreement_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "number") public var number: Int
    /// The sections as JSON (`AgreementContent`): one column, the same on SQLite and PostgreSQL.
    @Field(key: "content") public var contentJSON: String
    @Field(key: "change_summary") public var changeSummary: String
    @OptionalField(key: "drafted_by_id") public var draftedByID: UUID?
    @Field(key: "drafted_by_name") public var draftedByName: String
    @Field(key: "drafted_on") public var draftedOnRaw: String
    @Field(key: "council_officer_id") public var councilOfficerID: UUID
    @Field(key: "council_officer_name") public var councilOfficerName: String
    @OptionalField(key: "partnership_signed_by_id") public var partnershipSignedByID: UUID?
    @OptionalField(key: "partnership_signed_by_name") public var partnershipSignedByName: String?
    @OptionalField(key: "partnership_signed_on") public var partnershipSignedOnRaw: String?
    @OptionalField(key: "council_signed_by_id") public var councilSignedByID: UUID?
    @OptionalField(key: "council_signed_by_name") public var councilSignedByName: String?
    @OptionalField(key: "council_signed_on") public var councilSignedOnRaw: String?
    @Field(key: "version") public var version: Int

    public init() {}

    public var content: AgreementContent {
        get { (try? JSONDecoder().decode(AgreementContent.self, from: Data(contentJSON.utf8))) ?? .empty }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            contentJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data(), as: UTF8.self)
        }
    }

    public var draftedOn: Day { Day(draftedOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var partnershipSignedOn: Day? { partnershipSignedOnRaw.flatMap(Day.init) }
    public var councilSignedOn: Day? { councilSignedOnRaw.flatMap(Day.init) }
    /// The day the second signature made it take effect.
    public var effectiveOn: Day? {
        guard let a = partnershipSignedOn, let b = councilSignedOn else { return nil }
        return max(a, b)
    }
    public var hasAnySignature: Bool { partnershipSignedByID != nil || councilSignedByID != nil }

    public func facts(latest: Int) -> AgreementVersionFacts {
        AgreementVersionFacts(number: number, councilOfficerID: councilOfficerID, partnershipSignedBy: partnershipSignedByID,
                              councilSignedBy: councilSignedByID, latestNumber: latest)
    }
}

extension AgreementVersionRecord: Audited {
    public static let auditType = "agreement_version"
    public var auditLabel: String { "Agreement version \(number)" }
    public var auditFields: [String: String] {
        ["number": String(number), "change_summary": changeSummary, "content": contentJSON,
         "council_officer": councilOfficerName,
         "partnership_signed_by": partnershipSignedByName ?? "", "partnership_signed_on": partnershipSignedOnRaw ?? "",
         "council_signed_by": councilSignedByName ?? "", "council_signed_on": councilSignedOnRaw ?? ""]
    }
}

struct CreateAgreementVersions: AsyncMigration {
    var name: String { "2026-11-23-create-agreement-versions" }

    func prepare(on db: any Database) async throws {
        try await db.schema(AgreementVersionRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("change_summary", .string, .required)
            .field("drafted_by_id", .uuid)
            .field("drafted_by_name", .string, .required)
            .field("drafted_on", .string, .required)
            .field("council_officer_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .restrict))
            .field("council_officer_name", .string, .required)
            .field("partnership_signed_by_id", .uuid)
            .field("partnership_signed_by_name", .string)
            .field("partnership_signed_on", .string)
            .field("council_signed_by_id", .uuid)
            .field("council_signed_by_name", .string)
            .field("council_signed_on", .string)
            .field("version", .int, .required)
            .unique(on: "partnership_id", "number")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(AgreementVersionRecord.schema).delete()
    }
}
