import FluentKit
import Foundation
import RebalanceCore

/// A fictional council, its teams, an LTO, local groups, two areas and their partnerships, and
/// people in every role, for trying Rebalance out. Loading twice changes nothing.
public enum DemoData {
    public static let password = "fernhill-demo-2026"
    static let system = Actor(personID: nil, name: "Demo loader")

    public struct Summary: Sendable {
        public var people: [(name: String, email: String, role: String)]
        public var password: String
        public var created: Bool
    }

    /// The demo would put accounts with a published password beside real ones.
    public struct DemoRefused: Error, CustomStringConvertible, Sendable {
        public let existingPeople: Int
        public var description: String {
            "This database already holds \(existingPeople) \(existingPeople == 1 ? "account" : "accounts") of its own, and the demo would add "
                + "accounts whose password is published (one of them an administrator). Load the demo into an empty database, "
                + "or add --demo-over-existing-data if you really mean to."
        }
    }

    struct DemoPerson {
        let key: String, name: String, email: String, role: String
    }

    static let people: [DemoPerson] = [
        .init(key: "admin", name: "Alex Morgan", email: "admin@fernhill.example", role: "Site administrator"),
        .init(key: "chair", name: "Ada Okafor", email: "ada@fernhill.example", role: "Chair of Fernhill partnership (resident)"),
        .init(key: "tom", name: "Tom Price", email: "tom@fernhill.example", role: "Resident member"),
        .init(key: "priya", name: "Priya Shah", email: "priya@fernhill.example", role: "Resident member"),
        .init(key: "gwen", name: "Gwen Hughes", email: "gwen@fernhill.example", role: "Resident member"),
        .init(key: "samir", name: "Samir Haddad", email: "samir@fernhill.example", role: "Resident member"),
        .init(key: "lucy", name: "Lucy Marsh", email: "lucy@fernhill.example", role: "Resident member"),
        .init(key: "councillor", name: "Cllr Dennis Boyle", email: "dennis@harbourside.example", role: "Ward councillor, partnership member"),
        .init(key: "officer", name: "Hannah Reid", email: "hannah@harbourside.example", role: "Council officer (Neighbourhoods), partnership member"),
        .init(key: "lto", name: "Joe Kaminski", email: "joe@fernhilltrust.example", role: "LTO representative"),
        .init(key: "rep", name: "Ruth Ellis", email: "ruth@fernhill.example", role: "Rep"),
        .init(key: "worker", name: "Kofi Mensah", email: "kofi@fernhill.example", role: "Project worker"),
        .init(key: "school", name: "Mary O'Neill", email: "mary@stannes.example", role: "Local organisation (school)"),
        .init(key: "observer", name: "Ian Clarke", email: "ian@fernhill.example", role: "Observer"),
        .init(key: "parks", name: "Beth Summers", email: "beth@harbourside.example", role: "Council staff (Parks), not a member"),
        .init(key: "resident", name: "Nadia Rahman", email: "nadia@fernhill.example", role: "Resident, not a member"),
        .init(key: "northgate", name: "Owen Price", email: "owen@northgate.example", role: "Chair of Northgate partnership"),
        .init(key: "former", name: "Martin Lowe", email: "martin@harbourside.example", role: "Former council officer, handed over to Hannah Reid"),
        .init(key: "property", name: "Raj Patel", email: "raj@harbourside.example", role: "Council staff (Property and Estates), not a member"),
        .init(key: "funder", name: "Fatima Khan", email: "fatima@localtrust.example", role: "Area adviser at Local Trust, the funder"),
        .init(key: "applicant", name: "Leah Brown", email: "leah@fernhill.example", role: "Resident who has asked to join the Fernhill partnership"),
        .init(key: "counciladmin", name: "Grace Adeyemi", email: "grace@harbourside.example", role: "Council administrator: edits the council, its teams, staff and directory"),
    ]

