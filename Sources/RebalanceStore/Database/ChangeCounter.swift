import FluentKit
import SQLKit

/// Named counters in the database that every instance sharing it can see. A server adds one to
/// `publicPages` after each change it handles; the others notice the new value on their next
/// look and empty their page caches (ADR 0032). Only inequality matters: a restore may put back
/// an older value, and that too means "something changed".
public enum ChangeCounter {
    /// Anything a public page might show.
    public static let publicPages = "public-pages"

    /// Adds one and returns the new value, in one statement (no transaction to hold open).
    @discardableResult
    public static func bump(_ name: String = publicPages, on db: any Database) async throws -> Int64 {
        let row = try await db.sql.raw("""
            INSERT INTO change_counters (name, value) VALUES (\(bind: name), 1)
            ON CONFLICT (name) DO UPDATE SET value = change_counters.value + 1
            RETURNING value
            """).first()
        return try row?.decode(column: "value", as: Int64.self) ?? 0
    }

    /// The current value; 0 before the first change.
    public static func value(_ name: String = publicPages, on db: any Database) async throws -> Int64 {
        try await value(name, on: db.sql)
    }

    static func value(_ name: String = publicPages, on sql: any SQLDatabase) async throws -> Int64 {
        let row = try await sql.raw("SELECT value FROM change_counters WHERE name = \(bind: name)").first()
        return try row?.decode(column: "value", as: Int64.self) ?? 0
    }

    /// After a restore: a value no instance has seen, past both the one before the restore and
    /// the one restored, so every running server empties its cache. Nothing to do when the
    /// restored schema predates the counter (the next start creates it).
    static func moveOn(past before: Int64?, on sql: any SQLDatabase) async throws {
        guard let restored = try? await value(publicPages, on: sql) else { return }
        try await sql.raw("""
            INSERT INTO change_counters (name, value) VALUES (\(bind: publicPages), \(bind: max(restored, before ?? 0) + 1))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """).run()
    }
}

struct CreateChangeCounters: AsyncMigration {
    var name: String { "2026-12-10-create-change-counters" }

    func prepare(on db: any Database) async throws {
        try await db.schema("change_counters")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("change_counters").delete()
    }
}
