/// Which week of the month a monthly meeting falls in.
public enum WeekOfMonth: String, CaseIterable, Codable, Sendable {
    case first, second, third, fourth, last

    /// The number RFC 5545 puts before the weekday in `BYDAY` (`2TU`, `-1TH`).
    public var iCalendarOrdinal: Int {
        switch self {
        case .first: return 1
        case .second: return 2
        case .third: return 3
        case .fourth: return 4
        case .last: return -1
        }
    }
}

/// How a meeting series repeats. The first meeting is the first date on or after the series'
/// start that fits the pattern; "every N" counts from that first meeting.
public enum RecurrencePattern: Hashable, Sendable {
    /// Every `everyWeeks` weeks on one weekday.
    case weekly(everyWeeks: Int, on: DayOfWeek)
    /// The first/second/third/fourth/last given weekday of every `everyMonths` months.
    case monthlyOnWeekday(WeekOfMonth, DayOfWeek, everyMonths: Int)
    /// A day of the month (1 to 28, so that every month has it) every `everyMonths` months.
    case monthlyOnDay(Int, everyMonths: Int)

    public static let maximumWeeks = 52
    public static let maximumMonths = 12

    /// "Every 2 weeks on Tuesday", "Monthly on the last Thursday", "Every 3 months on the 15th".
    public var label: String {
        switch self {
        case .weekly(let n, let d):
            return n == 1 ? "Weekly on \(d.label)" : "Every \(n) weeks on \(d.label)"
        case .monthlyOnWeekday(let w, let d, let n):
            return "\(Self.months(n)) on the \(w.rawValue) \(d.label)"
        case .monthlyOnDay(let day, let n):
            return "\(Self.months(n)) on the \(Self.ordinal(day))"
        }
    }

    /// The pattern as RFC 5545 `RRULE` parts (`FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU`): a compact,
    /// standard text for storing it in one column. The end (UNTIL/COUNT) is kept apart.
    public var rrule: String {
        switch self {
        case .weekly(let n, let d):
            return "FREQ=WEEKLY;INTERVAL=\(n);BYDAY=\(d.iCalendarCode)"
        case .monthlyOnWeekday(let w, let d, let n):
            return "FREQ=MONTHLY;INTERVAL=\(n);BYDAY=\(w.iCalendarOrdinal)\(d.iCalendarCode)"
        case .monthlyOnDay(let day, let n):
            return "FREQ=MONTHLY;INTERVAL=\(n);BYMONTHDAY=\(day)"
        }
    }

    /// Reads back what `rrule` wrote; nil for anything else, or for values out of range.
    public init?(rrule: String) {
        var parts: [String: String] = [:]
        for piece in rrule.split(separator: ";") {
            let kv = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { return nil }
            parts[kv[0].uppercased()] = kv[1].uppercased()
        }
        guard let freq = parts["FREQ"], let n = Int(parts["INTERVAL"] ?? "1") else { return nil }
        switch freq {
        case "WEEKLY":
            guard let code = parts["BYDAY"], let d = DayOfWeek(iCalendarCode: code) else { return nil }
            self = .weekly(everyWeeks: n, on: d)
        case "MONTHLY":
            if let byDay = parts["BYDAY"], byDay.count >= 3 {
                let code = String(byDay.suffix(2))
                guard let ord = Int(byDay.dropLast(2)), let d = DayOfWeek(iCalendarCode: code),
                      let w = WeekOfMonth.allCases.first(where: { $0.iCalendarOrdinal == ord }) else { return nil }
                self = .monthlyOnWeekday(w, d, everyMonths: n)
            } else if let text = parts["BYMONTHDAY"], let day = Int(text) {
                self = .monthlyOnDay(day, everyMonths: n)
            } else {
                return nil
            }
        default:
            return nil
        }
        if !problems().isEmpty { return nil }
    }

