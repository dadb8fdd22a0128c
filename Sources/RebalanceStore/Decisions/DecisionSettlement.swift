import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Proposals and polls close by the clock, with no one pressing a button, so their outcomes are
/// settled by whoever looks first: the delivery pass (the server's worker and `rebalance
/// deliver`) or any page or API call about the partnership's decisions. Settling writes the
/// decision-log entry, audits it and queues the closing notice in one transaction, and claims
/// the proposal or poll first, so two settlers at once write it once.
public enum DecisionSettlement {
    static let system = Actor(personID: nil, name: "System")

    public struct Report: Equatable, Sendable {
        public var settled = 0
        public var reminders = 0
        public init(settled: Int = 0, reminders: Int = 0) { self.settled = settled; self.reminders = reminders }
    }

    /// Proposals still to settle: closed by the clock, an early close or a withdrawal.
    static func dueProposals(now: Date, on db: any Database) -> QueryBuilder<ProposalRecord> {
        ProposalRecord.query(on: db).filter(\.$settledAt == nil).group(.or) { or in
            or.filter(\.$withdrawnAt != nil).filter(\.$closedEarlyAt != nil).filter(\.$deadline <= now)
        }
    }

    static func duePolls(now: Date, on db: any Database) -> QueryBuilder<PollRecord> {
        PollRecord.query(on: db).filter(\.$settledAt == nil).group(.or) { or in
            or.filter(\.$closedEarlyAt != nil).filter(\.$closesAt <= now)
        }
    }

    /// Open proposals and polls whose reminder may be due: not yet reminded, closing within a day.
    static func remindable(now: Date, on db: any Database) -> (QueryBuilder<ProposalRecord>, QueryBuilder<PollRecord>) {
        let horizon = now.addingTimeInterval(DecisionReminder.lead)
        return (ProposalRecord.query(on: db).filter(\.$remindedAt == nil).filter(\.$settledAt == nil)
                    .filter(\.$withdrawnAt == nil).filter(\.$closedEarlyAt == nil)
                    .filter(\.$deadline > now).filter(\.$deadline <= horizon),
                PollRecord.query(on: db).filter(\.$remindedAt == nil).filter(\.$settledAt == nil)
                    .filter(\.$closedEarlyAt == nil).filter(\.$closesAt > now).filter(\.$closesAt <= horizon))
    }

    /// The partnerships with something to settle or remind about now: the delivery pass runs
    /// every few seconds, so it asks this once rather than every partnership in turn.
    public static func partnershipsWithWork(now: Date = Date(), on db: any Database) async throws -> Set<UUID> {
        let (proposals, polls) = remindable(now: now, on: db)
        var ids = Set(try await dueProposals(now: now, on: db).all().map { $0.$partnership.id })
        ids.formUnion(try await duePolls(now: now, on: db).all().map { $0.$partnership.id })
        ids.formUnion(try await proposals.all().map { $0.$partnership.id })
        ids.formUnion(try await polls.all().map { $0.$partnership.id })
        return ids
    }

    /// Settles every proposal and poll of one partnership that has closed but is not yet in the log.
    @discardableResult
    public static func settleDue(partnershipID: UUID, now: Date = Date(), links: DecisionLinks,
                                 on db: any Database) async throws -> Int {
        var settled = 0
        for r in try await dueProposals(now: now, on: db).filter(\.$partnership.$id == partnershipID).all() {
            let id = try r.requireID()
            let done = try await db.writeTransaction { tx in
                try await settleProposal(id, in: partnershipID, now: now, links: links, on: tx) != nil
            }
            if done { settled += 1 }
        }
        for r in try await duePolls(now: now, on: db).filter(\.$partnership.$id == partnershipID).all() {
            let id = try r.requireID()
            let done = try await db.writeTransaction { tx in
                try await settlePoll(id, in: partnershipID, now: now, links: links, on: tx) != nil
            }
            if done { settled += 1 }
        }
        return settled
    }

    /// Enters a closed proposal in the log; nil when it is still open or already settled.
    /// Call inside a transaction.
    @discardableResult
    static func settleProposal(_ id: UUID, in partnershipID: UUID, now: Date, links: DecisionLinks,
                               on tx: any Database) async throws -> DecisionLogRecord? {
        let r = try await DecisionQueries.requireProposal(id, in: partnershipID, on: tx)
        let proposal = r.core
        guard r.settledAt == nil, let ended = proposal.endedAt(at: now), try await claim(ProposalRecord.schema, id, now, on: tx),
              let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { return nil }
        let members = try await DecisionQueries.members(of: p, meeting: r.meeting, on: Day.today(ended), db: tx)
        let outcome = proposal.outcome(members: members, at: max(now, ended))
        guard let entry = DecisionLogEntry(proposal: proposal, outcome: outcome) else { return nil }
        let log = try await record(entry, partnershipID: partnershipID, on: tx)
        let electorate = proposal.electorate(members: members)
        let recipients = Array(Set(electorate.eligible + [proposal.proposerID]))
        try await DecisionNotices.decided(entry, subjectKind: "proposal", partnership: p, to: recipients,
                                          link: links.decision(try log.requireID()), on: tx)
        return log
    }

