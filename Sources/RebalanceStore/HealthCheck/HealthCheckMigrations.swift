import FluentKit

struct CreateHealthCheck: AsyncMigration {
    var name: String { "2026-11-23-create-health-check" }

    func prepare(on db: any Database) async throws {
        try await db.schema(HealthCheckRoundRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("question_set_id", .string, .required)
            .field("question_set_version", .int, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("closed_early_on", .string)
            .field("opened_by", .string, .required)
            .create()
        try await db.schema(HealthCheckInvitationRecord.schema)
            .id()
            .field("round_id", .uuid, .required, .references(HealthCheckRoundRecord.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("answers", .string)
            .field("answered_at", .datetime)
            .unique(on: "round_id", "person_id")
            .create()
        try await db.sql.raw("CREATE INDEX health_check_rounds_partnership ON health_check_rounds (partnership_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(HealthCheckInvitationRecord.schema).delete()
        try await db.schema(HealthCheckRoundRecord.schema).delete()
    }
}

/// Answer sheets that lose their link to a person when the round closes (ADR 0020).
struct DetachHealthCheckAnswers: AsyncMigration {
    var name: String { "2026-12-03-health-check-detached-answers" }

    func prepare(on db: any Database) async throws {
        try await db.schema(HealthCheckAnswerRecord.schema)
            .id()
            .field("round_id", .uuid, .required, .references(HealthCheckRoundRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("answers", .string, .required)
            .create()
        try await db.schema(HealthCheckRoundRecord.schema).field("answers_detached_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(HealthCheckRoundRecord.schema).deleteField("answers_detached_at").update()
        try await db.schema(HealthCheckAnswerRecord.schema).delete()
    }
}
