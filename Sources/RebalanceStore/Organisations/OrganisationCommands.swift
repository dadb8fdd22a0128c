import FluentKit
import Foundation
import RebalanceCore

public enum OrganisationCommands {
    public static func create(_ draft: OrganisationDraft, by actor: Actor, on db: any Database) async throws -> OrganisationRecord {
        try await db.writeTransaction { tx in
            try await ensureIdentifierFree(draft.identifier, except: nil, on: tx)
            let org = OrganisationRecord()
            org.apply(draft)
            org.slug = try await SlugAllocator.allocate(Slug.make(from: draft.name), in: OrganisationRecord.schema, on: tx)
            org.version = 1
            try await org.create(on: tx)
            try await Audit.created(org, by: actor, on: tx)
            return org
        }
    }

    public static func update(_ id: UUID, expectedVersion: Int, _ draft: OrganisationDraft, by actor: Actor, on db: any Database) async throws -> OrganisationRecord {
        try await db.writeTransaction { tx in
            try await ensureIdentifierFree(draft.identifier, except: id, on: tx)
            let version = try await VersionClaim.claim(OrganisationRecord.schema, id: id, expected: expectedVersion, entity: "organisation", on: tx)
            guard let org = try await OrganisationRecord.find(id, on: tx) else { throw NotFound("organisation") }
            if org.kind != draft.kind, org.kind == .council || draft.kind == .council,
               try await AreaCouncilRecord.query(on: tx).filter(\.$council.$id == id).count() > 0 {
                throw ValidationFailure("kind", "This council serves areas, so it cannot become another kind of organisation")
            }
            var before = org.auditFields
            before["version"] = nil
            org.apply(draft)
            org.version = version
            try await org.save(on: tx)
            try await Audit.updated(org, before: before, by: actor, on: tx)
            return org
        }
    }

    public static func addTeam(to orgID: UUID, _ draft: TeamDraft, by actor: Actor, on db: any Database) async throws -> TeamRecord {
        try await db.writeTransaction { tx in
            guard let org = try await OrganisationRecord.find(orgID, on: tx) else { throw NotFound("organisation") }
            let taken = Set(try await TeamRecord.query(on: tx).filter(\.$organisation.$id == orgID).all().map(\.slug))
            let slug = Slug.make(from: draft.name)
            if taken.contains(slug) {
                throw ValidationFailure("name", "\(org.name) already has a team with this name")
            }
            let team = TeamRecord()
            team.$organisation.id = orgID
            team.name = draft.name
            team.slug = slug
            team.remit = draft.remit
            team.version = 1
            try await team.create(on: tx)
            try await Audit.created(team, by: actor, on: tx)
            return team
        }
    }

    /// Records that someone works for an organisation (found by their registered email).
    public static func addStaff(to orgID: UUID, email rawEmail: String?, jobTitle rawTitle: String?, team rawTeam: String?,
                                isAdministrator: Bool = false, by actor: Actor, on db: any Database) async throws -> StaffRecord {
        var errors = FieldErrorList()
        let email = EmailRules.normalised(rawEmail, into: &errors)
        let title = TextRules.required(rawTitle, field: "jobTitle", label: "a job title", max: 120, into: &errors)
        try errors.throwIfAny()
        return try await db.writeTransaction { tx in
            guard try await OrganisationRecord.find(orgID, on: tx) != nil else { throw NotFound("organisation") }
            guard let person = try await AccountQueries.person(email: email, on: tx) else {
                throw ValidationFailure("email", "No one has registered with this email address: ask them to register first")
            }
            guard person.isEmailVerified else {
                throw ValidationFailure("email", AccountRulesText.notVerified(person.name, toBecome: "staff"))
            }
            let personID = try person.requireID()
            if try await StaffRecord.query(on: tx).filter(\.$organisation.$id == orgID).filter(\.$person.$id == personID).first() != nil {
                throw ValidationFailure("email", "\(person.name) is already listed as staff here")
            }
            var teamID: UUID?
            let teamText = TextRules.trimmed(rawTeam)
            if !teamText.isEmpty {
                guard let id = UUID(uuidString: teamText),
                      try await TeamRecord.query(on: tx).filter(\.$id == id).filter(\.$organisation.$id == orgID).first() != nil else {
                    throw ValidationFailure("team", "Choose a team of this organisation from the list")
                }
                teamID = id
            }
            let staff = StaffRecord()
            staff.$organisation.id = orgID
            staff.$person.id = personID
            staff.$team.id = teamID
            staff.jobTitle = title
            staff.isAdministrator = isAdministrator
            try await staff.create(on: tx)
            try await Audit.created(staff, by: actor, on: tx)
            return staff
        }
    }

