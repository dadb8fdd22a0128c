import Foundation
import RebalanceStore
import SQLKit
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// `rebalance backup` and `rebalance restore` on the database the tests run on (a SQLite file,
/// or PostgreSQL through pg_dump and pg_restore), compared table by table, row by row.
@Suite struct BackupTests {
    @Test func aRestoredBackupHoldsEveryTableAndRowOfTheOriginal() async throws {
        let source = try await TestDatabases.shared()
        let target = try await EmptyDatabase.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("backup").path
        do {
            let app = try await TestApp.make(source.location)
            if !source.location.isPostgres { _ = try await RebalanceApp.loadDemo(app) }
            // A session, a token, a change and its audit entry: rows in tables the demo leaves empty.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.json(.POST, "/api/v1/organisations", #"{"name": "Backup Street Allotments", "kind": "community_group"}"#)
            try await app.asyncShutdown()

            let original = try await DatabaseContents.snapshot(source.location)
            #expect(original.count >= 40)
            #expect(original.values.filter { !$0.isEmpty }.count >= 25)
            #expect(original["organisations"]?.contains { $0.contains("Backup Street Allotments") } == true)

            try await Backup.write(source.location, to: file)
            await #expect(throws: BackupProblem.fileExists(file)) { try await Backup.write(source.location, to: file) }

            // Into an empty database: exactly the same, except the counter that tells running
            // servers the data changed under them.
            try await Backup.restore(file, into: target.location)
            let restored = try await DatabaseContents.snapshot(target.location)
            #expect(Self.withoutCounter(restored) == Self.withoutCounter(original))
            #expect(restored["change_counters"] != original["change_counters"])

            // Over data: refused unless asked for, then back to the backup's state.
            let again = try await TestApp.make(source.location)
            try await TestClient(again).signIn(Demo.member)
            try await again.asyncShutdown()
            let changed = try await DatabaseContents.snapshot(source.location)
            #expect(Self.withoutCounter(changed) != Self.withoutCounter(original))
            await #expect(throws: BackupProblem.holdsData) { try await Backup.restore(file, into: source.location) }
            try await Backup.restore(file, into: source.location, replacingData: true)
            #expect(Self.withoutCounter(try await DatabaseContents.snapshot(source.location)) == Self.withoutCounter(original))

            // A damaged backup is refused and leaves the database as it was.
            let damaged = folder.appendingPathComponent("damaged").path
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: damaged))
            await #expect(throws: (any Error).self) { try await Backup.restore(damaged, into: source.location, replacingData: true) }
            #expect(Self.withoutCounter(try await DatabaseContents.snapshot(source.location)) == Self.withoutCounter(original))

            // And the restored database serves.
            let served = try await TestApp.make(target.location)
            let visitor = TestClient(served)
            try await visitor.signIn(Demo.chair)
            #expect(try await visitor.get("/organisations").text.contains("Backup Street Allotments"))
            try await served.asyncShutdown()
        } catch {
            Issue.record(error)
        }
        try? FileManager.default.removeItem(at: folder)
        try await source.drop()
        try await target.drop()
    }

    /// What makes a 2xx answer mean "on disk" for SQLite (ADR 0032): the write-ahead log, and
    /// SQLite's default synchronous=FULL, which syncs the log at every commit.
    @Test func sqliteCommitsReachTheLogBeforeTheAnswer() async throws {
        guard !TestApp.onPostgres else { return }
        let database = try await TestDatabases.shared()
        let app = try await TestApp.make(database.location)
        do {
            let sql = try #require(app.db as? any SQLDatabase)
            for _ in 0..<4 {  // whichever pooled connection answers
                #expect(try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) == "wal")
                #expect(try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) == 2)
            }
        } catch {
            Issue.record(error)
        }
        try await app.asyncShutdown()
        try await database.drop()
    }

    static func withoutCounter(_ tables: [String: [String]]) -> [String: [String]] {
        tables.filter { $0.key != "change_counters" }
    }
}

/// A database with nothing in it, not even tables: a new SQLite file, or a new PostgreSQL database.
enum EmptyDatabase {
    static func make() async throws -> TestDatabase {
        guard let base = TestApp.postgresURL else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-empty-\(UUID().uuidString).sqlite").path
            return TestDatabase(location: .sqliteFile(path), dropAction: {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        }
        let name = "rb_e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await Postgres.sql(base, "CREATE DATABASE \(name)")
        return TestDatabase(location: .postgres(Postgres.url(base, database: String(name))), dropAction: {
            try await Postgres.sql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }
}
