import FluentKit
import Foundation
import RebalanceCore

/// Putting a proposal, taking positions, declaring interests, withdrawing and closing early.
/// Each loads the proposal, asks the core rule (which refuses with a sentence naming the field),
/// and writes the change, its audit entry and any notices in one transaction.
public enum ProposalCommands {
    public static func open(in partnershipID: UUID, _ input: ProposalDraft.Input, now: Date = Date(), links: DecisionLinks,
                            by actor: Actor, on db: any Database) async throws -> ProposalRecord {
        guard let proposerID = actor.personID else { throw ValidationFailure("title", "Sign in to put a proposal") }
        return try await db.writeTransaction { tx in
            guard let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { throw NotFound("partnership") }
            let earlier = Set(try await DecisionQueries.proposalHeadings(in: partnershipID, on: tx).compactMap(\.id))
            let meetings = try await DecisionQueries.meetingsWithAttendance(of: partnershipID, today: Day.today(now), on: tx)
            let draft = try ProposalDraft.validate(input, now: now, proposalExists: { earlier.contains($0) },
                                                   meetingHasAttendees: { m in meetings.contains { $0.meeting == m } })
            let id = UUID()
            if let revisionOf = draft.revisionOf {
                let revised = try await DecisionQueries.requireProposal(revisionOf, in: partnershipID, on: tx)
                try await replace(revised, by: draft.title, now: now, links: links, actor: actor, scope: try PartnershipQueries.scope(of: p), on: tx)
            }
            let proposal = Proposal.open(draft, id: id, proposerID: proposerID,
                                         rules: try await DecisionQueries.rulesInForce(for: partnershipID, on: tx).rules, at: now)
            let r = ProposalRecord()
            r.id = id
            r.$partnership.id = partnershipID
            r.title = proposal.title
            r.details = proposal.details
            r.processRaw = proposal.process.rawValue
            r.topicRaw = proposal.topic.rawValue
            r.proposerID = proposerID
            r.proposerName = actor.name
            r.rulesJSON = String(decoding: try JSONEncoder.sorted.encode(proposal.rules), as: UTF8.self)
            r.openedAt = proposal.openedAt
            r.deadline = proposal.deadline
            r.revisionOf = proposal.revisionOf
            r.meetingSeriesID = draft.meeting?.seriesID
            r.meetingDayRaw = draft.meeting?.day.description
            r.version = 1
            try await r.create(on: tx)
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)

            let members = try await DecisionQueries.members(of: p, meeting: draft.meeting, on: Day.today(now), db: tx)
            let invited = proposal.electorate(members: members).couldTakePart.filter { $0 != proposerID }
            try await DecisionNotices.proposalOpened(proposal, partnership: p, proposer: actor.name,
                                                     meeting: draft.meeting.flatMap { m in meetings.first { $0.meeting == m }?.label },
                                                     to: Array(invited), link: links.proposal(id), on: tx)
            return r
        }
    }

    /// A revision put while the original is still open takes its place: the original is
    /// withdrawn, saying so, and enters the log with its counts at that moment. Only someone who
    /// could withdraw it may do that.
    private static func replace(_ original: ProposalRecord, by title: String, now: Date, links: DecisionLinks, actor: Actor,
                                scope: PartnershipScope, on tx: any Database) async throws {
        var core = original.core
        guard core.state(at: now) == .open else { return }
        guard Policy.allows(actor, .decision(.manage(DecisionScope(partnership: scope, ownerID: original.proposerID)))) else {
            throw ValidationFailure("revisionOf", "“\(original.title)” is still open, and only \(original.proposerName) or the chair can replace it with a revision: wait until it closes, or ask them")
        }
        try core.withdraw(by: actor.personID!, reason: "Replaced by a revised proposal: “\(title)”", at: now)
        try await saveWithdrawal(original, core, expectedVersion: original.version, now: now, links: links, actor: actor, on: tx)
    }

    /// Records a member's first or changed position. A form sent twice records one position:
    /// the core ignores a repeat of the current one, and if two copies race, the unique
    /// (proposal, person, sequence) index stops the second and it is tried again as a repeat.
    @discardableResult
    public static func recordPosition(_ id: UUID, in partnershipID: UUID, _ input: PositionInput, now: Date = Date(),
                                      by actor: Actor, on db: any Database) async throws -> PositionRecording {
        guard let personID = actor.personID else { throw ValidationFailure("position", "Sign in to take a position") }
        do {
            return try await attempt(id, in: partnershipID, input, personID: personID, now: now, actor: actor, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await attempt(id, in: partnershipID, input, personID: personID, now: now, actor: actor, on: db)
        }
    }

    private static func attempt(_ id: UUID, in partnershipID: UUID, _ input: PositionInput, personID: UUID, now: Date,
                                actor: Actor, on db: any Database) async throws -> PositionRecording {
        try await db.writeTransaction { tx in
            let (r, members) = try await load(id, in: partnershipID, now: now, on: tx)
            var core = r.core
            let previous = core.positions[personID]
            let outcome = try core.recordPosition(input, by: personID, members: members, at: now)
            guard outcome != .unchanged, let change = core.positions[personID]?.changes.last else { return outcome }
            let row = ProposalPositionRecord()
            row.$proposal.id = id
            row.personID = personID
            row.personName = actor.name
            row.sequence = (previous?.changes.count ?? 0) + 1
            row.at = change.at
            row.fromRaw = change.from?.rawValue
            row.positionRaw = change.to.rawValue
            row.reason = change.reason
            try await row.create(on: tx)
            try await Audit.created(row, partnership: partnershipID, by: actor, on: tx)
            return outcome
        }
    }

    /// The member steps aside with a declared interest; their position no longer counts.
    public static func recuse(_ id: UUID, in partnershipID: UUID, interest: String?, now: Date = Date(),
                              by actor: Actor, on db: any Database) async throws {
        guard let personID = actor.personID else { throw ValidationFailure("interest", "Sign in to declare an interest") }
        try await db.writeTransaction { tx in
            let (r, members) = try await load(id, in: partnershipID, now: now, on: tx)
            var core = r.core
            try core.recuse(personID, interest: interest, members: members, at: now)
            guard let recusal = core.recusals[personID] else { return }
            let row = ProposalRecusalRecord()
            row.$proposal.id = id
            row.personID = personID
            row.personName = actor.name
            row.interest = recusal.interest
            row.declaredAt = recusal.declaredAt
            try await row.create(on: tx)
            try await Audit.created(row, partnership: partnershipID, by: actor, on: tx)
        }
    }

    /// The proposer (or chair) takes the proposal back; it enters the log as withdrawn.
    public static func withdraw(_ id: UUID, in partnershipID: UUID, reason: String?, expectedVersion: Int, now: Date = Date(),
                                links: DecisionLinks, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let r = try await DecisionQueries.requireProposal(id, in: partnershipID, on: tx)
            var core = r.core
            try core.withdraw(by: actor.personID ?? r.proposerID, reason: reason, at: now)
            try await saveWithdrawal(r, core, expectedVersion: expectedVersion, now: now, links: links, actor: actor, on: tx)
        }
    }

    private static func saveWithdrawal(_ r: ProposalRecord, _ core: Proposal, expectedVersion: Int, now: Date, links: DecisionLinks,
                                       actor: Actor, on tx: any Database) async throws {
        let id = try r.requireID()
        let version = try await VersionClaim.claim(ProposalRecord.schema, id: id, expected: expectedVersion, entity: "proposal", on: tx)
        let before = r.auditFields
        r.withdrawnAt = core.withdrawal?.at
        r.withdrawnBy = core.withdrawal?.by
        r.withdrawalReason = core.withdrawal?.reason
        r.version = version
        try await r.save(on: tx)
        try await Audit.updated(r, before: before, partnership: r.$partnership.id, by: actor, on: tx)
        try await DecisionSettlement.settleProposal(id, in: r.$partnership.id, now: now, links: links, on: tx)
    }

    /// Closes before the deadline, which the core allows only once everyone who could take part has.
    public static func closeEarly(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, now: Date = Date(),
                                  links: DecisionLinks, by actor: Actor, on db: any Database) async throws -> DecisionLogRecord? {
        try await db.writeTransaction { tx in
            let (r, members) = try await load(id, in: partnershipID, now: now, on: tx)
            var core = r.core
            try core.closeEarly(members: members, at: now)
            let version = try await VersionClaim.claim(ProposalRecord.schema, id: id, expected: expectedVersion, entity: "proposal", on: tx)
            let before = r.auditFields
            r.closedEarlyAt = core.closedEarlyAt
            r.version = version
            try await r.save(on: tx)
            try await Audit.updated(r, before: before, partnership: partnershipID, by: actor, on: tx)
            return try await DecisionSettlement.settleProposal(id, in: partnershipID, now: now, links: links, on: tx)
        }
    }

    /// The proposal with who may decide it now (the partnership's members, or the meeting's).
    static func load(_ id: UUID, in partnershipID: UUID, now: Date, on tx: any Database) async throws -> (ProposalRecord, [DecisionMember]) {
        let r = try await DecisionQueries.requireProposal(id, in: partnershipID, on: tx)
        guard let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { throw NotFound("partnership") }
        return (r, try await DecisionQueries.members(of: p, meeting: r.meeting, on: Day.today(now), db: tx))
    }
}

/// What happens after a decision: the proposer's statement of what was decided and what comes next.
public enum DecisionLogCommands {
    /// Writes or rewrites the outcome statement of a closed proposal or poll (`subjectID`).
    public static func writeStatement(for subjectID: UUID, in partnershipID: UUID, _ statement: String?, expectedVersion: Int?,
                                      now: Date = Date(), by actor: Actor, on db: any Database) async throws -> DecisionLogRecord {
        try await db.writeTransaction { tx in
            guard let log = try await DecisionLogRecord.query(on: tx).filter(\.$subjectID == subjectID)
                .filter(\.$partnership.$id == partnershipID).first() else {
                throw ValidationFailure("statement", "The outcome statement can be written once voting has closed")
            }
            let text = try DecisionLogEntry.validateStatement(statement)
            let version = try await VersionClaim.claim(DecisionLogRecord.schema, id: try log.requireID(),
                                                       expected: expectedVersion ?? log.version, entity: "outcome statement", on: tx)
            let before = log.auditFields
            log.statement = text
            log.statementBy = actor.name
            log.statementAt = now
            log.version = version
            try await log.save(on: tx)
            try await Audit.updated(log, before: before, partnership: partnershipID, by: actor, on: tx)
            return log
        }
    }
}
