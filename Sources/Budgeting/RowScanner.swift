/// Splits `;`-separated text into rows of fields, one chunk of bytes at a time.
///
/// Quoting follows Python's csv module (which pabutools uses): a field that starts with `"` is
/// quoted, `""` inside it is one quote, and `;` or a line break inside it are plain text.
///
/// A row that lies whole in the chunk and has no quote or carriage return in it (nearly every row
/// of a real file) is handed over as it lies in the chunk: each field is a range of the chunk's
/// own bytes, found in one pass, nothing copied. Any other row (quotes, a `\r` not ending the
/// line, a row cut by the chunk's end) goes through the byte-by-byte scanner, which copies its
/// unquoted bytes into a buffer; both give the same fields.
struct RowScanner {
    /// One row. Valid only while `emit` runs: `bytes` points into the chunk or the scanner's buffer.
    struct Row {
        /// The bytes the fields lie in.
        var bytes: UnsafeBufferPointer<UInt8>
        /// Start and end offset of each field in `bytes`.
        var starts: [Int] = []
        var ends: [Int] = []
        /// 1-based line on which the row starts.
        var line = 1

        var count: Int { ends.count }

        func range(_ i: Int) -> Range<Int> { starts[i]..<ends[i] }

        /// The field's bytes with surrounding blanks removed.
        func trimmedRange(_ i: Int) -> Range<Int> {
            var a = starts[i], b = ends[i]
            while a < b, Row.isBlank(bytes[a]) { a += 1 }
            while b > a, Row.isBlank(bytes[b - 1]) { b -= 1 }
            return a..<b
        }

