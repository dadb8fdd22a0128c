/// Why a figure is not shown.
public struct Suppression: Sendable, Equatable, Codable {
    /// How many people the figure would have described.
    public var respondents: Int
    /// A sentence for the page, naming the group.
    public var reason: String
}

/// A figure that is shown, or withheld with a reason.
public enum Suppressible<Value: Sendable & Equatable>: Sendable, Equatable {
    case shown(Value)
    case suppressed(Suppression)

    public var value: Value? {
        if case .shown(let v) = self { return v }
        return nil
    }

    public var suppression: Suppression? {
        if case .suppressed(let s) = self { return s }
        return nil
    }

    public var isShown: Bool { value != nil }
}

extension Suppressible: Codable where Value: Codable {
    private enum CodingKeys: String, CodingKey { case shown, value, suppression }

    /// `{"shown": true, "value": …}` or `{"shown": false, "suppression": {…}}`: an API client
    /// checks one flag.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .shown(let v):
            try c.encode(true, forKey: .shown)
            try c.encode(v, forKey: .value)
        case .suppressed(let s):
            try c.encode(false, forKey: .shown)
            try c.encode(s, forKey: .suppression)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if try c.decode(Bool.self, forKey: .shown) {
            self = .shown(try c.decode(Value.self, forKey: .value))
        } else {
            self = .suppressed(try c.decode(Suppression.self, forKey: .suppression))
        }
    }
}

/// The confidentiality rule: no figure describes fewer than five people, so nobody's answers
/// can be read off a result. Every score, breakdown and tally in `HealthCheckResults` goes
/// through `suppression(count:group:)`; nothing else decides what is shown.
public enum Confidentiality {
    public static let minimumGroupSize = 5

    /// The one rule. Nil when a figure about `count` people may be shown; otherwise why not.
    /// `group` is a plural noun phrase for the people ("people on the council side",
    /// "councillors"); `topic` narrows it to a principle or statement.
    public static func suppression(count: Int, group: String, topic: String? = nil) -> Suppression? {
        guard count < minimumGroupSize else { return nil }
        let about = topic.map { " about \($0)" } ?? ""
        if count == 0 {
            return Suppression(respondents: 0, reason: "No \(group) answered\(about).")
        }
        return Suppression(respondents: count,
                           reason: "Fewer than \(minimumGroupSize) \(group) answered\(about) (\(count)), so this is not shown: with so few people, answers could be traced back to someone.")
    }

    public static func apply<Value>(_ value: @autoclosure () -> Value, count: Int, group: String,
                                    topic: String? = nil) -> Suppressible<Value> {
        if let s = suppression(count: count, group: group, topic: topic) { return .suppressed(s) }
        return .shown(value())
    }

    /// Guards against working a hidden figure out by subtraction. When a whole (a side) is shown
    /// and its parts (role groups) are listed, the hidden parts together must also pass the rule,
    /// or the whole minus the shown parts gives them away. While they do not, the smallest shown
    /// part is hidden too (ties: the later part). Returns which parts to hide, given each part's
    /// count and whether the rule already hides it.
    public static func partsToHide(wholeShown: Bool, counts: [Int]) -> [Bool] {
        var hidden = counts.map { suppression(count: $0, group: "") != nil }
        guard wholeShown else { return counts.map { _ in true } }
        while true {
            let hiddenTotal = zip(counts, hidden).filter { $0.1 }.map(\.0).reduce(0, +)
            guard hiddenTotal > 0, suppression(count: hiddenTotal, group: "") != nil else { break }
            let candidates = counts.indices.filter { !hidden[$0] && counts[$0] > 0 }
            guard let smallest = candidates.min(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }) else { break }
            hidden[smallest] = true
        }
        return hidden
    }

    /// The sentence for a part hidden only to protect another part.
    static func protecting(count: Int, group: String) -> Suppression {
        Suppression(respondents: count,
                    reason: "Not shown for \(group), because together with the side's total it would let a smaller group's answers be worked out.")
    }
}
