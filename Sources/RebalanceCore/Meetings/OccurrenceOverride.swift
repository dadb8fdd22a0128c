/// A change to one meeting of a series, keyed by the day it was originally scheduled for (the
/// occurrence's identity, which its calendar UID is built from, so calendar apps update the
/// event rather than add a second one).
public struct OccurrenceOverride: Hashable, Sendable, Codable {
    public enum Change: Hashable, Sendable, Codable {
        /// The meeting will not happen. It stays in listings and feeds, marked cancelled, so
        /// calendar apps remove it and people see why.
        case cancelled(reason: String?)
        /// The meeting happens on another day or at another time (or place).
        case moved(MeetingMove)
        /// Back as originally scheduled after being cancelled or moved. Kept rather than
        /// deleting the override, so the occurrence's revision (and the calendar SEQUENCE built
        /// from it) never goes down: calendar apps ignore an update with a lower SEQUENCE.
        case reinstated
    }

    public let originalDay: Day
    public var change: Change
    /// How many times this one meeting has been changed (1 for the first change).
    public var revision: Int

    public init(originalDay: Day, change: Change, revision: Int) {
        self.originalDay = originalDay
        self.change = change
        self.revision = revision
    }
}

/// Where and when a moved meeting happens instead.
public struct MeetingMove: Hashable, Sendable, Codable {
    public var day: Day
    public var startTime: TimeOfDay
    public var durationMinutes: Int
    /// A different place for this meeting only; nil keeps the series' location.
    public var location: String?

    public init(day: Day, startTime: TimeOfDay, durationMinutes: Int, location: String? = nil) {
        self.day = day
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.location = location
    }
}
