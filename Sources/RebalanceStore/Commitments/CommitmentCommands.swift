import FluentKit
import Foundation
import RebalanceCore

/// Making, moving and renegotiating promises: each validated by the core, written with its
/// history event and audit entry in one transaction.
public enum CommitmentCommands {
    /// `decision` names the decision-log entry the promise carries out, if any.
    public static func create(in partnershipID: UUID, _ input: CommitmentDraft.Input, confirmOverPromise: Bool,
                              meeting: MeetingLink? = nil, decision: UUID? = nil,
                              today: Day = .today(), by actor: Actor, on db: any Database) async throws -> CommitmentRecord {
        try await db.writeTransaction { tx in
            var input = input
            if let decision {
                guard let entry = try await DecisionQueries.logEntry(decision, in: partnershipID, on: tx) else {
                    throw ValidationFailure("decision", "Choose a decision from this partnership's decision log: the one given is not in it")
                }
                if TextRules.trimmed(input.decision).isEmpty { input.decision = String(entry.title.prefix(200)) }
            }
            let parties = try await CommitmentQueries.parties(of: partnershipID, on: tx)
            let projects = Set(try await ProjectRecord.query(on: tx).filter(\.$partnership.$id == partnershipID).all().compactMap(\.id))
            let draft = try CommitmentDraft.validate(input, today: today, parties: parties, projects: projects)
            let overdue = try await CommitmentQueries.all(in: partnershipID, withHistory: false, on: tx)
                .filter { $0.owner.key == draft.owner.key && $0.facts.isOverdue(on: today) }.count
            try OverPromiseRule.check(partyName: draft.owner.name, overdue: overdue, confirmed: confirmOverPromise)
            let c = CommitmentRecord()
            c.$partnership.id = partnershipID
            c.apply(draft, createdOn: today)
            c.meetingSeriesID = meeting?.seriesID
            c.meetingDayRaw = meeting?.day.description
            c.decisionID = decision
            c.version = 1
            try await c.create(on: tx)
            let event = CommitmentEventRecord(try c.requireID(), on: today, kind: .created, actor: actor)
            event.toState = draft.state.rawValue
            event.toDue = draft.dueOn.description
            try await event.create(on: tx)
            try await Audit.created(c, partnership: partnershipID, by: actor, on: tx)
            return c
        }
    }

    public static func transition(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, _ input: CommitmentTransition.Input,
                                  today: Day = .today(), by actor: Actor, on db: any Database) async throws -> CommitmentRecord {
        try await db.writeTransaction { tx in
            let c = try await find(id, in: partnershipID, on: tx)
            let change = try CommitmentTransition.validate(input, current: c.state, createdOn: c.createdOn, today: today)
            let version = try await VersionClaim.claim(CommitmentRecord.schema, id: id, expected: expectedVersion, entity: "commitment", on: tx)
            let before = c.auditFields
            c.stateRaw = change.to.rawValue
            if change.to == .delivered { c.deliveredOnRaw = change.on.description }
            if change.to == .withdrawn || change.to == .missed { c.closedReason = change.reason }
            c.version = version
            try await c.save(on: tx)
            let event = CommitmentEventRecord(id, on: change.on, kind: .state, actor: actor)
            event.fromState = change.from.rawValue
            event.toState = change.to.rawValue
            event.reason = change.reason
            try await event.create(on: tx)
            try await Audit.updated(c, before: before, partnership: partnershipID, by: actor, on: tx)
            return c
        }
    }

    public static func renegotiate(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, _ input: Renegotiation.Input,
                                   today: Day = .today(), by actor: Actor, on db: any Database) async throws -> CommitmentRecord {
        try await db.writeTransaction { tx in
            let c = try await find(id, in: partnershipID, on: tx)
            let change = try Renegotiation.validate(input, state: c.state, currentDue: c.dueOn, today: today)
            let version = try await VersionClaim.claim(CommitmentRecord.schema, id: id, expected: expectedVersion, entity: "commitment", on: tx)
            let before = c.auditFields
            c.dueOnRaw = change.to.description
            c.renegotiations += 1
            c.version = version
            try await c.save(on: tx)
            let event = CommitmentEventRecord(id, on: today, kind: .renegotiated, actor: actor)
            event.fromDue = change.from.description
            event.toDue = change.to.description
            event.reason = change.reason
            try await event.create(on: tx)
            try await Audit.updated(c, before: before, partnership: partnershipID, by: actor, on: tx)
            return c
        }
    }

    static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> CommitmentRecord {
        guard let c = try await CommitmentRecord.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnershipID).first() else { throw NotFound("commitment") }
        return c
    }
}
