import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import SQLKit

/// One connection of its own to the database, outside any application's pool, for work on the
/// database as a whole: backup, restore, and comparing two databases table by table. A raw SQLite
/// connection also has foreign keys off (the driver's pool turns them on), which a restore needs.
public enum DirectConnection {
    public static func with<T: Sendable>(_ location: DatabaseLocation,
                                         _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let logger = Logger(label: "rebalance.direct")
        switch location {
        case .sqliteMemory:
            throw BackupProblem.notAFile
        case .sqliteFile(let path):
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            return try await closing({ try await connection.close() }) { try await body(connection.sql()) }
        case .postgres(let url):
            let config = try DatabaseSetup.postgresConfiguration(url: url)
            let connection = try await PostgresConnection.connect(configuration: config.coreConfiguration, id: 1, logger: logger)
            return try await closing({ try await connection.close() }) { try await body(connection.sql()) }
        }
    }

    /// Runs `body`, then `close` whether it succeeded or not; a failure to close after a failure
    /// is dropped so the first error is the one reported.
    private static func closing<T>(_ close: () async throws -> Void, _ body: () async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body()
        } catch {
            try? await close()
            throw error
        }
        try await close()
        return result
    }
}

/// What a database holds, table by table: for deciding whether a restore would overwrite
/// anything, and for tests that compare a database with its restored backup.
public enum DatabaseContents {
    /// Tables that a freshly set-up, never-used database already fills: the list of migrations
    /// run, the site's random keys and setup code, and the change counter.
    static let bookkeeping: Set<String> = ["_fluent_migrations", "site_secrets", "change_counters"]

    public static func tables(on sql: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// Whether any table holds something a person made (an account, a partnership, a log entry...).
    public static func holdsData(on sql: any SQLDatabase) async throws -> Bool {
        for table in try await tables(on: sql) where !bookkeeping.contains(table) {
            if try await sql.raw("SELECT 1 AS one FROM \(ident: table) LIMIT 1").first() != nil { return true }
        }
        return false
    }

    /// Every row of `table` as one line of text, sorted, so two databases of the same kind can be
    /// compared exactly: SQLite's `quote()` of each column, PostgreSQL's text form of the row.
    public static func rows(of table: String, on sql: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString
        if sql.dialect.name == "sqlite" {
            let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
                .map { try $0.decode(column: "name", as: String.self) }
            guard !columns.isEmpty else { return [] }
            let quoted = columns.map { "quote(\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\")" }.joined(separator: " || ',' || ")
            query = "SELECT \(unsafeRaw: quoted) AS line FROM \(ident: table)"
        } else {
            query = "SELECT \(ident: table)::text AS line FROM \(ident: table)"
        }
        return try await sql.raw(query).all().map { try $0.decode(column: "line", as: String.self) }.sorted()
    }

    /// Every table with its rows.
    public static func snapshot(_ location: DatabaseLocation) async throws -> [String: [String]] {
        try await DirectConnection.with(location) { sql in
            var result: [String: [String]] = [:]
            for table in try await tables(on: sql) { result[table] = try await rows(of: table, on: sql) }
            return result
        }
    }
}
