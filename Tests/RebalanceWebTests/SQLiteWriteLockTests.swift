import FluentKit
import Foundation
import NIOPosix
@testable import RebalanceStore
import SQLKit
import Testing
import Vapor

/// Issue 13, item 2: on SQLite, concurrent requests that read and then write must wait for one
/// another, never fail with "database is locked".
@Suite struct SQLiteWriteLockTests {
    /// Each transaction reads, pauses so the others commit meanwhile, then writes: the pattern
    /// SQLite refuses outright when the write lock is taken late.
    static func readPauseWrite(_ db: any Database, _ n: Int, gated: Bool) async throws {
        let body: @Sendable (any Database) async throws -> Void = { tx in
            _ = try await tx.sql.raw("SELECT count(*) AS n FROM counters").all()
            try await Task.sleep(for: .milliseconds(5))
            try await tx.sql.raw("INSERT INTO counters (n) VALUES (\(bind: n))").run()
        }
        if gated { try await db.writeTransaction(body) } else { try await db.transaction(body) }
    }

    static func run(gated: Bool) async throws -> (written: Int, failures: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("write-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        let databases = Databases(threadPool: pool, on: group)
        let location = DatabaseLocation.sqliteFile(dir.appendingPathComponent("db.sqlite").path)
        try DatabaseSetup.configure(databases, location: location)
        let logger = Logger(label: "write-lock-test")
        // One database handle per event loop: two SQLite connections, as a two-core server has.
        let handles = group.makeIterator().map { databases.database(logger: logger, on: $0)! }
        try await DatabaseSetup.prepare(handles[0], location: location)
        try await CreateSQLiteWriteGate().prepare(on: handles[0])
        try await handles[0].sql.raw("CREATE TABLE counters (n INTEGER)").run()
        let failures = await withTaskGroup(of: String?.self) { tasks in
            for n in 0..<40 {
                tasks.addTask {
                    do { try await readPauseWrite(handles[n % handles.count], n, gated: gated); return nil }
                    catch { return String(describing: error) }
                }
            }
            return await tasks.reduce(into: [String]()) { if let f = $1 { $0.append(f) } }
        }
        let written = try await handles[0].sql.raw("SELECT count(*) AS n FROM counters").first()!.decode(column: "n", as: Int.self)
        await databases.shutdownAsync()
        try await pool.shutdownGracefully()
        try await group.shutdownGracefully()
        return (written, failures)
    }

    @Test func concurrentWritersWaitForEachOther() async throws {
        let result = try await Self.run(gated: true)
        #expect(result.failures == [])
        #expect(result.written == 40)
    }

    /// The same load through a plain transaction shows the failure the gate prevents, so the
    /// test above cannot pass merely because nothing ran concurrently.
    @Test func withoutTheGateSQLiteRefusesSomeOfThem() async throws {
        let result = try await Self.run(gated: false)
        #expect(!result.failures.isEmpty)
        #expect(result.failures.allSatisfy { $0.contains("locked") || $0.contains("busy") })
    }

    /// The lock is taken only where changes go through `writeTransaction`: no source may open
    /// a plain transaction (WriteTransaction.swift itself wraps one).
    @Test func everyChangeGoesThroughWriteTransaction() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        var scanned = 0
        for case let url as URL in files where url.pathExtension == "swift" && url.lastPathComponent != "WriteTransaction.swift" {
            scanned += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            if text.range(of: #"\.transaction\s*[({]"#, options: .regularExpression) != nil { offenders.append(url.lastPathComponent) }
        }
        #expect(scanned > 100)
        #expect(offenders == [])
    }
}
