import Foundation

/// A poll's totals, and nothing that says who voted how: it is the whole result of an
/// anonymous poll, and the public part of a named one.
public struct PollTotals: Hashable, Sendable, Codable {
    public let pollID: UUID
    public let title: String
    public let kind: PollKind
    public let isAnonymous: Bool
    public let state: PollState
    /// Nil while the poll is open.
    public let closedAt: Date?
    public let tally: PollTally
    /// Ballots that no longer fit the poll (none, unless stored ballots were damaged); they are
    /// left out of the count and reported here rather than silently dropped.
    public let ballotsSetAside: Int
    public let explanation: String
}

/// A named poll's result: the totals and each voter's ballot.
public struct NamedPollResult: Hashable, Sendable, Codable {
    public let totals: PollTotals
    /// One ballot per voter, in the order given.
    public let ballots: [PollVoterBallot]
}

/// What counting a poll gives. An anonymous poll's result is `.anonymous(PollTotals)`: that
/// type has no field for a voter, so no page, export or API body built from it can reveal one.
public enum PollResult: Hashable, Sendable, Codable {
    case anonymous(PollTotals)
    case named(NamedPollResult)

    public var totals: PollTotals {
        switch self {
        case .anonymous(let totals): return totals
        case .named(let result): return result.totals
        }
    }

    private enum CodingKeys: String, CodingKey { case anonymous, named }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let totals = try c.decodeIfPresent(PollTotals.self, forKey: .anonymous) {
            self = .anonymous(totals)
        } else {
            self = .named(try c.decode(NamedPollResult.self, forKey: .named))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .anonymous(let totals): try c.encode(totals, forKey: .anonymous)
        case .named(let result): try c.encode(result, forKey: .named)
        }
    }
}

extension Poll {
    /// Counts ballots cast with their voters. For an anonymous poll the voters are dropped
    /// before anything is counted and the result is `.anonymous`. A voter listed more than once
    /// (a replaced ballot) counts once, with their last ballot.
    public func result(ballots: [PollVoterBallot], at now: Date) -> PollResult {
        var lastIndex: [UUID: Int] = [:]
        for (i, cast) in ballots.enumerated() { lastIndex[cast.voterID] = i }
        let latest = ballots.enumerated().filter { lastIndex[$0.element.voterID] == $0.offset }.map(\.element)
        let totals = totals(ballots: latest.map(\.ballot), at: now)
        if isAnonymous { return .anonymous(totals) }
        return .named(NamedPollResult(totals: totals, ballots: latest))
    }

    /// Counts ballots with no voters attached: what the store keeps for an anonymous poll.
    public func totals(ballots: [PollBallot], at now: Date) -> PollTotals {
        let fit = ballots.filter { problems(in: $0).isEmpty }
        let tally: PollTally
        switch kind {
        case .approval, .singleChoice:
            tally = .choice(PollChoiceTally.count(self, ballots: fit.compactMap(Self.choices)))
        case .rankedChoice:
            tally = .runoff(InstantRunoff.count(self, ballots: fit.compactMap(Self.choices)))
        case .score:
            tally = .score(PollScoreTally.count(self, ballots: fit.compactMap { if case .scores(let s) = $0 { s } else { nil } }))
        case .dotVote:
            tally = .dotVote(DotVoteTally.count(self, ballots: fit.compactMap { if case .points(let p) = $0 { p } else { nil } }))
        case .meetingTime:
            tally = .meetingTime(MeetingTimeTally.count(self, ballots: fit.compactMap { if case .availability(let a) = $0 { a } else { nil } }))
        }
        let closed = closedAt(at: now)
        let setAside = ballots.count - fit.count
        var explanation = closed == nil
            ? "Open until \(DecisionTime.readable(closesAt)). So far: \(tally.explanation)"
            : tally.explanation
        if setAside > 0 {
            explanation += " \(DecisionWording.count(setAside, "ballot was", "ballots were")) set aside because \(setAside == 1 ? "it no longer fits" : "they no longer fit") the poll."
        }
        return PollTotals(pollID: id, title: title, kind: kind, isAnonymous: isAnonymous,
                          state: state(at: now), closedAt: closed, tally: tally,
                          ballotsSetAside: setAside, explanation: explanation)
    }

    private static func choices(_ ballot: PollBallot) -> [PollOptionID]? {
        if case .choices(let ids) = ballot { return ids }
        return nil
    }
}
