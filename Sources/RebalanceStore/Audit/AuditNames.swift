import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// The name shown for each person who has made a change, keyed by their id. The audit log
/// itself holds only ids and cannot be edited, so this table is the one place erasure has to
/// blank a name in the history.
public final class AuditNameRecord: Model, @unchecked Sendable {
    public static let schema = "audit_names"

    /// The person's id.
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String

    public init() {}
}

public enum AuditNames {
    public static let system = "System"
    /// For an id the names table does not know (it should not happen; kept rather than failing a page).
    public static let unknown = "Someone"

    /// Makes sure the names table knows the person, with their current name. Two changes by the
    /// same person at once both insert; the conflict clause lets the second pass.
    static func remember(_ person: UUID, name: String, on db: any Database) async throws {
        try await db.sql.raw("""
            INSERT INTO audit_names (id, name) VALUES (\(bind: person), \(bind: name))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            """).run()
    }
}

/// Moves actor names out of the append-only audit log into `audit_names`, and drops the
/// entries that said who voted in an anonymous poll and when (ADR 0020). The append-only
/// triggers are lifted only for the length of this migration and put back as they were.
struct MoveAuditActorNames: AsyncMigration {
    var name: String { "2026-12-03-audit-actor-names" }

    func prepare(on db: any Database) async throws {
        try await db.schema(AuditNameRecord.schema)
            .id()
            .field("name", .string, .required)
            .create()
        // The current name of each person who made a change; the name the log recorded for
        // anyone no longer in the people table.
        struct Row: Decodable { let actor_id: UUID; let actor_name: String }
        let rows = try await db.sql.raw("SELECT DISTINCT actor_id, actor_name FROM audit_entries WHERE actor_id IS NOT NULL")
            .all(decoding: Row.self)
        var names: [UUID: String] = [:]
        for row in rows { names[row.actor_id] = row.actor_name }
        if !names.isEmpty {
            for person in try await PersonRecord.query(on: db).filter(\.$id ~~ Array(names.keys)).all() {
                names[person.id!] = person.name
            }
        }
        for (id, name) in names {
            let r = AuditNameRecord()
            r.id = id
            r.name = name
            try await r.create(on: db)
        }
        try await withoutAppendOnlyTriggers(on: db) {
            try await db.sql.raw("DELETE FROM audit_entries WHERE entity_type = 'poll_vote'").run()
            try await db.sql.raw("ALTER TABLE audit_entries DROP COLUMN actor_name").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await withoutAppendOnlyTriggers(on: db) {
            try await db.sql.raw("ALTER TABLE audit_entries ADD COLUMN actor_name TEXT NOT NULL DEFAULT ''").run()
            try await db.sql.raw("""
                UPDATE audit_entries SET actor_name = COALESCE((SELECT name FROM audit_names WHERE audit_names.id = audit_entries.actor_id), 'System')
                """).run()
        }
        try await db.schema(AuditNameRecord.schema).delete()
    }

    private func withoutAppendOnlyTriggers(on db: any Database, _ body: () async throws -> Void) async throws {
        if db.isSQLite {
            try await db.sql.raw("DROP TRIGGER audit_entries_no_update").run()
            try await db.sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            try await body()
            try await CreateAuditLog.createSQLiteAppendOnlyTriggers(on: db)
        } else {
            try await db.sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change").run()
            try await body()
            try await db.sql.raw("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change").run()
        }
    }
}
