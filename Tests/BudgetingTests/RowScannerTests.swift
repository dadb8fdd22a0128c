import Testing
@testable import Budgeting

/// The scanner hands most rows over in place (fields as ranges of the chunk, found eight bytes at
/// a time) and the rest through its byte-by-byte copying path. Whatever the chunk boundaries, the
/// rows must be the same as when the whole text arrives at once through the copying path alone.
@Suite struct RowScannerTests {
    /// Rows as (line, fields) from feeding `text` in chunks of `size` bytes.
    static func rows(_ text: [UInt8], chunk size: Int) -> [(Int, [String])] {
        var scanner = RowScanner()
        var out: [(Int, [String])] = []
        let collect: (RowScanner.Row) -> Void = { row in
            out.append((row.line, (0..<row.count).map { i in
                String(decoding: UnsafeBufferPointer(rebasing: row.bytes[row.range(i)]), as: UTF8.self)
            }))
        }
        text.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + size)
                scanner.feed(UnsafeBufferPointer(rebasing: all[offset..<end]), emit: collect)
                offset = end
            }
        }
        scanner.finish(emit: collect)
        return out
    }

    static let samples: [String] = [
        "a;b;c\n1;2;3\n",
        "\u{FEFF}voter_id;vote\n1;A,B,C\n22;LONGER-ID-THAN-EIGHT,X\n",
        "x;\"quoted; with semicolon\";y\n\"multi\nline\";z\n",
        "crlf;row\r\nnext;one\r\n\r\nlast;no newline",
        "lone\rcarriage;return\nquote\"inside;field\n;;\n\n   \n",
        "k;\"a \"\"quoted\"\" word\";0123456789abcdef;0123456789abcdef0123456789\n",
        "12345678;12345678\n1234567;123456789\n;12345678\n12345678;\n",
    ]

    /// The same text one byte at a time takes the copying path for every row (no row lies whole in
    /// a one-byte chunk), so it is the reference the in-place path must match.
    @Test func inPlaceRowsMatchTheCopyingScanner() {
        for sample in Self.samples {
            let bytes = Array(sample.utf8)
            let reference = Self.rows(bytes, chunk: 1)
            for size in [2, 3, 5, 7, 8, 9, 13, 16, 64, bytes.count] {
                let got = Self.rows(bytes, chunk: size)
                #expect(got.count == reference.count, "chunk \(size): \(sample.debugDescription)")
                for (a, b) in zip(got, reference) {
                    #expect(a.0 == b.0 && a.1 == b.1, "chunk \(size): \(a) vs \(b) in \(sample.debugDescription)")
                }
            }
        }
    }

    @Test func fieldsAreSplitAsExpected() {
        let rows = Self.rows(Array("a;b;c\r\n;x;\n\"q;\"\"r\";s\n".utf8), chunk: 1 << 20)
        #expect(rows.map(\.1) == [["a", "b", "c"], ["", "x", ""], ["q;\"r", "s"]])
        #expect(rows.map(\.0) == [1, 2, 3])
    }

    /// Every position of every special byte in a long row, so the eight-byte test meets each one
    /// in each lane.
    @Test func specialBytesInEveryLane() {
        for position in 0..<24 {
            for special in [";", "\"", "\r", "\n"] {
                var row = Array(repeating: "a", count: 24)
                row[position] = special
                let text = Array((row.joined() + ";tail\n").utf8)
                let reference = Self.rows(text, chunk: 1)
                let whole = Self.rows(text, chunk: text.count)
                #expect(whole.map(\.1) == reference.map(\.1), "special \(special.debugDescription) at \(position)")
                #expect(whole.map(\.0) == reference.map(\.0))
            }
        }
    }
}