    /// Enters a closed poll in the log; nil when it is still open or already settled.
    @discardableResult
    static func settlePoll(_ id: UUID, in partnershipID: UUID, now: Date, links: DecisionLinks,
                           on tx: any Database) async throws -> DecisionLogRecord? {
        let r = try await DecisionQueries.requirePoll(id, in: partnershipID, on: tx)
        guard r.settledAt == nil, let closed = r.core.closedAt(at: now), try await claim(PollRecord.schema, id, now, on: tx),
              let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { return nil }
        let totals = try await DecisionQueries.result(of: r, at: max(now, closed), on: tx).totals
        guard let entry = DecisionLogEntry(poll: r.core, totals: totals) else { return nil }
        let log = try await record(entry, partnershipID: partnershipID, on: tx)
        let members = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(closed), db: tx)
        let recipients = Array(Set(r.audience.voters(among: members) + [r.createdBy]))
        try await DecisionNotices.decided(entry, subjectKind: "poll", partnership: p, to: recipients,
                                          link: links.decision(try log.requireID()), on: tx)
        return log
    }

    private static func record(_ entry: DecisionLogEntry, partnershipID: UUID, on tx: any Database) async throws -> DecisionLogRecord {
        let log = DecisionLogRecord()
        log.$partnership.id = partnershipID
        try log.apply(entry)
        log.version = 1
        try await log.create(on: tx)
        try await Audit.created(log, partnership: partnershipID, by: system, on: tx)
        return log
    }

    /// Marks a row settled (or reminded) if nobody has yet: one conditional UPDATE, so of two
    /// settlers only one sees its row change.
    static func claim(_ schema: String, _ id: UUID, _ now: Date, column: String = "settled_at", on db: any Database) async throws -> Bool {
        let rows = try await db.sql.update(schema)
            .set(SQLIdentifier(column), to: SQLBind(now))
            .where(SQLIdentifier("id"), .equal, SQLBind(id))
            .where(SQLIdentifier(column), .is, SQLLiteral.null)
            .returning(SQLIdentifier("id"))
            .all()
        return !rows.isEmpty
    }

    // MARK: reminders

    /// Queues the reminder a day before each open proposal's deadline and each open poll's
    /// closing time, to those who have not yet taken part. Returns how many were reminded.
    @discardableResult
    public static func queueReminders(partnershipID: UUID, now: Date = Date(), links: DecisionLinks, on db: any Database) async throws -> Int {
        var reminded = 0
        let (dueProposals, duePolls) = remindable(now: now, on: db)
        let proposals = try await dueProposals.filter(\.$partnership.$id == partnershipID).all()
        for r in proposals where DecisionReminder.isDue(openedAt: r.openedAt, closesAt: r.deadline, now: now, alreadySent: false) {
            let id = try r.requireID(), pid = r.$partnership.id
            reminded += try await db.writeTransaction { tx -> Int in
                guard try await claim(ProposalRecord.schema, id, now, column: "reminded_at", on: tx),
                      let p = try await PartnershipQueries.find(id: pid, on: tx) else { return 0 }
                let fresh = try await DecisionQueries.requireProposal(id, in: pid, on: tx)
                let members = try await DecisionQueries.members(of: p, meeting: fresh.meeting, on: Day.today(now), db: tx)
                let waiting = fresh.core.notYetResponded(members: members)
                try await DecisionNotices.proposalReminder(fresh.core, partnership: p, to: waiting, link: links.proposal(id), on: tx)
                return waiting.count
            }
        }
        let polls = try await duePolls.filter(\.$partnership.$id == partnershipID).all()
        for r in polls where DecisionReminder.isDue(openedAt: r.openedAt, closesAt: r.closesAt, now: now, alreadySent: false) {
            let id = try r.requireID(), pid = r.$partnership.id
            reminded += try await db.writeTransaction { tx -> Int in
                guard try await claim(PollRecord.schema, id, now, column: "reminded_at", on: tx),
                      let p = try await PartnershipQueries.find(id: pid, on: tx) else { return 0 }
                let members = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(now), db: tx)
                let voted = try await DecisionQueries.voters(of: id, on: tx)
                let waiting = r.audience.voters(among: members).filter { !voted.contains($0) }
                try await DecisionNotices.pollReminder(r.core, partnership: p, to: waiting, link: links.poll(id), on: tx)
                return waiting.count
            }
        }
        return reminded
    }
}
