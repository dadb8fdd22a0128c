import FluentKit
import Foundation
import RebalanceCore

/// A news post by a partnership, in Markdown.
public final class UpdateRecord: Model, @unchecked Sendable {
    public static let schema = "updates"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @OptionalParent(key: "author_id") public var author: PersonRecord?
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

extension UpdateRecord: Audited {
    public static let auditType = "update"
    public var auditLabel: String { title }
    public var auditFields: [String: String] { ["title": title, "body": body] }
}

/// What each stakeholder has been sent by the digest pass, so nothing goes twice.
public final class DigestStateRecord: Model, @unchecked Sendable {
    public static let schema = "digest_states"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "stakeholder") public var stakeholderKey: String
    /// The level they had when this record started; a change of level restarts `since`.
    @Field(key: "level") public var level: String
    @Field(key: "since") public var sinceRaw: String
    @OptionalField(key: "last_digest_on") public var lastDigestOnRaw: String?
    /// Ids of items sent, as a JSON array.
    @Field(key: "sent_items") public var sentItemsJSON: String

    public init() {}

    var sentItems: Set<UUID> {
        get { Set((try? JSONDecoder().decode([UUID].self, from: Data(sentItemsJSON.utf8))) ?? []) }
        set { sentItemsJSON = String(decoding: (try? JSONEncoder.sorted.encode(newValue.sorted { $0.uuidString < $1.uuidString })) ?? Data("[]".utf8), as: UTF8.self) }
    }
}

struct CreateUpdates: AsyncMigration {
    var name: String { "2026-11-23-create-updates-and-digests" }

    func prepare(on db: any Database) async throws {
        try await db.schema(UpdateRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("author_id", .uuid, .references(PersonRecord.schema, "id", onDelete: .setNull))
            .field("published_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema(DigestStateRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("stakeholder", .string, .required)
            .field("level", .string, .required)
            .field("since", .string, .required)
            .field("last_digest_on", .string)
            .field("sent_items", .string, .required)
            .unique(on: "partnership_id", "stakeholder")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DigestStateRecord.schema).delete()
        try await db.schema(UpdateRecord.schema).delete()
    }
}
