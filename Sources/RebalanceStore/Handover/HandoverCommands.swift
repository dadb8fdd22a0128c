import FluentKit
import Foundation
import RebalanceCore

/// A council officer or councillor leaving a partnership, done in one step: the note is kept,
/// the membership ends on the last day, the successor joins in the same seat the day after
/// (unless already a member), and the leaver's open commitments move to the successor with a
/// history entry each. The digest pass then tells every stakeholder on their cadence.
public enum HandoverCommands {
    public static func record(leaving membershipID: UUID, in partnership: PartnershipRecord, _ input: HandoverNoteDraft.Input,
                              today: Day = .today(), by actor: Actor, now: Date = Date(), on db: any Database) async throws -> HandoverRecord {
        let partnershipID = try partnership.requireID()
        guard let membership = partnership.memberships.first(where: { $0.id == membershipID }) else { throw NotFound("membership") }
        let councilIDs = try partnership.area.councils.map { try $0.requireID() }
        let councilID = membership.$organisation.id.flatMap { councilIDs.contains($0) ? $0 : nil } ?? councilIDs.first
        guard let councilID else { throw ValidationFailure("successor", "This partnership's area has no council to hand over within") }
        let councilPeople = try await HandoverQueries.councilPeople(of: councilID, in: partnership, seat: membership.role, on: db)
        let draft = try HandoverNoteDraft.validate(
            input, leaver: HandoverLeaver(personID: membership.$person.id, role: membership.role, councilID: councilID, partnershipID: partnershipID),
            councilPeople: Set(councilPeople.map(\.id)), membershipStartedOn: membership.startsOn, today: today)
        return try await db.writeTransaction { tx in
            // End the seat on the last day.
            let before = membership.auditFields
            membership.endsOnRaw = draft.lastDay.description
            membership.version += 1
            try await membership.save(on: tx)
            try await Audit.updated(membership, before: before, partnership: partnershipID, by: actor, on: tx)
            // The successor takes the same seat the next day, unless already sitting.
            let starts = draft.successorStartsOn
            let sitting = partnership.memberships.contains { $0.$person.id == draft.successorID && ($0.endsOn.map { $0 >= starts } ?? true) }
            if !sitting {
                let seat = MembershipRecord()
                seat.$partnership.id = partnershipID
                seat.$person.id = draft.successorID
                seat.roleRaw = membership.roleRaw
                seat.votes = membership.votes
                seat.livesInArea = false
                seat.startsOnRaw = starts.description
                seat.$organisation.id = membership.$organisation.id
                seat.version = 1
                try await seat.create(on: tx)
                try await Audit.created(seat, partnership: partnershipID, by: actor, on: tx)
            }
            // Open promises the leaver made in their own name go to the successor, history kept.
            let names = Dictionary(uniqueKeysWithValues: councilPeople.map { ($0.id, $0.name) })
            let leaverName = membership.person.name
            let successorName = names[draft.successorID] ?? "their successor"
            let open = try await CommitmentRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                .filter(\.$ownerKindRaw == CommitmentParty.Kind.person.rawValue).filter(\.$ownerID == draft.leaverID).all()
                .filter { $0.state.isOpen }
            let plan = HandoverReassignmentPlan.make(note: draft, openCommitmentIDs: open.compactMap(\.id),
                                                     leaverName: leaverName, successorName: successorName)
            for move in plan.reassignments {
                guard let c = open.first(where: { $0.id == move.commitmentID }) else { continue }
                let was = c.auditFields
                c.ownerID = move.toPersonID
                c.ownerName = successorName
                c.version += 1
                try await c.save(on: tx)
                let event = CommitmentEventRecord(move.commitmentID, on: move.on, kind: .reassigned, actor: actor)
                event.reason = move.historyNote
                try await event.create(on: tx)
                try await Audit.updated(c, before: was, partnership: partnershipID, by: actor, on: tx)
            }
            let note = HandoverRecord()
            note.$partnership.id = partnershipID
            note.$leaver.id = draft.leaverID
            note.$successor.id = draft.successorID
            note.roleRaw = membership.roleRaw
            note.openCommitments = draft.openCommitments
            note.keyContacts = draft.keyContacts
            note.history = draft.history
            note.pending = draft.pending
            note.lastDayRaw = draft.lastDay.description
            note.commitmentsMoved = plan.reassignments.count
            note.writtenAt = now
            note.writtenBy = actor.personID == nil ? "System" : actor.name
            try await note.create(on: tx)
            try await Audit.created(note, partnership: partnershipID, by: actor, on: tx)
            return note
        }
    }

    /// The successor has opened the note: it stops being their first page.
    public static func markRead(_ note: HandoverRecord, now: Date = Date(), on db: any Database) async throws {
        guard note.readAt == nil else { return }
        note.readAt = now
        try await note.save(on: db)
    }
}

public enum HandoverQueries {
    public struct CouncilPerson: Sendable { public let id: UUID; public let name: String; public let detail: String }

    /// Who can take over from someone of this council: its staff, and councillors sitting for it;
    /// a council-officer seat goes to staff only, since it signs for the council.
    public static func councilPeople(of councilID: UUID, in partnership: PartnershipRecord, seat: MembershipRole,
                                     on db: any Database) async throws -> [CouncilPerson] {
        var people: [UUID: CouncilPerson] = [:]
        for s in try await StaffRecord.query(on: db).filter(\.$organisation.$id == councilID).with(\.$person).all() {
            people[s.$person.id] = CouncilPerson(id: s.$person.id, name: s.person.name, detail: s.jobTitle)
        }
        for m in partnership.memberships where seat != .councilOfficer && m.role == .councillor && m.$organisation.id == councilID {
            people[m.$person.id] = CouncilPerson(id: m.$person.id, name: m.person.name, detail: "Councillor")
        }
        return people.values.sorted { $0.name < $1.name }
    }

    public static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> HandoverRecord? {
        try await HandoverRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
            .with(\.$leaver).with(\.$successor).first()
    }

    public static func all(in partnershipID: UUID, on db: any Database) async throws -> [HandoverRecord] {
        try await HandoverRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .with(\.$leaver).with(\.$successor).sort(\.$writtenAt, .descending).all()
    }

    /// A note waiting for this person to read it, with its partnership's slug.
    public static func unread(for personID: UUID, on db: any Database) async throws -> (note: HandoverRecord, slug: String)? {
        guard let note = try await HandoverRecord.query(on: db).filter(\.$successor.$id == personID)
            .filter(\.$readAt == nil).with(\.$partnership).sort(\.$writtenAt, .descending).first() else { return nil }
        return (note, note.partnership.slug)
    }
}
