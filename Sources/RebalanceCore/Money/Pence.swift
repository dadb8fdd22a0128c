import Foundation

/// An amount of money in whole pence. Money is never a floating-point number here: sums,
/// shares and percentages are integer arithmetic, so a ledger of fifteen years adds up exactly.
public struct Pence: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    // Stored and sent as a plain number of pence.
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
    public static func pounds(_ pounds: Int64) -> Pence { Pence(pounds * 100) }
    public static let zero = Pence(0)
    /// More than any one programme could hold; typing beyond it is a mistake, not a budget.
    public static let ceiling = Pence.pounds(1_000_000_000)

    public static func + (a: Pence, b: Pence) -> Pence { Pence(a.value + b.value) }
    public static func - (a: Pence, b: Pence) -> Pence { Pence(a.value - b.value) }
    public static prefix func - (a: Pence) -> Pence { Pence(-a.value) }
    public static func += (a: inout Pence, b: Pence) { a.value += b.value }
    public static func -= (a: inout Pence, b: Pence) { a.value -= b.value }
    public static func < (a: Pence, b: Pence) -> Bool { a.value < b.value }

    /// `percent` per cent of the amount, rounded to the nearest penny (halves away from zero).
    public func percent(_ percent: Int) -> Pence {
        let (scaled, overflow) = value.multipliedReportingOverflow(by: Int64(percent))
        if overflow { return Pence(Self.scaled(value, by: Int64(percent), over: 100)) }
        let (q, r) = scaled.quotientAndRemainder(dividingBy: 100)
        if abs(r) * 2 >= 100 { return Pence(q + (scaled < 0 ? -1 : 1)) }
        return Pence(q)
    }

    /// `value × numerator ÷ denominator`, rounded towards zero, worked out in 128 bits so no
    /// intermediate product overflows (Swift would stop the server); a result beyond `Int64`
    /// saturates. Denominator must be positive.
    public static func scaled(_ value: Int64, by numerator: Int64, over denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let negative = (value < 0) != (numerator < 0)
        let product = value.magnitude.multipliedFullWidth(by: numerator.magnitude)
        let d = denominator.magnitude
        guard product.high < d else { return negative ? .min : .max }
        let q = d.dividingFullWidth(product).quotient
        guard q <= UInt64(Int64.max) else { return negative ? .min : .max }
        return negative ? -Int64(q) : Int64(q)
    }

    /// What share of `whole` this is, in whole per cent, kept within ±1,000,000 so the figures
    /// built on it (time gone less money spent) stay small.
    public static func percentShare(_ part: Pence, of whole: Pence) -> Int {
        guard whole.value > 0 else { return 0 }
        return Int(max(-1_000_000, min(1_000_000, scaled(part.value, by: 100, over: whole.value))))
    }

    /// "£1,234.56", or "−£12.00" below zero.
    public var description: String {
        let magnitude = value.magnitude
        let pounds = magnitude / 100, pennies = magnitude % 100
        let grouped = Self.grouped(pounds)
        return (value < 0 ? "−" : "") + "£" + grouped + "." + (pennies < 10 ? "0" : "") + String(pennies)
    }

    /// "£1,235": whole pounds, for tables and charts where pennies are noise.
    public var roundedPounds: String {
        let pounds = (value.magnitude + 50) / 100
        return (value < 0 ? "−" : "") + "£" + Self.grouped(pounds)
    }

    /// The amount as a plain decimal ("1234.56"), for CSV and JSON readers that want a number.
    public var decimal: String {
        let magnitude = value.magnitude
        return (value < 0 ? "-" : "") + String(magnitude / 100) + "." + (magnitude % 100 < 10 ? "0" : "") + String(magnitude % 100)
    }

    static func grouped(_ n: UInt64) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// Reads an amount as people type it: "1234", "1,234.50", "£1,234.5". Refuses negative
    /// amounts, fractions of a penny and anything that is not a number, naming `field`.
    public static func parse(_ raw: String?, field: String, label: String, into errors: inout FieldErrorList) -> Pence? {
        var text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            errors.add(field, "Enter \(label)")
            return nil
        }
        if text.hasPrefix("-") || text.hasPrefix("−") {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must not be negative: to undo an entry, reverse it")
            return nil
        }
        if text.hasPrefix("£") { text.removeFirst() }
        text = text.replacingOccurrences(of: ",", with: "")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
              parts.count == 1 || (parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber) && !parts[1].isEmpty) else {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be an amount in pounds, like 1250 or 1,250.50")
            return nil
        }
        if parts.count == 2, parts[1].count > 2 {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be in whole pence: at most two figures after the point")
            return nil
        }
        guard parts[0].count <= 12, let pounds = Int64(parts[0]) else {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) is too large")
            return nil
        }
        let penniesText = parts.count == 2 ? String(parts[1]) : "0"
        let pennies = Int64(penniesText.count == 1 ? penniesText + "0" : penniesText) ?? 0
        let amount = Pence(pounds * 100 + pennies)
        if amount > ceiling {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) is too large")
            return nil
        }
        return amount
    }
}

extension Sequence where Element == Pence {
    public func sum() -> Pence { reduce(.zero, +) }
}
