import Foundation

/// Text handling shared by every chart: one escape function, one number format, and the rough
/// text measurements layout needs (a server cannot measure glyphs, so widths are estimates that
/// err on the wide side).
enum SVGText {
    /// Escapes text for both element content and attribute values. Characters XML 1.0 forbids
    /// outright (most control characters) become U+FFFD, so a hostile label cannot break the
    /// document.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate with exactly one decimal, never "-0.0", never locale-dependent, so the same
    /// input gives the same bytes on every machine.
    static func coordinate(_ x: Double) -> String {
        fixed(x, decimals: 1)
    }

    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "0" }
        let places = max(0, min(decimals, 6))
        let scale = pow(10.0, Double(places))
        var rounded = (x * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }   // folds -0 into 0
        return String(format: "%.\(places)f", rounded)
    }

    /// A value as people read it: fixed decimals, a real minus sign, the unit after it, and a
    /// plus sign when `signed` (for gaps, where the direction matters).
    static func value(_ x: Double, decimals: Int, unit: String, signed: Bool = false) -> String {
        var text = fixed(abs(x), decimals: decimals)
        let isZero = Double(text) == 0
        if x < 0, !isZero { text = "\u{2212}" + text } else if signed, x > 0, !isZero { text = "+" + text }
        return text + unit
    }

    /// Average glyph width of a sans-serif face is about half the font size; 0.58 leaves room
    /// for wide letters and bold.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.58
    }

    /// Greedy word wrap to an estimated width; a word longer than a line is cut.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        let perLine = max(4, Int(maxWidth / (fontSize * 0.58)))
        var lines: [String] = []
        var current = ""
        for rawWord in text.split(whereSeparator: { $0.isWhitespace }) {
            var word = String(rawWord)
            while word.count > perLine {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(perLine)))
                word = String(word.dropFirst(perLine))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= perLine {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A stable id for a chart, so two renders of the same chart are byte-identical (FNV-1a).
    static func stableID(kind: String, parts: [String]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in ([kind] + parts).joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return "chart-" + String(hash & 0xFFFF_FFFF, radix: 16)
    }

    /// Keeps an id usable in `id` and `aria-labelledby`: letters, digits, `-` and `_`, starting
    /// with a letter.
    static func sanitisedID(_ raw: String?, fallback: String) -> String {
        guard let raw else { return fallback }
        let kept = String(raw.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }.map(Character.init))
        guard let first = kept.unicodeScalars.first else { return fallback }
        return ("a"..."z").contains(first) || ("A"..."Z").contains(first) ? kept : "chart-" + kept
    }
}
