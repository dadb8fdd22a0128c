/// Bank holidays in England and Wales, computed by rule for any year, with the one-off changes
/// made by royal proclamation since 2000 kept in a table.
///
/// Supported for 2000–2100 (`checkedYears`). The past years match the published lists; future
/// years are the standing rules, the best forecast there is: a new one-off holiday is one line
/// in `specials` (and in `moved` if a regular holiday makes way for it). Before 2000 the rules
/// are still applied, but the one-offs of those years (1995, 1999) are not listed.
/// Scotland and Northern Ireland have different holidays and are not covered here.
public enum EnglandAndWalesBankHolidays {
    /// The years this calendar is meant for.
    public static let checkedYears = 2000...2100

    /// One-off bank holidays since 2000, each declared by royal proclamation.
    public static let specials: [BankHoliday] = [
        BankHoliday(day: Day(year: 2002, month: 6, day: 3)!, name: "Golden Jubilee of Queen Elizabeth II", kind: .special),
        BankHoliday(day: Day(year: 2011, month: 4, day: 29)!, name: "Wedding of Prince William and Catherine Middleton", kind: .special),
        BankHoliday(day: Day(year: 2012, month: 6, day: 5)!, name: "Diamond Jubilee of Queen Elizabeth II", kind: .special),
        BankHoliday(day: Day(year: 2022, month: 6, day: 3)!, name: "Platinum Jubilee of Queen Elizabeth II", kind: .special),
        BankHoliday(day: Day(year: 2022, month: 9, day: 19)!, name: "State funeral of Queen Elizabeth II", kind: .special),
        BankHoliday(day: Day(year: 2023, month: 5, day: 8)!, name: "Coronation of King Charles III", kind: .special),
    ]

    /// Regular holidays that were moved: year and holiday to the day it was taken instead.
    /// The spring holiday made way for the jubilee weekends; the early May holiday moved to
    /// Friday 8 May 2020 for the 75th anniversary of VE Day.
    static let moved: [Int: [Regular: Day]] = [
        2002: [.spring: Day(year: 2002, month: 6, day: 4)!],
        2012: [.spring: Day(year: 2012, month: 6, day: 4)!],
        2020: [.earlyMay: Day(year: 2020, month: 5, day: 8)!],
        2022: [.spring: Day(year: 2022, month: 6, day: 2)!],
    ]

    enum Regular: CaseIterable {
        case earlyMay, spring

        var name: String {
            switch self {
            case .earlyMay: return "Early May bank holiday"
            case .spring: return "Spring bank holiday"
            }
        }
    }

    /// Every bank holiday in a year, in date order.
    public static func holidays(in year: Int) -> [BankHoliday] {
        var list: [BankHoliday] = []

        // New Year's Day at a weekend is made up on the following Monday.
        let newYear = Day(year: year, month: 1, day: 1)!
        switch newYear.dayOfWeek {
        case .saturday: list.append(BankHoliday(day: newYear.adding(days: 2), name: "New Year’s Day (substitute day)", kind: .substitute))
        case .sunday: list.append(BankHoliday(day: newYear.adding(days: 1), name: "New Year’s Day (substitute day)", kind: .substitute))
        default: list.append(BankHoliday(day: newYear, name: "New Year’s Day", kind: .regular))
        }

        let easter = Easter.sunday(in: year)
        list.append(BankHoliday(day: easter.adding(days: -2), name: "Good Friday", kind: .regular))
        list.append(BankHoliday(day: easter.adding(days: 1), name: "Easter Monday", kind: .regular))

        for regular in Regular.allCases {
            let usual = regular == .earlyMay ? firstMonday(month: 5, year: year) : lastMonday(month: 5, year: year)
            if let instead = moved[year]?[regular] {
                list.append(BankHoliday(day: instead, name: regular.name, kind: .moved))
            } else {
                list.append(BankHoliday(day: usual, name: regular.name, kind: .regular))
            }
        }

        list.append(BankHoliday(day: lastMonday(month: 8, year: year), name: "Summer bank holiday", kind: .regular))

        // Christmas and Boxing Day: a day at a weekend moves to the next weekday not already
        // a holiday. Saturday Christmas: Mon 27 and Tue 28. Sunday Christmas: Boxing Day stays
        // on Mon 26 and Christmas moves to Tue 27. Friday Christmas: Boxing Day on Mon 28.
        let christmas = Day(year: year, month: 12, day: 25)!
        let boxing = christmas.adding(days: 1)
        switch christmas.dayOfWeek {
        case .saturday:
            list.append(BankHoliday(day: christmas.adding(days: 2), name: "Christmas Day (substitute day)", kind: .substitute))
            list.append(BankHoliday(day: christmas.adding(days: 3), name: "Boxing Day (substitute day)", kind: .substitute))
        case .sunday:
            list.append(BankHoliday(day: boxing, name: "Boxing Day", kind: .regular))
            list.append(BankHoliday(day: christmas.adding(days: 2), name: "Christmas Day (substitute day)", kind: .substitute))
        case .friday:
            list.append(BankHoliday(day: christmas, name: "Christmas Day", kind: .regular))
            list.append(BankHoliday(day: christmas.adding(days: 3), name: "Boxing Day (substitute day)", kind: .substitute))
        default:
            list.append(BankHoliday(day: christmas, name: "Christmas Day", kind: .regular))
            list.append(BankHoliday(day: boxing, name: "Boxing Day", kind: .regular))
        }

        list += specials.filter { $0.day.year == year }
        return list.sorted()
    }

    /// The bank holiday on a day, if there is one.
    public static func holiday(on day: Day) -> BankHoliday? {
        table.byDay[day.ordinal] ?? (table.years.contains(day.year) ? nil : holidays(in: day.year).first { $0.day == day })
    }

    public static func isBankHoliday(_ day: Day) -> Bool { holiday(on: day) != nil }

    /// Every holiday from 1970 to 2300, computed once: working-day arithmetic looks days up
    /// thousands of times when statistics are built.
    static let table: (years: ClosedRange<Int>, byDay: [Int: BankHoliday], sortedOrdinals: [Int]) = {
        let years = 1970...2300
        var byDay: [Int: BankHoliday] = [:]
        for year in years { for h in holidays(in: year) { byDay[h.day.ordinal] = h } }
        return (years, byDay, byDay.keys.sorted())
    }()

    static func firstMonday(month: Int, year: Int) -> Day {
        let first = Day(year: year, month: month, day: 1)!
        return first.adding(days: (8 - first.weekday) % 7)
    }

    static func lastMonday(month: Int, year: Int) -> Day {
        let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
        return last.adding(days: -((last.weekday + 6) % 7))
    }
}
