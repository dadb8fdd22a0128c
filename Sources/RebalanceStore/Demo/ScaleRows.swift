import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Rows waiting to be written, by table, then written many to a statement. The generator builds
/// ordinary Fluent records (so columns, encodings and the records' own audit fields are the
/// application's) but never saves them one by one: a record with its audit entry through the
/// commands costs two round trips, and fifteen years of 150 areas is millions of rows.
struct ScaleRows: Sendable {
    private struct Table: Sendable {
        var columns: [String]
        var rows: [[any SQLExpression]]
        /// Shared rows (councils, their staff, reps...) are offered by every area that needs
        /// them and written once: later offers meet the existing id and are skipped.
        var ignoreExisting: Bool
    }

    private var tables: [String: Table] = [:]
    /// Everyone who made a change, for `audit_names`.
    private var actorNames: [(UUID, String)] = []
    private var actorSeen: Set<UUID> = []
    private(set) var count = 0

    /// Parents before children, as the foreign keys require (and as the migrations made them).
    static let order: [String] = [
        PersonRecord.schema, OrganisationRecord.schema, TeamRecord.schema, StaffRecord.schema,
        AreaRecord.schema, AreaCouncilRecord.schema, PartnershipRecord.schema, MembershipRecord.schema,
        AuditNameRecord.schema, AuditEntryRecord.schema,
        MeetingSeriesRecord.schema, MeetingRecord.schema, AgendaItemRecord.schema, AttendanceRecord.schema,
        CommunicationPlanRecord.schema, UpdateRecord.schema, AgreementVersionRecord.schema,
        ProjectRecord.schema, MilestoneRecord.schema, ProjectPermissionRecord.schema, ProjectStageChangeRecord.schema,
        ProposalRecord.schema, ProposalPositionRecord.schema, ProposalRecusalRecord.schema,
        PollRecord.schema, PollBallotRecord.schema, PollVoterRecord.schema, DecisionLogRecord.schema,
        CommitmentRecord.schema, CommitmentEventRecord.schema,
        ResponsibilityEntryRecord.schema, EnquiryRecord.schema, EnquiryHandOffRecord.schema,
        HandoverRecord.schema, HealthCheckRoundRecord.schema, HealthCheckInvitationRecord.schema, HealthCheckAnswerRecord.schema,
    ]

    /// Binds per statement: under SQLite's limit of 32,766 and PostgreSQL's of 65,535.
    static let bindsPerStatement = 30_000

    mutating func add<M: Model>(_ record: M, shared: Bool = false) {
        let input = FieldCollector()
        record.input(to: input)
        let row = input.values.map { value -> any SQLExpression in
            switch value {
            case .bind(let v): return SQLBind(v)
            case .enumCase(let s): return SQLBind(s)
            // Unset optional fields are NULL; an unset required one fails loudly in the database.
            default: return SQLLiteral.null
            }
        }
        if tables[M.schema] == nil {
            tables[M.schema] = Table(columns: input.keys, rows: [], ignoreExisting: shared)
        }
        precondition(tables[M.schema]!.columns == input.keys, "every \(M.schema) row must set the same columns")
        tables[M.schema]!.rows.append(row)
        count += 1
    }

    /// Remembers a person's name for the audit log's names table.
    mutating func actor(_ person: UUID, _ name: String) {
        if actorSeen.insert(person).inserted { actorNames.append((person, name)) }
    }

    /// One audit entry, as `Audit.record` writes it, but dated when the change happened.
    mutating func audit(_ action: AuditAction, _ entityType: String, id: UUID?, label: String,
                        before: [String: String]?, after: [String: String]?, partnership: UUID?,
                        by actor: ScaleActor, at: Date, entryID: UUID, shared: Bool = false) {
        let entry = AuditEntryRecord()
        entry.id = entryID
        entry.at = at
        entry.actorID = actor.id
        if let id = actor.id { self.actor(id, actor.name) }
        entry.action = action.rawValue
        entry.entityType = entityType
        entry.entityID = id?.uuidString ?? ""
        entry.entityLabel = label
        entry.partnershipID = partnership
        entry.before = Audit.encode(before)
        entry.after = Audit.encode(after)
        add(entry, shared: shared)
    }

    mutating func created<R: Audited & Model>(_ record: R, partnership: UUID?, by actor: ScaleActor, at: Date,
                                              rng: inout ScaleRandom, shared: Bool = false) where R.IDValue == UUID {
        audit(.created, R.auditType, id: record.id, label: record.auditLabel, before: nil, after: record.auditFields,
              partnership: partnership, by: actor, at: at, entryID: rng.uuid(), shared: shared)
    }

    /// Like `Audit.updated`: nothing is written when nothing changed.
    mutating func updated<R: Audited & Model>(_ record: R, before: [String: String], partnership: UUID?, by actor: ScaleActor,
                                              at: Date, rng: inout ScaleRandom) where R.IDValue == UUID {
        let after = record.auditFields
        let entryID = rng.uuid()
        guard after != before else { return }
        audit(.updated, R.auditType, id: record.id, label: record.auditLabel, before: before, after: after,
              partnership: partnership, by: actor, at: at, entryID: entryID)
    }

    /// Writes everything, parents first, in statements of many rows each. Call inside a transaction.
    func write(on db: any Database) async throws {
        var pending = tables
        if !actorNames.isEmpty {
            // Shared people act in several areas; their names go in once.
            var names = Table(columns: ["id", "name"], rows: [], ignoreExisting: true)
            names.rows = actorNames.map { [SQLBind($0.0), SQLBind($0.1)] }
            pending[AuditNameRecord.schema] = names
        }
        let unknown = Set(pending.keys).subtracting(Self.order)
        precondition(unknown.isEmpty, "ScaleRows.order does not place \(unknown.sorted())")
        for schema in Self.order {
            guard let table = pending[schema], !table.rows.isEmpty else { continue }
            let perStatement = max(1, Self.bindsPerStatement / table.columns.count)
            var start = 0
            while start < table.rows.count {
                let end = min(start + perStatement, table.rows.count)
                var insert = db.sql.insert(into: schema).columns(table.columns)
                for row in table.rows[start..<end] { insert = insert.values(row) }
                if table.ignoreExisting { insert = insert.ignoringConflicts(with: ["id"]) }
                try await insert.run()
                start = end
            }
        }
    }
}

/// Who made a change: a person, or the system (no id).
struct ScaleActor: Sendable {
    let id: UUID?
    let name: String

    static let system = ScaleActor(id: nil, name: AuditNames.system)
}

/// Collects every column of a record, set or not, in the record's own order.
private final class FieldCollector: DatabaseInput {
    var keys: [String] = []
    var values: [DatabaseQuery.Value] = []
    var wantsUnmodifiedKeys: Bool { true }

    func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
        keys.append(key.description)
        values.append(value)
    }
}
