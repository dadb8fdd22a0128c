import FluentKit
import Foundation
import RebalanceCore

public enum AreaCommands {
    /// Creates an area and its partnership together: every area has exactly one partnership.
    public static func create(_ draft: AreaDraft, partnershipName: String?, by actor: Actor, on db: any Database) async throws -> AreaRecord {
        var errors = FieldErrorList()
        let pname = TextRules.optional(partnershipName, field: "partnershipName", label: "partnership name", max: 120, into: &errors)
            ?? "\(draft.name) partnership"
        try errors.throwIfAny()
        return try await db.writeTransaction { tx in
            let area = AreaRecord()
            area.name = draft.name
            area.summary = draft.description
            area.populationEstimate = draft.populationEstimate
            area.slug = try await SlugAllocator.allocate(Slug.make(from: draft.name), in: AreaRecord.schema, on: tx)
            area.version = 1
            try await area.create(on: tx)
            try await linkCouncils(draft.councilIDs, to: area, on: tx)
            let partnership = PartnershipRecord()
            partnership.$area.id = try area.requireID()
            partnership.name = pname
            partnership.slug = try await SlugAllocator.allocate(Slug.make(from: pname), in: PartnershipRecord.schema, on: tx)
            partnership.version = 1
            try await partnership.create(on: tx)
            var fields = area.auditFields
            fields["councils"] = draft.councilIDs.map(\.uuidString).sorted().joined(separator: ",")
            try await Audit.record(.created, AreaRecord.auditType, id: area.id, label: area.name,
                                   before: nil, after: fields, partnership: partnership.id, by: actor, on: tx)
            try await Audit.created(partnership, partnership: partnership.id, by: actor, on: tx)
            return area
        }
    }

    public static func update(_ id: UUID, expectedVersion: Int, _ draft: AreaDraft, by actor: Actor, on db: any Database) async throws -> AreaRecord {
        try await db.writeTransaction { tx in
            let version = try await VersionClaim.claim(AreaRecord.schema, id: id, expected: expectedVersion, entity: "area", on: tx)
            guard let area = try await AreaRecord.query(on: tx).filter(\.$id == id).with(\.$councils).with(\.$partnership).first() else {
                throw NotFound("area")
            }
            var before = area.auditFields
            before["councils"] = try area.councils.map { try $0.requireID().uuidString }.sorted().joined(separator: ",")
            area.name = draft.name
            area.summary = draft.description
            area.populationEstimate = draft.populationEstimate
            area.version = version
            try await area.save(on: tx)
            try await AreaCouncilRecord.query(on: tx).filter(\.$area.$id == id).delete()
            try await linkCouncils(draft.councilIDs, to: area, on: tx)
            var after = area.auditFields
            after["councils"] = draft.councilIDs.map(\.uuidString).sorted().joined(separator: ",")
            if before != after {
                try await Audit.record(.updated, AreaRecord.auditType, id: id, label: area.name, before: before, after: after,
                                       partnership: area.partnership?.id, by: actor, on: tx)
            }
            return area
        }
    }

    static func linkCouncils(_ ids: [UUID], to area: AreaRecord, on db: any Database) async throws {
        for council in ids {
            let link = AreaCouncilRecord()
            link.$area.id = try area.requireID()
            link.$council.id = council
            try await link.create(on: db)
        }
    }
}

public enum AreaQueries {
    /// The councils of the area a partnership serves: whose staff act for "the council" there.
    public static func councilIDs(ofPartnership partnershipID: UUID, on db: any Database) async throws -> Set<UUID> {
        guard let p = try await PartnershipRecord.query(on: db).filter(\.$id == partnershipID)
            .with(\.$area, { $0.with(\.$councils) }).first() else { throw NotFound("partnership") }
        return Set(try p.area.councils.map { try $0.requireID() })
    }

    public static func list(page: Int, per: Int, on db: any Database) async throws -> (items: [AreaRecord], total: Int) {
        let total = try await AreaRecord.query(on: db).count()
        let items = try await AreaRecord.query(on: db).with(\.$councils).with(\.$partnership)
            .sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    public static func find(slug: String, on db: any Database) async throws -> AreaRecord? {
        try await AreaRecord.query(on: db).filter(\.$slug == slug).with(\.$councils).with(\.$partnership).first()
    }

    public static func scope(of area: AreaRecord) throws -> AreaScope {
        AreaScope(areaID: try area.requireID(), councilIDs: Set(try area.councils.map { try $0.requireID() }),
                  partnershipID: area.partnership?.id)
    }
}
