import FluentKit
import Foundation
import RebalanceCore

/// Asking to join a partnership (or to be kept informed), and the chair's answer. Accepting
/// goes through the same commands as adding a member by hand or editing the communication plan.
public enum JoinRequestCommands {
    public static func ask(_ partnership: PartnershipRecord, kind: String?, livesInArea: Bool, message: String?,
                           by actor: Actor, notify sender: NoticeSender? = nil, now: Date = Date(),
                           on db: any Database) async throws -> JoinRequestRecord {
        guard let me = actor.personID else { throw ValidationFailure("kind", "Sign in to ask") }
        let partnershipID = try partnership.requireID()
        return try await db.writeTransaction { tx in
            let pending = try await JoinRequestRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                .filter(\.$person.$id == me).filter(\.$stateRaw == JoinRequestState.pending.rawValue).all()
            let draft = try JoinRequestDraft.validate(kind: kind, livesInArea: livesInArea, message: message,
                                                      isMember: actor.isMember(of: partnershipID), pendingKinds: Set(pending.map(\.kind)))
            let r = JoinRequestRecord()
            r.$partnership.id = partnershipID
            r.$person.id = me
            r.kindRaw = draft.kind.rawValue
            r.livesInArea = draft.livesInArea
            r.message = draft.message
            r.stateRaw = JoinRequestState.pending.rawValue
            r.createdAt = now
            r.version = 1
            try await r.create(on: tx)
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)
            // The request itself waits on the chair's work until answered, so the chair gets an
            // e-mail about it rather than a second line there.
            if let sender {
                let what = draft.kind == .join ? "asks to join" : "asks to be kept informed by"
                for chair in try await PersonRecord.query(on: tx).filter(\.$id ~~ Array(chairs(of: partnership, on: now))).all() {
                    try await Outbox.enqueue(OutboxDraft(
                        personID: chair.id, email: chair.email, name: chair.name, subject: "\(actor.name) \(what) \(partnership.name)",
                        body: "Hello \(chair.name),\n\n\(actor.name) \(what) \(partnership.name)."
                            + (draft.message.map { " They wrote: “\($0)”" } ?? "")
                            + "\n\nAs chair, you can accept or decline, with a message: \(sender.baseURL)\(try path(partnership, r))\n",
                        kind: "notification", partnershipID: partnershipID,
                        dedupeKey: "join-request:\(try r.requireID().uuidString):\(chair.id?.uuidString ?? "")"), on: tx)
                }
            }
            return r
        }
    }

    /// What the chair decides; `role`, `votes` and `livesInArea` shape the membership of an
    /// accepted request to join, `level` the plan entry of an accepted request to be kept informed.
    public struct Answer: Sendable {
        public var decision: String?
        public var reply: String?
        public var role: String?
        public var votes: Bool
        public var livesInArea: Bool
        public var level: String?
        public init(decision: String?, reply: String?, role: String? = nil, votes: Bool = true, livesInArea: Bool = true, level: String? = nil) {
            self.decision = decision; self.reply = reply; self.role = role; self.votes = votes
            self.livesInArea = livesInArea; self.level = level
        }
    }

    public static func answer(_ id: UUID, in partnership: PartnershipRecord, _ input: Answer, expectedVersion: Int,
                              by actor: Actor, notify sender: NoticeSender? = nil, now: Date = Date(), today: Day = .today(),
                              on db: any Database) async throws -> JoinRequestRecord {
        let partnershipID = try partnership.requireID()
        return try await db.writeTransaction { tx in
            guard let r = try await JoinRequestRecord.query(on: tx).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
                .with(\.$person).first() else { throw NotFound("request") }
            let answer = try JoinRequestAnswer.validate(decision: input.decision, reply: input.reply, state: r.state)
            let version = try await VersionClaim.claim(JoinRequestRecord.schema, id: id, expected: expectedVersion, entity: "request", on: tx)
            let before = r.auditFields
            r.stateRaw = (answer.accept ? JoinRequestState.accepted : .declined).rawValue
            r.reply = answer.reply
            r.answeredByName = actor.name
            r.answeredAt = now
            r.version = version
            try await r.save(on: tx)
            try await Audit.updated(r, before: before, partnership: partnershipID, by: actor, on: tx)
            if answer.accept {
                switch r.kind {
                case .join:
                    _ = try await PartnershipCommands.addMember(
                        to: partnershipID, .init(person: r.$person.id.uuidString, role: input.role ?? MembershipRole.resident.rawValue,
                                                 votes: input.votes, livesInArea: input.livesInArea, startsOn: today.description),
                        today: today, by: actor, on: tx)
                case .keepInformed:
                    let plan = try await CommunicationPlanQueries.record(of: partnershipID, on: tx)
                    try await CommunicationPlanCommands.apply(
                        .setEntry(.init(stakeholder: StakeholderRef.person(r.$person.id).key, level: input.level ?? ContactLevel.regular.rawValue,
                                        channel: ContactChannel.email.rawValue)),
                        to: partnership, expectedVersion: plan?.version ?? 0, today: today, by: actor, on: tx)
                }
            }
            let outcome = answer.accept
                ? (r.kind == .join ? "welcomed you as a member of" : "will keep you informed about")
                : (r.kind == .join ? "declined your request to join" : "declined your request to be kept informed by")
            try await Notices.send(to: [r.$person.id], except: actor.personID, partnershipID: partnershipID,
                                   title: "The chair \(outcome) \(partnership.name)", path: path(partnership, r),
                                   body: "\(actor.name), chair of \(partnership.name), \(outcome) the partnership."
                                       + (answer.reply.map { " Their message: “\($0)”" } ?? ""),
                                   key: "join-answer:\(id.uuidString)", sender: sender, now: now, on: tx)
            return r
        }
    }

    public static func withdraw(_ id: UUID, in partnershipID: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let r = try await JoinRequestRecord.query(on: tx).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).first(),
                  r.$person.id == actor.personID else { throw NotFound("request") }
            guard r.state == .pending else {
                throw ValidationFailure("request", "This request has already been answered: it is \(r.state.label.lowercased())")
            }
            let before = r.auditFields
            r.stateRaw = JoinRequestState.withdrawn.rawValue
            r.version += 1
            try await r.save(on: tx)
            try await Audit.updated(r, before: before, partnership: partnershipID, by: actor, on: tx)
        }
    }

    static func chairs(of partnership: PartnershipRecord, on now: Date) -> Set<UUID> {
        let today = Day.today(now)
        return Set(partnership.memberships.filter { $0.role == .chair && $0.isCurrent(on: today) }.map { $0.$person.id })
    }

    public static func path(_ partnership: PartnershipRecord, _ r: JoinRequestRecord) throws -> String {
        "/partnerships/\(partnership.slug)/requests/\(try r.requireID().uuidString.lowercased())"
    }
}

