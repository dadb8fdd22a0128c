import Foundation
import SQLKit

/// Backup and restore of a PostgreSQL database with its own tools: `pg_dump` in the custom
/// format (one consistent snapshot, taken while servers keep writing) and `pg_restore` in a
/// single transaction, dropping what the archive recreates.
enum PostgresBackup {
    static func write(url: String, to file: String) async throws {
        let (target, password) = try connectionTarget(url)
        try await run("pg_dump", ["--format=custom", "--file=\(file)", "--dbname=\(target)"], password: password)
    }

    static func restore(from file: String, into url: String, replacingData: Bool) async throws {
        let (target, password) = try connectionTarget(url)
        // Read the archive's table of contents first: a damaged file is refused before anything is touched.
        try await run("pg_restore", ["--list", file], password: nil)
        let counterBefore = try await DirectConnection.with(.postgres(url)) { sql -> Int64? in
            if !replacingData, try await DatabaseContents.holdsData(on: sql) { throw BackupProblem.holdsData }
            return try? await ChangeCounter.value(on: sql)
        }
        // Owners and grants are left out: the account restoring owns what it restores.
        try await run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                                     "--no-owner", "--no-privileges", "--dbname=\(target)", file], password: password)
        try await DirectConnection.with(.postgres(url)) { sql in
            try await ChangeCounter.moveOn(past: counterBefore, on: sql)
        }
    }

    /// The URL for libpq, which reads `sslmode` and `sslrootcert` just as we do, without its
    /// password: that goes in PGPASSWORD, so it never shows in a process list.
    static func connectionTarget(_ url: String) throws -> (String, String?) {
        guard var parts = URLComponents(string: url) else { return (url, nil) }
        let password = parts.password?.removingPercentEncoding
        parts.password = nil
        // libpq spells the scheme postgresql:// or postgres://, both accepted.
        return (parts.string ?? url, password)
    }

    /// Runs a PostgreSQL client tool, failing with what it printed when it fails.
    static func run(_ tool: String, _ arguments: [String], password: String?) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(tool))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Read while it runs, so a chatty tool never blocks on a full pipe.
        let output = await Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
        await Task.detached { process.waitUntilExit() }.value
        guard process.terminationStatus == 0 else {
            throw BackupProblem.toolFailed(tool, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// On PATH, else the newest under /usr/lib/postgresql/*/bin (Debian keeps them there): a newer
    /// pg_dump reads older servers, never the reverse.
    static func locate(_ tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedDescending }) {
            let candidate = "\(root)/\(version)/bin/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BackupProblem.toolMissing(tool)
    }
}
