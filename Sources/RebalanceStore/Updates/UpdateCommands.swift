import FluentKit
import Foundation
import RebalanceCore

public enum UpdateCommands {
    public static func publish(in partnershipID: UUID, _ input: UpdateDraft.Input, by actor: Actor, now: Date = Date(),
                               on db: any Database) async throws -> UpdateRecord {
        let draft = try UpdateDraft.validate(input)
        return try await db.writeTransaction { tx in
            let u = UpdateRecord()
            u.$partnership.id = partnershipID
            u.title = draft.title
            u.body = draft.body
            u.$author.id = actor.personID
            u.publishedAt = now
            u.version = 1
            try await u.create(on: tx)
            try await Audit.created(u, partnership: partnershipID, by: actor, on: tx)
            return u
        }
    }
}

public enum UpdateQueries {
    public static func list(of partnershipID: UUID, page: Int, per: Int, on db: any Database) async throws -> (items: [UpdateRecord], total: Int) {
        let q = UpdateRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
        let total = try await q.count()
        let items = try await UpdateRecord.query(on: db).filter(\.$partnership.$id == partnershipID).with(\.$author)
            .sort(\.$publishedAt, .descending).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    public static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> UpdateRecord? {
        try await UpdateRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).with(\.$author).first()
    }
}
