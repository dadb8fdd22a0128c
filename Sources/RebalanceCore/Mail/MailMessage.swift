import Foundation

/// An e-mail as it is handed to a mail server: plain text, UTF-8, every line under the limits
/// of RFC 5322, so any server and any mail program reads it the same way.
public struct MailMessage: Sendable, Equatable {
    public struct Address: Sendable, Equatable {
        public var name: String?
        public var email: String
        public init(name: String? = nil, email: String) {
            self.name = name
            self.email = email
        }
    }

    public var from: Address
    public var to: Address
    public var subject: String
    public var text: String
    public var date: Date
    /// Without angle brackets, e.g. `3F2…@rebalance`.
    public var messageID: String
    /// Extra headers such as List-Unsubscribe, written as given (ASCII).
    public var extraHeaders: [(String, String)]

    public init(from: Address, to: Address, subject: String, text: String, date: Date, messageID: String,
                extraHeaders: [(String, String)] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }

    public static func == (a: MailMessage, b: MailMessage) -> Bool {
        a.from == b.from && a.to == b.to && a.subject == b.subject && a.text == b.text && a.date == b.date
            && a.messageID == b.messageID && a.extraHeaders.map { "\($0.0):\($0.1)" } == b.extraHeaders.map { "\($0.0):\($0.1)" }
    }

    /// The whole message with CRLF line endings, ready for SMTP DATA (before dot-stuffing) or a .eml file.
    public func rendered() -> String {
        var headers: [(String, String)] = [
            ("Date", MailFormat.rfc5322Date(date)),
            ("From", MailFormat.address(from)),
            ("To", MailFormat.address(to)),
            ("Subject", MailFormat.encodedWords(subject)),
            ("Message-ID", "<\(messageID)>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "quoted-printable"),
        ]
        headers += extraHeaders
        let head = headers.map { MailFormat.foldHeader("\($0.0): \($0.1)") }.joined(separator: "\r\n")
        return head + "\r\n\r\n" + MailFormat.quotedPrintable(text)
    }
}

enum MailFormat {
    static func address(_ a: MailMessage.Address) -> String {
        guard let name = a.name, !name.isEmpty else { return "<\(a.email)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && !"\"\\".unicodeScalars.contains($0) }
        let shown = plain ? "\"\(name)\"" : encodedWords(name)
        return "\(shown) <\(a.email)>"
    }

    /// RFC 2047 `=?utf-8?B?…?=` words for headers with non-ASCII text; ASCII passes unchanged.
    static func encodedWords(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) { return clean }
        // Each encoded word carries at most 45 bytes (60 base64 characters), split between characters.
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: " ")
    }

    /// Folds a header line at spaces so no line exceeds 78 characters.
    /// Folds at spaces so lines stay near 78 characters. Never right after the field name: a
    /// value that is one long token (a link) stays on the name's line, where every reader finds it.
    static func foldHeader(_ line: String) -> String {
        guard line.count > 78 else { return line }
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let onlyTheName = out.isEmpty && current.hasSuffix(":") && !current.contains(" ")
            if !current.isEmpty, !onlyTheName, current.count + 1 + word.count > 78 {
                out.append(current)
                current = " " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        out.append(current)
        return out.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045): lines of at most 76 characters, CRLF breaks, soft breaks with `=`.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            var encoded: [String] = []
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                encoded.append(literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte))
            }
            var out: [String] = []
            var current = ""
            for token in encoded {
                if current.count + token.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += token
            }
            out.append(current)
            return out.joined(separator: "\r\n")
        }.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
