import FluentKit

struct CreateCommitments: AsyncMigration {
    var name: String { "2026-11-23-create-commitments" }

    func prepare(on db: any Database) async throws {
        try await db.schema(CommitmentRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string)
            .field("owner_kind", .string, .required)
            .field("owner_id", .uuid)
            .field("owner_organisation_id", .uuid)
            .field("owner_name", .string, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_id", .uuid)
            .field("recipient_name", .string, .required)
            .field("size", .string, .required)
            .field("project_id", .uuid, .references(ProjectRecord.schema, "id", onDelete: .setNull))
            .field("meeting_reference", .string)
            .field("decision_reference", .string)
            .field("state", .string, .required)
            .field("created_on", .string, .required)
            .field("original_due_on", .string, .required)
            .field("due_on", .string, .required)
            .field("delivered_on", .string)
            .field("closed_reason", .string)
            .field("renegotiations", .int, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema(CommitmentEventRecord.schema)
            .id()
            .field("commitment_id", .uuid, .required, .references(CommitmentRecord.schema, "id", onDelete: .cascade))
            .field("on_day", .string, .required)
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("from_state", .string)
            .field("to_state", .string)
            .field("from_due", .string)
            .field("to_due", .string)
            .field("reason", .string)
            .field("actor_name", .string, .required)
            .create()
        try await db.sql.raw("CREATE INDEX commitments_partnership ON commitments (partnership_id)").run()
        try await db.sql.raw("CREATE INDEX commitment_events_commitment ON commitment_events (commitment_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CommitmentEventRecord.schema).delete()
        try await db.schema(CommitmentRecord.schema).delete()
    }
}
