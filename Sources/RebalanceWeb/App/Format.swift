import Foundation
import RebalanceCore

/// How dates and numbers read on pages (GOV.UK style: "3 March 2026", "7,800").
enum Format {
    static func period(_ start: Day, _ end: Day?) -> String {
        if let end { return "\(start.readable) to \(end.readable)" }
        return "since \(start.readable)"
    }

    static let london = TimeZone(identifier: "Europe/London")!

    static func dateTime(_ date: Date?) -> String {
        guard let date else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let hour = c.hour ?? 0, minute = c.minute ?? 0
        let clock = String(format: "%d:%02d%@", hour % 12 == 0 ? 12 : hour % 12, minute, hour < 12 ? "am" : "pm")
        return "\(Day.today(date).readable) at \(clock)"
    }

    static func number(_ n: Int?) -> String? {
        guard let n else { return nil }
        // British grouping ("12,345") by hand: a NumberFormatter per call cost more than the rest
        // of a list page's rows together.
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func day(_ d: Day) -> String { d.readable }

    /// "Tuesday 8 December 2026, 7pm to 9pm".
    static func meetingTime(_ o: MeetingOccurrence) -> String {
        let end = o.localEnd
        let weekday = o.day.dayOfWeek.label
        if end.day == o.day {
            return "\(weekday) \(o.day.readable), \(o.startTime.readable) to \(end.time.readable)"
        }
        return "\(weekday) \(o.day.readable), \(o.startTime.readable) to \(end.day.readable) \(end.time.readable)"
    }
}
