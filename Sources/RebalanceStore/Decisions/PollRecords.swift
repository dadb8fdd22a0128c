import FluentKit
import Foundation
import RebalanceCore

/// A poll: its question, options and settings as the core defines them, kept as JSON so the
/// shapes live in one place.
public final class PollRecord: Model, @unchecked Sendable {
    public static let schema = "polls"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "title") public var title: String
    @OptionalField(key: "details") public var details: String?
    @Field(key: "kind") public var kindRaw: String
    @Field(key: "options") public var optionsJSON: String
    @Field(key: "settings") public var settingsJSON: String
    @Field(key: "anonymous") public var isAnonymous: Bool
    @Field(key: "results_visibility") public var resultsVisibilityRaw: String
    @Field(key: "audience") public var audienceRaw: String
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "opened_at") public var openedAt: Date
    @Field(key: "closes_at") public var closesAt: Date
    @OptionalField(key: "closed_early_at") public var closedEarlyAt: Date?
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    @OptionalField(key: "settled_at") public var settledAt: Date?
    /// An anonymous poll's ballots: one JSON list, kept sorted by content, so neither a voter
    /// nor the order people voted in can be read back from it.
    @OptionalField(key: "anonymous_ballots") public var anonymousBallotsJSON: String?
    @Field(key: "version") public var version: Int

    public init() {}

    public var anonymousBallots: [PollBallot] {
        guard let json = anonymousBallotsJSON else { return [] }
        return (try? JSONDecoder().decode([PollBallot].self, from: Data(json.utf8))) ?? []
    }

    func addAnonymous(_ ballot: PollBallot) throws {
        let encoder = JSONEncoder.sorted
        let all = try (anonymousBallots + [ballot]).map { String(decoding: try encoder.encode($0), as: UTF8.self) }.sorted()
        anonymousBallotsJSON = "[" + all.joined(separator: ",") + "]"
    }

    public var kind: PollKind { PollKind(rawValue: kindRaw) ?? .singleChoice }
    public var audience: PollAudience { PollAudience(rawValue: audienceRaw) ?? .votingMembers }
    public var options: [PollOption] { (try? JSONDecoder().decode([PollOption].self, from: Data(optionsJSON.utf8))) ?? [] }
    public var settings: PollSettings { (try? JSONDecoder().decode(PollSettings.self, from: Data(settingsJSON.utf8))) ?? PollSettings() }

    public var core: Poll {
        Poll(id: id!, title: title, details: details, kind: kind, options: options, settings: settings, isAnonymous: isAnonymous,
             resultsVisibility: PollResultsVisibility(rawValue: resultsVisibilityRaw) ?? .always, createdBy: createdBy,
             openedAt: openedAt, closesAt: closesAt, closedEarlyAt: closedEarlyAt)
    }

    func apply(_ poll: Poll, audience: PollAudience) throws {
        title = poll.title
        details = poll.details
        kindRaw = poll.kind.rawValue
        optionsJSON = String(decoding: try JSONEncoder.sorted.encode(poll.options), as: UTF8.self)
        settingsJSON = String(decoding: try JSONEncoder.sorted.encode(poll.settings), as: UTF8.self)
        isAnonymous = poll.isAnonymous
        resultsVisibilityRaw = poll.resultsVisibility.rawValue
        audienceRaw = audience.rawValue
        createdBy = poll.createdBy
        openedAt = poll.openedAt
        closesAt = poll.closesAt
        closedEarlyAt = poll.closedEarlyAt
    }
}

extension PollRecord: Audited {
    public static let auditType = "poll"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "details": details ?? "", "kind": kindRaw, "options": optionsJSON, "settings": settingsJSON,
         "anonymous": isAnonymous ? "yes" : "no", "results_visibility": resultsVisibilityRaw, "audience": audienceRaw,
         "closes_at": ISO8601DateFormatter().string(from: closesAt),
         "closed_early_at": closedEarlyAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""]
    }
}

/// One voter's ballot in a named poll, replaced when they change their vote. Anonymous polls
/// keep no rows here (see `PollRecord.anonymousBallotsJSON`).
public final class PollBallotRecord: Model, @unchecked Sendable {
    public static let schema = "poll_ballots"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "poll_id") public var poll: PollRecord
    @Field(key: "voter_id") public var voterID: UUID
    @Field(key: "voter_name") public var voterName: String
    @Field(key: "ballot") public var ballotJSON: String
    @Field(key: "cast_at") public var castAt: Date

    public init() {}

    public var ballot: PollBallot? { try? JSONDecoder().decode(PollBallot.self, from: Data(ballotJSON.utf8)) }

    func store(_ ballot: PollBallot) throws {
        ballotJSON = String(decoding: try JSONEncoder.sorted.encode(ballot), as: UTF8.self)
    }
}

extension PollBallotRecord: Audited {
    public static let auditType = "poll_ballot"
    // By id, not name: the entry's actor is the voter, and erasure can blank a name only there.
    public var auditLabel: String { "Vote" }
    public var auditFields: [String: String] {
        ["poll_id": $poll.id.uuidString, "voter_id": voterID.uuidString, "ballot": ballotJSON]
    }
}

/// That someone voted in a poll, and nothing about how: turnout, "you have voted", reminders
/// to those who have not, and one ballot per person in anonymous polls all rest on it.
public final class PollVoterRecord: Model, @unchecked Sendable {
    public static let schema = "poll_voters"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "poll_id") public var poll: PollRecord
    @Field(key: "person_id") public var personID: UUID

    public init() {}
}
