/// Values of the extra vote columns (age, sex, district, ...), kept as the file's bytes back to
/// back and turned into Strings only when asked: a city file has hundreds of thousands of them
/// and counting never reads them.
struct VoteExtraColumns: Sendable {
    private(set) var columns: Int
    private var bytes: [UInt8] = []
    /// End offset in `bytes` of value number voter * columns + column.
    private var ends: [Int32] = []

    init(columns: Int) { self.columns = columns }

    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(Int32(truncatingIfNeeded: bytes.count))
    }

    mutating func append(_ value: String) {
        var text = value
        text.withUTF8 { append($0) }
    }

    func value(column: Int, voter: Int) -> String {
        let k = voter * columns + column
        guard k < ends.count else { return "" }
        let start = k == 0 ? 0 : Int(ends[k - 1])
        return String(decoding: bytes[start..<Int(ends[k])], as: UTF8.self)
    }
}
