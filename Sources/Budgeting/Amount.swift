/// An exact decimal number as written in a pabulib file ("102533.36", "7000.0", "3").
///
/// Costs, budgets and points are kept as an integer count of 10^-scale units, so that the
/// counting rules can work in integers after bringing every amount to one common scale.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The value times 10^scale.
    public let units: Int
    /// Number of decimal places; trailing zeros are dropped, so 7000.0 has scale 0.
    public let scale: Int

    public static let maximumScale = 9

    public init(units: Int, scale: Int = 0) {
        var u = units, s = scale
        while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
        self.units = u
        self.scale = s
    }

    public init(_ integer: Int) { self.init(units: integer, scale: 0) }

    /// Parses "12", "12.5", "12,5" (a decimal comma, as pabutools accepts for costs), "-3".
    /// Returns nil for anything else, including exponents, spaces inside and empty text.
    public init?(parsing text: some StringProtocol) {
        var bytes = Array(text.utf8)[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes = bytes.dropLast() }
        guard let value = Amount.parse(bytes) else { return nil }
        self = value
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Amount? {
        var negative = false
        var i = bytes.startIndex
        if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var units = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        while i < bytes.endIndex {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                if seenPoint {
                    // Zeros past the last significant decimal do not need room.
                    scale += 1
                }
                let (m, o1) = units.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(c - 0x30))
                if o1 || o2 { return nil }
                units = a
                digits += 1
            } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        if digits == 0 { return nil }
        let value = Amount(units: negative ? -units : units, scale: scale)
        if value.scale > maximumScale { return nil }
        return value
    }

    /// The value in units of 10^-scale (nil if it would not fit in an Int).
    public func units(atScale target: Int) -> Int? {
        precondition(target >= scale)
        var u = units
        for _ in 0..<(target - scale) {
            let (m, o) = u.multipliedReportingOverflow(by: 10)
            if o { return nil }
            u = m
        }
        return u
    }

    public var doubleValue: Double {
        var d = Double(units)
        for _ in 0..<scale { d /= 10 }
        return d
    }

    public var isNegative: Bool { units < 0 }
    public var isZero: Bool { units == 0 }

    public static func < (a: Amount, b: Amount) -> Bool {
        let s = max(a.scale, b.scale)
        if let x = a.units(atScale: s), let y = b.units(atScale: s) { return x < y }
        return a.doubleValue < b.doubleValue
    }

    public var description: String {
        if scale == 0 { return String(units) }
        let negative = units < 0
        var digits = String(units.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Amount(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a decimal number")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
