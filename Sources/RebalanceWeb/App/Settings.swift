import Foundation
import RebalanceCore
import RebalanceStore

/// How one server process is set up; read from the command line and the environment.
public struct WebSettings: Sendable {
    public var database: DatabaseLocation
    /// Bcrypt work factor. 12 in production; tests lower it to keep sign-ins fast.
    public var bcryptCost: Int
    /// Send cookies only over HTTPS (with `__Host-` names) and send HSTS. On by default; the
    /// server turns it off when it listens on a loopback address, unless told otherwise.
    public var secureCookies: Bool
    /// A session ends after this long without a request...
    public var sessionIdleLimit: TimeInterval
    /// ...and this long after signing in, however busy.
    public var sessionAbsoluteLimit: TimeInterval
    public var migrateOnStart: Bool
    public var throttle: SignInThrottleSettings
    /// Proxies whose `X-Forwarded-For` header is believed (exact addresses). Empty: the socket's
    /// peer is the client.
    public var trustedProxies: [String] = []
    /// Pool size per event loop for PostgreSQL.
    public var maxConnections: Int
    /// How long an anonymous visitor's page may be reused (0 turns the cache off).
    public var publicCacheSeconds: Double = 2
    /// How often this instance looks for changes made by other instances, to empty its cache
    /// (0: never; then only the lifetime above bounds how stale a kept page can be).
    public var publicCacheCheckSeconds: Double = 0.25
    /// How long a signed-in session, its person and their roles may be reused without reading
    /// them again (0: read on every request). Any change empties it sooner (ADR 0036).
    public var signedInCacheSeconds: Double = 30
    /// How long a page rendered for one signed-in session may be shown to it again while nothing
    /// changes (0 turns it off). Any change empties it at once, on every instance (ADR 0037).
    public var signedInPageCacheSeconds: Double = 10
    public var mail = MailSettings()
    /// How long passing records are kept (sign-in attempts, expired sessions, sent mail's text).
    public var retention = RetentionPeriods.defaults
    /// Whether this process sends the outbox itself every `mail.intervalSeconds` (the server does).
    public var runsOutboxWorker = false

    public init(database: DatabaseLocation = .fromEnvironment(), bcryptCost: Int = 12, secureCookies: Bool = true,
                sessionIdleLimit: TimeInterval = 2 * 3600, sessionAbsoluteLimit: TimeInterval = 12 * 3600,
                migrateOnStart: Bool = true, throttle: SignInThrottleSettings = .init(), maxConnections: Int = 8) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sessionIdleLimit = sessionIdleLimit
        self.sessionAbsoluteLimit = sessionAbsoluteLimit
        self.migrateOnStart = migrateOnStart
        self.throttle = throttle
        self.maxConnections = maxConnections
    }

    /// Secure cookies unless the server listens only on a loopback address (plain HTTP on one's
    /// own machine); `REBALANCE_SECURE_COOKIES=1` or `0` decides instead when set.
    public static func secureCookies(hostname: String, override: String?) -> Bool {
        switch override?.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return !isLoopback(hostname)
        }
    }

    public static func isLoopback(_ hostname: String) -> Bool {
        if hostname.lowercased() == "localhost" { return true }
        switch IPAddress(hostname) {
        case .v4(let b): return b[0] == 127
        case .v6(let b): return b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1
        case nil: return false
        }
    }
}

public struct SignInThrottleSettings: Sendable {
    /// Free wrong passwords for one account from one address (group) before waits begin.
    public var perAccountAndAddress: Int = 5
    /// Free failures from one address (group), whatever the accounts.
    public var perAddress: Int = 20
    /// Free failures for one account from everywhere.
    public var perAccount: Int = 50
    public var windowMinutes: Double = 60
    public var firstDelaySeconds: Double = 30
    public var maxDelayMinutes: Double = 15
    /// New accounts per address (group) per hour.
    public var registrationsPerHour: Int = 10
    /// Password-reset requests per address (group) per hour, and per account per hour.
    public var resetRequestsPerHour: Int = 10
    public var resetRequestsPerAccountPerHour: Int = 3
    public init() {}

    var signIn: SignInThrottle {
        SignInThrottle(window: windowMinutes * 60, freePerAccountAndAddress: perAccountAndAddress, freePerAddress: perAddress,
                       freePerAccount: perAccount, firstDelay: firstDelaySeconds, maxDelay: maxDelayMinutes * 60)
    }
}
