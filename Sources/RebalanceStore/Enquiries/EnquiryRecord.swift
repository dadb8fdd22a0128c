import FluentKit
import Foundation
import RebalanceCore

/// One line of a council's responsibility directory (see `ResponsibilityEntry`).
public final class ResponsibilityEntryRecord: Model, @unchecked Sendable {
    public static let schema = "responsibility_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "council_id") public var council: OrganisationRecord
    @Parent(key: "team_id") public var team: TeamRecord
    @Field(key: "topic") public var topic: String
    @Field(key: "target_working_days") public var targetWorkingDays: Int
    @Field(key: "version") public var version: Int

    public init() {}

    public var entry: ResponsibilityEntry {
        ResponsibilityEntry(topic: topic, teamID: $team.id, targetWorkingDays: targetWorkingDays)
    }
}

extension ResponsibilityEntryRecord: Audited {
    public static let auditType = "responsibility_entry"
    public var auditLabel: String { topic }
    public var auditFields: [String: String] {
        ["council_id": $council.id.uuidString, "team_id": $team.id.uuidString, "topic": topic,
         "target_working_days": String(targetWorkingDays)]
    }
}

/// A partnership's question to a council. The rules' view of it is `core(handOffs:)`; the
/// record adds what people read (title, question, answer) and who did what.
public final class EnquiryRecord: Model, @unchecked Sendable {
    public static let schema = "enquiries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "council_id") public var council: OrganisationRecord
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "first_team_id") public var firstTeam: TeamRecord
    @Field(key: "topic") public var topic: String
    @Field(key: "title") public var title: String
    @Field(key: "question") public var question: String
    @Field(key: "received_on") public var receivedOnRaw: String
    @Field(key: "target_working_days") public var targetWorkingDays: Int
    /// Kept in step with the hand-offs and closure so lists can filter without loading them.
    @Field(key: "state") public var stateRaw: String
    @OptionalField(key: "closed_on") public var closedOnRaw: String?
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    /// Not a foreign key: the record outlives the asker's account; the name is kept for reading.
    @OptionalField(key: "raised_by_id") public var raisedByID: UUID?
    @Field(key: "raised_by_name") public var raisedByName: String
    @OptionalField(key: "last_reminded_on") public var lastRemindedOnRaw: String?
    @Field(key: "version") public var version: Int
    @Children(for: \.$enquiry) public var handOffs: [EnquiryHandOffRecord]

    public init() {}

    public var state: EnquiryState { EnquiryState(rawValue: stateRaw) ?? .open }
    public var receivedOn: Day { Day(receivedOnRaw)! }

    /// The enquiry as the rules see it; `handOffs` in the order they happened.
    public func core(handOffs: [EnquiryHandOffRecord]) throws -> Enquiry {
        var closure: EnquiryClosure?
        if let closed = closedOnRaw.flatMap(Day.init) {
            closure = state == .withdrawn ? .withdrawn(on: closed) : .answered(on: closed)
        }
        return Enquiry(id: try requireID(), councilID: $council.id, partnershipID: $partnership.id, topic: topic,
                       receivedOn: receivedOn, targetWorkingDays: targetWorkingDays, firstTeamID: $firstTeam.id,
                       handOffs: handOffs.sorted { $0.position < $1.position }.map(\.handOff),
                       closure: closure, lastRemindedOn: lastRemindedOnRaw.flatMap(Day.init))
    }

    /// Copies the rules' outcome (state and closure) onto the record.
    func apply(_ enquiry: Enquiry) {
        stateRaw = enquiry.state.rawValue
        closedOnRaw = enquiry.closure?.day.description
        lastRemindedOnRaw = enquiry.lastRemindedOn?.description
    }
}

extension EnquiryRecord: Audited {
    public static let auditType = "enquiry"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["council_id": $council.id.uuidString, "first_team_id": $firstTeam.id.uuidString, "topic": topic, "title": title,
         "question": question, "received_on": receivedOnRaw, "target_working_days": String(targetWorkingDays),
         "state": stateRaw, "closed_on": closedOnRaw ?? "", "answer": answer ?? "", "answered_by": answeredBy ?? ""]
    }
}

/// One hand-off of an enquiry from a team to another, with the reason given.
public final class EnquiryHandOffRecord: Model, @unchecked Sendable {
    public static let schema = "enquiry_hand_offs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "enquiry_id") public var enquiry: EnquiryRecord
    /// 1 for the first hand-off, so the order never depends on timestamps.
    @Field(key: "position") public var position: Int
    @Field(key: "handed_on") public var onRaw: String
    @Parent(key: "from_team_id") public var fromTeam: TeamRecord
    @Parent(key: "to_team_id") public var toTeam: TeamRecord
    @Field(key: "reason") public var reason: String
    @Field(key: "by_name") public var byName: String

    public init() {}

    public var handOff: EnquiryHandOff {
        EnquiryHandOff(on: Day(onRaw)!, fromTeamID: $fromTeam.id, toTeamID: $toTeam.id, reason: reason)
    }
}

extension EnquiryHandOffRecord: Audited {
    public static let auditType = "enquiry_hand_off"
    public var auditLabel: String { reason.count > 60 ? String(reason.prefix(59)) + "…" : reason }
    public var auditFields: [String: String] {
        ["enquiry_id": $enquiry.id.uuidString, "on": onRaw, "from_team_id": $fromTeam.id.uuidString,
         "to_team_id": $toTeam.id.uuidString, "reason": reason]
    }
}
