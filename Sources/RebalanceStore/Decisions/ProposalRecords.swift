import FluentKit
import Foundation
import RebalanceCore

/// A proposal put to a partnership, or to those attending one of its meetings. The decision
/// rules it opened under are copied in as JSON, so changing the agreement later never changes
/// it. Positions and declared interests live in their own tables, one row per change, so two
/// members answering at once never contend for one row.
public final class ProposalRecord: Model, @unchecked Sendable {
    public static let schema = "proposals"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "title") public var title: String
    @OptionalField(key: "details") public var details: String?
    @Field(key: "process") public var processRaw: String
    @Field(key: "topic") public var topicRaw: String
    @Field(key: "proposer_id") public var proposerID: UUID
    @Field(key: "proposer_name") public var proposerName: String
    @Field(key: "rules") public var rulesJSON: String
    @Field(key: "opened_at") public var openedAt: Date
    @Field(key: "deadline") public var deadline: Date
    @OptionalField(key: "revision_of") public var revisionOf: UUID?
    @OptionalField(key: "meeting_series_id") public var meetingSeriesID: UUID?
    @OptionalField(key: "meeting_day") public var meetingDayRaw: String?
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: UUID?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @OptionalField(key: "closed_early_at") public var closedEarlyAt: Date?
    /// When the reminder a day before the deadline was queued.
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    /// When the outcome entered the decision log and the closing notice was queued.
    @OptionalField(key: "settled_at") public var settledAt: Date?
    @Field(key: "version") public var version: Int
    @Children(for: \.$proposal) public var positions: [ProposalPositionRecord]
    @Children(for: \.$proposal) public var recusals: [ProposalRecusalRecord]

    public init() {}

    public var process: DecisionProcess { DecisionProcess(rawValue: processRaw) ?? .consensus }
    public var topic: ProposalTopic { ProposalTopic(rawValue: topicRaw) ?? .general }
    public var rules: DecisionRules {
        (try? JSONDecoder().decode(DecisionRules.self, from: Data(rulesJSON.utf8))) ?? .bigLocalDefault
    }
    public var meeting: ProposalMeeting? {
        guard let id = meetingSeriesID, let day = meetingDayRaw.flatMap(Day.init) else { return nil }
        return ProposalMeeting(seriesID: id, day: day)
    }

    /// The proposal as the core rules see it; positions and recusals must be loaded.
    public var core: Proposal {
        var histories: [UUID: PositionHistory] = [:]
        for (person, rows) in Dictionary(grouping: positions, by: { $0.personID }) {
            let changes = rows.sorted { $0.sequence < $1.sequence }.map {
                PositionChange(at: $0.at, from: $0.fromRaw.flatMap(ProposalPosition.init), to: $0.position, reason: $0.reason)
            }
            if let history = PositionHistory(personID: person, changes: changes) { histories[person] = history }
        }
        let declared = Dictionary(recusals.map { ($0.personID, Recusal(personID: $0.personID, interest: $0.interest, declaredAt: $0.declaredAt)) },
                                  uniquingKeysWith: { first, _ in first })
        return Proposal(id: id!, title: title, details: details, process: process, topic: topic, proposerID: proposerID,
                        rules: rules, openedAt: openedAt, deadline: deadline, revisionOf: revisionOf,
                        withdrawal: withdrawnAt.map { ProposalWithdrawal(at: $0, by: withdrawnBy ?? proposerID, reason: withdrawalReason) },
                        closedEarlyAt: closedEarlyAt, positions: histories, recusals: declared)
    }

    /// Names of everyone who took a position or declared an interest, as they were then.
    public var namesOnRecord: [UUID: String] {
        var names: [UUID: String] = [:]
        for p in positions { names[p.personID] = p.personName }
        for r in recusals { names[r.personID] = r.personName }
        return names
    }
}

extension ProposalRecord: Audited {
    public static let auditType = "proposal"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "details": details ?? "", "process": processRaw, "topic": topicRaw, "rules": rulesJSON,
         "deadline": ISO8601DateFormatter().string(from: deadline), "revision_of": revisionOf?.uuidString ?? "",
         "meeting": meeting?.description ?? "",
         "withdrawn_at": withdrawnAt.map { ISO8601DateFormatter().string(from: $0) } ?? "",
         "withdrawal_reason": withdrawalReason ?? "",
         "closed_early_at": closedEarlyAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""]
    }
}

/// One change of one member's position. `sequence` numbers a member's changes from 1, and the
/// pair (person, sequence) is unique per proposal: if the same form is sent twice at once, the
/// second write fails instead of recording a second first position.
public final class ProposalPositionRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_positions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "proposal_id") public var proposal: ProposalRecord
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "person_name") public var personName: String
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "at") public var at: Date
    @OptionalField(key: "from_position") public var fromRaw: String?
    @Field(key: "position") public var positionRaw: String
    @OptionalField(key: "reason") public var reason: String?

    public init() {}

    public var position: ProposalPosition { ProposalPosition(rawValue: positionRaw) ?? .abstain }
}

extension ProposalPositionRecord: Audited {
    public static let auditType = "proposal_position"
    // By id, not name: the entry's actor is this person, and erasure can blank a name only there.
    public var auditLabel: String { "Position: \(position.label)" }
    public var auditFields: [String: String] {
        ["proposal_id": $proposal.id.uuidString, "person_id": personID.uuidString, "from": fromRaw ?? "", "position": positionRaw,
         "reason": reason ?? ""]
    }
}

/// A member stepping aside from one proposal, with the interest they declared.
public final class ProposalRecusalRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_recusals"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "proposal_id") public var proposal: ProposalRecord
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "person_name") public var personName: String
    @Field(key: "interest") public var interest: String
    @Field(key: "declared_at") public var declaredAt: Date

    public init() {}
}

extension ProposalRecusalRecord: Audited {
    public static let auditType = "proposal_recusal"
    public var auditLabel: String { "Declared an interest" }
    public var auditFields: [String: String] {
        ["proposal_id": $proposal.id.uuidString, "person_id": personID.uuidString, "interest": interest]
    }
}
