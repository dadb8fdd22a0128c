import Foundation

/// A person who might be asked to decide: their current roles on the partnership (or at the
/// meeting the proposal is put to) and whether they hold a vote.
public struct DecisionMember: Hashable, Sendable, Codable {
    public var personID: UUID
    public var roles: Set<MembershipRole>
    /// True when at least one of the person's current memberships carries a vote.
    public var votes: Bool

    public init(personID: UUID, roles: Set<MembershipRole>, votes: Bool) {
        self.personID = personID
        self.roles = roles
        self.votes = votes
    }

    public init(personID: UUID, role: MembershipRole, votes: Bool) {
        self.init(personID: personID, roles: [role], votes: votes)
    }
}

/// Where one person stands on one proposal, in the order the questions are asked.
public enum DecisionStanding: Hashable, Sendable {
    /// May take part; their position counts.
    case eligible
    case notAMember
    /// A member whose memberships carry no vote (reps, project workers, observers...).
    case noVotingRight
    /// A voting member who holds a role the decision rules keep out of this topic.
    case roleExcluded(MembershipRole)
    /// Would be eligible, but declared an interest.
    case recused(Recusal)

    public var isEligible: Bool { self == .eligible }
}

/// Who may decide a proposal, worked out once from the members, the topic, the rules and the
/// recusals:
/// - eligible: current members holding a vote, minus anyone holding a role the rules exclude
///   from the topic. A person with several roles is excluded if *any* of them is excluded: a
///   councillor who also sits as a resident is still an elected member, and the point of the
///   exclusion is that residents without a council role have the final say;
/// - could take part: the eligible minus those who recused. This is the base the quorum is
///   measured against.
public struct DecisionElectorate: Hashable, Sendable {
    public let topic: ProposalTopic
    /// Eligible before recusals, sorted so that results are reproducible.
    public let eligible: [UUID]
    /// Eligible members who declared an interest.
    public let recused: [UUID]
    /// Eligible and not recused: the people whose positions count.
    public let couldTakePart: Set<UUID>
    private let standings: [UUID: DecisionStanding]

    /// `members` may list a person more than once (one entry per membership); the entries are
    /// merged, with a vote if any entry has one.
    public init(members: [DecisionMember], topic: ProposalTopic, rules: DecisionRules, recusals: [Recusal]) {
        var merged: [UUID: DecisionMember] = [:]
        for member in members {
            if var existing = merged[member.personID] {
                existing.roles.formUnion(member.roles)
                existing.votes = existing.votes || member.votes
                merged[member.personID] = existing
            } else {
                merged[member.personID] = member
            }
        }
        let excludedRoles = rules.excludedRoles(for: topic)
        let recusalsByPerson = Dictionary(recusals.map { ($0.personID, $0) }, uniquingKeysWith: { first, _ in first })
        var standings: [UUID: DecisionStanding] = [:]
        for (id, member) in merged {
            if !member.votes {
                standings[id] = .noVotingRight
            } else if let role = MembershipRole.allCases.first(where: { member.roles.contains($0) && excludedRoles.contains($0) }) {
                standings[id] = .roleExcluded(role)
            } else if let recusal = recusalsByPerson[id] {
                standings[id] = .recused(recusal)
            } else {
                standings[id] = .eligible
            }
        }
        self.topic = topic
        self.standings = standings
        self.eligible = standings.compactMap { id, s -> UUID? in
            switch s {
            case .eligible, .recused: return id
            default: return nil
            }
        }.sorted { $0.uuidString < $1.uuidString }
        self.recused = standings.compactMap { id, s -> UUID? in
            if case .recused = s { return id }
            return nil
        }.sorted { $0.uuidString < $1.uuidString }
        self.couldTakePart = Set(standings.filter { $0.value == .eligible }.keys)
    }

    public func standing(of personID: UUID) -> DecisionStanding {
        standings[personID] ?? .notAMember
    }

    public func isMember(_ personID: UUID) -> Bool { standings[personID] != nil }

    /// Voting members kept out by a role, with the role that did it.
    public var excludedByRole: [UUID: MembershipRole] {
        standings.compactMapValues { s in
            if case .roleExcluded(let role) = s { return role }
            return nil
        }
    }
}