        func string(_ i: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmedRange(i)]), as: UTF8.self)
        }

        /// Every field empty or blanks only.
        var isBlank: Bool {
            for i in 0..<count where trimmedRange(i).count > 0 { return false }
            return true
        }

        static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    }

    /// Bit k set for the bytes k below 64 that end a plain run: `\n`, `\r`, `"` and `;`.
    static let specialBytes: UInt64 = (1 << 0x0A) | (1 << 0x0D) | (1 << 0x22) | (1 << 0x3B)

    /// For the eight bytes of a word (first byte lowest): the high bit of each lane that holds
    /// `;`, `\n`, `"` or `\r`. Exact for the lowest such lane (the classic zero-byte test can
    /// only mark lanes above a true match wrongly), which is the only one used.
    @inline(__always)
    static func specialLanes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroLanes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return zeroLanes(word ^ (ones &* 0x3B)) | zeroLanes(word ^ (ones &* 0x0A))
            | zeroLanes(word ^ (ones &* 0x22)) | zeroLanes(word ^ (ones &* 0x0D))
    }

    /// The copying scanner's row: unquoted bytes of all fields back to back, and where each ends.
    private var copied: [UInt8] = []
    private var copiedEnds: [Int] = []
    private var rowLine = 1
    /// Field bounds of the row being emitted (reused so no row allocates).
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var line = 1
    private var atFieldStart = true
    /// Nothing of the current row read yet: the in-place path may take it.
    private var atRowStart = true
    private var inQuotes = false
    private var quotePending = false
    private var rowHasContent = false
    private var skippedBOM = false
    private var bomBytesSeen = 0

    /// Feeds bytes; calls `emit` for each complete row.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (Row) throws -> Void) rethrows {
        var i = 0
        let n = chunk.count
        if !skippedBOM {
            // A UTF-8 byte order mark may open the file (pabutools reads with utf-8-sig).
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            while i < n && bomBytesSeen < 3 && chunk[i] == bom[bomBytesSeen] { i += 1; bomBytesSeen += 1 }
            if bomBytesSeen == 3 || i < n { skippedBOM = true }
            if bomBytesSeen > 0 && bomBytesSeen < 3 && i < n {
                // Not a BOM after all: keep the bytes we skipped.
                for k in 0..<bomBytesSeen { copied.append(bom[k]) }
                atRowStart = false
                rowHasContent = true
                atFieldStart = false
            }
        }
        while i < n {
            if atRowStart {
                // In-place path: find the row's end and its separators; give up (and let the
                // copying scanner below take the row from its first byte) on a quote, a `\r` not
                // before the line break, or the chunk ending first.
                var j = i
                starts.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                var fieldStart = i
                var whole = false
                let base = UnsafeRawPointer(chunk.baseAddress!)
                while j < n {
                    // Eight plain bytes at a time while eight remain (nearly all bytes are plain).
                    while j + 8 <= n {
                        let special = RowScanner.specialLanes(base.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                        if special == 0 { j += 8; continue }
                        j += special.trailingZeroBitCount >> 3
                        break
                    }
                    if j >= n { break }
                    let c = chunk[j]
                    // One test for the plain bytes: is c one of `;` `\n` `"` `\r`?
                    if c >= 64 || (RowScanner.specialBytes &>> UInt64(c)) & 1 == 0 {
                        j += 1
                        continue
                    }
                    if c == 0x3B {
                        starts.append(fieldStart)
                        ends.append(j)
                        fieldStart = j + 1
                    } else if c == 0x0A {
                        whole = true
                        break
                    } else if c == 0x22 {
                        break
                    } else if c == 0x0D {
                        if j + 1 < n && chunk[j + 1] == 0x0A { whole = true }
                        break
                    }
                    j += 1
                }
                if whole {
                    let lineEnd = chunk[j] == 0x0D ? j + 1 : j
                    // An empty line (or a lone `\r`) is no row, as in the copying scanner.
                    if j > i || !starts.isEmpty {
                        starts.append(fieldStart)
                        ends.append(j)
                        try emit(Row(bytes: chunk, starts: starts, ends: ends, line: line))
                    }
                    line += 1
                    i = lineEnd + 1
                    continue
                }
                atRowStart = false
                rowLine = line
            }
            if !inQuotes {
                // Plain bytes up to the next byte that means something are copied in one go:
                // almost every byte of a file is one of them.
                var j = i
                while j < n {
                    let c = chunk[j]
                    if c == 0x3B || c == 0x0A || c == 0x0D || c == 0x22 { break }
                    j += 1
                }
                if j > i {
                    copied.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
                    atFieldStart = false
                    rowHasContent = true
                    i = j
                    if i == n { break }
                }
            }
            let b = chunk[i]
            i += 1
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if b == 0x22 {
                        copied.append(0x22)
                        continue
                    }
                    inQuotes = false
                    // The closing quote ended the quoted part; this byte is read as unquoted.
                } else if b == 0x22 {
                    quotePending = true
                    continue
                } else {
                    if b == 0x0A { line += 1 }
                    copied.append(b)
                    continue
                }
            }
            switch b {
            case 0x3B: // ;
                copiedEnds.append(copied.count)
                atFieldStart = true
                rowHasContent = true
            case 0x0A: // \n
                if rowHasContent || !copied.isEmpty {
                    copiedEnds.append(copied.count)
                    try emitCopied(emit)
                }
                line += 1
                resetRow()
            case 0x0D: // \r before \n
                break
            case 0x22 where atFieldStart:
                inQuotes = true
                atFieldStart = false
                rowHasContent = true
            default:
                copied.append(b)
                atFieldStart = false
                rowHasContent = true
            }
        }
    }

    /// Emits the last row if the text did not end with a line break.
    mutating func finish(emit: (Row) throws -> Void) rethrows {
        quotePending = false
        inQuotes = false
        if rowHasContent || !copied.isEmpty {
            copiedEnds.append(copied.count)
            try emitCopied(emit)
        }
        resetRow()
    }

    /// True while a quoted field is still open (the file ended inside quotes).
    var isInsideQuotes: Bool { inQuotes && !quotePending }
    /// Line on which the current row started.
    var openQuoteLine: Int { rowLine }

    private mutating func emitCopied(_ emit: (Row) throws -> Void) rethrows {
        starts.removeAll(keepingCapacity: true)
        var previous = 0
        for end in copiedEnds {
            starts.append(previous)
            previous = end
        }
        try copied.withUnsafeBufferPointer { bytes in
            try emit(Row(bytes: bytes, starts: starts, ends: copiedEnds, line: rowLine))
        }
    }

    private mutating func resetRow() {
        copied.removeAll(keepingCapacity: true)
        copiedEnds.removeAll(keepingCapacity: true)
        rowLine = line
        atFieldStart = true
        rowHasContent = false
        atRowStart = true
    }
}
