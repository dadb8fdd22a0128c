/// A small arbitrary-precision signed integer, just enough for exact counting.
///
/// The Method of Equal Shares divides by a different number of supporters in every round, so
/// exact prices grow denominators that leave 64 bits behind after three or four rounds. The
/// engine keeps all of them over one common denominator and only ever needs to add, subtract,
/// multiply by machine words, compare and turn a ratio into a Double — so this type stays small.
/// Magnitude limbs are little-endian and never carry leading zero limbs; zero has no limbs.
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline var limbs: [UInt64]
    @usableFromInline var negative: Bool

    public static let zero = BigInt()

    public init() {
        limbs = []
        negative = false
    }

    public init(_ value: Int) {
        negative = value < 0
        let magnitude = value.magnitude
        limbs = magnitude == 0 ? [] : [UInt64(magnitude)]
    }

    public init(_ value: UInt64) {
        negative = false
        limbs = value == 0 ? [] : [value]
    }

    init(limbs: [UInt64], negative: Bool) {
        self.limbs = limbs
        self.negative = negative
        normalize()
    }

    public var isZero: Bool { limbs.isEmpty }
    public var signum: Int { limbs.isEmpty ? 0 : (negative ? -1 : 1) }
    public var isNegative: Bool { negative && !limbs.isEmpty }
    public var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false }
    }

    /// The value as an Int when it fits.
    public var intValue: Int? {
        if limbs.isEmpty { return 0 }
        if limbs.count > 1 { return nil }
        let m = limbs[0]
        if negative {
            if m <= UInt64(Int.max) + 1 { return m == UInt64(Int.max) + 1 ? Int.min : -Int(m) }
            return nil
        }
        return m <= UInt64(Int.max) ? Int(m) : nil
    }

    // MARK: magnitude helpers

    static func compareMagnitude(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func addMagnitude(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = long
        var carry: UInt64 = 0
        for i in 0..<long.count {
            if i >= short.count && carry == 0 { break }
            let addend = i < short.count ? short[i] : 0
            let (s1, o1) = result[i].addingReportingOverflow(addend)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    /// a - b where |a| >= |b|.
    static func subtractMagnitude(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            if i >= b.count && borrow == 0 { break }
            let sub = i < b.count ? b[i] : 0
            let (d1, o1) = result[i].subtractingReportingOverflow(sub)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitude(_ a: [UInt64], by w: UInt64) -> [UInt64] {
        if w == 0 || a.isEmpty { return [] }
        var result = [UInt64](repeating: 0, count: a.count + 1)
        var carry: UInt64 = 0
        for i in 0..<a.count {
            let (hi, lo) = a[i].multipliedFullWidth(by: w)
            let (sum, o) = lo.addingReportingOverflow(carry)
            result[i] = sum
            carry = hi &+ (o ? 1 : 0)
        }
        result[a.count] = carry
        if carry == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitude(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = a[i]
            for j in 0..<b.count {
                let (hi, lo) = ai.multipliedFullWidth(by: b[j])
                let (s1, o1) = lo.addingReportingOverflow(result[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[i + j] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            result[i + b.count] = carry
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    /// Divides the magnitude by a machine word, returning quotient and remainder.
    static func divideMagnitude(_ a: [UInt64], by d: UInt64) -> ([UInt64], UInt64) {
        precondition(d != 0, "division by zero")
        var quotient = [UInt64](repeating: 0, count: a.count)
        var remainder: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            let (q, r) = d.dividingFullWidth((remainder, a[i]))
            quotient[i] = q
            remainder = r
            i -= 1
        }
        while let last = quotient.last, last == 0 { quotient.removeLast() }
        return (quotient, remainder)
    }

    // MARK: arithmetic

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative {
            return BigInt(limbs: addMagnitude(a.limbs, b.limbs), negative: a.negative)
        }
        let c = compareMagnitude(a.limbs, b.limbs)
        if c == 0 { return BigInt() }
        if c > 0 { return BigInt(limbs: subtractMagnitude(a.limbs, b.limbs), negative: a.negative) }
        return BigInt(limbs: subtractMagnitude(b.limbs, a.limbs), negative: b.negative)
    }

    public static prefix func - (a: BigInt) -> BigInt {
        BigInt(limbs: a.limbs, negative: !a.negative)
    }

    public static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(limbs: multiplyMagnitude(a.limbs, b.limbs), negative: a.negative != b.negative)
    }

    public static func * (a: BigInt, w: Int) -> BigInt {
        BigInt(limbs: multiplyMagnitude(a.limbs, by: UInt64(w.magnitude)), negative: a.negative != (w < 0))
    }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }

    /// Truncating division by a non-zero machine word, with the remainder's magnitude.
    public func quotientAndRemainder(dividingBy d: Int) -> (quotient: BigInt, remainder: UInt64) {
        let (q, r) = BigInt.divideMagnitude(limbs, by: UInt64(d.magnitude))
        return (BigInt(limbs: q, negative: negative != (d < 0)), r)
    }

    /// Truncating division by another BigInt (schoolbook, bit by bit): only used for printing
    /// and in tests, never in a counting loop.
    public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "division by zero")
        if BigInt.compareMagnitude(limbs, d.limbs) < 0 { return (BigInt(), self) }
        if d.limbs.count == 1 {
            let (q, r) = BigInt.divideMagnitude(limbs, by: d.limbs[0])
            return (BigInt(limbs: q, negative: negative != d.negative), BigInt(limbs: [r], negative: negative))
        }
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder = BigInt()
        let divisor = BigInt(limbs: d.limbs, negative: false)
        var bit = bitWidth - 1
        while bit >= 0 {
            remainder = remainder * 2
            if (limbs[bit / 64] >> UInt64(bit % 64)) & 1 == 1 { remainder = remainder + BigInt(1) }
            if BigInt.compareMagnitude(remainder.limbs, divisor.limbs) >= 0 {
                remainder = remainder - divisor
                quotient[bit / 64] |= 1 << UInt64(bit % 64)
            }
            bit -= 1
        }
        return (BigInt(limbs: quotient, negative: negative != d.negative),
                BigInt(limbs: remainder.limbs, negative: negative))
    }

    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = BigInt(limbs: a.limbs, negative: false)
        var y = BigInt(limbs: b.limbs, negative: false)
        while !y.isZero {
            if let xs = x.intValue, let ys = y.intValue {
                var p = xs, q = ys
                while q != 0 { (p, q) = (q, p % q) }
                return BigInt(p)
            }
            let r = x.quotientAndRemainder(dividingBy: y).remainder
            x = y
            y = BigInt(limbs: r.limbs, negative: false)
        }
        return x
    }

    public static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }

    public static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        let sa = a.signum, sb = b.signum
        if sa != sb { return sa < sb ? -1 : 1 }
        let c = compareMagnitude(a.limbs, b.limbs)
        return sa < 0 ? -c : c
    }

    // MARK: conversion

    /// The top 64 significant bits and how far they were shifted right to get there.
    func topBits() -> (UInt64, Int) {
        guard let top = limbs.last else { return (0, 0) }
        let width = bitWidth
        if width <= 64 { return (limbs[0], 0) }
        let shift = width - 64
        let lz = top.leadingZeroBitCount
        var bits: UInt64
        if lz == 0 {
            bits = top
        } else {
            bits = (top << UInt64(lz)) | (limbs[limbs.count - 2] >> UInt64(64 - lz))
        }
        // A sticky bit keeps the rounding of the conversion honest when lower bits are dropped.
        if bits & 1 == 0 {
            let droppedInPartial = lz == 0 ? false : (limbs[limbs.count - 2] << UInt64(lz)) != 0
            var droppedBelow = false
            if !droppedInPartial {
                let fullLimbsBelow = lz == 0 ? limbs.count - 1 : limbs.count - 2
                for i in 0..<fullLimbsBelow where limbs[i] != 0 { droppedBelow = true; break }
            }
            if droppedInPartial || droppedBelow { bits |= 1 }
        }
        return (bits, shift)
    }

    public var doubleValue: Double {
        let (bits, shift) = topBits()
        let magnitude = Double(bits) * pow2(shift)
        return negative ? -magnitude : magnitude
    }

    /// a / b as a Double with a relative error of a few units in the last place, even when
    /// both are thousands of bits long.
    public static func ratio(_ a: BigInt, _ b: BigInt) -> Double {
        precondition(!b.isZero, "division by zero")
        if a.isZero { return 0 }
        let (abits, ashift) = a.topBits()
        let (bbits, bshift) = b.topBits()
        let value = (Double(abits) / Double(bbits)) * pow2(ashift - bshift)
        return a.negative != b.negative ? -value : value
    }

    public var description: String {
        if limbs.isEmpty { return "0" }
        var digits: [String] = []
        var current = limbs
        let chunk: UInt64 = 10_000_000_000_000_000_000
        while !current.isEmpty {
            let (q, r) = BigInt.divideMagnitude(current, by: chunk)
            digits.append(String(r))
            current = q
        }
        var text = negative ? "-" : ""
        text += digits.last!
        for part in digits.dropLast().reversed() {
            text += String(repeating: "0", count: 19 - part.count) + part
        }
        return text
    }
}

/// 2^e as a Double without going through pow(), which is not exact on every platform.
@inline(__always)
func pow2(_ e: Int) -> Double {
    if e == 0 { return 1 }
    if e > 1023 { return .infinity }
    if e < -1074 { return 0 }
    if e >= -1022 { return Double(sign: .plus, exponent: e, significand: 1) }
    return Double(sign: .plus, exponent: -1022, significand: 1) * Double(sign: .plus, exponent: e + 1022, significand: 1)
}
