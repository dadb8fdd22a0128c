/// Rewrites HTML so that only an allow-list of tags, attributes and link schemes survives.
///
/// Why: the Markdown renderer passes some input through as raw HTML (entity-like runs, a fenced
/// block's language), so its output cannot be trusted as it stands. Rather than patch each hole,
/// every tag is parsed and written out again in a canonical form: names in lower case, values
/// quoted and escaped, text escaped. A browser therefore reads exactly what this code kept,
/// whatever trick the input used to confuse a parser.
public struct HTMLAllowList: Sendable {
    /// Tags kept, with the attributes each may carry.
    public var tags: [String: Set<String>]
    /// Tags whose whole content is dropped along with them (script text must not become visible text either).
    public var dropWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "template",
                                               "noscript", "textarea", "title", "xmp", "svg", "math", "select"]
    /// Attributes added to every kept tag of that name, whatever the input said.
    public var forced: [String: [(String, String)]] = [:]

    public init(tags: [String: Set<String>]) { self.tags = tags }

    /// What rendered Markdown may hold: text structure, lists, tables, code, links.
    public static let markdown: HTMLAllowList = {
        var list = HTMLAllowList(tags: [
            "p": [], "br": [], "hr": [], "em": [], "strong": [], "del": [], "s": [], "code": ["class"], "pre": [],
            "blockquote": [], "ul": [], "ol": ["start"], "li": [],
            "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
            "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
            "a": ["href"],
        ])
        list.forced["a"] = [("rel", "nofollow")]
        return list
    }()

    static let voidTags: Set<String> = ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"]

    public func clean(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var open: [String] = []
        var scanner = HTMLScanner(Array(html.unicodeScalars))
        var skipping: String?
        while let token = scanner.next() {
            switch token {
            case .text(let text):
                if skipping == nil { out += Self.escapeText(text) }
            case .start(let name, let attributes, _):
                if skipping != nil { continue }
                if dropWithContent.contains(name) {
                    if !Self.voidTags.contains(name) { skipping = name }
                    continue
                }
                guard let allowed = tags[name], let kept = keep(name, attributes, allowed) else { continue }
                out += "<" + name
                for (key, value) in kept { out += " \(key)=\"\(Self.escapeAttribute(value))\"" }
                out += ">"
                if !Self.voidTags.contains(name) { open.append(name) }
            case .end(let name):
                if let current = skipping {
                    if current == name { skipping = nil }
                    continue
                }
                // A stray end tag is dropped; one that closes an outer element closes the inner ones too.
                guard let at = open.lastIndex(of: name) else { continue }
                for inner in open[at...].reversed() { out += "</\(inner)>" }
                open.removeSubrange(at...)
            }
        }
        // Left open, a link or emphasis would spill into the rest of the page around it.
        for name in open.reversed() { out += "</\(name)>" }
        return out
    }

    private func keep(_ name: String, _ attributes: [(String, String)], _ allowed: Set<String>) -> [(String, String)]? {
        var kept: [(String, String)] = []
        for (key, value) in attributes where allowed.contains(key) && !kept.contains(where: { $0.0 == key }) {
            guard let checked = Self.check(attribute: key, value: Self.decodeReferences(value)) else { continue }
            kept.append((key, checked))
        }
        // A link whose address was refused is kept as its text alone.
        if name == "a", !kept.contains(where: { $0.0 == "href" }) { return nil }
        for (key, value) in forced[name] ?? [] where !kept.contains(where: { $0.0 == key }) { kept.append((key, value)) }
        return kept
    }

    static func check(attribute: String, value: String) -> String? {
        switch attribute {
        case "href": return isSafeLink(value) ? value.trimmingSpaces : nil
        case "class":
            // Only the language marker of a code block, and only in letters, digits and - + _ #.
            guard value.hasPrefix("language-"), value.count <= 40,
                  value.dropFirst(9).unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "-+_#".unicodeScalars.contains($0) })
            else { return nil }
            return value
        case "start": return value.count <= 6 && !value.isEmpty && value.allSatisfy(\.isASCIIDigitCharacter) ? value : nil
        case "align": return ["left", "center", "right"].contains(value.lowercased()) ? value.lowercased() : nil
        default: return nil
        }
    }

    /// Web, mail, same-site and in-page addresses only; no scheme-relative `//host` or `/\host`.
    public static func isSafeLink(_ raw: String) -> Bool {
        let url = raw.trimmingSpaces.lowercased()
        if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        if url.hasPrefix("//") || url.hasPrefix("/\\") { return false }
        return ["http://", "https://", "mailto:", "/", "#"].contains { url.hasPrefix($0) }
    }

    static func escapeText(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "&":
                // A well-formed character reference is kept as it is; any other & is written as &amp;.
                if let length = characterReferenceLength(scalars, at: i) {
                    out.unicodeScalars.append(contentsOf: scalars[i..<(i + length)])
                    i += length
                    continue
                }
                out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
            i += 1
        }
        return out
    }

    static func characterReferenceLength(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        var i = start + 1
        var digits = 0
        if i < s.count, s[i] == "#" {
            i += 1
            let hex = i < s.count && (s[i] == "x" || s[i] == "X")
            if hex { i += 1 }
            while i < s.count, digits < 8, hex ? s[i].properties.isASCIIHexDigit : ("0"..."9").contains(s[i]) { i += 1; digits += 1 }
        } else {
            while i < s.count, digits < 32, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) { i += 1; digits += 1 }
        }
        guard digits > 0, i < s.count, s[i] == ";" else { return nil }
        return i - start + 1
    }

    /// Values arrive as HTML (`&amp;` for &); they are checked and written out again as plain text.
    /// Numeric references and the common named ones are read; any other `&name;` stays literal,
    /// which is safe because the value is escaped again on the way out.
    static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        let s = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&", let length = characterReferenceLength(s, at: i) {
                let body = String(String.UnicodeScalarView(s[(i + 1)..<(i + length - 1)]))
                var decoded: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = named[body]
                }
                if let decoded {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i += length
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
