/// Splits HTML into text, start tags and end tags, reading tags roughly as a browser does
/// (a `/` between attributes counts as a space, names are case-insensitive).
/// Comments, doctypes and processing instructions are skipped; a `<` that does not open a
/// well-formed tag is text. It never needs to be exact: `HTMLAllowList` writes every kept
/// token out again in a canonical form, so a misreading can only lose content, not let markup through.
struct HTMLScanner {
    enum Token: Equatable {
        case text(String)
        case start(name: String, attributes: [(String, String)], selfClosing: Bool)
        case end(String)

        static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case let (.text(x), .text(y)): return x == y
            case let (.end(x), .end(y)): return x == y
            case let (.start(n1, a1, s1), .start(n2, a2, s2)):
                return n1 == n2 && s1 == s2 && a1.map { $0.0 + "=" + $0.1 } == a2.map { $0.0 + "=" + $0.1 }
            default: return false
            }
        }
    }

    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    mutating func next() -> Token? {
        guard i < s.count else { return nil }
        if s[i] == "<" {
            let start = i
            if let token = markup() { return token }
            i = start + 1
            return .text("<")
        }
        var text = String.UnicodeScalarView()
        while i < s.count, s[i] != "<" { text.append(s[i]); i += 1 }
        return .text(String(text))
    }

    /// Reads what follows a `<`; nil when it is not markup (then the `<` is text).
    private mutating func markup() -> Token? {
        i += 1
        guard i < s.count else { return nil }
        if s[i] == "!" || s[i] == "?" {
            if matches("!--") {
                i += 3
                while i < s.count, !matches("-->") { i += 1 }
                i = min(i + 3, s.count)
            } else {
                while i < s.count, s[i] != ">" { i += 1 }
                i = min(i + 1, s.count)
            }
            return .text("")
        }
        let closing = s[i] == "/"
        if closing { i += 1 }
        guard i < s.count, s[i].isASCII, s[i].properties.isAlphabetic else { return nil }
        let name = readName().lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while i < s.count {
            skipSpaceAndSlashes(&selfClosing)
            guard i < s.count else { return nil }
            if s[i] == ">" {
                i += 1
                return closing ? .end(name) : .start(name: name, attributes: attributes, selfClosing: selfClosing)
            }
            selfClosing = false
            let key = readAttributeName().lowercased()
            var value = ""
            skipSpace()
            if i < s.count, s[i] == "=" {
                i += 1
                skipSpace()
                guard let read = readValue() else { return nil }
                value = read
            }
            if !key.isEmpty { attributes.append((key, value)) }
        }
        return nil
    }

    private func matches(_ text: String) -> Bool {
        var j = i
        for c in text.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }

    private mutating func skipSpace() { while i < s.count, isSpace(s[i]) { i += 1 } }

    private mutating func skipSpaceAndSlashes(_ selfClosing: inout Bool) {
        while i < s.count, isSpace(s[i]) || s[i] == "/" {
            if s[i] == "/" { selfClosing = true }
            i += 1
        }
    }

    private mutating func readName() -> String {
        var out = String.UnicodeScalarView()
        while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">" { out.append(s[i]); i += 1 }
        return String(out)
    }

    private mutating func readAttributeName() -> String {
        var out = String.UnicodeScalarView()
        // An attribute name may begin with `=`, as browsers allow; it ends at space, / > or =.
        if i < s.count, s[i] == "=" { out.append(s[i]); i += 1 }
        while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">", s[i] != "=" { out.append(s[i]); i += 1 }
        return String(out)
    }

    private mutating func readValue() -> String? {
        guard i < s.count else { return nil }
        var out = String.UnicodeScalarView()
        if s[i] == "\"" || s[i] == "'" {
            let quote = s[i]
            i += 1
            while i < s.count, s[i] != quote { out.append(s[i]); i += 1 }
            guard i < s.count else { return nil }
            i += 1
        } else {
            while i < s.count, !isSpace(s[i]), s[i] != ">" { out.append(s[i]); i += 1 }
        }
        return String(out)
    }
}
