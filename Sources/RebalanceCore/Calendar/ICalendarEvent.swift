import Foundation

/// STATUS of a VEVENT.
public enum ICalendarEventStatus: String, Sendable, Codable {
    case confirmed = "CONFIRMED"
    case cancelled = "CANCELLED"
}

/// One VEVENT, with times as UK wall-clock times (written with `TZID=Europe/London`).
public struct ICalendarEvent: Hashable, Sendable {
    /// Globally unique and stable for the life of the meeting (see `MeetingSeries.uid(of:)`).
    public var uid: String
    /// Goes up every time the event changes; apps ignore an update with a lower one.
    public var sequence: Int
    public var startDay: Day
    public var startTime: TimeOfDay
    public var endDay: Day
    public var endTime: TimeOfDay
    public var summary: String
    public var location: String?
    public var description: String?
    /// An absolute http(s) address for the meeting's page; written as a URI, not escaped.
    public var url: String?
    public var status: ICalendarEventStatus

    public init(uid: String, sequence: Int, startDay: Day, startTime: TimeOfDay, endDay: Day, endTime: TimeOfDay,
                summary: String, location: String? = nil, description: String? = nil, url: String? = nil,
                status: ICalendarEventStatus = .confirmed) {
        self.uid = uid
        self.sequence = sequence
        self.startDay = startDay
        self.startTime = startTime
        self.endDay = endDay
        self.endTime = endTime
        self.summary = summary
        self.location = location
        self.description = description
        self.url = url
        self.status = status
    }

    /// The event for one meeting of a series. A cancelled meeting keeps its UID, gets STATUS
    /// CANCELLED and a summary starting "Cancelled: " (some apps show STATUS nowhere); a moved
    /// one says where it was moved from.
    public init(series: MeetingSeries, occurrence: MeetingOccurrence, url: String? = nil) {
        var notes: [String] = []
        switch occurrence.status {
        case .cancelled:
            notes.append("This meeting has been cancelled." + (occurrence.cancellationReason.map { " Reason: \($0)" } ?? ""))
        case .moved:
            notes.append("This meeting has been moved from \(occurrence.originalDay.readable) at \(series.schedule.startTime.readable).")
        case .scheduled:
            break
        }
        if let d = series.description { notes.append(d) }
        let end = occurrence.localEnd
        self.init(uid: series.uid(of: occurrence), sequence: series.sequence(of: occurrence),
                  startDay: occurrence.day, startTime: occurrence.startTime, endDay: end.day, endTime: end.time,
                  summary: occurrence.isCancelled ? "Cancelled: \(series.title)" : series.title,
                  location: series.location(of: occurrence),
                  description: notes.isEmpty ? nil : notes.joined(separator: "\n\n"),
                  url: url, status: occurrence.isCancelled ? .cancelled : .confirmed)
    }
}
