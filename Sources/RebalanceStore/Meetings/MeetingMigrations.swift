import FluentKit
import SQLKit

struct CreateMeetings: AsyncMigration {
    var name: String { "2026-11-23-create-meetings" }

    func prepare(on db: any Database) async throws {
        try await db.schema(MeetingSeriesRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("location", .string)
            .field("description", .string)
            .field("schedule", .string, .required)
            .field("revision", .int, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema(MeetingRecord.schema)
            .id()
            .field("series_id", .uuid, .required, .references(MeetingSeriesRecord.schema, "id", onDelete: .cascade))
            .field("original_day", .string, .required)
            .field("decisions", .string)
            .field("went_well", .string)
            .field("went_badly", .string)
            .field("notes", .string)
            .field("minutes_published_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "series_id", "original_day")
            .create()
        try await db.schema(AgendaItemRecord.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(MeetingRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("detail", .string)
            .field("lead", .string)
            .create()
        try await db.schema(AttendanceRecord.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(MeetingRecord.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("status", .string, .required)
            .unique(on: "meeting_id", "person_id")
            .create()
        try await db.sql.raw("CREATE INDEX meeting_series_partnership ON meeting_series (partnership_id)").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [AttendanceRecord.schema, AgendaItemRecord.schema, MeetingRecord.schema, MeetingSeriesRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
