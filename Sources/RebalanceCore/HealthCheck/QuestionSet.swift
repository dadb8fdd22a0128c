import Foundation

/// Which questionnaire a round used. Results are compared only when both the id and the
/// version match: a changed statement changes what a score means.
public struct QuestionSetKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: String
    public var version: Int

    public init(id: String, version: Int) { self.id = id; self.version = version }

    public var description: String { "\(id) version \(version)" }

    /// Nil when results using `other` may be compared with results using this set; otherwise
    /// the sentence a page shows instead of the comparison.
    public func incomparability(with other: QuestionSetKey) -> String? {
        if self == other { return nil }
        if id == other.id {
            return "These rounds used different versions of the questionnaire (\(other.description) and \(description)). The statements changed between versions, so their scores cannot be compared."
        }
        return "These rounds used different questionnaires (\(other.description) and \(description)), so their scores cannot be compared."
    }
}

/// A versioned questionnaire: for each principle, five to eight statements and one open
/// question. Questions are data, so a programme can adapt them (see `validate` and `fromJSON`).
public struct QuestionSet: Sendable, Equatable, Codable {
    public static let statementsPerPrinciple = 5...8
    public static let maxTextLength = 300
    public static let maxIDLength = 60

    /// Like `rebalance-2026-1`.
    public var id: String
    public var version: Int
    public var title: String
    public var statements: [QuestionSet.Statement]
    public var freeText: [OpenQuestion]

    public init(id: String, version: Int, title: String, statements: [QuestionSet.Statement], freeText: [QuestionSet.OpenQuestion]) {
        self.id = id; self.version = version; self.title = title
        self.statements = statements; self.freeText = freeText
    }

    public var key: QuestionSetKey { QuestionSetKey(id: id, version: version) }

    public func statements(for principle: Principle) -> [Statement] {
        statements.filter { $0.principle == principle }
    }

    public func freeTextQuestion(for principle: Principle) -> QuestionSet.OpenQuestion? {
        freeText.first { $0.principle == principle }
    }

    public func statement(id: String) -> Statement? {
        statements.first { $0.id == id }
    }

    // MARK: - Loading an adapted set

    /// A question set as written by hand in JSON: everything optional and principles as text,
    /// so that every mistake becomes a readable message rather than a decoding error.
    public struct Input: Sendable, Codable {
        public struct Item: Sendable, Codable {
            public var id: String?
            public var principle: String?
            public var text: String?
            public var reverseScored: Bool?
            public init(id: String? = nil, principle: String? = nil, text: String? = nil, reverseScored: Bool? = nil) {
                self.id = id; self.principle = principle; self.text = text; self.reverseScored = reverseScored
            }
        }
        public var id: String?
        public var version: Int?
        public var title: String?
        public var statements: [Item]?
        public var freeText: [Item]?

        public init(id: String? = nil, version: Int? = nil, title: String? = nil, statements: [Item]? = nil, freeText: [Item]? = nil) {
            self.id = id; self.version = version; self.title = title; self.statements = statements; self.freeText = freeText
        }

        public init(_ set: QuestionSet) {
            self.init(id: set.id, version: set.version, title: set.title,
                      statements: set.statements.map { Item(id: $0.id, principle: $0.principle.rawValue, text: $0.text, reverseScored: $0.reverseScored) },
                      freeText: set.freeText.map { Item(id: $0.id, principle: $0.principle.rawValue, text: $0.text) })
        }
    }