    /// What is wrong with the numbers in the pattern, as (field, message) pairs for a form.
    public func problems() -> [FieldError] {
        var out: [FieldError] = []
        switch self {
        case .weekly(let n, _):
            if !(1...Self.maximumWeeks).contains(n) {
                out.append(FieldError("interval", "Number of weeks between meetings must be between 1 and \(Self.maximumWeeks)"))
            }
        case .monthlyOnWeekday(_, _, let n):
            if !(1...Self.maximumMonths).contains(n) {
                out.append(FieldError("interval", "Number of months between meetings must be between 1 and \(Self.maximumMonths)"))
            }
        case .monthlyOnDay(let day, let n):
            if !(1...Self.maximumMonths).contains(n) {
                out.append(FieldError("interval", "Number of months between meetings must be between 1 and \(Self.maximumMonths)"))
            }
            if !(1...28).contains(day) {
                out.append(FieldError("dayOfMonth", "Day of the month must be between 1 and 28, so that every month has it; for the end of the month choose the last weekday instead"))
            }
        }
        return out
    }

    /// The first meeting day on or after `day`, ignoring the interval.
    func firstFit(onOrAfter day: Day) -> Day {
        switch self {
        case .weekly(_, let d):
            return day.adding(days: (d.rawValue - day.weekday + 7) % 7)
        case .monthlyOnWeekday, .monthlyOnDay:
            var month = day.firstOfMonth
            while true {
                let candidate = fit(inMonthStarting: month)
                if candidate >= day { return candidate }
                month = month.addingMonthsToFirst(1)
            }
        }
    }

    /// The meeting day in the month that starts on `first` (monthly patterns only).
    func fit(inMonthStarting first: Day) -> Day {
        switch self {
        case .weekly:
            preconditionFailure("weekly patterns have no single day per month")
        case .monthlyOnDay(let day, _):
            return Day(year: first.year, month: first.month, day: day)!
        case .monthlyOnWeekday(let w, let d, _):
            if w == .last {
                let last = Day(year: first.year, month: first.month, day: Day.daysIn(month: first.month, year: first.year))!
                return last.adding(days: -((last.weekday - d.rawValue + 7) % 7))
            }
            let firstFit = first.adding(days: (d.rawValue - first.weekday + 7) % 7)
            return firstFit.adding(days: 7 * (w.iCalendarOrdinal - 1))
        }
    }

    /// The meeting day `index` steps after the first one (`index` 0 is `first`).
    func day(at index: Int, after first: Day) -> Day {
        switch self {
        case .weekly(let n, _):
            return first.adding(days: 7 * n * index)
        case .monthlyOnWeekday(_, _, let n), .monthlyOnDay(_, let n):
            return fit(inMonthStarting: first.firstOfMonth.addingMonthsToFirst(n * index))
        }
    }

    private static func months(_ n: Int) -> String { n == 1 ? "Monthly" : "Every \(n) months" }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}

extension RecurrencePattern: Codable {
    /// Stored as its `rrule` text.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let pattern = RecurrencePattern(rrule: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Not a recurrence pattern Rebalance understands: \(text)"))
        }
        self = pattern
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rrule)
    }
}

/// When a series stops.
public enum RecurrenceEnd: Hashable, Sendable, Codable {
    /// Until further notice; expansion is always over a window, so this never runs away.
    case never
    /// No meeting after this day (a meeting on it still happens).
    case until(Day)
    /// This many meetings in all, counting cancelled ones: cancelling a meeting does not add
    /// one at the end.
    case count(Int)

    public static let maximumCount = 500
}

/// A pattern and when it stops.
public struct RecurrenceRule: Hashable, Sendable, Codable {
    public var pattern: RecurrencePattern
    public var end: RecurrenceEnd

    public init(pattern: RecurrencePattern, end: RecurrenceEnd = .never) {
        self.pattern = pattern
        self.end = end
    }

    public var label: String {
        switch end {
        case .never: return pattern.label
        case .until(let d): return "\(pattern.label), until \(d.readable)"
        case .count(let n): return "\(pattern.label), \(n) meeting\(n == 1 ? "" : "s")"
        }
    }
}
