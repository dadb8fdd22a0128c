import Foundation

/// Who may answer a poll. By default the members who hold a vote, as for proposals; a poll
/// about practical matters (when to meet, what to call the newsletter) can ask every member,
/// reps and project workers included.
public enum PollAudience: String, CaseIterable, Codable, Sendable {
    case votingMembers = "voting_members"
    case allMembers = "all_members"

    public var label: String {
        switch self {
        case .votingMembers: return "Members with a vote"
        case .allMembers: return "All members, with or without a vote"
        }
    }

    /// Everyone who may answer, each once, in a stable order.
    public func voters(among members: [DecisionMember]) -> [UUID] {
        var seen = Set<UUID>()
        var votes = Set<UUID>()
        for m in members {
            seen.insert(m.personID)
            if m.votes { votes.insert(m.personID) }
        }
        let chosen = self == .allMembers ? seen : votes
        return chosen.sorted { $0.uuidString < $1.uuidString }
    }

    /// Nil when `personID` may answer; otherwise why not, worded for them.
    public func refusal(for personID: UUID, among members: [DecisionMember]) -> String? {
        let own = members.filter { $0.personID == personID }
        if own.isEmpty { return "Only members of the partnership can answer this poll" }
        if self == .votingMembers, !own.contains(where: \.votes) {
            return "This poll is for members with a vote; your membership does not carry one"
        }
        return nil
    }
}

extension Poll {
    /// Nil when `personID` may cast (or replace) a ballot now. A named poll lets people change
    /// their vote until it closes; an anonymous one cannot, because the stored ballot carries
    /// nothing that links it back to the voter.
    public func castRefusal(hasVoted: Bool, at now: Date) -> String? {
        if let closed = ballotRefusal(at: now) { return closed }
        if isAnonymous, hasVoted {
            return "You have already voted. Votes in an anonymous poll cannot be changed, because nothing links a ballot to the person who cast it"
        }
        return nil
    }
}
