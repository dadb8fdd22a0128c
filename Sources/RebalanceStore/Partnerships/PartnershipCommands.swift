import FluentKit
import Foundation
import RebalanceCore

public enum PartnershipCommands {
    public static func update(_ id: UUID, expectedVersion: Int, _ draft: PartnershipDraft, by actor: Actor, on db: any Database) async throws -> PartnershipRecord {
        try await db.writeTransaction { tx in
            let version = try await VersionClaim.claim(PartnershipRecord.schema, id: id, expected: expectedVersion, entity: "partnership", on: tx)
            guard let partnership = try await PartnershipRecord.find(id, on: tx) else { throw NotFound("partnership") }
            let before = partnership.auditFields
            partnership.name = draft.name
            partnership.summary = draft.description
            partnership.$lto.id = draft.ltoID
            partnership.version = version
            try await partnership.save(on: tx)
            try await Audit.updated(partnership, before: before, partnership: id, by: actor, on: tx)
            return partnership
        }
    }

    /// Adds a member; `input.person` may be a registered email address or a person id.
    public static func addMember(to partnershipID: UUID, _ input: MembershipDraft.Input, today: Day = .today(),
                                 by actor: Actor, on db: any Database) async throws -> MembershipRecord {
        try await db.writeTransaction { tx in
            let draft = try await validate(input, partnershipID: partnershipID, today: today, on: tx)
            if let person = try await PersonRecord.find(draft.personID, on: tx), !person.isEmailVerified {
                throw ValidationFailure("person", AccountRulesText.notVerified(person.name, toBecome: "a member"))
            }
            let overlapping = try await MembershipRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                .filter(\.$person.$id == draft.personID).all()
                .filter { existing in (existing.endsOn ?? Day(year: 9999, month: 12, day: 31)!) >= draft.startsOn
                    && existing.startsOn <= (draft.endsOn ?? Day(year: 9999, month: 12, day: 31)!) }
            if !overlapping.isEmpty {
                throw ValidationFailure("person", "This person is already a member for those dates: edit their membership instead")
            }
            let membership = MembershipRecord()
            membership.$partnership.id = partnershipID
            membership.apply(draft)
            membership.version = 1
            try await membership.create(on: tx)
            try await Audit.created(membership, partnership: partnershipID, by: actor, on: tx)
            return membership
        }
    }

    public static func updateMember(_ id: UUID, in partnershipID: UUID, expectedVersion: Int, _ input: MembershipDraft.Input,
                                    today: Day = .today(), by actor: Actor, on db: any Database) async throws -> MembershipRecord {
        try await db.writeTransaction { tx in
            guard let membership = try await MembershipRecord.query(on: tx).filter(\.$id == id)
                .filter(\.$partnership.$id == partnershipID).first() else { throw NotFound("membership") }
            var withPerson = input
            withPerson.person = membership.$person.id.uuidString  // who holds a seat never changes
            let draft = try await validate(withPerson, partnershipID: partnershipID, today: today, on: tx)
            let version = try await VersionClaim.claim(MembershipRecord.schema, id: id, expected: expectedVersion, entity: "membership", on: tx)
            let before = membership.auditFields
            membership.apply(draft)
            membership.version = version
            try await membership.save(on: tx)
            try await Audit.updated(membership, before: before, partnership: partnershipID, by: actor, on: tx)
            return membership
        }
    }

    static func validate(_ input: MembershipDraft.Input, partnershipID: UUID, today: Day, on db: any Database) async throws -> MembershipDraft {
        var resolved = input
        let personText = TextRules.trimmed(input.person)
        var knownPeople: Set<UUID> = []
        if personText.contains("@") {
            if let person = try await AccountQueries.person(email: personText, on: db) {
                resolved.person = try person.requireID().uuidString
                knownPeople.insert(try person.requireID())
            } else {
                throw ValidationFailure("person", "No one has registered with this email address: ask them to register first")
            }
        } else if let id = UUID(uuidString: personText), try await PersonRecord.find(id, on: db) != nil {
            knownPeople.insert(id)
        }
        var knownOrgs: Set<UUID> = []
        if let id = UUID(uuidString: TextRules.trimmed(input.organisation)), try await OrganisationRecord.find(id, on: db) != nil {
            knownOrgs.insert(id)
        }
        let councils = try await AreaQueries.councilIDs(ofPartnership: partnershipID, on: db)
        var councilStaff: Set<UUID> = []
        if !councils.isEmpty, !knownPeople.isEmpty {
            councilStaff = Set(try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ councils)
                .filter(\.$person.$id ~~ knownPeople).all().map(\.$person.id))
        }
        return try MembershipDraft.validate(resolved, today: today,
                                            personExists: { knownPeople.contains($0) },
                                            organisationExists: { knownOrgs.contains($0) },
                                            worksForTheCouncil: { councilStaff.contains($0) })
    }
}

public enum PartnershipQueries {
    /// One page of partnerships, each with what its summary and composition check need
    /// (area, councils, LTO, memberships), in a fixed number of queries whatever the page size.
    public static func list(page: Int, per: Int, on db: any Database) async throws -> (items: [PartnershipRecord], total: Int) {
        let total = try await PartnershipRecord.query(on: db).count()
        let items = try await PartnershipRecord.query(on: db)
            .with(\.$area) { $0.with(\.$councils) }
            .with(\.$lto)
            .with(\.$memberships)
            .sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    /// A partnership with its area, the area's councils, its LTO and every membership with the person.
    public static func find(slug: String, on db: any Database) async throws -> PartnershipRecord? {
        try await PartnershipRecord.query(on: db).filter(\.$slug == slug)
            .with(\.$area) { $0.with(\.$councils) }
            .with(\.$lto)
            .with(\.$memberships) { $0.with(\.$person).with(\.$organisation) }
            .first()
    }

    public static func find(id: UUID, on db: any Database) async throws -> PartnershipRecord? {
        try await PartnershipRecord.query(on: db).filter(\.$id == id)
            .with(\.$area) { $0.with(\.$councils) }
            .with(\.$lto)
            .with(\.$memberships) { $0.with(\.$person).with(\.$organisation) }
            .first()
    }

    public static func scope(of partnership: PartnershipRecord) throws -> PartnershipScope {
        PartnershipScope(partnershipID: try partnership.requireID(),
                         councilIDs: Set(try partnership.area.councils.map { try $0.requireID() }))
    }

    public static func composition(of partnership: PartnershipRecord, on day: Day = .today()) -> CompositionCheck {
        let current = partnership.memberships.filter { $0.isCurrent(on: day) }
        return CompositionCheck(members: current.map { .init(role: $0.role, votes: $0.votes, livesInArea: $0.livesInArea) },
                                hasLTO: partnership.$lto.id != nil)
    }
}
