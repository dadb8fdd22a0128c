import FluentKit
import SQLKit

struct CreateAuditLog: AsyncMigration {
    var name: String { "2026-11-04-create-audit-log" }

    /// SQLite's guard on the log; also put back by migrations that must lift it for a moment.
    static func createSQLiteAppendOnlyTriggers(on db: any Database) async throws {
        try await db.sql.raw("""
            CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """).run()
        try await db.sql.raw("""
            CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """).run()
    }

    func prepare(on db: any Database) async throws {
        try await db.schema(AuditEntryRecord.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("entity_label", .string, .required)
            .field("partnership_id", .uuid)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await db.sql.raw("CREATE INDEX audit_entries_partnership ON audit_entries (partnership_id, at)").run()
        try await db.sql.raw("CREATE INDEX audit_entries_entity ON audit_entries (entity_type, entity_id)").run()
        // The log is append-only in the database itself, not just in the application.
        if db.isSQLite {
            try await Self.createSQLiteAppendOnlyTriggers(on: db)
        } else {
            try await db.sql.raw("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """).run()
            try await db.sql.raw("""
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
        }
    }

    func revert(on db: any Database) async throws {
        if !db.isSQLite {
            try await db.sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries").run()
            try await db.sql.raw("DROP FUNCTION IF EXISTS audit_entries_append_only()").run()
        }
        try await db.schema(AuditEntryRecord.schema).delete()
    }
}
