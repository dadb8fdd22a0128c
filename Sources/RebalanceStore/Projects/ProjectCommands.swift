import FluentKit
import Foundation
import RebalanceCore

public enum ProjectCommands {
    public static func create(in partnershipID: UUID, _ draft: ProjectDraft, today: Day = .today(),
                              by actor: Actor, on db: any Database) async throws -> ProjectRecord {
        try await db.writeTransaction { tx in
            let p = ProjectRecord()
            p.$partnership.id = partnershipID
            p.apply(draft)
            p.createdOnRaw = today.description
            p.version = 1
            try await p.create(on: tx)
            try await recordStage(p, from: nil, on: today, by: actor, on: tx)
            try await Audit.created(p, partnership: partnershipID, by: actor, on: tx)
            return p
        }
    }

    public static func update(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, _ draft: ProjectDraft, today: Day = .today(),
                              by actor: Actor, on db: any Database) async throws -> ProjectRecord {
        try await db.writeTransaction { tx in
            let p = try await find(id, in: partnershipID, on: tx)
            let version = try await VersionClaim.claim(ProjectRecord.schema, id: id, expected: expectedVersion, entity: "project", on: tx)
            let before = p.auditFields
            let oldStage = p.stage
            p.apply(draft)
            p.version = version
            try await p.save(on: tx)
            if oldStage != draft.stage { try await recordStage(p, from: oldStage, on: today, by: actor, on: tx) }
            try await Audit.updated(p, before: before, partnership: partnershipID, by: actor, on: tx)
            return p
        }
    }

    public static func addMilestone(to id: UUID, in partnershipID: UUID, _ draft: MilestoneDraft,
                                    by actor: Actor, on db: any Database) async throws -> MilestoneRecord {
        try await db.writeTransaction { tx in
            _ = try await find(id, in: partnershipID, on: tx)
            let m = MilestoneRecord()
            m.$project.id = id
            m.title = draft.title
            m.dueOnRaw = draft.dueOn.description
            m.doneOnRaw = draft.doneOn?.description
            try await m.create(on: tx)
            try await Audit.created(m, partnership: partnershipID, by: actor, on: tx)
            return m
        }
    }

    /// Records where one permission stands, replacing what was recorded for that kind before.
    public static func setPermission(on id: UUID, in partnershipID: UUID, _ draft: ProjectPermissionDraft, today: Day = .today(),
                                     by actor: Actor, on db: any Database) async throws -> ProjectPermissionRecord {
        try await db.writeTransaction { tx in
            _ = try await find(id, in: partnershipID, on: tx)
            if let existing = try await ProjectPermissionRecord.query(on: tx).filter(\.$project.$id == id)
                .filter(\.$kindRaw == draft.kind.rawValue).first() {
                let before = existing.auditFields
                existing.statusRaw = draft.status.rawValue
                existing.note = draft.note
                existing.updatedOnRaw = today.description
                try await existing.save(on: tx)
                try await Audit.updated(existing, before: before, partnership: partnershipID, by: actor, on: tx)
                return existing
            }
            let r = ProjectPermissionRecord()
            r.$project.id = id
            r.kindRaw = draft.kind.rawValue
            r.statusRaw = draft.status.rawValue
            r.note = draft.note
            r.updatedOnRaw = today.description
            try await r.create(on: tx)
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)
            return r
        }
    }

    static func recordStage(_ p: ProjectRecord, from: ProjectStage?, on day: Day, by actor: Actor, on db: any Database) async throws {
        let change = ProjectStageChangeRecord()
        change.$project.id = try p.requireID()
        change.onRaw = day.description
        change.fromStage = from?.rawValue
        change.toStage = p.stageRaw
        change.actorName = actor.personID == nil ? "System" : actor.name
        try await change.create(on: db)
    }

    static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> ProjectRecord {
        guard let p = try await ProjectRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).first() else {
            throw NotFound("project")
        }
        return p
    }
}

public enum ProjectQueries {
    /// Every project of a partnership with milestones and permissions, lowest stage first.
    public static func all(in partnershipID: UUID, on db: any Database) async throws -> [ProjectRecord] {
        let items = try await ProjectRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .with(\.$milestones).with(\.$permissions).sort(\.$title).all()
        return items.sorted { ($0.stage.step, $0.title) < ($1.stage.step, $1.title) }
    }

    public static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> ProjectRecord? {
        try await ProjectRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
            .with(\.$milestones).with(\.$permissions).with(\.$stageChanges).first()
    }
}
