import FluentKit
import Foundation
import RebalanceCore

/// The use cases of enquiries to the council. Each checks with the rules in
/// `RebalanceCore/Enquiries`, then writes the change and its audit entry in one transaction.
public enum EnquiryCommands {
    // MARK: responsibility directory

    public static func addDirectoryEntry(council councilID: UUID, _ input: ResponsibilityEntry.Input, by actor: Actor,
                                         on db: any Database) async throws -> ResponsibilityEntryRecord {
        try await db.writeTransaction { tx in
            let council = try await EnquiryQueries.council(councilID, on: tx)
            let taken = try await EnquiryQueries.directory(of: councilID, on: tx).map(\.topic)
            let entry = try ResponsibilityEntry.validate(input, councilTeams: Set(try council.teams.map { try $0.requireID() }),
                                                         takenTopics: taken)
            let record = ResponsibilityEntryRecord()
            record.$council.id = councilID
            record.$team.id = entry.teamID
            record.topic = entry.topic
            record.targetWorkingDays = entry.targetWorkingDays
            record.version = 1
            try await record.create(on: tx)
            try await Audit.created(record, by: actor, on: tx)
            return record
        }
    }

    /// Takes a topic out of the directory. Enquiries already raised on it keep their team and target.
    public static func removeDirectoryEntry(_ id: UUID, council councilID: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let record = try await ResponsibilityEntryRecord.query(on: tx).filter(\.$id == id)
                .filter(\.$council.$id == councilID).first() else { throw NotFound("directory entry") }
            try await record.delete(on: tx)
            try await Audit.deleted(record, by: actor, on: tx)
        }
    }

    // MARK: enquiries

    /// A partnership asks a council; the directory entry for the topic picks the team and the
    /// target, and `day` is the day the council receives it.
    public static func raise(partnership partnershipID: UUID, council councilID: UUID, _ input: EnquiryDraft.Input,
                             on day: Day, by actor: Actor, notify sender: NoticeSender? = nil, on db: any Database) async throws -> EnquiryRecord {
        try await db.writeTransaction { tx in
            let directory = try await EnquiryQueries.directory(of: councilID, on: tx).map(\.entry)
            let draft = try EnquiryDraft.validate(input, directory: directory)
            let id = UUID()
            let enquiry = draft.enquiry(id: id, councilID: councilID, partnershipID: partnershipID, receivedOn: day)
            let record = EnquiryRecord()
            record.id = id
            record.$council.id = councilID
            record.$partnership.id = partnershipID
            record.$firstTeam.id = enquiry.firstTeamID
            record.topic = enquiry.topic
            record.title = draft.title
            record.question = draft.question
            record.receivedOnRaw = day.description
            record.targetWorkingDays = enquiry.targetWorkingDays
            record.raisedByID = actor.personID
            record.raisedByName = actor.personID == nil ? "System" : actor.name
            record.version = 1
            record.apply(enquiry)
            try await record.create(on: tx)
            try await Audit.created(record, partnership: partnershipID, by: actor, on: tx)
            // The team it goes to hears at once, not at the first reminder.
            let path = try await enquiryPath(record, on: tx)
            try await Notices.send(to: try await Notices.staff(ofTeam: enquiry.firstTeamID, on: tx), except: actor.personID,
                                   partnershipID: partnershipID, title: "New enquiry for your team: \(draft.title)", path: path,
                                   body: "\(record.raisedByName) asked the council: “\(draft.title)”. Your team holds it; it is due \(enquiry.dueOn().readable).",
                                   key: "enquiry-raised:\(id.uuidString)", sender: sender, on: tx)
            return record
        }
    }

    /// The enquiry's page, for notices.
    static func enquiryPath(_ record: EnquiryRecord, on db: any Database) async throws -> String {
        let slug = try await PartnershipRecord.find(record.$partnership.id, on: db)?.slug ?? ""
        return "/partnerships/\(slug)/enquiries/\(try record.requireID().uuidString)"
    }

    public static func handOff(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, _ input: Enquiry.HandOffInput,
                               on day: Day, by actor: Actor, notify sender: NoticeSender? = nil, on db: any Database) async throws -> EnquiryRecord {
        try await db.writeTransaction { tx in
            let (record, enquiry) = try await load(id, in: partnershipID, on: tx)
            let council = try await EnquiryQueries.council(record.$council.id, on: tx)
            let names = EnquiryQueries.teamNames(council)
            let after = try enquiry.handingOff(input, on: day, actingTeams: try await actingTeams(actor, council: council, on: tx),
                                               councilTeams: Set(names.keys), teamNames: names)
            let handOff = after.handOffs.last!
            let before = record.auditFields
            record.version = try await VersionClaim.claim(EnquiryRecord.schema, id: id, expected: expectedVersion, entity: "enquiry", on: tx)
            let row = EnquiryHandOffRecord()
            row.$enquiry.id = id
            row.position = after.handOffs.count
            row.onRaw = handOff.on.description
            row.$fromTeam.id = handOff.fromTeamID
            row.$toTeam.id = handOff.toTeamID
            row.reason = handOff.reason
            row.byName = actor.name
            try await row.create(on: tx)
            try await Audit.created(row, partnership: partnershipID, by: actor, on: tx)
            record.apply(after)
            try await record.save(on: tx)
            try await Audit.updated(record, before: before, partnership: partnershipID, by: actor, on: tx)
            let path = try await enquiryPath(record, on: tx)
            let team = names[handOff.toTeamID] ?? "another team"
            let key = "enquiry-handed:\(id.uuidString):\(after.handOffs.count)"
            if let raiser = record.raisedByID {
                try await Notices.send(to: [raiser], except: actor.personID, partnershipID: partnershipID,
                                       title: "Your enquiry was handed on: \(record.title)", path: path,
                                       body: "\(actor.name) handed your enquiry “\(record.title)” on to \(team): \(handOff.reason)",
                                       key: key, sender: sender, on: tx)
            }
            try await Notices.send(to: try await Notices.staff(ofTeam: handOff.toTeamID, on: tx), except: actor.personID,
                                   partnershipID: partnershipID, title: "An enquiry was handed to your team: \(record.title)", path: path,
                                   body: "\(actor.name) handed “\(record.title)” to \(team): \(handOff.reason)",
                                   key: key + ":team", sender: sender, on: tx)
            return record
        }
    }

    public static func answer(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, text: String?,
                              on day: Day, by actor: Actor, notify sender: NoticeSender? = nil, on db: any Database) async throws -> EnquiryRecord {
        try await db.writeTransaction { tx in
            let (record, enquiry) = try await load(id, in: partnershipID, on: tx)
            let council = try await EnquiryQueries.council(record.$council.id, on: tx)
            let (after, answer) = try enquiry.answering(text, on: day, actingTeams: try await actingTeams(actor, council: council, on: tx),
                                                        teamNames: EnquiryQueries.teamNames(council))
            let before = record.auditFields
            record.version = try await VersionClaim.claim(EnquiryRecord.schema, id: id, expected: expectedVersion, entity: "enquiry", on: tx)
            record.apply(after)
            record.answer = answer
            record.answeredBy = actor.name
            try await record.save(on: tx)
            try await Audit.updated(record, before: before, partnership: partnershipID, by: actor, on: tx)
            if let raiser = record.raisedByID {
                try await Notices.send(to: [raiser], except: actor.personID, partnershipID: partnershipID,
                                       title: "The council answered your enquiry: \(record.title)", path: try await enquiryPath(record, on: tx),
                                       body: "\(actor.name) answered “\(record.title)”:\n\n\(answer)",
                                       key: "enquiry-answered:\(id.uuidString)", sender: sender, on: tx)
            }
            return record
        }
    }

    public static func withdraw(_ id: UUID, in partnershipID: UUID, expectedVersion: Int,
                                on day: Day, by actor: Actor, on db: any Database) async throws -> EnquiryRecord {
        try await db.writeTransaction { tx in
            let (record, enquiry) = try await load(id, in: partnershipID, on: tx)
            let after = try enquiry.withdrawing(on: day)
            let before = record.auditFields
            record.version = try await VersionClaim.claim(EnquiryRecord.schema, id: id, expected: expectedVersion, entity: "enquiry", on: tx)
            record.apply(after)
            try await record.save(on: tx)
            try await Audit.updated(record, before: before, partnership: partnershipID, by: actor, on: tx)
            return record
        }
    }

    /// Queues a reminder's messages and notes the day it was sent, together, so a reminder is
    /// either fully recorded or not at all. Returns how many messages were newly queued.
    public static func recordReminder(_ id: UUID, on day: Day, messages: [OutboxDraft], on db: any Database) async throws -> Int {
        try await db.writeTransaction { tx in
            var queued = 0
            for message in messages where try await Outbox.enqueue(message, on: tx) { queued += 1 }
            try await EnquiryRecord.query(on: tx).filter(\.$id == id).set(\.$lastRemindedOnRaw, to: day.description).update()
            return queued
        }
    }

    static func load(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> (EnquiryRecord, Enquiry) {
        guard let record = try await EnquiryRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
            .with(\.$handOffs).first() else { throw NotFound("enquiry") }
        return (record, try record.core(handOffs: record.handOffs))
    }

    /// The council teams the person works in (a staff record names at most one team).
    public static func actingTeams(_ actor: Actor, council: OrganisationRecord, on db: any Database) async throws -> Set<UUID> {
        guard let person = actor.personID else { return [] }
        let staff = try await StaffRecord.query(on: db).filter(\.$person.$id == person)
            .filter(\.$organisation.$id == council.requireID()).all()
        return Set(staff.compactMap { $0.$team.id })
    }
}
