import Foundation

/// Converts between UK wall-clock times and instants, by the UK's own rule rather than the
/// host's time-zone database: the same rule is published in every calendar feed's VTIMEZONE,
/// so what we compute and what calendar apps compute cannot drift apart, and a server image
/// without tzdata still gets it right.
///
/// The rule (in force since 1996, and assumed to hold to 2100): British Summer Time (UTC+1)
/// starts at 01:00 UTC on the last Sunday of March and ends at 01:00 UTC on the last Sunday of
/// October; the rest of the year is GMT (UTC+0). Tests compare it with the system's
/// Europe/London zone for every year the system knows.
public enum LondonTime {
    public static let timeZoneID = "Europe/London"

    /// The day the clocks go forward (01:00 GMT becomes 02:00 BST).
    public static func summerTimeStarts(in year: Int) -> Day { lastSunday(month: 3, year: year) }

    /// The day the clocks go back (02:00 BST becomes 01:00 GMT).
    public static func summerTimeEnds(in year: Int) -> Day { lastSunday(month: 10, year: year) }

    /// Minutes ahead of UTC (0 or 60) at a local time, following RFC 5545 §3.3.5 for the two
    /// awkward hours: a time that does not exist (01:00–01:59 on the day the clocks go forward)
    /// is read with the GMT offset, so it lands an hour later on the clock; a time that happens
    /// twice (01:00–01:59 on the day they go back) means the first, BST, one.
    public static func offsetMinutes(on day: Day, at time: TimeOfDay) -> Int {
        let start = summerTimeStarts(in: day.year), end = summerTimeEnds(in: day.year)
        if day == start { return time.hour >= 2 ? 60 : 0 }
        if day == end { return time.hour < 2 ? 60 : 0 }
        return day > start && day < end ? 60 : 0
    }

    /// The instant a UK wall-clock time names.
    public static func instant(on day: Day, at time: TimeOfDay) -> Date {
        let minutes = day.ordinal * 1440 + time.minutesSinceMidnight - offsetMinutes(on: day, at: time)
        return Date(timeIntervalSince1970: TimeInterval(minutes) * 60)
    }

    /// Whether the UK keeps summer time at an instant.
    public static func isSummerTime(at instant: Date) -> Bool {
        let utcDay = Day(ordinal: Int((instant.timeIntervalSince1970 / 86400).rounded(.down)))
        let year = utcDay.year
        let starts = TimeInterval(summerTimeStarts(in: year).ordinal * 86400 + 3600)
        let ends = TimeInterval(summerTimeEnds(in: year).ordinal * 86400 + 3600)
        let t = instant.timeIntervalSince1970
        return t >= starts && t < ends
    }

    /// The UK day and wall-clock time (to the minute, rounded down) of an instant.
    public static func local(_ instant: Date) -> (day: Day, time: TimeOfDay) {
        let offset = isSummerTime(at: instant) ? 60 : 0
        let minutes = Int((instant.timeIntervalSince1970 / 60).rounded(.down)) + offset
        let dayOrdinal = Int((Double(minutes) / 1440).rounded(.down))
        let inDay = minutes - dayOrdinal * 1440
        return (Day(ordinal: dayOrdinal), TimeOfDay(minutesSinceMidnight: inDay)!)
    }

    /// `GMT` or `BST`, for showing next to a time when it matters.
    public static func abbreviation(at instant: Date) -> String { isSummerTime(at: instant) ? "BST" : "GMT" }

    static func lastSunday(month: Int, year: Int) -> Day {
        let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
        return last.adding(days: -(last.weekday % 7))
    }
}
