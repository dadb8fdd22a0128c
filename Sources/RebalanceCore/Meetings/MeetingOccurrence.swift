import Foundation

/// Whether one meeting of a series goes ahead as planned.
public enum MeetingOccurrenceStatus: String, Codable, Sendable {
    case scheduled
    case moved
    case cancelled
}

/// One concrete meeting: a day and a UK wall-clock time, and the instants they name.
public struct MeetingOccurrence: Hashable, Sendable {
    /// The day the series first put this meeting on: its identity, whatever happens to it.
    public let originalDay: Day
    /// The day it takes place (different from `originalDay` when moved).
    public let day: Day
    public let startTime: TimeOfDay
    public let durationMinutes: Int
    public let status: MeetingOccurrenceStatus
    /// Set when this meeting alone is somewhere else.
    public let locationOverride: String?
    /// Why it was cancelled, when someone said.
    public let cancellationReason: String?
    /// The override's revision, 0 when the meeting was never changed on its own.
    public let revision: Int

    public var isCancelled: Bool { status == .cancelled }

    /// Agenda items, attendance and minutes belong to meetings that go ahead.
    public var acceptsAgendaItems: Bool { !isCancelled }

    /// When it starts, read in UK time (a 7pm meeting is 18:00 UTC in summer, 19:00 in winter).
    public var start: Date { LondonTime.instant(on: day, at: startTime) }

    /// When it ends: the start plus its length in real minutes.
    public var end: Date { start.addingTimeInterval(TimeInterval(durationMinutes) * 60) }

    /// The UK day and wall-clock time it ends.
    public var localEnd: (day: Day, time: TimeOfDay) { LondonTime.local(end) }
}
