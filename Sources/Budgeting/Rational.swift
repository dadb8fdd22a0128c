/// An exact fraction of BigInts, always in lowest terms with a positive denominator.
///
/// The counting engine itself keeps prices over one common denominator (see `EqualSharesRun`);
/// this general type is for callers and for checking the engine against a plain, slow,
/// obviously-correct implementation.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    public init(_ numerator: BigInt, _ denominator: BigInt = BigInt(1)) {
        precondition(!denominator.isZero, "zero denominator")
        var n = numerator, d = denominator
        if d.isNegative { n = -n; d = -d }
        let g = BigInt.gcd(n, d)
        if !g.isZero && g != BigInt(1) {
            n = n.quotientAndRemainder(dividingBy: g).quotient
            d = d.quotientAndRemainder(dividingBy: g).quotient
        }
        self.numerator = n
        self.denominator = d
    }

    public init(_ value: Int) { self.init(BigInt(value)) }
    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    public static let zero = Rational(0)

    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var doubleValue: Double { BigInt.ratio(numerator, denominator) }
    public var description: String { denominator == BigInt(1) ? numerator.description : "\(numerator)/\(denominator)" }
}
