import FluentKit

struct CreateEnquiries: AsyncMigration {
    var name: String { "2026-11-23-create-enquiries" }

    func prepare(on db: any Database) async throws {
        try await db.schema(ResponsibilityEntryRecord.schema)
            .id()
            .field("council_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .cascade))
            .field("team_id", .uuid, .required, .references(TeamRecord.schema, "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .field("target_working_days", .int, .required)
            .field("version", .int, .required)
            .unique(on: "council_id", "topic")
            .create()
        try await db.schema(EnquiryRecord.schema)
            .id()
            .field("council_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .restrict))
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("first_team_id", .uuid, .required, .references(TeamRecord.schema, "id", onDelete: .restrict))
            .field("topic", .string, .required)
            .field("title", .string, .required)
            .field("question", .string, .required)
            .field("received_on", .string, .required)
            .field("target_working_days", .int, .required)
            .field("state", .string, .required)
            .field("closed_on", .string)
            .field("answer", .string)
            .field("answered_by", .string)
            .field("raised_by_id", .uuid)
            .field("raised_by_name", .string, .required)
            .field("last_reminded_on", .string)
            .field("version", .int, .required)
            .create()
        try await db.schema(EnquiryHandOffRecord.schema)
            .id()
            .field("enquiry_id", .uuid, .required, .references(EnquiryRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("handed_on", .string, .required)
            .field("from_team_id", .uuid, .required, .references(TeamRecord.schema, "id", onDelete: .restrict))
            .field("to_team_id", .uuid, .required, .references(TeamRecord.schema, "id", onDelete: .restrict))
            .field("reason", .string, .required)
            .field("by_name", .string, .required)
            .unique(on: "enquiry_id", "position")
            .create()
        try await db.sql.raw("CREATE INDEX enquiries_partnership ON enquiries (partnership_id, received_on)").run()
        try await db.sql.raw("CREATE INDEX enquiries_council ON enquiries (council_id, received_on)").run()
        try await db.sql.raw("CREATE INDEX enquiries_state ON enquiries (state)").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [EnquiryHandOffRecord.schema, EnquiryRecord.schema, ResponsibilityEntryRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
