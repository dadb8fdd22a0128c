/// Working-day arithmetic for response times: Monday to Friday, except bank holidays in England
/// and Wales and any extra days a council closes (`closures`, e.g. between Christmas and New Year).
///
/// Counting convention (the one the Freedom of Information Act uses, and the one council
/// officers expect): the day something arrives is day zero; the first working day after it is
/// day one. So a reply "within 10 working days" to a request received on Monday 2 March 2026 is
/// due by the end of Monday 16 March, and a request received on a Saturday has Monday as its
/// day one. Non-working days are never counted, so an answer sent on the weekend after its due
/// Friday took no more working days than one sent on the Friday.
public struct WorkingDayCalendar: Sendable, Hashable {
    /// The extra closures that matter: weekdays that are not bank holidays anyway (a closure
    /// given for a Saturday or for Christmas Day is dropped, so it is never counted twice).
    public let closures: Set<Day>
    private let sortedClosureOrdinals: [Int]

    public init(closures: Set<Day> = []) {
        let weekdayClosures = closures.filter {
            !$0.dayOfWeek.isWeekend && !EnglandAndWalesBankHolidays.isBankHoliday($0)
        }
        self.closures = weekdayClosures
        self.sortedClosureOrdinals = weekdayClosures.map(\.ordinal).sorted()
    }

    /// Bank holidays in England and Wales, no other closures.
    public static let englandAndWales = WorkingDayCalendar()

    public func isWorkingDay(_ day: Day) -> Bool {
        !day.dayOfWeek.isWeekend && !EnglandAndWalesBankHolidays.isBankHoliday(day) && !closures.contains(day)
    }

    /// The day `n` working days after `day` (before it, when `n` is negative). `day` itself is
    /// day zero and never counts, whether or not it is a working day; `n == 0` returns `day`.
    /// The result is always a working day unless `n == 0`.
    public func adding(workingDays n: Int, to day: Day) -> Day {
        var current = day
        var left = abs(n)
        let step = n < 0 ? -1 : 1
        while left > 0 {
            current = current.adding(days: step)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    /// How many working days fall after `start` and on or before `end`: `start` is day zero,
    /// `end` counts if it is a working day. Zero when both are the same day; negative (the same
    /// count, reversed) when `end` is before `start`. Agrees with `adding`:
    /// `workingDays(from: d, to: adding(workingDays: n, to: d)) == n`.
    public func workingDays(from start: Day, to end: Day) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        let a = start.ordinal, b = end.ordinal
        var count = Self.weekdays(before: b + 1) - Self.weekdays(before: a + 1)
        // Bank holidays and closures are always weekdays, so each one in (a, b] removes one.
        let holidays = EnglandAndWalesBankHolidays.table
        if holidays.years.contains(start.year) && holidays.years.contains(end.year) {
            count -= Self.countIn(holidays.sortedOrdinals, after: a, through: b)
        } else {
            var d = start.adding(days: 1)
            while d <= end {
                if !d.dayOfWeek.isWeekend && EnglandAndWalesBankHolidays.isBankHoliday(d) { count -= 1 }
                d = d.adding(days: 1)
            }
        }
        count -= Self.countIn(sortedClosureOrdinals, after: a, through: b)
        return count
    }

    /// `day` if it is a working day, else the next one.
    public func workingDay(onOrAfter day: Day) -> Day {
        isWorkingDay(day) ? day : adding(workingDays: 1, to: day)
    }

    /// The first working day of the month `day` is in (the monthly digest goes out on it).
    public func firstWorkingDay(ofMonthContaining day: Day) -> Day {
        workingDay(onOrAfter: day.firstOfMonth)
    }

    /// The first working day of the calendar quarter `day` is in.
    public func firstWorkingDay(ofQuarterContaining day: Day) -> Day {
        workingDay(onOrAfter: day.firstOfQuarter)
    }

    /// Weekdays (Monday to Friday) among the days with ordinal < `ordinal`, counted from a
    /// fixed Monday (1970-01-05, ordinal 4); only differences of it mean anything.
    static func weekdays(before ordinal: Int) -> Int {
        let k = ordinal - 4
        let weeks = k >= 0 ? k / 7 : -((-k + 6) / 7)
        let rest = k - weeks * 7
        return weeks * 5 + min(rest, 5)
    }

    /// How many values of a sorted array lie in (low, high].
    static func countIn(_ sorted: [Int], after low: Int, through high: Int) -> Int {
        firstIndex(in: sorted, greaterThan: high) - firstIndex(in: sorted, greaterThan: low)
    }

    private static func firstIndex(in sorted: [Int], greaterThan value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Day {
    /// Monday to Friday and not a bank holiday in England and Wales.
    public var isWorkingDay: Bool { WorkingDayCalendar.englandAndWales.isWorkingDay(self) }

    /// See `WorkingDayCalendar.adding(workingDays:to:)`: this day is day zero.
    public func adding(workingDays n: Int, in calendar: WorkingDayCalendar = .englandAndWales) -> Day {
        calendar.adding(workingDays: n, to: self)
    }

    /// See `WorkingDayCalendar.workingDays(from:to:)`: this day is day zero, `end` counts.
    public func workingDays(to end: Day, in calendar: WorkingDayCalendar = .englandAndWales) -> Int {
        calendar.workingDays(from: self, to: end)
    }
}
