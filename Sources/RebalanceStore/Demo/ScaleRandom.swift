import Foundation

/// The scale data's only source of chance: SplitMix64 (Steele, Lea and Flood, 2014), small,
/// fast and the same on every platform and every run. The system generator is never used, so
/// a seed always gives the same rows, ids included.
///
/// Each area, each shared region and each feature's part draws from its own stream, derived
/// from the seed and a label: adding a feature's part later, or loading more areas, leaves
/// every other stream, and so every row already generated, as it was.
struct ScaleRandom {
    private var state: UInt64

    init(state: UInt64) { self.state = state }

    /// The stream for one purpose, e.g. `("area", 17)` or `("area-17/commitments", 0)`.
    init(seed: UInt64, _ label: String, _ index: Int = 0) {
        var mix = ScaleRandom(state: seed ^ Self.fnv1a(label))
        let first = mix.next()
        var again = ScaleRandom(state: first &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        state = again.next()
    }

    /// FNV-1a over the label's UTF-8: Swift's own `Hasher` is seeded afresh in every process,
    /// so it cannot be used for anything that must come out the same twice.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (Lemire's multiply-shift; the bias is below 2^-32 for these small ranges).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        let (high, _) = next().multipliedFullWidth(by: width)
        return range.lowerBound + Int(high)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Roughly normal around `mean` (sum of three uniforms), clamped to `range`.
    mutating func around(_ mean: Double, spread: Double, in range: ClosedRange<Int>) -> Int {
        let wobble = (unit() + unit() + unit() - 1.5) / 1.5 * spread
        return min(range.upperBound, max(range.lowerBound, Int((mean + wobble).rounded())))
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, int(0...i))
        }
        return out
    }

    /// `count` distinct elements, in a random order.
    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        Array(shuffled(items).prefix(max(0, count)))
    }

    /// A version-4 UUID made of the stream's bits: ids are as reproducible as the rest.
    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (56 - 8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
