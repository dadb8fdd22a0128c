import Foundation

/// An exact share between none and all, such as 2/3. Shares are kept as whole numbers, never as
/// floating point, so that "exactly two thirds" is decided exactly: 0.6666… would let a vote of
/// 2 in 3 fall either side of the line.
public struct DecisionFraction: Hashable, Sendable, Codable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// Large enough for any percentage with one decimal place (667/1000), small enough that
    /// cross-multiplying by a count of people can never overflow.
    public static let largestDenominator = 1000

    /// Nil unless `0 <= numerator <= denominator` and `1 <= denominator <= 1000`.
    /// The fraction is kept in lowest terms, so 2/4 and 1/2 are the same rule.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard (1...Self.largestDenominator).contains(denominator), (0...denominator).contains(numerator) else { return nil }
        let divisor = Self.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    public static let half = DecisionFraction(1, 2)!
    public static let twoThirds = DecisionFraction(2, 3)!
    public static let threeQuarters = DecisionFraction(3, 4)!
    public static let all = DecisionFraction(1, 1)!

    /// Reads `2/3`, `75%` or `66.7%` (at most one decimal place in a percentage).
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            let number = text.dropLast().trimmingCharacters(in: .whitespaces)
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            // Checked before `whole * 10`, which would stop the process for a 19-digit number.
            guard (1...2).contains(parts.count), let whole = Int(parts[0]), !parts[0].isEmpty,
                  parts[0].allSatisfy(\.isASCII), (0...100).contains(whole) else { return nil }
            if parts.count == 2 {
                guard parts[1].count == 1, let tenth = Int(parts[1]), parts[1].allSatisfy(\.isASCII) else { return nil }
                self.init(whole * 10 + tenth, 1000)
            } else {
                self.init(whole, 100)
            }
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let n = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let d = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(n, d)
    }

    /// `count / total >= self`, decided exactly by cross-multiplying.
    func isReached(by count: Int, of total: Int) -> Bool { count * denominator >= numerator * total }
    /// `count / total > self`, decided exactly.
    func isExceeded(by count: Int, of total: Int) -> Bool { count * denominator > numerator * total }

    /// `2/3`; the form `init(parsing:)` reads back.
    public var description: String { "\(numerator)/\(denominator)" }

    /// "half", "two thirds", "3/5": how the rule reads in a sentence.
    public var words: String {
        switch (numerator, denominator) {
        case (0, _): return "none"
        case (1, 1): return "all"
        case (1, 2): return "half"
        case (1, 3): return "a third"
        case (2, 3): return "two thirds"
        case (1, 4): return "a quarter"
        case (3, 4): return "three quarters"
        case (_, 100): return "\(numerator)%"
        case (_, 1000) where numerator % 10 != 0: return "\(numerator / 10).\(numerator % 10)%"
        default: return "\(numerator)/\(denominator)"
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }

    private enum CodingKeys: String, CodingKey { case numerator, denominator }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let n = try c.decode(Int.self, forKey: .numerator)
        let d = try c.decode(Int.self, forKey: .denominator)
        guard let fraction = DecisionFraction(n, d) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Expected a share between 0 and 1 with a denominator from 1 to \(Self.largestDenominator), got \(n)/\(d)"))
        }
        self = fraction
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(numerator, forKey: .numerator)
        try c.encode(denominator, forKey: .denominator)
    }
}

/// A line a count must reach: "more than half" or "at least two thirds". Both forms are needed
/// because a simple majority is *more than* half (a 3–3 tie must not pass), while
/// super-majorities are conventionally *at least* the share (4 of 6 is two thirds and passes).
public struct DecisionThreshold: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Codable, CaseIterable {
        case atLeast = "at_least"
        case moreThan = "more_than"
    }

    public let comparison: Comparison
    public let share: DecisionFraction

    /// Nil for lines that mean nothing: "at least none" (always met) and "more than all" (never met).
    public init?(_ comparison: Comparison, _ share: DecisionFraction) {
        if comparison == .atLeast, share.numerator == 0 { return nil }
        if comparison == .moreThan, share.numerator == share.denominator { return nil }
        self.comparison = comparison
        self.share = share
    }

    public static func atLeast(_ share: DecisionFraction) -> DecisionThreshold? { DecisionThreshold(.atLeast, share) }
    public static func moreThan(_ share: DecisionFraction) -> DecisionThreshold? { DecisionThreshold(.moreThan, share) }

    /// More than half: the ordinary meaning of "a majority".
    public static let simpleMajority = DecisionThreshold(.moreThan, .half)!
    public static let twoThirds = DecisionThreshold(.atLeast, .twoThirds)!
    public static let threeQuarters = DecisionThreshold(.atLeast, .threeQuarters)!
    public static let unanimous = DecisionThreshold(.atLeast, .all)!

    /// Whether `count` out of `total` reaches the line. Nothing reaches a line out of zero:
    /// a share of no one is not a decision.
    public func isMet(by count: Int, of total: Int) -> Bool {
        guard total > 0 else { return false }
        switch comparison {
        case .atLeast: return share.isReached(by: count, of: total)
        case .moreThan: return share.isExceeded(by: count, of: total)
        }
    }

    /// The smallest count out of `total` that reaches the line (it may exceed `total` only
    /// when `total` is zero).
    public func smallestCount(of total: Int) -> Int {
        let product = share.numerator * total
        switch comparison {
        case .atLeast:
            return max(1, (product + share.denominator - 1) / share.denominator)
        case .moreThan:
            return product / share.denominator + 1
        }
    }

    /// Reads `more than 1/2`, `at least 2/3`, `at least 75%`, or a bare share (`2/3`, `75%`),
    /// which means "at least". Also the names `simple majority`, `two thirds`,
    /// `three quarters` and `unanimous`.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let name = text.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        switch name {
        case "simple majority", "majority", "more than half": self = .simpleMajority; return
        case "two thirds": self = .twoThirds; return
        case "three quarters": self = .threeQuarters; return
        case "unanimous", "unanimity", "all": self = .unanimous; return
        default: break
        }
        var comparison = Comparison.atLeast
        var rest = Substring(text)
        if rest.hasPrefix("more than ") {
            comparison = .moreThan
            rest = rest.dropFirst("more than ".count)
        } else if rest.hasPrefix("at least ") {
            rest = rest.dropFirst("at least ".count)
        }
        guard let share = DecisionFraction(parsing: String(rest)) else { return nil }
        self.init(comparison, share)
    }

    /// `more than 1/2`; the form `init(parsing:)` reads back.
    public var description: String {
        "\(comparison == .atLeast ? "at least" : "more than") \(share)"
    }

    /// "more than half", "at least two thirds", "all".
    public var words: String {
        if self == .unanimous { return "all" }
        return "\(comparison == .atLeast ? "at least" : "more than") \(share.words)"
    }

    private enum CodingKeys: String, CodingKey { case comparison, numerator, denominator }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let comparison = try c.decode(Comparison.self, forKey: .comparison)
        let share = try DecisionFraction(from: decoder)
        guard let threshold = DecisionThreshold(comparison, share) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "\(comparison.rawValue) \(share) is not a threshold that can be met and missed"))
        }
        self = threshold
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(comparison, forKey: .comparison)
        try c.encode(share.numerator, forKey: .numerator)
        try c.encode(share.denominator, forKey: .denominator)
    }
}
