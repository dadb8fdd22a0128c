import Foundation

/// An answer to one slot of a meeting-time poll.
public enum MeetingAvailability: String, Codable, Sendable, CaseIterable {
    case yes
    case ifNeedBe = "if_need_be"
    case no

    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .ifNeedBe: return "If need be"
        case .no: return "No"
        }
    }
}

/// What one voter chose. Which case fits depends on the poll's kind:
/// - approval, single choice and ranked choice: `choices` (for ranked choice, most preferred first);
/// - score: `scores` (every option);
/// - dot vote: `points` (options left out get none);
/// - meeting time: `availability` (every slot).
/// A ballot carries no voter: `PollVoterBallot` pairs one with a person for named polls.
public enum PollBallot: Hashable, Sendable, Codable {
    case choices([PollOptionID])
    case scores([PollOptionID: Int])
    case points([PollOptionID: Int])
    case availability([PollOptionID: MeetingAvailability])

    /// Chooses nothing: no choices, or no points. Score and availability ballots answer every
    /// option, so they are never blank.
    public var isBlank: Bool {
        switch self {
        case .choices(let ids): return ids.isEmpty
        case .points(let points): return points.values.allSatisfy { $0 == 0 }
        case .scores, .availability: return false
        }
    }

    private enum CodingKeys: String, CodingKey { case choices, scores, points, availability }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "A ballot has exactly one of: choices, scores, points, availability"))
        }
        switch key {
        case .choices: self = .choices(try c.decode([PollOptionID].self, forKey: key))
        case .scores: self = .scores(try c.decode([PollOptionID: Int].self, forKey: key))
        case .points: self = .points(try c.decode([PollOptionID: Int].self, forKey: key))
        case .availability: self = .availability(try c.decode([PollOptionID: MeetingAvailability].self, forKey: key))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choices(let ids): try c.encode(ids, forKey: .choices)
        case .scores(let scores): try c.encode(scores, forKey: .scores)
        case .points(let points): try c.encode(points, forKey: .points)
        case .availability(let answers): try c.encode(answers, forKey: .availability)
        }
    }
}

/// One voter's ballot in a named poll. Anonymous polls never pair ballots with people.
public struct PollVoterBallot: Hashable, Sendable, Codable {
    public let voterID: UUID
    public let ballot: PollBallot

    public init(voterID: UUID, ballot: PollBallot) {
        self.voterID = voterID
        self.ballot = ballot
    }
}

/// A ballot as a form or the API sends it, before it is checked against the poll.
///
/// Problems are reported on these fields: `choices` (approval, single and ranked choice),
/// `scores[<option id>]`, `points[<option id>]` and `points` (the allowance),
/// `answers[<option id>]` (meeting time), and `ballot` when the ballot is of the wrong kind.
public struct PollBallotInput: Sendable, Codable, Equatable {
    /// Option ids: the chosen ones, or for ranked choice the ranking, most preferred first.
    /// Blank entries are skipped (an unused "4th choice" drop-down).
    public var choices: [String]?
    /// Option id to a score (`"3"`), a number of points (`"4"`) or an availability
    /// (`yes`, `if_need_be`, `no`).
    public var values: [String: String]?

    public init(choices: [String]? = nil, values: [String: String]? = nil) {
        self.choices = choices
        self.values = values
    }
}

extension Poll {
    /// Reads and checks a ballot from a form or the API. Throws `ValidationFailure` naming every
    /// problem (see `PollBallotInput` for the field names).
    public func ballot(from input: PollBallotInput) throws -> PollBallot {
        var errors = FieldErrorList()
        let ballot: PollBallot
        switch kind {
        case .approval, .singleChoice, .rankedChoice:
            ballot = .choices((input.choices ?? []).map { TextRules.trimmed($0) }.filter { !$0.isEmpty }.map { PollOptionID($0) })
        case .score:
            ballot = .scores(numbers(input.values, field: "scores", noun: "Score", into: &errors))
        case .dotVote:
            ballot = .points(numbers(input.values, field: "points", noun: "Points", into: &errors))
        case .meetingTime:
            var answers: [PollOptionID: MeetingAvailability] = [:]
            for (key, raw) in (input.values ?? [:]).sorted(by: { $0.key < $1.key }) {
                let id = PollOptionID(key)
                let text = TextRules.trimmed(raw).lowercased().replacingOccurrences(of: " ", with: "_")
                if text.isEmpty { continue }
                if let answer = MeetingAvailability(rawValue: text) {
                    answers[id] = answer
                } else {
                    errors.add("answers[\(key)]", "Answer for \(quoted(id)) must be yes, if need be or no")
                }
            }
            ballot = .availability(answers)
        }
        for problem in problems(in: ballot) { errors.add(problem.field, problem.message) }
        try errors.throwIfAny()
        return ballot
    }

    /// Checks a typed ballot (from the API's JSON or the store) against this poll.
    public func validate(_ ballot: PollBallot) throws {
        let found = problems(in: ballot)
        if !found.isEmpty { throw ValidationFailure(found) }
    }

