import Foundation
import RebalanceCore
import RebalanceStore

/// How one server process is set up; read from the command line and the environment.
public struct WebSettings: Sendable {
    public var database: DatabaseLocation
    /// Bcrypt work factor. 12 in production; tests lower it to keep sign-ins fast.
    public var bcryptCost: Int
    /// Send the session cookie only over HTTPS (on unless serving plain HTTP on loopback).
    public var secureCookies: Bool
    public var sessionLifetime: TimeInterval
    public var migrateOnStart: Bool
    public var throttle: SignInThrottleSettings
    /// Pool size per event loop for PostgreSQL.
    public var maxConnections: Int
    /// How long an anonymous visitor's page may be reused (0 turns the cache off).
    public var publicCacheSeconds: Double = 2
    public var mail = MailSettings()
    /// How long passing records are kept (sign-in attempts, expired sessions, sent mail's text).
    public var retention = RetentionPeriods.defaults
    /// Whether this process sends the outbox itself every `mail.intervalSeconds` (the server does).
    public var runsOutboxWorker = false

    public init(database: DatabaseLocation = .fromEnvironment(), bcryptCost: Int = 12, secureCookies: Bool = false,
                sessionLifetime: TimeInterval = 14 * 24 * 3600, migrateOnStart: Bool = true,
                throttle: SignInThrottleSettings = .init(), maxConnections: Int = 8) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.migrateOnStart = migrateOnStart
        self.throttle = throttle
        self.maxConnections = maxConnections
    }
}

public struct SignInThrottleSettings: Sendable {
    public var perAccount: Int = 5
    public var perAddress: Int = 20
    public var windowMinutes: Double = 15
    public init() {}
}
