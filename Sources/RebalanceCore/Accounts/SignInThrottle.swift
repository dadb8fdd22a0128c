import Foundation

/// Slows down password guessing: a few wrong passwords lock one account for a while, and many
/// from one address lock that address, whichever account it tries.
public struct SignInThrottle: Sendable {
    public var window: TimeInterval
    public var perAccount: Int
    public var perAddress: Int

    public init(window: TimeInterval = 15 * 60, perAccount: Int = 5, perAddress: Int = 20) {
        self.window = window
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        case lockedAccount(retryAfter: TimeInterval)
        case lockedAddress(retryAfter: TimeInterval)

        public var message: String? {
            switch self {
            case .allowed: return nil
            case .lockedAccount(let wait):
                return "Too many wrong passwords have been tried for this account. For its safety, signing in to it is paused: try again in \(SignInThrottle.minutes(wait))."
            case .lockedAddress(let wait):
                return "Too many sign-in attempts have come from your network. Try again in \(SignInThrottle.minutes(wait))."
            }
        }
    }

    /// `accountFailures` and `addressFailures` are the times of recent failed attempts.
    public func decide(accountFailures: [Date], addressFailures: [Date], now: Date) -> Decision {
        let since = now.addingTimeInterval(-window)
        let account = accountFailures.filter { $0 > since }.sorted()
        if account.count >= perAccount {
            // Unlocks when enough of the failures have aged out of the window.
            let unlock = account[account.count - perAccount].addingTimeInterval(window)
            return .lockedAccount(retryAfter: max(60, unlock.timeIntervalSince(now)))
        }
        let address = addressFailures.filter { $0 > since }.sorted()
        if address.count >= perAddress {
            let unlock = address[address.count - perAddress].addingTimeInterval(window)
            return .lockedAddress(retryAfter: max(60, unlock.timeIntervalSince(now)))
        }
        return .allowed
    }

    static func minutes(_ seconds: TimeInterval) -> String {
        let m = max(1, Int((seconds / 60).rounded(.up)))
        return m == 1 ? "1 minute" : "\(m) minutes"
    }
}
