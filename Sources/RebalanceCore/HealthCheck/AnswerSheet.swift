/// One answer: a statement and where on the scale the person put it.
public struct Answer: Sendable, Hashable, Codable {
    public var statementID: String
    public var value: AnswerValue
    public init(statementID: String, value: AnswerValue) {
        self.statementID = statementID; self.value = value
    }
}

/// Everything one person sent for a round: scale answers and optional comments. People may
/// skip statements (a skipped statement is "missing", counted separately from "don't know").
public struct AnswerSheet: Sendable, Equatable, Codable {
    public static let maxCommentLength = 2000

    /// Statement id to answer.
    public var answers: [String: AnswerValue]
    /// Open-question id to comment.
    public var comments: [String: String]

    public init(answers: [String: AnswerValue] = [:], comments: [String: String] = [:]) {
        self.answers = answers; self.comments = comments
    }

    public init(_ answers: [Answer], comments: [String: String] = [:]) {
        self.answers = Dictionary(answers.map { ($0.statementID, $0.value) }, uniquingKeysWith: { _, last in last })
        self.comments = comments
    }

    /// The answers in the question set's order, for storing one row per answer.
    public func orderedAnswers(in set: QuestionSet) -> [Answer] {
        set.statements.compactMap { s in answers[s.id].map { Answer(statementID: s.id, value: $0) } }
    }

    /// What a form or API body sends: ids to raw values. The form field for each statement is
    /// its id; each radio button's value is an `AnswerValue` key (`agree`, `dont_know`; the API
    /// may also send the points `1` to `5`). A blank value means the statement was skipped.
    public struct Input: Sendable, Codable {
        public var answers: [String: String]
        public var comments: [String: String]
        public init(answers: [String: String] = [:], comments: [String: String] = [:]) {
            self.answers = answers; self.comments = comments
        }
    }

    /// Checks a submission against the round's question set. Errors name the statement or
    /// question id as the field, so the form can link straight to it.
    public static func validate(_ input: Input, against set: QuestionSet) throws -> AnswerSheet {
        var errors = FieldErrorList()
        var answers: [String: AnswerValue] = [:]
        for (id, raw) in input.answers.sorted(by: { $0.key < $1.key }) {
            guard set.statement(id: id) != nil else {
                errors.add(id, "\(id) is not a statement in this questionnaire (\(set.key.description)): reload the form and answer again")
                continue
            }
            let text = TextRules.trimmed(raw)
            if text.isEmpty { continue }
            guard let value = AnswerValue(key: text) else {
                errors.add(id, "Choose an answer from strongly disagree to strongly agree, or don't know")
                continue
            }
            answers[id] = value
        }
        var comments: [String: String] = [:]
        for (id, raw) in input.comments.sorted(by: { $0.key < $1.key }) {
            guard set.freeText.contains(where: { $0.id == id }) else {
                errors.add(id, "\(id) is not an open question in this questionnaire (\(set.key.description))")
                continue
            }
            if let text = TextRules.optional(raw, field: id, label: "your comment", max: maxCommentLength, into: &errors),
               text.count <= maxCommentLength {
                comments[id] = text
            }
        }
        if errors.isEmpty, answers.isEmpty, comments.isEmpty {
            let first = set.statements.first?.id ?? "answers"
            errors.add(first, "Answer at least one statement before you send your answers")
        }
        try errors.throwIfAny()
        return AnswerSheet(answers: answers, comments: comments)
    }
}

/// One person's answers tagged with who they are, the unit results are computed from. It never
/// leaves the domain: results hold only aggregates.
public struct HealthCheckResponse: Sendable, Equatable {
    public var role: RespondentRole
    public var sheet: AnswerSheet
    public var side: Side { role.side }

    public init(role: RespondentRole, sheet: AnswerSheet) {
        self.role = role; self.sheet = sheet
    }
}
