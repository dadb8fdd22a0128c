import FluentKit

struct CreateAreasAndPartnerships: AsyncMigration {
    var name: String { "2026-11-03-create-areas-and-partnerships" }

    func prepare(on db: any Database) async throws {
        try await db.schema(AreaRecord.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("population_estimate", .int)
            .field("version", .int, .required)
            .unique(on: "slug")
            .create()
        try await db.schema(AreaCouncilRecord.schema)
            .id()
            .field("area_id", .uuid, .required, .references(AreaRecord.schema, "id", onDelete: .cascade))
            .field("council_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .restrict))
            .unique(on: "area_id", "council_id")
            .create()
        try await db.schema(PartnershipRecord.schema)
            .id()
            .field("area_id", .uuid, .required, .references(AreaRecord.schema, "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("lto_id", .uuid, .references(OrganisationRecord.schema, "id", onDelete: .setNull))
            .field("version", .int, .required)
            .unique(on: "slug")
            .unique(on: "area_id")
            .create()
        try await db.schema(MembershipRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("votes", .bool, .required)
            .field("lives_in_area", .bool, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id", onDelete: .setNull))
            .field("version", .int, .required)
            .create()
        try await db.sql.raw("CREATE INDEX memberships_person ON memberships (person_id)").run()
        try await db.sql.raw("CREATE INDEX memberships_partnership ON memberships (partnership_id)").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [MembershipRecord.schema, PartnershipRecord.schema, AreaCouncilRecord.schema, AreaRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
