import FluentKit
import Foundation
import RebalanceCore

/// One change to one record: who, when, what, and the fields before and after. Never edited
/// or deleted (a database trigger refuses both).
public final class AuditEntryRecord: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    /// Not a foreign key: the history must outlive the person's account. The actor's name is
    /// not kept here but in `audit_names` under this id, so erasing a person can blank it
    /// while the entries themselves stay untouched.
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityID: String
    @Field(key: "entity_label") public var entityLabel: String
    @OptionalField(key: "partnership_id") public var partnershipID: UUID?
    @OptionalField(key: "before") public var before: String?
    @OptionalField(key: "after") public var after: String?

    /// Who made the change, as `AuditQueries` reads it from `audit_names`; "System" for the
    /// server's own changes.
    public var actorName = AuditNames.system

    public init() {}

    public var beforeFields: [String: String]? { Self.decode(before) }
    public var afterFields: [String: String]? { Self.decode(after) }
    public var diff: AuditDiff { AuditDiff(before: beforeFields, after: afterFields) }

    static func decode(_ text: String?) -> [String: String]? {
        guard let data = text?.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: data)
    }
}

/// A record that can describe itself for the audit log.
public protocol Audited {
    static var auditType: String { get }
    var auditLabel: String { get }
    /// The fields worth keeping, as text; secrets (password hashes, token hashes) left out.
    var auditFields: [String: String] { get }
}

public enum Audit {
    /// Writes one entry; call it inside the same transaction as the change it describes.
    public static func record(_ action: AuditAction, _ entityType: String, id: UUID?, label: String,
                              before: [String: String]?, after: [String: String]?,
                              partnership: UUID? = nil, by actor: Actor, on db: any Database) async throws {
        let entry = AuditEntryRecord()
        entry.at = Date()
        entry.actorID = actor.personID
        if let person = actor.personID { try await AuditNames.remember(person, name: actor.name, on: db) }
        entry.action = action.rawValue
        entry.entityType = entityType
        entry.entityID = id?.uuidString ?? ""
        entry.entityLabel = label
        entry.partnershipID = partnership
        entry.before = encode(before)
        entry.after = encode(after)
        try await entry.create(on: db)
    }

    public static func created<R: Audited & Model>(_ record: R, partnership: UUID? = nil, by actor: Actor, on db: any Database) async throws where R.IDValue == UUID {
        try await Self.record(.created, R.auditType, id: record.id, label: record.auditLabel,
                              before: nil, after: record.auditFields, partnership: partnership, by: actor, on: db)
    }

    public static func updated<R: Audited & Model>(_ record: R, before: [String: String], partnership: UUID? = nil, by actor: Actor, on db: any Database) async throws where R.IDValue == UUID {
        let after = record.auditFields
        guard after != before else { return }
        try await Self.record(.updated, R.auditType, id: record.id, label: record.auditLabel,
                              before: before, after: after, partnership: partnership, by: actor, on: db)
    }

    public static func deleted<R: Audited & Model>(_ record: R, partnership: UUID? = nil, by actor: Actor, on db: any Database) async throws where R.IDValue == UUID {
        try await Self.record(.deleted, R.auditType, id: record.id, label: record.auditLabel,
                              before: record.auditFields, after: nil, partnership: partnership, by: actor, on: db)
    }

    static func encode(_ fields: [String: String]?) -> String? {
        guard let fields else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(fields)) ?? Data(), as: UTF8.self)
    }
}

public enum AuditQueries {
    public static func forPartnership(_ id: UUID, page: Int, per: Int, on db: any Database) async throws -> (items: [AuditEntryRecord], total: Int) {
        let query = AuditEntryRecord.query(on: db).filter(\.$partnershipID == id)
        let total = try await query.count()
        let items = try await query.copy().sort(\.$at, .descending)
            .range(PageWindow.clampedRange(page: page, per: per)).all()
        return (try await named(items, on: db), total)
    }

    public static func forEntity(_ type: String, id: UUID, on db: any Database) async throws -> [AuditEntryRecord] {
        try await named(AuditEntryRecord.query(on: db).filter(\.$entityType == type)
            .filter(\.$entityID == id.uuidString).sort(\.$at, .descending).all(), on: db)
    }

    /// Entries made by a person, newest first, with their names filled in.
    public static func madeBy(_ person: UUID, on db: any Database) async throws -> [AuditEntryRecord] {
        try await named(AuditEntryRecord.query(on: db).filter(\.$actorID == person).sort(\.$at, .descending).all(), on: db)
    }

    /// Fills each entry's `actorName` from the names table, in one query.
    public static func named(_ entries: [AuditEntryRecord], on db: any Database) async throws -> [AuditEntryRecord] {
        let ids = Array(Set(entries.compactMap(\.actorID)))
        guard !ids.isEmpty else { return entries }
        let names = try await AuditNameRecord.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(names.compactMap { n in n.id.map { ($0, n.name) } }, uniquingKeysWith: { a, _ in a })
        for entry in entries {
            if let id = entry.actorID { entry.actorName = byID[id] ?? AuditNames.unknown }
        }
        return entries
    }
}
