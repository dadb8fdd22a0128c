import Foundation

/// The totals of a poll, one shape per kind of count. No case holds a voter's identity: a tally
/// is made from ballots alone.
public enum PollTally: Hashable, Sendable, Codable {
    /// Approval and single choice.
    case choice(PollChoiceTally)
    /// Ranked choice, counted by instant-runoff.
    case runoff(RunoffTally)
    case score(PollScoreTally)
    case dotVote(DotVoteTally)
    case meetingTime(MeetingTimeTally)

    /// The option or options in front; more than one when tied, none when no one voted.
    public var leaders: [PollOptionID] {
        switch self {
        case .choice(let t): return t.leaders
        case .runoff(let t): return t.winner.map { [$0] } ?? t.tiedAtEnd
        case .score(let t): return t.leaders
        case .dotVote(let t): return t.leaders
        case .meetingTime(let t): return t.best.map { [$0] } ?? []
        }
    }

    public var explanation: String {
        switch self {
        case .choice(let t): return t.explanation
        case .runoff(let t): return t.explanation
        case .score(let t): return t.explanation
        case .dotVote(let t): return t.explanation
        case .meetingTime(let t): return t.explanation
        }
    }

    /// Ballots counted, blank ones included.
    public var ballots: Int {
        switch self {
        case .choice(let t): return t.ballots
        case .runoff(let t): return t.ballots
        case .score(let t): return t.ballots
        case .dotVote(let t): return t.ballots
        case .meetingTime(let t): return t.ballots
        }
    }

    private enum CodingKeys: String, CodingKey { case choice, runoff, score, dotVote, meetingTime }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "A tally has exactly one of: choice, runoff, score, dotVote, meetingTime"))
        }
        switch key {
        case .choice: self = .choice(try c.decode(PollChoiceTally.self, forKey: key))
        case .runoff: self = .runoff(try c.decode(RunoffTally.self, forKey: key))
        case .score: self = .score(try c.decode(PollScoreTally.self, forKey: key))
        case .dotVote: self = .dotVote(try c.decode(DotVoteTally.self, forKey: key))
        case .meetingTime: self = .meetingTime(try c.decode(MeetingTimeTally.self, forKey: key))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choice(let t): try c.encode(t, forKey: .choice)
        case .runoff(let t): try c.encode(t, forKey: .runoff)
        case .score(let t): try c.encode(t, forKey: .score)
        case .dotVote(let t): try c.encode(t, forKey: .dotVote)
        case .meetingTime(let t): try c.encode(t, forKey: .meetingTime)
        }
    }
}

/// How many ballots chose one option.
public struct PollOptionCount: Hashable, Sendable, Codable {
    public let option: PollOptionID
    public let label: String
    public let count: Int
}

/// Approval or single choice: how many ballots chose each option.
public struct PollChoiceTally: Hashable, Sendable, Codable {
    public let ballots: Int
    public let blankBallots: Int
    /// Every option, most chosen first; ties in the poll's order.
    public let counts: [PollOptionCount]
    public let leaders: [PollOptionID]
    public let explanation: String
}

/// One option's line in a score poll.
public struct PollScoreLine: Hashable, Sendable, Codable {
    public let option: PollOptionID
    public let label: String
    public let total: Int
    /// The average score, exact to two decimal places in `meanText` ("3.4").
    public let mean: Double
    public let meanText: String
    /// How many ballots gave each score, lowest score first.
    public let distribution: [Int]
}

/// Score: every ballot scores every option, so ranking by total and by average agree.
public struct PollScoreTally: Hashable, Sendable, Codable {
    public let ballots: Int
    public let minimum: Int
    public let maximum: Int
    /// Highest total first; ties in the poll's order.
    public let lines: [PollScoreLine]
    public let leaders: [PollOptionID]
    public let explanation: String
}

/// One option's line in a dot vote.
public struct DotVoteLine: Hashable, Sendable, Codable {
    public let option: PollOptionID
    public let label: String
    public let points: Int
    /// Ballots that gave the option at least one point.
    public let supporters: Int
}

public struct DotVoteTally: Hashable, Sendable, Codable {
    public let ballots: Int
    public let blankBallots: Int
    public let allowance: Int
    public let pointsGiven: Int
    /// Most points first, then most supporters, then the poll's order.
    public let lines: [DotVoteLine]
    public let leaders: [PollOptionID]
    public let explanation: String
}

/// One time slot's answers.
public struct MeetingTimeLine: Hashable, Sendable, Codable {
    public let option: PollOptionID
    public let label: String
    public let slot: PollTimeSlot?
    public let yes: Int
    public let ifNeedBe: Int
    public let no: Int
}

public struct MeetingTimeTally: Hashable, Sendable, Codable {
    public let ballots: Int
    /// Best first: most yes, then most if need be, then the earliest start, then the poll's order.
    public let lines: [MeetingTimeLine]
    /// The first line; nil when no one answered or no one can come at any of the times.
    public let best: PollOptionID?
    public let explanation: String
}