    /// Every problem with `ballot`, worded for the voter; empty when it can be counted.
    public func problems(in ballot: PollBallot) -> [FieldError] {
        var errors = FieldErrorList()
        let known = Set(options.map(\.id))
        switch (kind, ballot) {
        case (.approval, .choices(let ids)), (.singleChoice, .choices(let ids)), (.rankedChoice, .choices(let ids)):
            var seen = Set<PollOptionID>()
            for id in ids {
                if !known.contains(id) {
                    errors.add("choices", "Choose from the poll's options: \"\(id)\" is not one of them")
                } else if !seen.insert(id).inserted {
                    errors.add("choices", kind == .rankedChoice
                        ? "You ranked \(quoted(id)) more than once: give each option one place in your ranking"
                        : "You chose \(quoted(id)) more than once")
                }
            }
            if ids.isEmpty && !settings.allowsBlankBallots {
                errors.add("choices", kind == .rankedChoice ? "Rank at least one option" : kind == .singleChoice ? "Choose an option" : "Choose at least one option")
            }
            if kind == .singleChoice, ids.count > 1 {
                errors.add("choices", "Choose one option only")
            }
            if let limit = settings.maximumChoices, kind != .singleChoice, Set(ids).count > limit {
                errors.add("choices", "\(kind == .rankedChoice ? "Rank" : "Choose") no more than \(DecisionWording.count(limit, "option"))")
            }

        case (.score, .scores(let scores)):
            for id in scores.keys.sorted() where !known.contains(id) {
                errors.add("scores[\(id)]", "Score only the poll's options: \"\(id)\" is not one of them")
            }
            let range = settings.scoreMinimum...settings.scoreMaximum
            for option in options {
                guard let score = scores[option.id] else {
                    errors.add("scores[\(option.id)]", "Give \(quoted(option.id)) a score from \(range.lowerBound) to \(range.upperBound)")
                    continue
                }
                if !range.contains(score) {
                    errors.add("scores[\(option.id)]", "Score for \(quoted(option.id)) must be from \(range.lowerBound) to \(range.upperBound)")
                }
            }

        case (.dotVote, .points(let points)):
            for id in points.keys.sorted() where !known.contains(id) {
                errors.add("points[\(id)]", "Give points only to the poll's options: \"\(id)\" is not one of them")
            }
            for option in options {
                if let p = points[option.id], p < 0 {
                    errors.add("points[\(option.id)]", "Points for \(quoted(option.id)) cannot be negative")
                } else if let p = points[option.id], p > settings.dotAllowance {
                    errors.add("points[\(option.id)]", "Points for \(quoted(option.id)) cannot be more than the \(settings.dotAllowance) you have")
                }
            }
            // Any number a client sends may be as large as Int.max: the sum saturates rather
            // than overflowing (which would stop the process).
            let spent = points.values.filter { $0 > 0 }.reduce(0) { total, p in
                let (sum, overflow) = total.addingReportingOverflow(p)
                return overflow ? Int.max : sum
            }
            if spent > settings.dotAllowance {
                errors.add("points", "You have given \(spent) points but have \(settings.dotAllowance): take away \(spent - settings.dotAllowance)")
            } else if spent == 0, !settings.allowsBlankBallots, !points.values.contains(where: { $0 < 0 }) {
                errors.add("points", "Give at least one point to an option")
            }

        case (.meetingTime, .availability(let answers)):
            for id in answers.keys.sorted() where !known.contains(id) {
                errors.add("answers[\(id)]", "Answer only for the poll's times: \"\(id)\" is not one of them")
            }
            for option in options where answers[option.id] == nil {
                errors.add("answers[\(option.id)]", "Say whether you can come at \(option.label): yes, if need be or no")
            }

        default:
            errors.add("ballot", "\(kind.label) polls take \(expectedShape): this ballot has something else")
        }
        return errors.errors
    }

    private var expectedShape: String {
        switch kind {
        case .approval, .singleChoice, .rankedChoice: return "choices"
        case .score: return "scores"
        case .dotVote: return "points"
        case .meetingTime: return "availability"
        }
    }

    private func quoted(_ id: PollOptionID) -> String {
        option(id).map { "\"\($0.label)\"" } ?? "\"\(id)\""
    }

    /// Whole numbers keyed by option; blanks are skipped, anything else not a whole number is
    /// reported against that option.
    private func numbers(_ values: [String: String]?, field: String, noun: String,
                         into errors: inout FieldErrorList) -> [PollOptionID: Int] {
        var out: [PollOptionID: Int] = [:]
        for (key, raw) in (values ?? [:]).sorted(by: { $0.key < $1.key }) {
            let text = TextRules.trimmed(raw)
            if text.isEmpty { continue }
            if let n = Int(text) {
                out[PollOptionID(key)] = n
            } else {
                errors.add("\(field)[\(key)]", "\(noun) for \(quoted(PollOptionID(key))) must be a whole number")
            }
        }
        return out
    }
}
