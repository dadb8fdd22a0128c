import Foundation

/// Slows down password guessing with waits that grow with each failure, rather than lock-outs:
/// a few free tries, then a wait after each further failure that doubles up to a ceiling.
///
/// Three counters, each over `window`: one account from one network (the steepest, so a single
/// attacker gains little while the owner elsewhere is untouched), one network whatever the
/// accounts (credential stuffing), and one account from everywhere (a distributed attack; its
/// free allowance is large, so an attacker cannot cheaply impose waits on a victim).
public struct SignInThrottle: Sendable {
    public var window: TimeInterval
    public var freePerAccountAndAddress: Int
    public var freePerAddress: Int
    public var freePerAccount: Int
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(window: TimeInterval = 60 * 60, freePerAccountAndAddress: Int = 5, freePerAddress: Int = 20,
                freePerAccount: Int = 50, firstDelay: TimeInterval = 30, maxDelay: TimeInterval = 15 * 60) {
        self.window = window
        self.freePerAccountAndAddress = freePerAccountAndAddress
        self.freePerAddress = freePerAddress
        self.freePerAccount = freePerAccount
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    public enum Reason: Equatable, Sendable { case account, address }

    public enum Decision: Equatable, Sendable {
        case allowed
        case wait(Reason, retryAfter: TimeInterval)

        public var retryAfter: TimeInterval? {
            if case .wait(_, let seconds) = self { return seconds }
            return nil
        }

        public var message: String? {
            switch self {
            case .allowed: return nil
            case .wait(.account, let wait):
                return "Too many wrong passwords have been tried for this account. For its safety, each further try must wait: try again in \(SignInThrottle.readable(wait))."
            case .wait(.address, let wait):
                return "Too many sign-in attempts have come from your network. Try again in \(SignInThrottle.readable(wait))."
            }
        }
    }

    /// The times of recent failed attempts for each counter (including attempts still being checked).
    public func decide(pairFailures: [Date], addressFailures: [Date], accountFailures: [Date], now: Date) -> Decision {
        let checks: [(Reason, [Date], Int)] = [
            (.account, pairFailures, freePerAccountAndAddress),
            (.address, addressFailures, freePerAddress),
            (.account, accountFailures, freePerAccount),
        ]
        var worst: Decision = .allowed
        for (reason, failures, free) in checks {
            let recent = failures.filter { $0 > now.addingTimeInterval(-window) }
            guard recent.count >= free, let last = recent.max() else { continue }
            let until = last.addingTimeInterval(delay(afterFailures: recent.count, free: free))
            let wait = until.timeIntervalSince(now)
            if wait > 0, wait > (worst.retryAfter ?? 0) { worst = .wait(reason, retryAfter: wait.rounded(.up)) }
        }
        return worst
    }

    /// No wait below `free` failures; then `firstDelay`, doubling with each failure, up to `maxDelay`.
    public func delay(afterFailures count: Int, free: Int) -> TimeInterval {
        guard count >= free else { return 0 }
        let doublings = min(count - free, 30)
        return min(maxDelay, firstDelay * pow(2, Double(doublings)))
    }

    public static func readable(_ seconds: TimeInterval) -> String {
        if seconds < 60 {
            let s = max(1, Int(seconds.rounded(.up)))
            return s == 1 ? "1 second" : "\(s) seconds"
        }
        let m = max(1, Int((seconds / 60).rounded(.up)))
        return m == 1 ? "1 minute" : "\(m) minutes"
    }
}

/// A limit of `limit` actions per `window` for one key (an address, an account): registrations,
/// password-reset requests. Returns how long to wait, or nil when the action may go ahead.
public struct RateLimit: Sendable, Equatable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// `earlier` are the times of earlier actions for this key (not counting the one asked about).
    public func retryAfter(earlier: [Date], now: Date) -> TimeInterval? {
        let recent = earlier.filter { $0 > now.addingTimeInterval(-window) }.sorted()
        guard recent.count >= limit else { return nil }
        // Free again when enough of them have aged out of the window.
        let freedAt = recent[recent.count - limit].addingTimeInterval(window)
        return max(1, freedAt.timeIntervalSince(now).rounded(.up))
    }
}
