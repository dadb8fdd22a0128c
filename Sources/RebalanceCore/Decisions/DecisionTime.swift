import Foundation

/// Times in sentences and forms, in UK time (the platform's home time zone), so a deadline
/// reads the same for everyone in a partnership wherever the server runs.
public enum DecisionTime {
    public static let timeZone = TimeZone(identifier: "Europe/London")!

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// "18:00 on 3 March 2026".
    public static func readable(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = Day(year: c.year!, month: c.month!, day: c.day!)!
        return String(format: "%02d:%02d on ", c.hour!, c.minute!) + day.readable
    }

    /// Reads what an HTML `datetime-local` input sends (`2026-03-27T18:00`, UK time), or an
    /// ISO 8601 time with its zone (`2026-03-27T18:00:00Z`). Nil when it is neither.
    public static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, let day = Day(String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) : 0
        guard let second, (0...59).contains(second) else { return nil }
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day,
                                                  hour: hour, minute: minute, second: second))
    }
}
