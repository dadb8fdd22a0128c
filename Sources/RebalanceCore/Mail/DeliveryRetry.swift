import Foundation

/// When to try a message again after a failed send. Waits grow from a minute to a day, so a mail
/// server that is down for an afternoon loses nothing and is not hammered while it recovers.
public enum DeliveryRetry {
    public static let waits: [TimeInterval] = [60, 5 * 60, 15 * 60, 60 * 60, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600]
    /// After this many failed attempts the message is marked failed and kept for an administrator.
    public static var maximumAttempts: Int { waits.count + 1 }

    public enum Next: Equatable, Sendable {
        case retry(at: Date)
        case giveUp
    }

    /// `attempts` counts the attempt that just failed. A permanent refusal (the server said the
    /// address does not exist) is not retried.
    public static func after(attempts: Int, permanent: Bool, now: Date) -> Next {
        if permanent || attempts >= maximumAttempts { return .giveUp }
        return .retry(at: now.addingTimeInterval(waits[max(0, attempts - 1)]))
    }
}
