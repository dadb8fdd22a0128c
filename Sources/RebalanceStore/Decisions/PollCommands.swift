import FluentKit
import Foundation
import RebalanceCore

public enum PollCommands {
    public static func open(in partnershipID: UUID, _ input: PollDraft.Input, now: Date = Date(), links: DecisionLinks,
                            by actor: Actor, on db: any Database) async throws -> PollRecord {
        guard let creator = actor.personID else { throw ValidationFailure("title", "Sign in to start a poll") }
        return try await db.writeTransaction { tx in
            guard let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { throw NotFound("partnership") }
            let draft = try PollDraft.validate(input, now: now)
            let poll = Poll.open(draft, id: UUID(), createdBy: creator, at: now)
            let r = PollRecord()
            r.id = poll.id
            r.$partnership.id = partnershipID
            try r.apply(poll, audience: draft.audience)
            r.createdByName = actor.name
            r.version = 1
            try await r.create(on: tx)
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)
            let members = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(now), db: tx)
            try await DecisionNotices.pollOpened(poll, partnership: p, creator: actor.name,
                                                 to: draft.audience.voters(among: members).filter { $0 != creator },
                                                 link: links.poll(poll.id), on: tx)
            return r
        }
    }

    /// What casting a ballot did.
    public enum VoteRecording: String, Sendable {
        case recorded, changed, unchanged
    }

    /// Casts (or, in a named poll, replaces) the actor's ballot. A ballot from a form is read
    /// with `Poll.ballot(from:)`; one from the API arrives typed and is checked the same way.
    @discardableResult
    public static func vote(_ id: UUID, in partnershipID: UUID, _ input: PollBallotInput? = nil, ballot typed: PollBallot? = nil,
                            now: Date = Date(), by actor: Actor, on db: any Database) async throws -> VoteRecording {
        guard let personID = actor.personID else { throw ValidationFailure("ballot", "Sign in to vote") }
        // A ballot sent twice at once, or two anonymous votes at once, collide on a unique index
        // or the poll's version; trying again finds the first and changes nothing, refuses a
        // second anonymous vote, or adds the other voter's ballot after the first.
        var tries = 0
        while true {
            do {
                return try await cast(id, in: partnershipID, input, typed, personID: personID, now: now, actor: actor, on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure && tries < 3 {
                tries += 1
            } catch is VersionConflict where tries < 3 {
                tries += 1
            }
        }
    }

    private static func cast(_ id: UUID, in partnershipID: UUID, _ input: PollBallotInput?, _ typed: PollBallot?, personID: UUID,
                             now: Date, actor: Actor, on db: any Database) async throws -> VoteRecording {
        try await db.writeTransaction { tx in
            let r = try await DecisionQueries.requirePoll(id, in: partnershipID, on: tx)
            guard let p = try await PartnershipQueries.find(id: partnershipID, on: tx) else { throw NotFound("partnership") }
            let poll = r.core
            let members = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(now), db: tx)
            if let refusal = poll.ballotRefusal(at: now) ?? r.audience.refusal(for: personID, among: members) {
                throw ValidationFailure("ballot", refusal)
            }
            let ballot: PollBallot
            if let typed {
                try poll.validate(typed)
                ballot = typed
            } else {
                ballot = try poll.ballot(from: input ?? PollBallotInput())
            }
            let hasVoted = try await PollVoterRecord.query(on: tx).filter(\.$poll.$id == id).filter(\.$personID == personID).first() != nil
            if poll.isAnonymous {
                if let refusal = poll.castRefusal(hasVoted: hasVoted, at: now) { throw ValidationFailure("ballot", refusal) }
                // Claiming the poll's version makes two anonymous votes at once queue up rather
                // than one overwrite the other's ballot in the shared list.
                r.version = try await VersionClaim.claim(PollRecord.schema, id: id, expected: r.version, entity: "poll", on: tx)
                try r.addAnonymous(ballot)
                try await r.save(on: tx)
                try await markVoted(id, personID, on: tx)
                // No audit entry: one naming the voter, with its time, could be matched against
                // the ballots. `poll_voters` (no time, no ballot) is the only trace of who voted.
                return .recorded
            }
            if let existing = try await PollBallotRecord.query(on: tx).filter(\.$poll.$id == id).filter(\.$voterID == personID).first() {
                if existing.ballot == ballot { return .unchanged }
                let before = existing.auditFields
                try existing.store(ballot)
                existing.castAt = now
                try await existing.save(on: tx)
                try await Audit.updated(existing, before: before, partnership: partnershipID, by: actor, on: tx)
                return .changed
            }
            let row = PollBallotRecord()
            row.$poll.id = id
            row.voterID = personID
            row.voterName = actor.name
            row.castAt = now
            try row.store(ballot)
            try await row.create(on: tx)
            if !hasVoted { try await markVoted(id, personID, on: tx) }
            try await Audit.created(row, partnership: partnershipID, by: actor, on: tx)
            return .recorded
        }
    }

    private static func markVoted(_ pollID: UUID, _ personID: UUID, on tx: any Database) async throws {
        let v = PollVoterRecord()
        v.$poll.id = pollID
        v.personID = personID
        try await v.create(on: tx)
    }

    /// Closes a poll before its closing time; polls are not binding, so whoever ran it may.
    /// No version is asked for: votes change the poll's version, and closing twice is refused
    /// by the core anyway.
    public static func close(_ id: UUID, in partnershipID: UUID, now: Date = Date(), links: DecisionLinks,
                             by actor: Actor, on db: any Database) async throws -> DecisionLogRecord? {
        try await db.writeTransaction { tx in
            let r = try await DecisionQueries.requirePoll(id, in: partnershipID, on: tx)
            var poll = r.core
            try poll.closeEarly(at: now)
            let claimed = try await DecisionSettlement.claim(PollRecord.schema, id, now, column: "closed_early_at", on: tx)
            guard claimed else { throw ValidationFailure("poll", "This poll has already been closed") }
            let before = r.auditFields
            r.closedEarlyAt = poll.closedEarlyAt
            try await r.save(on: tx)
            try await Audit.updated(r, before: before, partnership: partnershipID, by: actor, on: tx)
            return try await DecisionSettlement.settlePoll(id, in: partnershipID, now: now, links: links, on: tx)
        }
    }
}
