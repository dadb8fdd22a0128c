import Foundation

/// A calendar date with no time of day (membership start, a due date), written `YYYY-MM-DD`.
/// Kept apart from `Date` so that a date typed in London never shifts by a time zone.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` (what an HTML date input sends).
    public init?(_ text: String) {
        // Every stored day is read through here, many per page: the plain ten-byte form is read
        // straight from its bytes, anything else (spaces around it, say) the careful way.
        if let fast = Day.plain(text) { self = fast; return }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        // ASCII digits only: Int("+026") is 26, which would make "+026-01-01" a date.
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func plain(_ text: String) -> Day? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { b -> Day? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    let d = Int(b[i]) - 48
                    guard (0...9).contains(d) else { return nil }
                    n = n * 10 + d
                }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return Day(year: y, month: m, day: d)
        } ?? nil
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01, for arithmetic (civil-from-days algorithm in reverse).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Monday = 1 ... Sunday = 7.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    /// The day this instant falls on in the UK (the platform's home time zone).
    public static func today(_ now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "Europe/London")!) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// "3 March 2026", the GOV.UK date style.
    public var readable: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Expected a date written YYYY-MM-DD, got \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

public enum DayRules {
    /// Parses an optional date field; blank means nil.
    public static func optional(_ raw: String?, field: String, label: String,
                                into errors: inout FieldErrorList) -> Day? {
        let text = TextRules.trimmed(raw)
        if text.isEmpty { return nil }
        guard let day = Day(text) else {
            errors.add(field, "\(label) must be a real date, written like 2026-03-27")
            return nil
        }
        return day
    }

    public static func required(_ raw: String?, field: String, label: String,
                                into errors: inout FieldErrorList) -> Day? {
        if TextRules.trimmed(raw).isEmpty {
            errors.add(field, "Enter \(label.lowercased())")
            return nil
        }
        return optional(raw, field: field, label: label, into: &errors)
    }
}