    /// Refuses to add the demo's accounts, whose password is published, to a database that already
    /// holds other people, unless `overExistingData` says the operator means it.
    public static func load(on db: any Database, passwordHash: String, overExistingData: Bool = false) async throws -> Summary {
        let created = try await db.writeTransaction { tx -> Bool in
            if try await AreaRecord.query(on: tx).filter(\.$slug == "fernhill").first() != nil { return false }
            let others = try await PersonRecord.query(on: tx).filter(\.$email !~ people.map(\.email)).count()
            if others > 0, !overExistingData { throw DemoRefused(existingPeople: others) }
            var ids: [String: UUID] = [:]
            for p in people {
                if let existing = try await PersonRecord.query(on: tx).filter(\.$email == p.email).first() {
                    ids[p.key] = existing.id
                    continue
                }
                let person = PersonRecord(name: p.name, email: p.email, passwordHash: passwordHash, isAdmin: p.key == "admin")
                person.emailVerifiedAt = Date()  // demo people own their (fictional) addresses
                try await person.create(on: tx)
                try await Audit.created(person, by: system, on: tx)
                ids[p.key] = person.id
            }

            let council = try await organisation("Harbourside City Council", .council, "GB-LAE-HBS",
                                                 "The unitary council for Harbourside and its neighbourhoods.", on: tx)
            let neighbourhoods = try await team("Neighbourhoods and Communities", "Community development, partnerships, grants to groups", council, on: tx)
            let parks = try await team("Parks and Green Spaces", "Parks, playgrounds, allotments, trees and green space", council, on: tx)
            let property = try await team("Property and Estates", "Council land and buildings, leases and community asset transfer", council, on: tx)
            let highways = try await team("Highways", "Roads, pavements, street lights, crossings and road closures", council, on: tx)
            let planning = try await team("Planning and Licensing", "Planning applications, licences for premises and events", council, on: tx)
            let lto = try await organisation("Fernhill Community Trust", .lto, "GB-CHC-1190001",
                                             "A local charity that holds and accounts for the partnership's money.", on: tx)
            let school = try await organisation("St Anne's Primary School", .localOrganisation, "GB-EDU-199901",
                                                "The primary school at the heart of the estate.", on: tx)
            _ = try await organisation("Friends of Fernhill Park", .communityGroup, nil,
                                       "Volunteers who look after the park and run the summer fun day.", on: tx)
            _ = try await organisation("Fernhill Allotment Society", .communityGroup, nil, "Forty plots behind Mill Road.", on: tx)

            try await staff(ids["officer"]!, council, neighbourhoods, "Neighbourhood officer", on: tx)
            try await staff(ids["parks"]!, council, parks, "Green spaces officer", on: tx)
            try await staff(ids["property"]!, council, property, "Estates surveyor", on: tx)
            try await staff(ids["counciladmin"]!, council, nil, "Community partnerships manager", administrator: true, on: tx)
            try await staff(ids["lto"]!, lto, nil, "Finance manager", administrator: true, on: tx)
            try await staff(ids["school"]!, school, nil, "Head teacher", administrator: true, on: tx)

            let fernhill = try await AreaCommands.create(
                AreaDraft(name: "Fernhill", description: "A 1960s estate and the older terraces around Mill Road, on the east side of Harbourside: about 3,200 homes, a parade of shops, a primary school and a park.",
                          populationEstimate: 7800, councilIDs: [try council.requireID()]),
                partnershipName: "Fernhill Big Local Partnership", by: system, on: tx)
            let partnership = try await PartnershipRecord.query(on: tx).filter(\.$area.$id == fernhill.requireID()).first()!
            partnership.summary = "Residents of Fernhill steering ten years of Big Local money, with the council, the school and local groups."
            partnership.$lto.id = try lto.requireID()
            try await partnership.save(on: tx)

            let start = Day("2024-04-01")!
            let seats: [(String, MembershipRole, Bool, Bool, UUID?)] = [
                ("chair", .chair, true, true, nil), ("tom", .resident, true, true, nil), ("priya", .resident, true, true, nil),
                ("gwen", .resident, true, true, nil), ("samir", .resident, true, true, nil), ("lucy", .resident, true, true, nil),
                ("councillor", .councillor, true, false, try council.requireID()), ("officer", .councilOfficer, false, false, try council.requireID()),
                ("lto", .ltoRepresentative, true, false, try lto.requireID()), ("rep", .rep, false, false, nil),
                ("worker", .projectWorker, false, true, nil), ("school", .localOrganisation, true, false, try school.requireID()),
                ("observer", .observer, false, true, nil),
            ]
            for (key, role, votes, lives, org) in seats {
                try await member(ids[key]!, partnership, role: role, votes: votes, lives: lives, org: org, from: start, on: tx)
            }

            try await DemoDialogue.load(partnership, people: ids, council: try council.requireID(), lto: try lto.requireID(), on: tx)
            try await member(ids["former"]!, partnership, role: .councilOfficer, votes: false, lives: false, org: try council.requireID(),
                             from: start, on: tx)
            try await DemoHandover.load(partnershipID: try partnership.requireID(), leaver: ids["former"]!, successor: ids["officer"]!, on: tx)

            // A younger partnership that does not yet meet the composition rules, to show the warnings.
            let northgate = try await AreaCommands.create(
                AreaDraft(name: "Northgate", description: "Streets around the old bus depot, north of the ring road.",
                          populationEstimate: 4100, councilIDs: [try council.requireID()]),
                partnershipName: "Northgate Neighbours", by: system, on: tx)
            let young = try await PartnershipRecord.query(on: tx).filter(\.$area.$id == northgate.requireID()).first()!
            let youngStart = Day("2026-09-01")!
            try await member(ids["northgate"]!, young, role: .chair, votes: true, lives: true, org: nil, from: youngStart, on: tx)
            try await member(ids["resident"]!, young, role: .resident, votes: true, lives: true, org: nil, from: youngStart, on: tx)
            try await member(ids["councillor"]!, young, role: .councillor, votes: true, lives: false, org: try council.requireID(), from: youngStart, on: tx)

            // A resident waiting for the chair's answer, as the chair would find one on a Monday.
            if let loaded = try await PartnershipQueries.find(id: try partnership.requireID(), on: tx) {
                _ = try await JoinRequestCommands.ask(loaded, kind: JoinRequestKind.join.rawValue, livesInArea: true,
                                                      message: "I run the Saturday litter pick on the estate and would like to help with the plans for the park.",
                                                      by: Actor(personID: ids["applicant"]!, name: "Leah Brown"), on: tx)
            }

            func actor(_ key: String) -> Actor {
                let p = people.first { $0.key == key }!
                return Actor(personID: ids[key]!, name: p.name)
            }
            try await DemoEnquiries.load(
                council: council,
                teams: ["neighbourhoods": neighbourhoods, "parks": parks, "property": property, "highways": highways, "planning": planning],
                partnerships: [partnership, young], askers: [actor("chair"), actor("northgate")],
                answerers: ["neighbourhoods": actor("officer"), "parks": actor("parks"), "property": actor("property")],
                today: .today(), on: tx)
            return true
        }
        try await DemoTrustData.load(on: db)
        try await DemoHealthCheck.load(passwordHash: passwordHash, on: db)
        try await DemoDecisions.load(on: db)
        try await DemoMoney.load(on: db)
        return Summary(people: people.map { ($0.name, $0.email, $0.role) }, password: password, created: created)
    }

