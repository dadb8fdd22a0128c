import Foundation
import RebalanceCore

/// The fixed dates the scale data hangs on. History ends on a fixed day rather than today, so
/// two runs (a month apart, or on two machines) write the same rows; it runs back about fifteen
/// years, to when the Big Local partnerships formed.
enum ScaleCalendar {
    /// The last day of generated history. Anything due after it is still open in the data.
    static let historyEnds = Day(year: 2026, month: 11, day: 30)!
    /// When the councils, reps and LTOs of every region are on record.
    static let regionsFrom = Day(year: 2011, month: 4, day: 1)!
    /// Partnerships form between these days (Big Local areas were named in 2010–2012).
    static let firstFormed = Day(year: 2011, month: 10, day: 1)!
    static let formingDays = 540

    static let workingDays = WorkingDayCalendar.englandAndWales

    /// An instant on a day, in UK local time.
    static func at(_ day: Day, _ hour: Int, _ minute: Int = 0) -> Date {
        LondonTime.instant(on: day, at: TimeOfDay(hour: hour, minute: minute)!)
    }

    /// The first day of the month `months` after `day`'s month.
    static func monthStart(_ day: Day, plus months: Int) -> Day {
        let total = day.year * 12 + (day.month - 1) + months
        return Day(year: total / 12, month: total % 12 + 1, day: 1)!
    }

    /// The first `weekday` (1 Monday … 7 Sunday, as `Day.weekday`) on or after `day`.
    static func next(_ weekday: Int, onOrAfter day: Day) -> Day {
        day.adding(days: (weekday - day.weekday + 7) % 7)
    }
}
