import FluentKit

/// Issue 14, item 7: a pending change of address, waiting for its confirmation link, and
/// accounts an administrator has disabled.
struct AddAccountAdministration: AsyncMigration {
    var name: String { "2026-12-05-account-administration" }

    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await db.schema(PersonRecord.schema).field("pending_email", .string).update()
        try await db.schema(PersonRecord.schema).field("disabled_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(PersonRecord.schema).deleteField("disabled_at").update()
        try await db.schema(PersonRecord.schema).deleteField("pending_email").update()
    }
}
