import FluentKit
import Foundation

/// One e-mail waiting to go, going, or gone. Features queue messages inside the same transaction
/// as the change they report, so a message exists exactly when the change does.
public final class OutboxMessageRecord: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    public enum Status: String, Sendable, CaseIterable {
        case queued, sending, sent, failed
        /// The recipient asked for no e-mail.
        case skipped
    }

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "partnership_id") public var partnershipID: UUID?
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "kind") public var kind: String
    /// Two messages with the same key are one message: queueing it again does nothing.
    @OptionalField(key: "dedupe_key") public var dedupeKey: String?
    @Field(key: "status") public var statusRaw: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    /// While a worker holds the message; after it passes, another worker may take it over.
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    /// Changed by every claim, so that two workers taking over the same abandoned message cannot both win.
    @OptionalField(key: "claim_token") public var claimToken: UUID?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "message_id") public var messageID: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

    public var status: Status { Status(rawValue: statusRaw) ?? .queued }
}

extension OutboxMessageRecord: Audited {
    public static let auditType = "outbox_message"
    public var auditLabel: String { subject }
    public var auditFields: [String: String] { ["to": email, "kind": kind, "status": statusRaw, "attempts": String(attempts)] }
}

struct CreateOutbox: AsyncMigration {
    var name: String { "2026-11-20-create-outbox" }

    func prepare(on db: any Database) async throws {
        try await db.schema(OutboxMessageRecord.schema)
            .id()
            .field("partnership_id", .uuid)
            .field("person_id", .uuid)
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("dedupe_key", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("claim_token", .uuid)
            .field("last_error", .string)
            .field("message_id", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        try await db.sql.raw("CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OutboxMessageRecord.schema).delete()
    }
}

struct AddEmailOptOut: AsyncMigration {
    var name: String { "2026-11-20-add-email-opt-out" }

    func prepare(on db: any Database) async throws {
        try await db.schema(PersonRecord.schema).field("email_opt_out", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(PersonRecord.schema).deleteField("email_opt_out").update()
    }
}
