import FluentKit
import Foundation
import RebalanceCore

/// A handover note: who left, who took over, and the four sections the successor reads first.
public final class HandoverRecord: Model, @unchecked Sendable {
    public static let schema = "handovers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "leaver_id") public var leaver: PersonRecord
    @Parent(key: "successor_id") public var successor: PersonRecord
    @Field(key: "role") public var roleRaw: String
    @Field(key: "open_commitments") public var openCommitments: String
    @Field(key: "key_contacts") public var keyContacts: String
    @Field(key: "history") public var history: String
    @Field(key: "pending") public var pending: String
    @Field(key: "last_day") public var lastDayRaw: String
    @Field(key: "commitments_moved") public var commitmentsMoved: Int
    @Field(key: "written_at") public var writtenAt: Date
    @Field(key: "written_by") public var writtenBy: String
    /// When the successor first opened it; until then it is the first page they see.
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    public var role: MembershipRole { MembershipRole(rawValue: roleRaw) ?? .councilOfficer }
    public var lastDay: Day { Day(lastDayRaw) ?? Day(year: 2000, month: 1, day: 1)! }
}

extension HandoverRecord: Audited {
    public static let auditType = "handover"
    public var auditLabel: String { "Handover" }
    public var auditFields: [String: String] {
        ["leaver_id": $leaver.id.uuidString, "successor_id": $successor.id.uuidString, "role": roleRaw, "last_day": lastDayRaw,
         "open_commitments": openCommitments, "key_contacts": keyContacts, "history": history, "pending": pending,
         "commitments_moved": String(commitmentsMoved)]
    }
}

struct CreateHandovers: AsyncMigration {
    var name: String { "2026-11-23-create-handovers" }

    func prepare(on db: any Database) async throws {
        try await db.schema(HandoverRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("leaver_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("successor_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("open_commitments", .string, .required)
            .field("key_contacts", .string, .required)
            .field("history", .string, .required)
            .field("pending", .string, .required)
            .field("last_day", .string, .required)
            .field("commitments_moved", .int, .required)
            .field("written_at", .datetime, .required)
            .field("written_by", .string, .required)
            .field("read_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(HandoverRecord.schema).delete()
    }
}
