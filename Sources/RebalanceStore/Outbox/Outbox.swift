import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// A message a feature wants sent.
public struct OutboxDraft: Sendable {
    public var personID: UUID?
    public var email: String
    public var name: String
    public var subject: String
    public var body: String
    /// What it is, for the record and for people's preferences: "notification", "update",
    /// "digest", "summary", "reminder", "invitation".
    public var kind: String
    public var partnershipID: UUID?
    public var dedupeKey: String?

    public init(personID: UUID?, email: String, name: String, subject: String, body: String, kind: String,
                partnershipID: UUID? = nil, dedupeKey: String? = nil) {
        self.personID = personID; self.email = email; self.name = name; self.subject = subject
        self.body = body; self.kind = kind; self.partnershipID = partnershipID; self.dedupeKey = dedupeKey
    }
}

public enum Outbox {
    /// Queues a message; call it inside the transaction of the change it reports.
    /// Returns false when a message with the same `dedupeKey` was already queued.
    @discardableResult
    public static func enqueue(_ draft: OutboxDraft, now: Date = Date(), on db: any Database) async throws -> Bool {
        try await queue(draft, now: now, on: db) != nil
    }

    /// As `enqueue`, returning the queued message (nil for a duplicate), for a caller that audits it.
    public static func queue(_ draft: OutboxDraft, now: Date = Date(), on db: any Database) async throws -> OutboxMessageRecord? {
        if let key = draft.dedupeKey,
           try await OutboxMessageRecord.query(on: db).filter(\.$dedupeKey == key).first() != nil {
            return nil
        }
        let m = OutboxMessageRecord()
        m.partnershipID = draft.partnershipID
        m.personID = draft.personID
        m.email = draft.email
        m.name = draft.name
        m.subject = draft.subject
        m.body = draft.body
        m.kind = draft.kind
        m.dedupeKey = draft.dedupeKey
        m.statusRaw = OutboxMessageRecord.Status.queued.rawValue
        m.attempts = 0
        m.nextAttemptAt = now
        m.createdAt = now
        try await m.create(on: db)
        return m
    }

