import FluentKit
import RebalanceCore

struct CreateOrganisations: AsyncMigration {
    var name: String { "2026-11-02-create-organisations" }

    func prepare(on db: any Database) async throws {
        try await db.schema(OrganisationRecord.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("identifier", .string)
            .field("description", .string)
            .field("website", .string)
            .field("version", .int, .required)
            .unique(on: "slug")
            .create()
        try await db.schema(TeamRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("remit", .string)
            .field("version", .int, .required)
            .unique(on: "organisation_id", "slug")
            .create()
        try await db.schema(StaffRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id", onDelete: .cascade))
            .field("team_id", .uuid, .references(TeamRecord.schema, "id", onDelete: .setNull))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("job_title", .string, .required)
            .unique(on: "organisation_id", "person_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [StaffRecord.schema, TeamRecord.schema, OrganisationRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}

/// Splits organisation administrators from other staff. Everyone already listed as staff could
/// edit their organisation before this, so they keep that right; administrators can then narrow it.
struct AddStaffAdministrators: AsyncMigration {
    var name: String { "2026-12-05-add-staff-administrators" }

    func prepare(on db: any Database) async throws {
        try await db.schema(StaffRecord.schema).field("is_administrator", .bool, .required, .sql(.default(false))).update()
        try await StaffRecord.query(on: db).set(\.$isAdministrator, to: true).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(StaffRecord.schema).deleteField("is_administrator").update()
    }
}

/// An organisation of another kind (a charity, a council) can also hold partnerships' money;
/// every LTO already does.
struct AddOrganisationHoldsMoney: AsyncMigration {
    var name: String { "2026-12-05-add-organisation-holds-money" }

    func prepare(on db: any Database) async throws {
        try await db.schema(OrganisationRecord.schema).field("holds_money", .bool, .required, .sql(.default(false))).update()
        try await OrganisationRecord.query(on: db).filter(\.$kindRaw == OrganisationKind.lto.rawValue).set(\.$holdsMoney, to: true).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OrganisationRecord.schema).deleteField("holds_money").update()
    }
}
