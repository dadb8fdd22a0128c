/// Splits `;`-separated text into rows of fields, one chunk of bytes at a time.
///
/// Quoting follows Python's csv module (which pabutools uses): a field that starts with `"` is
/// quoted, `""` inside it is one quote, and `;` or a line break inside it are plain text. Bytes
/// are copied once into a reusable row buffer; nothing is turned into a String here.
struct RowScanner {
    struct Row {
        /// Unquoted bytes of all fields, back to back.
        var bytes: [UInt8] = []
        /// End offset of each field in `bytes`.
        var ends: [Int] = []
        /// 1-based line on which the row starts.
        var line = 1

        var count: Int { ends.count }

        func range(_ i: Int) -> Range<Int> {
            (i == 0 ? 0 : ends[i - 1])..<ends[i]
        }

        /// The field's bytes with surrounding blanks removed.
        func trimmedRange(_ i: Int) -> Range<Int> {
            var r = range(i)
            while r.lowerBound < r.upperBound, isBlank(bytes[r.lowerBound]) { r = (r.lowerBound + 1)..<r.upperBound }
            while r.lowerBound < r.upperBound, isBlank(bytes[r.upperBound - 1]) { r = r.lowerBound..<(r.upperBound - 1) }
            return r
        }

        func string(_ i: Int) -> String {
            String(decoding: bytes[trimmedRange(i)], as: UTF8.self)
        }

        var isBlank: Bool {
            for b in bytes where !RowScanner.Row.isBlank(b) { return false }
            return true
        }

        static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        @inline(__always) func isBlank(_ b: UInt8) -> Bool { Row.isBlank(b) }
    }

    private var row = Row()
    private var line = 1
    private var atFieldStart = true
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
                for k in 0..<bomBytesSeen { row.bytes.append(bom[k]) }
                rowHasContent = true
                atFieldStart = false
            }
        }
        while i < n {
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
                    row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
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
                        row.bytes.append(0x22)
                        continue
                    }
                    inQuotes = false
                    // The closing quote ended the quoted part; this byte is read as unquoted.
                } else if b == 0x22 {
                    quotePending = true
                    continue
                } else {
                    if b == 0x0A { line += 1 }
                    row.bytes.append(b)
                    continue
                }
            }
            switch b {
            case 0x3B: // ;
                row.ends.append(row.bytes.count)
                atFieldStart = true
                rowHasContent = true
            case 0x0A: // \n
                if rowHasContent || !row.bytes.isEmpty {
                    row.ends.append(row.bytes.count)
                    try emit(row)
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
                row.bytes.append(b)
                atFieldStart = false
                rowHasContent = true
            }
        }
    }

    /// Emits the last row if the text did not end with a line break.
    mutating func finish(emit: (Row) throws -> Void) rethrows {
        quotePending = false
        inQuotes = false
        if rowHasContent || !row.bytes.isEmpty {
            row.ends.append(row.bytes.count)
            try emit(row)
        }
        resetRow()
    }

    /// True while a quoted field is still open (the file ended inside quotes).
    var isInsideQuotes: Bool { inQuotes && !quotePending }
    /// Line on which the current row started.
    var openQuoteLine: Int { row.line }

    private mutating func resetRow() {
        row.bytes.removeAll(keepingCapacity: true)
        row.ends.removeAll(keepingCapacity: true)
        row.line = line
        atFieldStart = true
        rowHasContent = false
    }
}
