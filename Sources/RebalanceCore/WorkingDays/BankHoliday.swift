/// One bank holiday in England and Wales.
public struct BankHoliday: Hashable, Sendable, Codable, Comparable {
    public enum Kind: String, Codable, Sendable {
        /// On its usual day (Good Friday, the last Monday in August...).
        case regular
        /// Taken on a weekday because the day itself fell at a weekend.
        case substitute
        /// A regular holiday moved by proclamation (the spring holiday in jubilee years).
        case moved
        /// A one-off holiday (a jubilee, a royal wedding, a state funeral, a coronation).
        case special
    }

    public let day: Day
    public let name: String
    public let kind: Kind

    public init(day: Day, name: String, kind: Kind) {
        self.day = day
        self.name = name
        self.kind = kind
    }

    public static func < (a: BankHoliday, b: BankHoliday) -> Bool { a.day < b.day }
}