    /// Checks an adapted set and reports every problem at once. Field names point at the item
    /// (`statements[3].text`, `principles.trust`) so a message says exactly what to fix.
    public static func validate(_ input: Input) throws -> QuestionSet {
        var errors = FieldErrorList()
        let id = TextRules.trimmed(input.id)
        if id.isEmpty {
            errors.add("id", "Enter an id for the question set, like rebalance-2026-1")
        } else if !isValidID(id) {
            errors.add("id", "Question set id must use only lower-case letters, digits and hyphens, up to \(maxIDLength) characters")
        }
        let version = input.version ?? 0
        if version < 1 { errors.add("version", "Version must be a whole number of 1 or more") }
        let title = TextRules.required(input.title, field: "title", label: "a title for the question set", max: 120, into: &errors)

        var seenIDs: [String: String] = [:]
        func item(_ raw: Input.Item, field: String, kind: String) -> (id: String, principle: Principle?, text: String) {
            let itemID = TextRules.trimmed(raw.id)
            if itemID.isEmpty {
                errors.add("\(field).id", "Enter an id for \(kind) \(field)")
            } else if !isValidID(itemID) {
                errors.add("\(field).id", "The id of \(field) (\(itemID)) must use only lower-case letters, digits and hyphens")
            } else if let earlier = seenIDs[itemID] {
                errors.add("\(field).id", "The id \(itemID) is used twice (\(earlier) and \(field)): every question needs its own id")
            } else {
                seenIDs[itemID] = field
            }
            let principleText = TextRules.trimmed(raw.principle)
            let principle = Principle(rawValue: principleText)
            if principle == nil {
                errors.add("\(field).principle", principleText.isEmpty
                    ? "Choose the principle for \(field)"
                    : "The principle of \(field) must be one of \(Principle.allCases.map(\.rawValue).joined(separator: ", ")), not \(principleText)")
            }
            let text = TextRules.required(raw.text, field: "\(field).text", label: "the wording of \(field)", max: maxTextLength, into: &errors)
            return (itemID, principle, text)
        }

        var statements: [QuestionSet.Statement] = []
        for (n, raw) in (input.statements ?? []).enumerated() {
            let checked = item(raw, field: "statements[\(n)]", kind: "statement")
            if let principle = checked.principle {
                statements.append(Statement(id: checked.id, principle: principle, text: checked.text, reverseScored: raw.reverseScored ?? false))
            }
        }
        var freeText: [QuestionSet.OpenQuestion] = []
        for (n, raw) in (input.freeText ?? []).enumerated() {
            let checked = item(raw, field: "freeText[\(n)]", kind: "open question")
            if let principle = checked.principle {
                freeText.append(QuestionSet.OpenQuestion(id: checked.id, principle: principle, text: checked.text))
            }
        }
        for principle in Principle.allCases {
            let count = statements.filter { $0.principle == principle }.count
            if !statementsPerPrinciple.contains(count) {
                errors.add("principles.\(principle.rawValue)",
                           "Principle \(principle.number) (\(principle.rawValue)) has \(count) \(count == 1 ? "statement" : "statements"): each principle needs \(statementsPerPrinciple.lowerBound) to \(statementsPerPrinciple.upperBound)")
            }
            let open = freeText.filter { $0.principle == principle }.count
            if open != 1 {
                errors.add("freeText.\(principle.rawValue)",
                           "Principle \(principle.number) (\(principle.rawValue)) has \(open) open questions: each principle needs exactly one")
            }
        }
        try errors.throwIfAny()
        return QuestionSet(id: id, version: version, title: title, statements: statements, freeText: freeText)
    }

    /// Reads an adapted set from JSON (the shape `jsonData()` writes) and validates it.
    public static func fromJSON(_ data: Data) throws -> QuestionSet {
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: data)
        } catch {
            throw ValidationFailure("json", "The question set could not be read as JSON (\(Self.describe(error))). Start from the default set's JSON and change the wording.")
        }
        return try validate(input)
    }

    /// The set as pretty, key-sorted JSON: stable enough to keep in version control and diff.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Input(self))
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= maxIDLength && !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "the text is not valid JSON" : "a value at \(path.hasPrefix(".") ? String(path.dropFirst()) : path) has the wrong type"
        default:
            return "the text is not valid JSON"
        }
    }
}

extension QuestionSet {
    /// A statement people rate on the agreement scale.
    public struct Statement: Sendable, Equatable, Codable, Identifiable {
        /// Stable within a question set (`trust-1`); also the form field name for the answer.
        public var id: String
        public var principle: Principle
        public var text: String
        /// True when agreeing is the unhealthy answer ("We only hear from the council when
        /// something goes wrong"); its points are flipped before scoring so higher is always
        /// healthier. The default set has none: positive wording is easier to answer and to read.
        public var reverseScored: Bool

        public init(id: String, principle: Principle, text: String, reverseScored: Bool = false) {
            self.id = id; self.principle = principle; self.text = text; self.reverseScored = reverseScored
        }
    }

    /// The one open question per principle ("What would help most?").
    public struct OpenQuestion: Sendable, Equatable, Codable, Identifiable {
        public var id: String
        public var principle: Principle
        public var text: String

        public init(id: String, principle: Principle, text: String) {
            self.id = id; self.principle = principle; self.text = text
        }
    }
}
