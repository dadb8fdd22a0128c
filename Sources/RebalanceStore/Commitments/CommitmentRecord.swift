import FluentKit
import Foundation
import RebalanceCore

/// A promise one party made to another within a partnership.
public final class CommitmentRecord: Model, @unchecked Sendable {
    public static let schema = "commitments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "title") public var title: String
    @OptionalField(key: "description") public var details: String?
    @Field(key: "owner_kind") public var ownerKindRaw: String
    @OptionalField(key: "owner_id") public var ownerID: UUID?
    @OptionalField(key: "owner_organisation_id") public var ownerOrganisationID: UUID?
    @Field(key: "owner_name") public var ownerName: String
    @Field(key: "recipient_kind") public var recipientKindRaw: String
    @OptionalField(key: "recipient_id") public var recipientID: UUID?
    @Field(key: "recipient_name") public var recipientName: String
    @Field(key: "size") public var sizeRaw: String
    @OptionalParent(key: "project_id") public var project: ProjectRecord?
    @OptionalField(key: "meeting_reference") public var meetingReference: String?
    @OptionalField(key: "decision_reference") public var decisionReference: String?
    @OptionalField(key: "meeting_series_id") public var meetingSeriesID: UUID?
    @OptionalField(key: "meeting_day") public var meetingDayRaw: String?
    /// The decision-log entry this commitment carries out, when it came from a decision.
    @OptionalField(key: "decision_id") public var decisionID: UUID?
    @Field(key: "state") public var stateRaw: String
    @Field(key: "created_on") public var createdOnRaw: String
    @Field(key: "original_due_on") public var originalDueOnRaw: String
    @Field(key: "due_on") public var dueOnRaw: String
    @OptionalField(key: "delivered_on") public var deliveredOnRaw: String?
    @OptionalField(key: "closed_reason") public var closedReason: String?
    @Field(key: "renegotiations") public var renegotiations: Int
    @Field(key: "version") public var version: Int
    @Children(for: \.$commitment) public var events: [CommitmentEventRecord]

    public init() {}

    public var state: CommitmentState { CommitmentState(rawValue: stateRaw) ?? .proposed }
    public var size: CommitmentSize { CommitmentSize(rawValue: sizeRaw) ?? .larger }
    public var createdOn: Day { Day(createdOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var originalDueOn: Day { Day(originalDueOnRaw) ?? dueOn }
    public var dueOn: Day { Day(dueOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var deliveredOn: Day? { deliveredOnRaw.flatMap(Day.init) }

    public var owner: CommitmentParty {
        CommitmentParty(kind: CommitmentParty.Kind(rawValue: ownerKindRaw) ?? .partnership, id: ownerID,
                        name: ownerName, organisationID: ownerOrganisationID)
    }

    public var recipient: CommitmentParty {
        CommitmentParty(kind: CommitmentParty.Kind(rawValue: recipientKindRaw) ?? .partnership, id: recipientID, name: recipientName)
    }

    public var facts: CommitmentFacts {
        CommitmentFacts(state: state, originalDueOn: originalDueOn, dueOn: dueOn, deliveredOn: deliveredOn, renegotiations: renegotiations)
    }

    func apply(_ draft: CommitmentDraft, createdOn: Day) {
        title = draft.title
        details = draft.description
        ownerKindRaw = draft.owner.kind.rawValue
        ownerID = draft.owner.id
        ownerOrganisationID = draft.owner.organisationID
        ownerName = draft.owner.name
        recipientKindRaw = draft.recipient.kind.rawValue
        recipientID = draft.recipient.id
        recipientName = draft.recipient.name
        sizeRaw = draft.size.rawValue
        $project.id = draft.projectID
        meetingReference = draft.meetingReference
        decisionReference = draft.decisionReference
        stateRaw = draft.state.rawValue
        createdOnRaw = createdOn.description
        originalDueOnRaw = draft.dueOn.description
        dueOnRaw = draft.dueOn.description
        renegotiations = 0
    }
}

extension CommitmentRecord: Audited {
    public static let auditType = "commitment"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "description": details ?? "", "owner": ownerName, "recipient": recipientName, "size": sizeRaw,
         "project_id": $project.id?.uuidString ?? "", "state": stateRaw, "due_on": dueOnRaw,
         "original_due_on": originalDueOnRaw, "delivered_on": deliveredOnRaw ?? "", "closed_reason": closedReason ?? "",
         "meeting": meetingReference ?? "", "decision": decisionReference ?? ""]
    }
}

/// One step in a commitment's history: made, moved to a new state, given a new date, handed over.
/// Never changed once written, so the history shows every renegotiation.
public final class CommitmentEventRecord: Model, @unchecked Sendable {
    public static let schema = "commitment_events"

    public enum Kind: String, Sendable { case created, state, renegotiated, reassigned }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "commitment_id") public var commitment: CommitmentRecord
    @Field(key: "on_day") public var onRaw: String
    @Field(key: "at") public var at: Date
    @Field(key: "kind") public var kindRaw: String
    @OptionalField(key: "from_state") public var fromState: String?
    @OptionalField(key: "to_state") public var toState: String?
    @OptionalField(key: "from_due") public var fromDue: String?
    @OptionalField(key: "to_due") public var toDue: String?
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "actor_name") public var actorName: String

    public init() {}

    public var on: Day { Day(onRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var kind: Kind { Kind(rawValue: kindRaw) ?? .state }

    convenience init(_ commitmentID: UUID, on: Day, kind: Kind, actor: Actor) {
        self.init()
        $commitment.id = commitmentID
        onRaw = on.description
        at = Date()
        kindRaw = kind.rawValue
        actorName = actor.personID == nil ? "System" : actor.name
    }
}
