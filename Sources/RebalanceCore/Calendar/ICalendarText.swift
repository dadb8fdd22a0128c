/// The text rules of RFC 5545 (iCalendar), kept apart so each can be tested on its own.
public enum ICalendarText {
    /// Escapes a TEXT value (§3.3.11): backslash, semicolon and comma get a backslash; every
    /// line break (CRLF, LF or CR) becomes `\n`. Other control characters are not allowed in
    /// TEXT and are dropped; a tab is kept.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Longest line, in octets, not counting the CRLF (§3.1).
    public static let maximumLineOctets = 75

    /// Folds one content line so that no physical line is longer than 75 octets of UTF-8:
    /// each continuation starts with a single space (which counts towards its 75). Breaks fall
    /// between Unicode scalars, never inside a multi-octet UTF-8 sequence. Lines are joined with
    /// CRLF; the result has no trailing line break.
    public static func fold(_ line: String) -> String {
        var physical: [String] = []
        var current = ""
        var octets = 0
        var limit = maximumLineOctets
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > limit {
                physical.append(current)
                current = " "
                octets = 1
                limit = maximumLineOctets
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        physical.append(current)
        return physical.joined(separator: "\r\n")
    }

    /// Undoes `fold` (and any other valid folding): a CRLF followed by a space or tab is removed.
    public static func unfold(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if i + 2 < scalars.count, scalars[i] == "\r", scalars[i + 1] == "\n",
               scalars[i + 2] == " " || scalars[i + 2] == "\t" {
                i += 3
                continue
            }
            out.unicodeScalars.append(scalars[i])
            i += 1
        }
        return out
    }

    /// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`. Double quotes and control
    /// characters cannot appear in one at all and are dropped.
    public static func parameterValue(_ value: String) -> String {
        let clean = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }))
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"\(clean)\"" : clean
    }
}
