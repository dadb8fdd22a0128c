import Foundation

/// A day of the week, numbered as `Day.weekday` numbers them (Monday = 1 ... Sunday = 7),
/// so the two never disagree.
public enum DayOfWeek: Int, CaseIterable, Codable, Sendable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var label: String {
        switch self {
        case .monday: return "Monday"
        case .tuesday: return "Tuesday"
        case .wednesday: return "Wednesday"
        case .thursday: return "Thursday"
        case .friday: return "Friday"
        case .saturday: return "Saturday"
        case .sunday: return "Sunday"
        }
    }

    /// The two-letter code RFC 5545 uses in `BYDAY` (`MO`, `TU`...).
    public var iCalendarCode: String { String(String(describing: self).prefix(2)).uppercased() }

    public init?(iCalendarCode code: String) {
        guard let match = DayOfWeek.allCases.first(where: { $0.iCalendarCode == code.uppercased() }) else { return nil }
        self = match
    }

    /// Accepts what a form or API sends: `tuesday`, `Tuesday`, `tu` or `2`.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let n = Int(t), let d = DayOfWeek(rawValue: n) { self = d; return }
        if let d = DayOfWeek.allCases.first(where: { $0.label.lowercased() == t }) { self = d; return }
        if let d = DayOfWeek(iCalendarCode: t) { self = d; return }
        return nil
    }

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public static func < (a: DayOfWeek, b: DayOfWeek) -> Bool { a.rawValue < b.rawValue }
}

extension Day {
    public var dayOfWeek: DayOfWeek { DayOfWeek(rawValue: weekday)! }

    /// The first day of this day's month.
    public var firstOfMonth: Day { Day(year: year, month: month, day: 1)! }

    /// The first day of the calendar quarter (January, April, July or October) this day is in.
    public var firstOfQuarter: Day { Day(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)! }

    /// `YYYYMMDD`, the compact form iCalendar and UIDs use.
    public var compact: String { String(format: "%04d%02d%02d", year, month, day) }

    /// The same day-of-month `months` later or earlier; only for the first of a month, where
    /// every month has the day. Internal so nobody mistakes it for general month arithmetic.
    func addingMonthsToFirst(_ months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        return Day(year: index / 12, month: index % 12 + 1, day: 1)!
    }
}

/// English month names, shared by labels across features.
enum MonthName {
    static let all = ["January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"]
    static func of(_ month: Int) -> String { all[month - 1] }
}
