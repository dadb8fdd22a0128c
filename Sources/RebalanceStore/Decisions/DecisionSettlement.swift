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

    /// Settles every proposal and poll that has closed but is not yet in the log (for one
    /// partnership, or all when `partnershipID` is nil).
    @discardableResult
    public static func settleDue(partnershipID: UUID? = nil, now: Date = Date(), links: DecisionLinks,
                                 on db: any Database) async throws -> Int {
        var proposals = ProposalRecord.query(on: db).filter(\.$settledAt == nil).group(.or) { or in
            or.filter(\.$withdrawnAt != nil).filter(\.$closedEarlyAt != nil).filter(\.$deadline <= now)
        }
        var polls = PollRecord.query(on: db).filter(\.$settledAt == nil).group(.or) { or in
            or.filter(\.$closedEarlyAt != nil).filter(\.$closesAt <= now)
        }
        if let partnershipID {
            proposals = proposals.filter(\.$partnership.$id == partnershipID)
            polls = polls.filter(\.$partnership.$id == partnershipID)
        }
        var settled = 0
        for r in try await proposals.all() {
            let id = try r.requireID(), pid = r.$partnership.id
            let done = try await db.transaction { tx in
                try await settleProposal(id, in: pid, now: now, links: links, on: tx) != nil
            }
            if done { settled += 1 }
        }
        for r in try await polls.all() {
            let id = try r.requireID(), pid = r.$partnership.id
            let done = try await db.transaction { tx in
                try await settlePoll(id, in: pid, now: now, links: links, on: tx) != nil
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
        let horizon = now.addingTimeInterval(DecisionReminder.lead)
        var reminded = 0
        let proposals = try await ProposalRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .filter(\.$remindedAt == nil).filter(\.$settledAt == nil)
            .filter(\.$withdrawnAt == nil).filter(\.$closedEarlyAt == nil)
            .filter(\.$deadline > now).filter(\.$deadline <= horizon).all()
        for r in proposals where DecisionReminder.isDue(openedAt: r.openedAt, closesAt: r.deadline, now: now, alreadySent: false) {
            let id = try r.requireID(), pid = r.$partnership.id
            reminded += try await db.transaction { tx -> Int in
                guard try await claim(ProposalRecord.schema, id, now, column: "reminded_at", on: tx),
                      let p = try await PartnershipQueries.find(id: pid, on: tx) else { return 0 }
                let fresh = try await DecisionQueries.requireProposal(id, in: pid, on: tx)
                let members = try await DecisionQueries.members(of: p, meeting: fresh.meeting, on: Day.today(now), db: tx)
                let waiting = fresh.core.notYetResponded(members: members)
                try await DecisionNotices.proposalReminder(fresh.core, partnership: p, to: waiting, link: links.proposal(id), on: tx)
                return waiting.count
            }
        }
        let polls = try await PollRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .filter(\.$remindedAt == nil).filter(\.$settledAt == nil)
            .filter(\.$closedEarlyAt == nil).filter(\.$closesAt > now).filter(\.$closesAt <= horizon).all()
        for r in polls where DecisionReminder.isDue(openedAt: r.openedAt, closesAt: r.closesAt, now: now, alreadySent: false) {
            let id = try r.requireID(), pid = r.$partnership.id
            reminded += try await db.transaction { tx -> Int in
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
