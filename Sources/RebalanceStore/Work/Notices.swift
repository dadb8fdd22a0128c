import FluentKit
import Foundation
import RebalanceCore

/// Where the site is, for the links in the e-mail a notice sends. The web layer knows it.
public struct NoticeSender: Sendable {
    public let baseURL: String
    public init(baseURL: String) { self.baseURL = baseURL }
}

/// Something a person should know happened (their enquiry was answered, the other side signed):
/// shown on "your work" until they mark it seen, and e-mailed through the outbox.
public final class NoticeRecord: Model, @unchecked Sendable {
    public static let schema = "notices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "partnership_id") public var partnershipID: UUID
    @Field(key: "title") public var title: String
    /// The page it is about, on this site.
    @Field(key: "path") public var path: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "seen_at") public var seenAt: Date?

    public init() {}
}

struct CreateNotices: AsyncMigration {
    var name: String { "2026-12-05-create-notices" }

    func prepare(on db: any Database) async throws {
        try await db.schema(NoticeRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("path", .string, .required)
            .field("created_at", .datetime, .required)
            .field("seen_at", .datetime)
            .create()
        try await db.sql.raw("CREATE INDEX notices_person ON notices (person_id, seen_at)").run()
        try await db.sql.raw("CREATE INDEX notices_partnership ON notices (partnership_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(NoticeRecord.schema).delete()
    }
}

public enum Notices {
    /// Records a notice for each person (but the one who acted) and queues its e-mail, in the
    /// transaction of the change it reports; `key` names the event, so nobody is told twice.
    static func send(to people: Set<UUID>, except actor: UUID?, partnershipID: UUID, title: String, path: String,
                     body: String, key: String, sender: NoticeSender?, now: Date = Date(), on db: any Database) async throws {
        let recipients = people.subtracting(actor.map { [$0] } ?? [])
        guard !recipients.isEmpty else { return }
        let found = try await PersonRecord.query(on: db).filter(\.$id ~~ Array(recipients)).all()
        for person in found.sorted(by: { $0.name < $1.name }) {
            let id = try person.requireID()
            let notice = NoticeRecord()
            notice.personID = id
            notice.partnershipID = partnershipID
            notice.title = title
            notice.path = path
            notice.createdAt = now
            try await notice.create(on: db)
            guard let sender else { continue }
            try await Outbox.enqueue(OutboxDraft(
                personID: id, email: person.email, name: person.name, subject: title,
                body: "Hello \(person.name),\n\n\(body)\n\nSee it here: \(sender.baseURL)\(path)\n",
                kind: "notification", partnershipID: partnershipID, dedupeKey: "notice:\(key):\(id.uuidString)"), on: db)
        }
    }

    public static func unseen(for personID: UUID, on db: any Database) async throws -> [NoticeRecord] {
        try await NoticeRecord.query(on: db).filter(\.$personID == personID).filter(\.$seenAt == nil)
            .sort(\.$createdAt, .descending).all()
    }

    /// Marks one of the person's own notices seen; false if there is no such notice of theirs.
    public static func markSeen(_ id: UUID, by actor: Actor, now: Date = Date(), on db: any Database) async throws -> Bool {
        guard let personID = actor.personID else { return false }
        return try await db.writeTransaction { tx in
            guard let notice = try await NoticeRecord.query(on: tx).filter(\.$id == id).filter(\.$personID == personID).first() else {
                return false
            }
            if notice.seenAt == nil {
                notice.seenAt = now
                try await notice.save(on: tx)
                try await Audit.record(.updated, NoticeRecord.schema, id: id, label: notice.title, before: ["seen": "no"],
                                       after: ["seen": "yes"], partnership: notice.partnershipID, by: actor, on: tx)
            }
            return true
        }
    }

    /// Everyone working in a council team.
    static func staff(ofTeam teamID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await StaffRecord.query(on: db).filter(\.$team.$id == teamID).all().map { $0.$person.id })
    }
}
