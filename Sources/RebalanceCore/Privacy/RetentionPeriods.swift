import Foundation

/// How long personal data that serves only a passing purpose is kept (ADR 0020). Each period
/// is in days and is a setting; the defaults are what the privacy page states.
public struct RetentionPeriods: Sendable, Equatable {
    /// Sign-in attempts feed the throttle (a quarter of an hour) and let an administrator look
    /// into an attack on an account afterwards; three months covers a late report.
    public var signInAttemptDays: Int
    /// Sent e-mail shows on the outbox page in case someone says a message never came; after
    /// six months its text is removed and only who, when and the subject stay.
    public var sentMailDays: Int
    /// Sessions past their expiry are useless to anyone; they go at the next pass.
    public var expiredSessionDays: Int

    public static let defaults = RetentionPeriods(signInAttemptDays: 90, sentMailDays: 180, expiredSessionDays: 0)
    /// No period may exceed ten years (and so overflow nothing).
    public static let longest = 3650

    public init(signInAttemptDays: Int, sentMailDays: Int, expiredSessionDays: Int) {
        self.signInAttemptDays = signInAttemptDays
        self.sentMailDays = sentMailDays
        self.expiredSessionDays = expiredSessionDays
    }

    /// Reads `RETAIN_SIGN_IN_ATTEMPTS_DAYS`, `RETAIN_SENT_MAIL_DAYS` and
    /// `RETAIN_EXPIRED_SESSIONS_DAYS`; a value that is not a whole number from 0 to 3650 is
    /// refused with a sentence naming the setting.
    public static func fromEnvironment(_ env: [String: String]) throws -> RetentionPeriods {
        var periods = RetentionPeriods.defaults
        func read(_ name: String, into value: inout Int) throws {
            guard let raw = env[name], !raw.isEmpty else { return }
            guard let days = Int(raw), (0...longest).contains(days) else {
                throw ValidationFailure(name, "\(name) must be a whole number of days from 0 to \(longest)")
            }
            value = days
        }
        try read("RETAIN_SIGN_IN_ATTEMPTS_DAYS", into: &periods.signInAttemptDays)
        try read("RETAIN_SENT_MAIL_DAYS", into: &periods.sentMailDays)
        try read("RETAIN_EXPIRED_SESSIONS_DAYS", into: &periods.expiredSessionDays)
        return periods
    }

    /// The moments before which each kind of record goes.
    public func cutOffs(at now: Date) -> (signInAttempts: Date, sentMail: Date, expiredSessions: Date) {
        func back(_ days: Int) -> Date { now.addingTimeInterval(-Double(min(max(days, 0), Self.longest)) * 86_400) }
        return (back(signInAttemptDays), back(sentMailDays), back(expiredSessionDays))
    }
}
