/// A calendar month or calendar quarter (January to March is the first quarter), for enquiry
/// statistics. Labels name the months, so nobody confuses calendar quarters with the council's
/// financial-year quarters.
public enum EnquiryPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)

    public enum Granularity: String, CaseIterable, Codable, Sendable {
        case month
        case quarter
    }

    public init(containing day: Day, _ granularity: Granularity) {
        switch granularity {
        case .month: self = .month(year: day.year, month: day.month)
        case .quarter: self = .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1)
        }
    }

    public var firstDay: Day {
        switch self {
        case .month(let y, let m): return Day(year: y, month: m, day: 1)!
        case .quarter(let y, let q): return Day(year: y, month: (q - 1) * 3 + 1, day: 1)!
        }
    }

    public var lastDay: Day { next.firstDay.adding(days: -1) }

    public var next: EnquiryPeriod {
        switch self {
        case .month(let y, let m): return m == 12 ? .month(year: y + 1, month: 1) : .month(year: y, month: m + 1)
        case .quarter(let y, let q): return q == 4 ? .quarter(year: y + 1, quarter: 1) : .quarter(year: y, quarter: q + 1)
        }
    }

    public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }

    /// "March 2026", "January to March 2026".
    public var label: String {
        switch self {
        case .month(let y, let m): return "\(MonthName.of(m)) \(y)"
        case .quarter(let y, let q): return "\(MonthName.of((q - 1) * 3 + 1)) to \(MonthName.of(q * 3)) \(y)"
        }
    }

    /// `2026-03` or `2026-Q1`: for URLs, CSV columns and chart keys.
    public var description: String {
        switch self {
        case .month(let y, let m): return String(format: "%04d-%02d", y, m)
        case .quarter(let y, let q): return String(format: "%04d-Q%d", y, q)
        }
    }

    /// Reads `description` back.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        if parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q), parts[1].count == 2 {
            self = .quarter(year: y, quarter: q)
        } else if parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) {
            self = .month(year: y, month: m)
        } else {
            return nil
        }
    }

    public static func < (a: EnquiryPeriod, b: EnquiryPeriod) -> Bool {
        (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay)
    }
}
