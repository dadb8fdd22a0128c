import Foundation

/// A news post: a title and a Markdown body.
public struct UpdateDraft: Hashable, Sendable {
    public var title: String
    public var body: String

    public struct Input: Sendable, Codable {
        public var title: String?
        public var body: String?
        public init(title: String? = nil, body: String? = nil) { self.title = title; self.body = body }
    }

    public static func validate(_ input: Input) throws -> UpdateDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "a title", max: 160, into: &errors)
        let body = TextRules.required(input.body, field: "body", label: "the news itself", max: 20_000, into: &errors)
        try errors.throwIfAny()
        return UpdateDraft(title: title, body: body)
    }

    /// The first paragraph as plain text, shortened, for digests and lists.
    public static func summary(of markdown: String, limit: Int = 240) -> String {
        let paragraph = markdown.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n").first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? ""
        var plain = paragraph.replacingOccurrences(of: "\n", with: " ")
        for mark in ["**", "__", "`", "#"] { plain = plain.replacingOccurrences(of: mark, with: "") }
        // [text](link) becomes text.
        plain = plain.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        plain = plain.trimmingCharacters(in: .whitespaces)
        guard plain.count > limit else { return plain }
        let cut = plain.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: .whitespaces) + "…"
    }
}