    static func organisation(_ name: String, _ kind: OrganisationKind, _ identifier: String?, _ about: String,
                             on db: any Database) async throws -> OrganisationRecord {
        if let existing = try await OrganisationRecord.query(on: db).filter(\.$slug == Slug.make(from: name)).first() { return existing }
        let id = try identifier.map { try OrgIdentifier.parse($0).get() }
        return try await OrganisationCommands.create(OrganisationDraft(name: name, kind: kind, identifier: id, description: about, website: nil),
                                                     by: system, on: db)
    }

    static func team(_ name: String, _ remit: String, _ org: OrganisationRecord, on db: any Database) async throws -> TeamRecord {
        if let existing = try await TeamRecord.query(on: db).filter(\.$organisation.$id == org.requireID())
            .filter(\.$slug == Slug.make(from: name)).first() { return existing }
        return try await OrganisationCommands.addTeam(to: try org.requireID(), TeamDraft(name: name, remit: remit), by: system, on: db)
    }

    static func staff(_ person: UUID, _ org: OrganisationRecord, _ team: TeamRecord?, _ title: String, administrator: Bool = false,
                      on db: any Database) async throws {
        if try await StaffRecord.query(on: db).filter(\.$person.$id == person).filter(\.$organisation.$id == org.requireID()).first() != nil { return }
        let s = StaffRecord()
        s.$organisation.id = try org.requireID()
        s.$team.id = team?.id
        s.$person.id = person
        s.jobTitle = title
        s.isAdministrator = administrator
        try await s.create(on: db)
        try await Audit.created(s, by: system, on: db)
    }

    static func member(_ person: UUID, _ p: PartnershipRecord, role: MembershipRole, votes: Bool, lives: Bool, org: UUID?,
                       from: Day, on db: any Database) async throws {
        let m = MembershipRecord()
        m.$partnership.id = try p.requireID()
        m.apply(MembershipDraft(personID: person, role: role, votes: votes, livesInArea: lives, startsOn: from, endsOn: nil, organisationID: org))
        m.version = 1
        try await m.create(on: db)
        try await Audit.created(m, partnership: p.id, by: system, on: db)
    }
}
