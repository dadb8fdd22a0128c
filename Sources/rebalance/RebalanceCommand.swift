import ArgumentParser
import Foundation
import Logging
import RebalanceCore
import RebalanceStore
import RebalanceWeb
import Vapor

@main
struct RebalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance",
        abstract: "Rebalance: councils and resident-led partnerships running their relationship in the open.",
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, DeliverCommand.self, BackupCommand.self,
                      RestoreCommand.self, PBCommand.self]
    )
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(help: "Database URL: postgres://user@host:port/name, or sqlite:PATH. Default: $DATABASE_URL, else rebalance.sqlite here.")
    var database: String?

    var location: DatabaseLocation {
        if let database { return DatabaseLocation.fromEnvironment(["DATABASE_URL": database]) }
        return DatabaseLocation.fromEnvironment()
    }
}

struct DemoOptions: ParsableArguments {
    @ArgumentParser.Flag(help: "Load the demo even though the database already holds other accounts (its accounts share a published password).")
    var demoOverExistingData = false
}

enum Runtime {
    static let bootstrapLogging: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
    }()

    static func makeApp(_ db: DatabaseLocation, arguments: [String], migrate: Bool = true, worker: Bool = false,
                        hostname: String = "127.0.0.1") async throws -> Application {
        _ = bootstrapLogging
        let retention: RetentionPeriods
        do {
            retention = try RetentionPeriods.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch let failure as ValidationFailure {
            throw ArgumentParser.ValidationError(failure.errors.map(\.message).joined(separator: "; "))
        }
        let env = Environment(name: ProcessInfo.processInfo.environment["REBALANCE_ENV"] ?? "production", arguments: arguments)
        let app = try await Application.make(env)
        var settings = WebSettings(database: db)
        settings.migrateOnStart = migrate
        if let cost = ProcessInfo.processInfo.environment["REBALANCE_BCRYPT_COST"].flatMap(Int.init) { settings.bcryptCost = cost }
        if let seconds = ProcessInfo.processInfo.environment["REBALANCE_PUBLIC_CACHE_SECONDS"].flatMap(Double.init), seconds >= 0 {
            settings.publicCacheSeconds = seconds
        }
        if let seconds = ProcessInfo.processInfo.environment["REBALANCE_SIGNED_IN_CACHE_SECONDS"].flatMap(Double.init), seconds >= 0 {
            settings.signedInCacheSeconds = seconds
        }
        if let seconds = ProcessInfo.processInfo.environment["REBALANCE_SIGNED_IN_PAGE_CACHE_SECONDS"].flatMap(Double.init), seconds >= 0 {
            settings.signedInPageCacheSeconds = seconds
        }
        let vars = ProcessInfo.processInfo.environment
        settings.secureCookies = WebSettings.secureCookies(hostname: hostname, override: vars["REBALANCE_SECURE_COOKIES"])
        if let minutes = vars["REBALANCE_SESSION_IDLE_MINUTES"].flatMap(Double.init), minutes > 0 { settings.sessionIdleLimit = minutes * 60 }
        if let hours = vars["REBALANCE_SESSION_HOURS"].flatMap(Double.init), hours > 0 { settings.sessionAbsoluteLimit = hours * 3600 }
        if let proxies = vars["REBALANCE_TRUSTED_PROXIES"] {
            settings.trustedProxies = proxies.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        settings.mail = try MailSettings.fromEnvironment()
        settings.retention = retention
        settings.runsOutboxWorker = worker
        do {
            try await RebalanceApp.configure(app, settings: settings)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Written straight to standard output (unbuffered), so it shows at once even when piped.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func printDemo(_ summary: DemoData.Summary) {
        say(summary.created ? "Demo data loaded." : "Demo data was already there; nothing changed.")
        say("Sign in with any of these addresses and the password: \(summary.password)")
        for p in summary.people {
            say("  \(p.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(p.name) (\(p.role))")
        }
    }
}

extension Runtime {
    static func printScale(_ s: ScaleData.Summary, seed: UInt64) {
        say("Scale data (seed \(seed)): \(s.areasAdded) areas added, \(s.areasAlreadyThere) already there; \(s.rowsWritten) rows in \(String(format: "%.1f", s.seconds)) s (building \(String(format: "%.1f", s.generatingSeconds)) s, writing \(String(format: "%.1f", s.writingSeconds)) s).")
        guard !s.accounts.isEmpty else { return }
        say("Generated accounts to sign in as, with the demo's password:")
        for a in s.accounts {
            say("  \(a.email) \(a.name) (\(a.role))")
        }
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web server (migrates the database first).")

    @ArgumentParser.Option(name: .shortAndLong, help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(name: .shortAndLong, help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the fictional demo area first (safe to repeat).") var demo = false
    @OptionGroup var demoOptions: DemoOptions
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let app = try await Runtime.makeApp(db.location, arguments: ["rebalance", "serve", "--hostname", hostname, "--port", String(port)],
                                            worker: true, hostname: hostname)
        do {
            app.logger.info("Database: \(db.location.description)")
            if demo { Runtime.printDemo(try await RebalanceApp.loadDemo(app, overExistingData: demoOptions.demoOverExistingData)) }
            if let code = try await SetupCode.issueIfNeeded(app) {
                Runtime.say("No one administers this site yet. Open http://\(hostname):\(port)\(SiteURL.setup.path) and enter this one-time setup code:")
                Runtime.say("    \(code)")
                Runtime.say("(It works once, and only until an administrator exists; each start prints a new one.)")
            }
            Runtime.say("Rebalance is running at http://\(hostname):\(port)/ (Ctrl-C to stop)")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the database schema up to date, then exit.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let app = try await Runtime.makeApp(db.location, arguments: ["rebalance"])
        Runtime.say("Database is up to date (\(db.location.description)).")
        try await app.asyncShutdown()
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load the fictional demo area into the database, then exit.",
        discussion: "With --scale N, also adds N generated areas (on top of the demo's two), each with a partnership and fifteen years of history, for measuring pages at the size of a national programme. The same seed always gives the same rows; areas already there are skipped.")
    @OptionGroup var demoOptions: DemoOptions
    @OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "Also add this many generated areas with fifteen years of history (150 is the size of Big Local).")
    var scale: Int?
    @ArgumentParser.Option(help: "Seed for --scale: the same seed gives the same areas, people and ids.")
    var seed: UInt64 = ScaleData.defaultSeed

    func validate() throws {
        if let scale, !(0...10_000).contains(scale) { throw ValidationError("--scale must be from 0 to 10000") }
    }

    func run() async throws {
        let app = try await Runtime.makeApp(db.location, arguments: ["rebalance"])
        do {
            Runtime.printDemo(try await RebalanceApp.loadDemo(app, overExistingData: demoOptions.demoOverExistingData))
            if let scale { Runtime.printScale(try await ScaleData.load(areas: scale, seed: seed, on: app.db, progress: Runtime.say), seed: seed) }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send the e-mail waiting in the outbox (the server also does this every OUTBOX_INTERVAL seconds).",
        discussion: "Uses SMTP_URL (smtp://user:password@host:587?security=starttls, or smtps://...) and MAIL_FROM; without SMTP_URL, messages are written as .eml files to MAIL_DIRECTORY (default ./outbox).")
    @OptionGroup var db: DatabaseOptions
    @ArgumentParser.Flag(help: "Keep running, sending every OUTBOX_INTERVAL seconds, until stopped.") var loop = false

    func run() async throws {
        let app = try await Runtime.makeApp(db.location, arguments: ["rebalance"])
        do {
            repeat {
                try await EnquiryReminderPass.run(app, today: .today())
                try await DecisionPass.run(app)
                try await PrivacyPass.run(app)
                let report = try await OutboxDelivery.deliverDue(app)
                if report != OutboxDelivery.Report() || !loop {
                    Runtime.say("Sent \(report.sent), failed \(report.failed) (will retry), skipped \(report.skipped).")
                }
                if loop { try await Task.sleep(for: .seconds(max(1, app.webSettingsForCommands.mail.intervalSeconds))) }
            } while loop
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
