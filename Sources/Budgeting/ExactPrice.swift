/// A price per unit of satisfaction, exactly: x / (Q * u) where Q is the run's common denominator
/// at the time it was computed.
struct ExactPrice {
    var x: BigInt
    var u: BigInt

    /// Compares two prices taken over the same common denominator.
    static func compare(_ a: ExactPrice, _ b: ExactPrice) -> Int {
        BigInt.compare(a.x * b.u, b.x * a.u)
    }
}

/// Sums products of machine integers, moving to a BigInt only if 64 bits overflow.
struct WideSum {
    private(set) var small = 0
    private var big: BigInt? = nil

    @inline(__always)
    mutating func add(_ a: Int, times b: Int) {
        let (m, o1) = a.multipliedReportingOverflow(by: b)
        if !o1 {
            let (s, o2) = small.addingReportingOverflow(m)
            if !o2 { small = s; return }
        }
        big = (big ?? .zero) + BigInt(a) * b
    }

    var isZero: Bool { small == 0 && (big?.isZero ?? true) }

    var value: BigInt { (big ?? .zero) + BigInt(small) }
}

extension BigInt {
    /// Greatest common divisor with a positive machine word, cheaply.
    func gcd(withWord w: Int) -> Int {
        var a = w
        var b = Int(quotientAndRemainder(dividingBy: w).remainder)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
