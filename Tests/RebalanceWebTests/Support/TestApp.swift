import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Vapor
import VaporTesting

/// Starts the real application on a fresh database for each test: in-memory SQLite by default,
/// or a PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set.
enum TestApp {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }

    static var onPostgres: Bool { postgresURL != nil }

    /// Runs `body` with a configured application; the demo data is loaded unless `demo` is false.
    static func run(demo: Bool = true, settings adjust: (inout WebSettings) -> Void = { _ in },
                    _ body: (Application) async throws -> Void) async throws {
        let database = try await TestDatabases.fresh(demo: demo)
        let app = try await make(database.location, adjust: adjust)
        do {
            if demo, !database.location.isPostgres { _ = try await RebalanceApp.loadDemo(app) }
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            try? await database.drop()
            throw error
        }
        try await app.asyncShutdown()
        try await database.drop()
    }

    static func make(_ location: DatabaseLocation, adjust: (inout WebSettings) -> Void = { _ in }) async throws -> Application {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        var settings = WebSettings(database: location, bcryptCost: 4, maxConnections: 2)
        settings.migrateOnStart = true
        // Tests change the database directly between requests; SignedInCacheTests turn it on.
        settings.signedInCacheSeconds = 0
        settings.signedInPageCacheSeconds = 0
        // Tests that send mail say where; the rest must never write files in the working directory.
        settings.mail.directory = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-mail-\(UUID().uuidString)").path
        adjust(&settings)
        do {
            try await RebalanceApp.configure(app, settings: settings)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }
}

/// One database for one test, dropped afterwards.
struct TestDatabase: Sendable {
    let location: DatabaseLocation
    let dropAction: @Sendable () async throws -> Void
    func drop() async throws { try await dropAction() }
}

enum TestDatabases {
    static func fresh(demo: Bool) async throws -> TestDatabase {
        guard let base = TestApp.postgresURL else {
            return TestDatabase(location: .sqliteMemory, dropAction: {})
        }
        let template = try await PostgresTemplates.shared.template(demo: demo, base: base)
        let name = "rb_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await Postgres.sql(base, "CREATE DATABASE \(name) TEMPLATE \(template)")
        let url = Postgres.url(base, database: String(name))
        return TestDatabase(location: .postgres(url), dropAction: {
            try await Postgres.sql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }

    /// A file-backed SQLite database or a PostgreSQL database shared by several application
    /// instances, for tests that restart the server or run two at once.
    static func shared() async throws -> TestDatabase {
        if TestApp.onPostgres { return try await fresh(demo: true) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-test-\(UUID().uuidString).sqlite").path
        return TestDatabase(location: .sqliteFile(path), dropAction: {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        })
    }
}

/// Migrated template databases (with and without the demo), made once per test process.
actor PostgresTemplates {
    static let shared = PostgresTemplates()
    private var made: [Bool: Task<String, any Error>] = [:]

    func template(demo: Bool, base: String) async throws -> String {
        if let task = made[demo] { return try await task.value }
        let task = Task<String, any Error> {
            let name = "rb_tpl_\(ProcessInfo.processInfo.processIdentifier)_\(demo ? "demo" : "bare")"
            try await Postgres.sql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try await Postgres.sql(base, "CREATE DATABASE \(name)")
            let app = try await TestApp.make(.postgres(Postgres.url(base, database: name)))
            do {
                if demo { _ = try await RebalanceApp.loadDemo(app) }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            return name
        }
        made[demo] = task
        return try await task.value
    }
}

enum Postgres {
    static func url(_ base: String, database: String) -> String {
        var parts = URLComponents(string: base)!
        parts.path = "/" + database
        return parts.string!
    }

    /// Runs one statement through psql against the server's maintenance database.
    static func sql(_ base: String, _ statement: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url(base, database: "postgres"), "-v", "ON_ERROR_STOP=1", "-q", "-c", statement]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { process.waitUntilExit(); c.resume() }
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw PostgresSetupError(statement: statement, message: message)
        }
    }
}

struct PostgresSetupError: Error, CustomStringConvertible {
    let statement: String
    let message: String
    var description: String { "psql failed on \(statement): \(message)" }
}
