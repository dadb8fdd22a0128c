import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOSSL
import SQLKit

/// Which database a deployment uses: a SQLite file by default, PostgreSQL when `DATABASE_URL`
/// names one (one deployment serving many councils).
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    /// `DATABASE_URL` wins; otherwise `rebalance.sqlite` in the working directory.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("sqlite:") {
                let path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "")
                return path == ":memory:" ? .sqliteMemory : .sqliteFile(path)
            }
            return .postgres(url)
        }
        return .sqliteFile("rebalance.sqlite")
    }

    public var isPostgres: Bool { if case .postgres = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .sqliteFile(let path): return "SQLite file \(path)"
        case .sqliteMemory: return "SQLite in memory"
        case .postgres(let url):
            // Never print a password from the URL.
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            parts.password = parts.password == nil ? nil : "***"
            return "PostgreSQL \(parts.string ?? "")"
        }
    }
}

public enum DatabaseSetup {
    public static func configure(_ databases: Databases, location: DatabaseLocation, maxConnections: Int = 8) throws {
        switch location {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url):
            let config = try postgresConfiguration(url: url)
            databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: maxConnections,
                                    sqlLogLevel: .debug), as: .psql)
        }
    }

    /// The connection settings for a `postgres://` URL, with TLS as its `sslmode` says (see `PostgresTLSMode`).
    public static func postgresConfiguration(url: String) throws -> SQLPostgresConfiguration {
        let mode = try PostgresTLSMode(url: url)
        var config = try SQLPostgresConfiguration(url: PostgresTLSMode.withoutTLSParameters(url))
        config.coreConfiguration.tls = try mode.connectionTLS(rootCertificate: PostgresTLSMode.rootCertificate(in: url))
        return config
    }

    /// Settings each SQLite file needs once: write-ahead logging lets readers and the writer
    /// work at the same time; foreign keys are already on in the driver.
    public static func prepare(_ db: any Database, location: DatabaseLocation) async throws {
        guard case .sqliteFile = location, let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA busy_timeout=5000").run()
    }
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
    var isSQLite: Bool { sql.dialect.name == "sqlite" }
}