    public static func removeStaff(_ staffID: UUID, from orgID: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let staff = try await StaffRecord.query(on: tx).filter(\.$id == staffID)
                .filter(\.$organisation.$id == orgID).first() else { throw NotFound("staff member") }
            try await keepAnAdministrator(orgID, changing: staff, to: nil, on: tx)
            try await staff.delete(on: tx)
            try await Audit.deleted(staff, by: actor, on: tx)
        }
    }

    /// Makes one staff member an administrator of the organisation, or no longer one.
    public static func setAdministrator(_ staffID: UUID, of orgID: UUID, to isAdministrator: Bool, by actor: Actor,
                                        on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let staff = try await StaffRecord.query(on: tx).filter(\.$id == staffID)
                .filter(\.$organisation.$id == orgID).first() else { throw NotFound("staff member") }
            guard staff.isAdministrator != isAdministrator else { return }
            try await keepAnAdministrator(orgID, changing: staff, to: isAdministrator, on: tx)
            let before = staff.auditFields
            staff.isAdministrator = isAdministrator
            try await staff.save(on: tx)
            try await Audit.updated(staff, before: before, by: actor, on: tx)
        }
    }

    /// `to` is the staff member's new administrator flag, or nil when they leave the list.
    static func keepAnAdministrator(_ orgID: UUID, changing staff: StaffRecord, to isAdministrator: Bool?, on db: any Database) async throws {
        let all = try await StaffRecord.query(on: db).filter(\.$organisation.$id == orgID).all()
        let others = all.filter { $0.id != staff.id }
        let adminsAfter = others.filter(\.isAdministrator).count + (isAdministrator == true ? 1 : 0)
        let name = try await OrganisationRecord.find(orgID, on: db)?.name ?? "This organisation"
        try OrganisationAdministrators.check(administratorsBefore: all.filter(\.isAdministrator).count, administratorsAfter: adminsAfter,
                                             staffAfter: others.count + (isAdministrator == nil ? 0 : 1), organisation: name)
    }

    static func ensureIdentifierFree(_ identifier: OrgIdentifier?, except id: UUID?, on db: any Database) async throws {
        guard let identifier else { return }
        var query = OrganisationRecord.query(on: db).filter(\.$identifier == identifier.description)
        if let id { query = query.filter(\.$id != id) }
        if let other = try await query.first() {
            throw ValidationFailure("identifier", "\(other.name) already has the identifier \(identifier)")
        }
    }
}

public enum OrganisationQueries {
    public static func list(kind: OrganisationKind? = nil, page: Int, per: Int, on db: any Database) async throws -> (items: [OrganisationRecord], total: Int) {
        var query = OrganisationRecord.query(on: db)
        if let kind { query = query.filter(\.$kindRaw == kind.rawValue) }
        let total = try await query.count()
        let items = try await query.copy().with(\.$teams).sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    public static func all(kind: OrganisationKind, on db: any Database) async throws -> [OrganisationRecord] {
        try await OrganisationRecord.query(on: db).filter(\.$kindRaw == kind.rawValue).sort(\.$name).all()
    }

    /// Every organisation that can hold a partnership's money: the LTOs and those that also act as one.
    public static func moneyHolders(on db: any Database) async throws -> [OrganisationRecord] {
        try await OrganisationRecord.query(on: db).filter(\.$holdsMoney == true).sort(\.$name).all()
    }

    public static func find(slug: String, on db: any Database) async throws -> OrganisationRecord? {
        try await OrganisationRecord.query(on: db).filter(\.$slug == slug).with(\.$teams).first()
    }

    public static func staff(of orgID: UUID, on db: any Database) async throws -> [StaffRecord] {
        try await StaffRecord.query(on: db).filter(\.$organisation.$id == orgID)
            .with(\.$person).with(\.$team).all()
            .sorted { $0.person.name < $1.person.name }
    }

    /// Areas served by a council, and partnerships whose LTO this is.
    public static func areasServed(by orgID: UUID, on db: any Database) async throws -> [AreaRecord] {
        let links = try await AreaCouncilRecord.query(on: db).filter(\.$council.$id == orgID).with(\.$area).all()
        return links.map(\.area).sorted { $0.name < $1.name }
    }

    public static func partnershipsHeld(by orgID: UUID, on db: any Database) async throws -> [PartnershipRecord] {
        try await PartnershipRecord.query(on: db).filter(\.$lto.$id == orgID).sort(\.$name).all()
    }
}

/// Gives each new record the readable slug of its name, numbered if the name is taken.
enum SlugAllocator {
    static func allocate(_ base: String, in schema: String, on db: any Database) async throws -> String {
        let root = base.isEmpty ? "item" : base
        let rows = try await db.sql.select().column("slug").from(schema)
            .where("slug", .equal, root).orWhere("slug", .like, "\(root)-%").all()
        let taken = Set(try rows.map { try $0.decode(column: "slug", as: String.self) })
        return Slug.unique(root, taken: taken)
    }
}
