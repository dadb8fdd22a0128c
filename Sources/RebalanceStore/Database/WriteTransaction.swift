import FluentKit
import SQLKit

extension Database {
    /// A transaction that changes data. On PostgreSQL it is an ordinary transaction. On SQLite
    /// it takes the single write lock with its first statement: a transaction that read first
    /// and tried to write later would be refused outright ("database is locked") whenever
    /// another connection committed in between, because SQLite cannot wait its way out of that
    /// case. Taking the lock up front turns the refusal into a short wait.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(body) }
        return try await transaction { tx in
            // The driver's own busy handler retries without pausing; SQLite's timeout sleeps
            // between tries, so a waiting writer leaves the processor to the one it waits for.
            // Nested calls run inside the outer transaction and repeat these two harmless steps.
            try await tx.sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(SQLiteWriteGate.busyTimeoutMilliseconds))").run()
            try await tx.sql.raw("DELETE FROM \(ident: SQLiteWriteGate.table) WHERE 0").run()
            return try await body(tx)
        }
    }
}

/// The empty table whose no-op delete claims SQLite's write lock (see `writeTransaction`).
public enum SQLiteWriteGate {
    static let table = "write_gate"
    static let busyTimeoutMilliseconds = 10_000
}

struct CreateSQLiteWriteGate: AsyncMigration {
    var name: String { "2026-12-04-sqlite-write-gate" }

    func prepare(on db: any Database) async throws {
        guard db.isSQLite else { return }
        try await db.sql.raw("CREATE TABLE \(ident: SQLiteWriteGate.table) (id INTEGER)").run()
    }

    func revert(on db: any Database) async throws {
        guard db.isSQLite else { return }
        try await db.sql.raw("DROP TABLE \(ident: SQLiteWriteGate.table)").run()
    }
}
