import FluentKit

struct CreateAccounts: AsyncMigration {
    var name: String { "2026-11-01-create-accounts" }

    func prepare(on db: any Database) async throws {
        try await db.schema(PersonRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_admin", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await db.schema(APITokenRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema(SignInAttemptRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.schema(WebSessionRecord.schema)
            .id()
            .field("key", .string, .required)
            .field("data", .string, .required)
            .field("person_id", .uuid)
            .field("expires_at", .datetime, .required)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
        try await db.sql.raw("CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at)").run()
        try await db.sql.raw("CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at)").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [WebSessionRecord.schema, SignInAttemptRecord.schema, APITokenRecord.schema, PersonRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
