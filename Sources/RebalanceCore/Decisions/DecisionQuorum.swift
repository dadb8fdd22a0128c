import Foundation

/// How many people must take part for a consensus proposal or a majority vote to decide
/// anything. It is measured against the members who could take part: eligible for the
/// proposal's topic and not recused. Someone who steps aside over a declared interest therefore
/// never makes the quorum harder to reach. Abstaining *is* taking part: an abstainer has read the
/// proposal and chosen to stand aside, which is what a quorum is there to establish.
public enum DecisionQuorum: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Any number of participants will do.
    case none
    /// A share of the members who could take part, e.g. at least half.
    case share(DecisionThreshold)
    /// A fixed number of members, e.g. 5. If fewer than that could take part, the quorum
    /// cannot be reached, which the outcome says in so many words.
    case members(Int)

    /// The number of participants needed when `possible` members could take part.
    public func needed(outOf possible: Int) -> Int {
        switch self {
        case .none: return 0
        case .share(let threshold): return threshold.smallestCount(of: possible)
        case .members(let count): return count
        }
    }

    /// "5 (at least half)", "6 members", "none": the quorum in a sentence.
    public func words(outOf possible: Int) -> String {
        switch self {
        case .none: return "none"
        case .share(let t): return "\(needed(outOf: possible)) (\(t.words))"
        case .members(let n): return DecisionWording.count(n, "member")
        }
    }

    /// `none`, `5`, `at least 1/2`: the form `init(parsing:)` reads back.
    public var description: String {
        switch self {
        case .none: return "none"
        case .share(let t): return t.description
        case .members(let n): return String(n)
        }
    }

    /// Reads `none` (or blank), a whole number of members (`5`), or a share (`1/2`, `50%`,
    /// `more than 1/2`). Nil for anything else, including zero or negative numbers.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.isEmpty || text == "none" || text == "no quorum" { self = .none; return }
        if text.allSatisfy(\.isNumber), let n = Int(text) {
            guard n >= 1 else { return nil }
            self = .members(n)
            return
        }
        guard let threshold = DecisionThreshold(parsing: text) else { return nil }
        self = .share(threshold)
    }

    private enum CodingKeys: String, CodingKey { case kind, threshold, members }
    private enum Kind: String, Codable { case none, share, members }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .none: self = .none
        case .share: self = .share(try c.decode(DecisionThreshold.self, forKey: .threshold))
        case .members:
            let n = try c.decode(Int.self, forKey: .members)
            guard n >= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .members, in: c, debugDescription: "A quorum needs at least 1 member, got \(n)")
            }
            self = .members(n)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none: try c.encode(Kind.none, forKey: .kind)
        case .share(let t):
            try c.encode(Kind.share, forKey: .kind)
            try c.encode(t, forKey: .threshold)
        case .members(let n):
            try c.encode(Kind.members, forKey: .kind)
            try c.encode(n, forKey: .members)
        }
    }
}
