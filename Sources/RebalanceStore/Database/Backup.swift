import Foundation

/// `rebalance backup` and `rebalance restore` (ADR 0032): a consistent copy of the whole database
/// taken while servers keep running, and putting one back in a single transaction.
///
/// SQLite backups are SQLite files (`VACUUM INTO`); PostgreSQL backups are `pg_dump` archives in
/// its custom format. A backup is written under a temporary name beside the file, flushed to
/// disk, then renamed, so the file named is either the old one or a whole new backup.
public enum Backup {
    public static func write(_ location: DatabaseLocation, to file: String, overwrite: Bool = false) async throws {
        let target = URL(fileURLWithPath: file).standardizedFileURL
        if !overwrite, FileManager.default.fileExists(atPath: target.path) { throw BackupProblem.fileExists(file) }
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent("." + target.lastPathComponent + ".partial-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: partial) }
        switch location {
        case .sqliteMemory:
            throw BackupProblem.notAFile
        case .sqliteFile(let path):
            if URL(fileURLWithPath: path).standardizedFileURL == target { throw BackupProblem.sameFile(file) }
            try await SQLiteBackup.write(database: path, to: partial)
        case .postgres(let url):
            try await PostgresBackup.write(url: url, to: partial)
        }
        try Files.replace(target.path, with: partial)
    }

    /// Puts the backup in `file` into the database. Refuses a database that already holds data
    /// unless `replacingData` says that is meant; either way the database ends up exactly as the
    /// backup, or (on any error) exactly as it was. Servers may keep running: they see the
    /// restored data once it is committed, and empty their page caches.
    public static func restore(_ file: String, into location: DatabaseLocation, replacingData: Bool = false) async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw BackupProblem.noBackup(file) }
        let kind = try Files.kind(of: file)
        switch location {
        case .sqliteMemory:
            throw BackupProblem.notAFile
        case .sqliteFile(let path):
            guard kind == .sqlite else { throw BackupProblem.wrongKind(file, expected: "an SQLite file from `rebalance backup`") }
            try await SQLiteBackup.restore(from: file, into: path, replacingData: replacingData)
        case .postgres(let url):
            guard kind == .pgDump else { throw BackupProblem.wrongKind(file, expected: "a pg_dump archive from `rebalance backup`") }
            try await PostgresBackup.restore(from: file, into: url, replacingData: replacingData)
        }
    }
}

public enum BackupProblem: Error, CustomStringConvertible, Equatable {
    case fileExists(String)
    case sameFile(String)
    case notAFile
    case noBackup(String)
    case wrongKind(String, expected: String)
    case damaged(String, String)
    case holdsData
    case toolMissing(String)
    case toolFailed(String, String)

    public var description: String {
        switch self {
        case .fileExists(let f): return "\(f) already exists: choose another name, or pass --overwrite to replace it."
        case .sameFile(let f): return "\(f) is the database itself: write the backup somewhere else."
        case .notAFile: return "An in-memory database cannot be backed up or restored: name a file or a PostgreSQL database."
        case .noBackup(let f): return "There is no readable backup at \(f)."
        case .wrongKind(let f, let expected): return "\(f) is not \(expected) for this kind of database."
        case .damaged(let f, let why): return "\(f) is damaged and was not restored: \(why)"
        case .holdsData: return "The database already holds data. Restoring replaces all of it: pass --replace-existing-data if that is what you mean (take a backup of it first)."
        case .toolMissing(let t): return "\(t) was not found on PATH or under /usr/lib/postgresql/*/bin: install the PostgreSQL client tools."
        case .toolFailed(let t, let out): return "\(t) failed: \(out)"
        }
    }
}

enum Files {
    enum Kind { case sqlite, pgDump, unknown }

    /// From the first bytes: SQLite files start "SQLite format 3", pg_dump archives "PGDMP".
    static func kind(of file: String) throws -> Kind {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw BackupProblem.noBackup(file) }
        defer { try? handle.close() }
        let head = String(decoding: try handle.read(upToCount: 16) ?? Data(), as: UTF8.self)
        if head.hasPrefix("SQLite format 3") { return .sqlite }
        if head.hasPrefix("PGDMP") { return .pgDump }
        return .unknown
    }

    /// Flushes `partial` to disk and renames it to `path` (atomically replacing what was there),
    /// then flushes the directory so the rename itself survives a power cut.
    static func replace(_ path: String, with partial: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: partial))
        try handle.synchronize()
        try handle.close()
        guard rename(partial, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        let directory = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 { _ = fsync(directory); close(directory) }
    }
}
