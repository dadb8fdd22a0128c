import Foundation
import SQLKit

/// Backup and restore of a SQLite file, with SQL alone (the driver does not expose SQLite's C
/// backup API): `VACUUM INTO` reads one consistent snapshot while servers keep writing (WAL), and
/// a restore replaces every table of the live file inside one write transaction.
enum SQLiteBackup {
    static func write(database path: String, to file: String) async throws {
        // Opening a missing file would create an empty database and back that up.
        guard FileManager.default.fileExists(atPath: path) else { throw BackupProblem.noBackup(path) }
        try await DirectConnection.with(.sqliteFile(path)) { sql in
            try await sql.raw("VACUUM INTO \(bind: file)").run()
        }
    }

    static func restore(from file: String, into path: String, replacingData: Bool) async throws {
        try await DirectConnection.with(.sqliteFile(path)) { sql in
            // A new file gets what the server would give it; the raw connection has foreign keys
            // off, so tables can be dropped and refilled in any order (checked before commit).
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            try await sql.raw("ATTACH DATABASE \(bind: file) AS backup").run()
            do {
                try await replace(from: file, on: sql, replacingData: replacingData)
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("DETACH DATABASE backup").run()
                throw error
            }
            try await sql.raw("DETACH DATABASE backup").run()
        }
    }

    private static func replace(from file: String, on sql: any SQLDatabase, replacingData: Bool) async throws {
        let check = try await sql.raw("PRAGMA backup.quick_check").all().map { try $0.decode(column: "quick_check", as: String.self) }
        guard check == ["ok"] else { throw BackupProblem.damaged(file, check.prefix(3).joined(separator: "; ")) }
        let backupObjects = try await objects(in: "backup", on: sql)
        guard backupObjects.contains(where: { $0.type == "table" && $0.name == "_fluent_migrations" }) else {
            throw BackupProblem.wrongKind(file, expected: "a Rebalance database")
        }
        if !replacingData, try await DatabaseContents.holdsData(on: sql) { throw BackupProblem.holdsData }
        let counterBefore = try? await ChangeCounter.value(on: sql)

        // IMMEDIATE: take the write lock now (waiting for a running server's write to finish),
        // so nothing can slip in between the drops and the copies.
        try await sql.raw("BEGIN IMMEDIATE").run()
        for object in try await objects(in: "main", on: sql) where object.type == "view" || object.type == "table" {
            // A table's indexes and triggers go with it.
            try await sql.raw("DROP \(unsafeRaw: object.type.uppercased()) main.\(ident: object.name)").run()
        }
        for table in backupObjects where table.type == "table" {
            try await sql.raw("\(unsafeRaw: table.sql)").run()
            try await sql.raw("INSERT INTO main.\(ident: table.name) SELECT * FROM backup.\(ident: table.name)").run()
        }
        if try await sql.raw("SELECT 1 AS one FROM backup.sqlite_master WHERE name = 'sqlite_sequence'").first() != nil {
            try await sql.raw("DELETE FROM main.sqlite_sequence").run()
            try await sql.raw("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence").run()
        }
        for object in backupObjects where object.type != "table" {
            try await sql.raw("\(unsafeRaw: object.sql)").run()
        }
        let broken = try await sql.raw("PRAGMA main.foreign_key_check").all()
        guard broken.isEmpty else { throw BackupProblem.damaged(file, "\(broken.count) rows refer to rows that are not there") }
        try await ChangeCounter.moveOn(past: counterBefore, on: sql)
        try await sql.raw("COMMIT").run()
    }

    struct Object { let type: String; let name: String; let sql: String }

    /// A schema's tables, indexes, triggers and views, in the order they were made (tables before
    /// the indexes on them); SQLite's own (sqlite_%) and automatic indexes (no SQL) left out.
    private static func objects(in schema: String, on sql: any SQLDatabase) async throws -> [Object] {
        try await sql.raw("""
            SELECT type, name, sql FROM \(ident: schema).sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid
            """).all().map {
            Object(type: try $0.decode(column: "type", as: String.self), name: try $0.decode(column: "name", as: String.self),
                   sql: try $0.decode(column: "sql", as: String.self))
        }
    }
}