public enum JoinRequestQueries {
    public static func pending(in partnershipIDs: [UUID], on db: any Database) async throws -> [JoinRequestRecord] {
        guard !partnershipIDs.isEmpty else { return [] }
        return try await JoinRequestRecord.query(on: db).filter(\.$partnership.$id ~~ partnershipIDs)
            .filter(\.$stateRaw == JoinRequestState.pending.rawValue).with(\.$person).sort(\.$createdAt).all()
    }

    /// The newest requests of a partnership, waiting ones first.
    public static func recent(in partnershipID: UUID, limit: Int = 50, on db: any Database) async throws -> [JoinRequestRecord] {
        let all = try await JoinRequestRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .with(\.$person).sort(\.$createdAt, .descending).range(0..<limit).all()
        return all.filter { $0.state == .pending } + all.filter { $0.state != .pending }
    }

    public static func mine(_ personID: UUID, in partnershipID: UUID, on db: any Database) async throws -> [JoinRequestRecord] {
        try await JoinRequestRecord.query(on: db).filter(\.$partnership.$id == partnershipID).filter(\.$person.$id == personID)
            .sort(\.$createdAt, .descending).all()
    }

    public static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> JoinRequestRecord? {
        try await JoinRequestRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).with(\.$person).first()
    }

    /// The partnership's make-up if this request to join were accepted as asked.
    public static func compositionIfAccepted(_ r: JoinRequestRecord, in partnership: PartnershipRecord, role: MembershipRole = .resident,
                                             today: Day = .today()) -> CompositionCheck {
        let current = partnership.memberships.filter { $0.isCurrent(on: today) }
        let members = current.map { CompositionCheck.Member(role: $0.role, votes: $0.votes, livesInArea: $0.livesInArea) }
            + [CompositionCheck.Member(role: role, votes: true, livesInArea: r.livesInArea)]
        return CompositionCheck(members: members, hasLTO: partnership.$lto.id != nil)
    }
}

/// Writing to a partnership's chairs through the outbox.
public enum ChairMessages {
    static let auditType = "message_to_chair"

    public static func send(to partnership: PartnershipRecord, subject: String?, message: String?, shareEmail: Bool,
                            by actor: Actor, email: String, siteURL: String, now: Date = Date(), on db: any Database) async throws {
        guard let me = actor.personID else { throw ValidationFailure("message", "Sign in to write to the chair") }
        let partnershipID = try partnership.requireID()
        try await db.writeTransaction { tx in
            let sent = try await AuditEntryRecord.query(on: tx).filter(\.$actorID == me).filter(\.$entityType == auditType)
                .filter(\.$entityID == partnershipID.uuidString).filter(\.$at >= now.addingTimeInterval(-86_400)).count()
            let m = try ChairMessage.validate(subject: subject, message: message, shareEmail: shareEmail, sentInLastDay: sent)
            let chairs = JoinRequestCommands.chairs(of: partnership, on: now)
            guard !chairs.isEmpty else {
                throw ValidationFailure("message", "\(partnership.name) has no chair at the moment: write to a site administrator instead")
            }
            let reply = m.shareEmail ? "Reply to them at \(email)." : "They did not share their e-mail address; they can be reached through the partnership."
            for chair in try await PersonRecord.query(on: tx).filter(\.$id ~~ Array(chairs)).all() {
                try await Outbox.enqueue(OutboxDraft(
                    personID: chair.id, email: chair.email, name: chair.name, subject: "\(actor.name) writes: \(m.subject)",
                    body: "Hello \(chair.name),\n\n\(actor.name) wrote to you as chair of \(partnership.name), from \(siteURL)/partnerships/\(partnership.slug):\n\n\(m.message)\n\n\(reply)\n",
                    kind: "notification", partnershipID: partnershipID), on: tx)
            }
            // The record says a message was sent, not what it said: that stays between them.
            try await Audit.record(.created, auditType, id: partnershipID, label: "Message to the chair", before: nil,
                                   after: ["shared_email": m.shareEmail ? "yes" : "no"], partnership: partnershipID, by: actor, on: tx)
        }
    }
}
