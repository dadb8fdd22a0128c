import Foundation

/// When the reminder to those who have not yet taken part goes out: once, a day before the
/// deadline. A proposal or poll opened with less than a day to run gets none, since the notice
/// that it opened reached people inside that day already.
public enum DecisionReminder {
    public static let lead: TimeInterval = 24 * 3600

    public static func isDue(openedAt: Date, closesAt: Date, now: Date, alreadySent: Bool) -> Bool {
        guard !alreadySent, now < closesAt else { return false }
        let sendAt = closesAt.addingTimeInterval(-lead)
        return openedAt < sendAt && now >= sendAt
    }
}
