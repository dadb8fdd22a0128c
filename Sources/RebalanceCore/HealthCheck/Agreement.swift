/// The five-point agreement scale. Raw values are the points 1 to 5 so they sort and score simply.
public enum Agreement: Int, CaseIterable, Codable, Sendable, Comparable {
    case stronglyDisagree = 1
    case disagree = 2
    case neither = 3
    case agree = 4
    case stronglyAgree = 5

    public static func < (a: Agreement, b: Agreement) -> Bool { a.rawValue < b.rawValue }

    public var label: String {
        switch self {
        case .stronglyDisagree: return "Strongly disagree"
        case .disagree: return "Disagree"
        case .neither: return "Neither agree nor disagree"
        case .agree: return "Agree"
        case .stronglyAgree: return "Strongly agree"
        }
    }

    /// The name used in forms, the API and storage.
    public var key: String {
        switch self {
        case .stronglyDisagree: return "strongly_disagree"
        case .disagree: return "disagree"
        case .neither: return "neither"
        case .agree: return "agree"
        case .stronglyAgree: return "strongly_agree"
        }
    }

    /// 1 maps to 0 and 5 to 100, in equal steps of 25, so a score reads as "how far from
    /// complete disagreement to complete agreement"; 50 is the neutral middle.
    /// A reverse-scored statement (one where agreeing is the unhealthy answer) is flipped first.
    public func score(reversed: Bool = false) -> Double {
        let point = reversed ? 6 - rawValue : rawValue
        return Double(point - 1) * 25
    }

    public var isAgreeing: Bool { self >= .agree }
    public var isDisagreeing: Bool { self <= .disagree }
}

/// One answer to one statement: a point on the scale, or "don't know". "Don't know" is an
/// honest answer, not a middle one, so it never counts towards a score.
public enum AnswerValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case scale(Agreement)
    case dontKnow

    public static let dontKnowKey = "dont_know"

    /// Every value a form or API may send, in the order a form shows them.
    public static let allValues: [AnswerValue] = Agreement.allCases.map { .scale($0) } + [.dontKnow]

    /// Accepts the names (`agree`, `dont_know`) and, for API clients, the points `1` to `5`.
    public init?(key raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text == Self.dontKnowKey { self = .dontKnow; return }
        if let point = Int(text), let value = Agreement(rawValue: point) { self = .scale(value); return }
        guard let value = Agreement.allCases.first(where: { $0.key == text }) else { return nil }
        self = .scale(value)
    }

    public var key: String {
        switch self {
        case .scale(let a): return a.key
        case .dontKnow: return Self.dontKnowKey
        }
    }

    public var label: String {
        switch self {
        case .scale(let a): return a.label
        case .dontKnow: return "Don't know"
        }
    }

    public var description: String { key }

    public var agreement: Agreement? {
        if case .scale(let a) = self { return a }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = AnswerValue(key: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Expected one of \(AnswerValue.allValues.map(\.key).joined(separator: ", ")), got \(raw)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(key)
    }
}