    /// Takes up to `limit` messages that are due, each under a lease, so that several servers
    /// sharing the database never send the same message at once. A message whose worker died
    /// mid-send is taken over when its lease runs out.
    public static func claimDue(limit: Int, now: Date, lease: TimeInterval = 300, on db: any Database) async throws -> [OutboxMessageRecord] {
        let queued = try await OutboxMessageRecord.query(on: db)
            .filter(\.$statusRaw == OutboxMessageRecord.Status.queued.rawValue)
            .filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).limit(limit).all()
        let abandoned = try await OutboxMessageRecord.query(on: db)
            .filter(\.$statusRaw == OutboxMessageRecord.Status.sending.rawValue)
            .filter(\.$leaseUntil < now)
            .limit(limit).all()
        var claimed: [OutboxMessageRecord] = []
        for candidate in (queued + abandoned).prefix(limit) {
            // One conditional UPDATE per message: whoever changes the row first owns it; the
            // claim token changes each time, so a second claimant's condition no longer matches.
            let token = UUID()
            var update = db.sql.update(OutboxMessageRecord.schema)
                .set(SQLIdentifier("status"), to: SQLBind(OutboxMessageRecord.Status.sending.rawValue))
                .set(SQLIdentifier("lease_until"), to: SQLBind(now.addingTimeInterval(lease)))
                .set(SQLIdentifier("claim_token"), to: SQLBind(token))
                .where(SQLIdentifier("id"), .equal, SQLBind(candidate.id!))
                .where(SQLIdentifier("status"), .equal, SQLBind(candidate.statusRaw))
            if let previous = candidate.claimToken {
                update = update.where(SQLIdentifier("claim_token"), .equal, SQLBind(previous))
            } else {
                update = update.where(SQLIdentifier("claim_token"), .is, SQLLiteral.null)
            }
            let rows = try await update.returning(SQLIdentifier("id")).all()
            if !rows.isEmpty {
                candidate.statusRaw = OutboxMessageRecord.Status.sending.rawValue
                candidate.leaseUntil = now.addingTimeInterval(lease)
                candidate.claimToken = token
                claimed.append(candidate)
            }
        }
        return claimed
    }

    public static func markSent(_ id: UUID, messageID: String, now: Date, on db: any Database) async throws {
        try await OutboxMessageRecord.query(on: db).filter(\.$id == id)
            .set(\.$statusRaw, to: OutboxMessageRecord.Status.sent.rawValue)
            .set(\.$sentAt, to: now)
            .set(\.$messageID, to: messageID)
            .set(\.$leaseUntil, to: nil)
            .set(\.$lastError, to: nil)
            .update()
    }

    public static func markSkipped(_ id: UUID, reason: String, on db: any Database) async throws {
        try await OutboxMessageRecord.query(on: db).filter(\.$id == id)
            .set(\.$statusRaw, to: OutboxMessageRecord.Status.skipped.rawValue)
            .set(\.$lastError, to: reason)
            .set(\.$leaseUntil, to: nil)
            .update()
    }

    /// Records a failed attempt and schedules the next one, or gives up.
    public static func markFailed(_ message: OutboxMessageRecord, error: String, permanent: Bool, now: Date, on db: any Database) async throws {
        let attempts = message.attempts + 1
        var status = OutboxMessageRecord.Status.queued
        var next = now
        switch DeliveryRetry.after(attempts: attempts, permanent: permanent, now: now) {
        case .retry(let at): next = at
        case .giveUp: status = .failed
        }
        try await OutboxMessageRecord.query(on: db).filter(\.$id == message.requireID())
            .set(\.$statusRaw, to: status.rawValue)
            .set(\.$attempts, to: attempts)
            .set(\.$nextAttemptAt, to: next)
            .set(\.$leaseUntil, to: nil)
            .set(\.$lastError, to: String(error.prefix(500)))
            .update()
    }

    public static func counts(on db: any Database) async throws -> [OutboxMessageRecord.Status: Int] {
        var result: [OutboxMessageRecord.Status: Int] = [:]
        for status in OutboxMessageRecord.Status.allCases {
            result[status] = try await OutboxMessageRecord.query(on: db).filter(\.$statusRaw == status.rawValue).count()
        }
        return result
    }

    public static func recent(limit: Int, status: OutboxMessageRecord.Status? = nil, on db: any Database) async throws -> [OutboxMessageRecord] {
        let query = OutboxMessageRecord.query(on: db)
        if let status { query.filter(\.$statusRaw == status.rawValue) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Puts a message that failed back in the queue, for the delivery loop to try afresh with
    /// a full set of retries. Only a failed message: one still queued or sending is on its way,
    /// and a skipped one went to someone who asked for no e-mail.
    public static func resend(_ id: UUID, now: Date = Date(), by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let message = try await OutboxMessageRecord.find(id, on: tx) else { throw NotFound("message") }
            guard message.status == .failed else {
                throw ValidationFailure("status", "Only a message that failed can be sent again. This one is \(message.statusRaw)")
            }
            let before = message.auditFields
            // Conditional, so that two administrators pressing at once queue it once.
            try await OutboxMessageRecord.query(on: tx).filter(\.$id == id)
                .filter(\.$statusRaw == OutboxMessageRecord.Status.failed.rawValue)
                .set(\.$statusRaw, to: OutboxMessageRecord.Status.queued.rawValue)
                .set(\.$attempts, to: 0)
                .set(\.$nextAttemptAt, to: now)
                .set(\.$leaseUntil, to: nil)
                .update()
            message.statusRaw = OutboxMessageRecord.Status.queued.rawValue
            message.attempts = 0
            try await Audit.updated(message, before: before, partnership: message.partnershipID, by: actor, on: tx)
        }
    }
}
