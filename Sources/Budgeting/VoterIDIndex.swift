/// Which voter ids a file has already used, to refuse a second ballot under the same id.
///
/// A city file has ~90,000 ids; a `Set<String>` spent a quarter of the reading time hashing them
/// with a keyed hash. Ids come from the file, not from an attacker choosing collisions against a
/// live service, so a plain multiplicative hash over the bytes with open addressing is enough.
///
/// Most files number their voters 1, 2, 3, ... (or with other rising numbers). While every id so
/// far is a plain decimal number larger than the one before, a new one cannot repeat any of them
/// and no table is kept at all; the first id that breaks the pattern builds the table from the ids
/// so far, and from then on every id is looked up in it.
struct VoterIDIndex: Sendable {
    /// True while all ids are plain decimals in rising order (then `slots` is not used).
    private var rising = true
    private var lastNumber = -1
    private var pendingNumber = -1
    /// Per slot: the id's hash in the high 32 bits (so most mismatches need no string
    /// comparison), voter index + 1 in the low 32; 0 means empty.
    private var slots: [UInt64]
    private var mask: Int
    private var used = 0
    /// The hash of the id `find` last failed to find, for `claim`.
    private var pendingHash = 0

    init(expected: Int = 0) {
        self.expected = expected
        slots = []
        mask = 0
    }

    /// Room for the declared number of ids, made only once a table is needed.
    private let expected: Int

    private mutating func makeTable(for count: Int) {
        var size = 1024
        while size < max(expected, count) * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Where an entry belongs: its hash's high 32 bits (the table never has more slots).
    @inline(__always)
    static func slotBits(_ entry: UInt64) -> Int { Int(entry >> 32) }

    @inline(__always)
    static func entry(hash: Int, index: Int) -> UInt64 {
        (UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Looks `id` up among `ids`: whether it is there, and if not the slot that `claim` fills.
    /// Nothing else may be claimed between the two calls.
    mutating func find(_ id: String, ids: [String]) -> (found: Bool, slot: Int) {
        if rising {
            if let n = VoterIDIndex.plainNumber(id), n > lastNumber {
                pendingNumber = n
                return (false, -1)
            }
            rising = false
            makeTable(for: ids.count + 1)
            for (i, earlier) in ids.enumerated() {
                let slot = find(earlier, ids: ids).slot
                claim(slot, index: i)
            }
        }
        if (used + 1) * 2 > slots.count { grow() }
        var key = id
        let h = key.withUTF8 { VoterIDIndex.hash($0) }
        let tag = VoterIDIndex.entry(hash: h, index: -1)
        var slot = VoterIDIndex.slotBits(tag) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag && ids[Int(entry & 0xFFFF_FFFF) - 1] == id { return (true, slot) }
            slot = (slot + 1) & mask
        }
        pendingHash = h
        return (false, slot)
    }

    /// The value of an id written as a plain decimal ("0", "17", not "017", "+1" or "1.0"), so
    /// that two such ids are the same text exactly when they are the same number.
    static func plainNumber(_ id: String) -> Int? {
        var text = id
        return text.withUTF8 { bytes -> Int? in
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            if bytes[0] == 0x30 && bytes.count > 1 { return nil }
            var n = 0
            for b in bytes {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }
    }

    /// Records voter `index` in a slot `find` returned.
    mutating func claim(_ slot: Int, index: Int) {
        if rising {
            lastNumber = pendingNumber
            return
        }
        slots[slot] = VoterIDIndex.entry(hash: pendingHash, index: index)
        used += 1
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = Array(repeating: UInt64(0), count: size)
        let newMask = size - 1
        // Slots are chosen from the stored high bits, so entries move without their ids.
        for entry in slots where entry != 0 {
            var slot = VoterIDIndex.slotBits(entry) & newMask
            while fresh[slot] != 0 { slot = (slot + 1) & newMask }
            fresh[slot] = entry
        }
        slots = fresh
        mask = newMask
    }
}
