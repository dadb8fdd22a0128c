import ArgumentParser
import RebalanceStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the whole database to FILE, while servers keep running.",
        discussion: "SQLite: a SQLite file (VACUUM INTO). PostgreSQL: a pg_dump archive in its custom format (needs the PostgreSQL client tools). The file appears only once it is complete.")
    @ArgumentParser.Argument(help: "The backup file to write.") var file: String
    @ArgumentParser.Flag(help: "Replace FILE if it already exists.") var overwrite = false
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        _ = Runtime.bootstrapLogging
        try await Backup.write(db.location, to: file, overwrite: overwrite)
        Runtime.say("Backed up \(db.location.description) to \(file).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with the backup in FILE, in one transaction.",
        discussion: "Refuses a database that already holds data unless --replace-existing-data is given. Running servers see the restored data at once; the next start migrates it if the backup is from an older version.")
    @ArgumentParser.Argument(help: "A file written by `rebalance backup`.") var file: String
    @ArgumentParser.Flag(help: "Restore even though the database holds data (all of it is replaced).") var replaceExistingData = false
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        _ = Runtime.bootstrapLogging
        try await Backup.restore(file, into: db.location, replacingData: replaceExistingData)
        Runtime.say("Restored \(file) into \(db.location.description).")
    }
}
