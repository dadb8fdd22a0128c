import FluentKit
import Foundation
import RebalanceCore

/// A council team: who commitments and enquiries are addressed to.
struct ScaleTeam: Sendable {
    let id: UUID
    let key: String
    let name: String
    let councilID: UUID
    let councilName: String

    /// How the commitments register names a team (as `CommitmentQueries.parties` does).
    var party: CommitmentParty {
        CommitmentParty(kind: .councilTeam, id: id, name: "\(name) (\(councilName))", organisationID: councilID)
    }
}

struct ScaleStaff: Sendable {
    let person: ScalePerson
    let teamID: UUID
    let title: String
}

/// A generated council: a district (or borough, or city) serving three areas, or the county
/// over a region's thirty, with its teams, staff and responsibility directory.
struct ScaleCouncil: Sendable {
    let id: UUID
    let name: String
    let slug: String
    let teams: [ScaleTeam]
    let staff: [ScaleStaff]
    let directory: [ResponsibilityEntry]

    var teamIDs: Set<UUID> { Set(teams.map(\.id)) }
    func team(_ key: String) -> ScaleTeam { teams.first { $0.key == key }! }
    func team(id: UUID) -> ScaleTeam { teams.first { $0.id == id }! }
    func staff(in teamID: UUID) -> [ScaleStaff] { staff.filter { $0.teamID == teamID } }

    struct TeamPlan {
        let key: String, name: String, remit: String, titles: [String]
    }

    static let districtTeams: [TeamPlan] = [
        .init(key: "neighbourhoods", name: "Neighbourhoods and Communities", remit: "Community development, partnerships, grants to groups",
              titles: ["Neighbourhood officer", "Community development worker", "Grants officer"]),
        .init(key: "parks", name: "Parks and Open Spaces", remit: "Parks, playgrounds, allotments, trees and green space",
              titles: ["Parks officer", "Tree officer"]),
        .init(key: "housing", name: "Housing", remit: "Council homes, repairs, tenancies and homelessness",
              titles: ["Housing officer", "Tenancy sustainment officer"]),
        .init(key: "environment", name: "Environmental Services", remit: "Bins, street cleaning, fly-tipping and pest control",
              titles: ["Street scene officer"]),
        .init(key: "planning", name: "Planning and Licensing", remit: "Planning applications, licences for premises and events",
              titles: ["Planning officer", "Licensing officer"]),
    ]
    static let countyTeams: [TeamPlan] = [
        .init(key: "engagement", name: "Community Engagement", remit: "Working with partnerships, parishes and community groups across the county",
              titles: ["Community engagement manager", "Localities officer", "Localities officer"]),
        .init(key: "highways", name: "Highways and Transport", remit: "Roads, pavements, street lights, crossings and buses",
              titles: ["Highways inspector", "Transport planner"]),
        .init(key: "libraries", name: "Libraries and Culture", remit: "Libraries, community hubs, museums and arts grants",
              titles: ["Library hub manager"]),
        .init(key: "health", name: "Public Health", remit: "Health improvement, wellbeing and healthy places", titles: ["Public health practitioner"]),
        .init(key: "care", name: "Adult Social Care", remit: "Support for older and disabled people and their carers", titles: ["Social care team manager"]),
        .init(key: "children", name: "Children and Families", remit: "Youth services, family hubs and school places",
              titles: ["Youth service manager", "Family hub coordinator"]),
    ]

    /// Topics each kind of council answers, the team that answers and the working days promised.
    static let districtDirectory: [(String, String, Int)] = [
        ("Community grants and funding", "neighbourhoods", 10), ("Events and use of public spaces", "neighbourhoods", 5),
        ("Council land and buildings", "neighbourhoods", 20), ("Parks, play areas and trees", "parks", 10),
        ("Council housing and repairs", "housing", 15), ("Bins, litter and fly-tipping", "environment", 5),
        ("Planning and licensing", "planning", 15),
    ]
    static let countyDirectory: [(String, String, Int)] = [
        ("Roads, pavements and street lights", "highways", 10), ("Buses and community transport", "highways", 15),
        ("Libraries and community hubs", "libraries", 10), ("Health and wellbeing", "health", 15),
        ("Support for older and disabled people", "care", 15), ("Youth services and families", "children", 15),
        ("Working with the county council", "engagement", 10),
    ]

    /// Builds the council and writes its rows (shared: offered by every area it serves).
    /// `officer` is given for districts: the current neighbourhood officer, who was appointed
    /// on their own day rather than when the council came on record.
    /// `addresses` gives the first holder of a job title a fixed address instead of a generated one.
    static func make(name: String, plans: [TeamPlan], directory plan: [(String, String, Int)], officer: ScalePerson?,
                     addresses: [String: String] = [:], taken: inout Set<String>, passwordHash: String, rng: inout ScaleRandom, rows: inout ScaleRows) -> ScaleCouncil {
        let since = ScaleCalendar.regionsFrom
        let at = ScaleCalendar.at(since, 10)
        let org = OrganisationRecord()
        org.id = rng.uuid()
        org.slug = Slug.make(from: name)
        org.name = name
        org.kindRaw = OrganisationKind.council.rawValue
        org.holdsMoney = false
        org.summary = "The council for \(name.replacingOccurrences(of: " Council", with: "")) and its neighbourhoods."
        org.website = "https://www.\(org.slug).gov.example"
        org.version = 1
        rows.add(org, shared: true)
        rows.created(org, partnership: nil, by: .system, at: at, rng: &rng, shared: true)
        let domain = "\(org.slug).gov.example"
        var teams: [ScaleTeam] = []
        var staff: [ScaleStaff] = []
        for p in plans {
            let team = TeamRecord()
            team.id = rng.uuid()
            team.$organisation.id = org.id!
            team.slug = Slug.make(from: p.name)
            team.name = p.name
            team.remit = p.remit
            team.version = 1
            rows.add(team, shared: true)
            rows.created(team, by: .system, at: at, rng: &rng)
            let t = ScaleTeam(id: team.id!, key: p.key, name: p.name, councilID: org.id!, councilName: name)
            teams.append(t)
            for (n, title) in p.titles.enumerated() {
                var person = n == 0 && p.key == "neighbourhoods" && officer != nil
                    ? officer! : ScalePerson(&rng, domain: domain, taken: &taken, since: since.adding(days: rng.int(0...365)))
                if let address = addresses[title], !staff.contains(where: { $0.title == title }) { person = person.addressed(address) }
                rows.person(person, passwordHash: passwordHash, rng: &rng, shared: true)
                let s = StaffRecord()
                s.id = rng.uuid()
                s.$organisation.id = org.id!
                s.$team.id = t.id
                s.$person.id = person.id
                s.jobTitle = title
                // The first officer of the first team looks after the council's entry.
                s.isAdministrator = teams.count == 1 && n == 0
                rows.add(s, shared: true)
                rows.created(s, by: .system, at: ScaleCalendar.at(person.since, 11), rng: &rng)
                staff.append(ScaleStaff(person: person, teamID: t.id, title: title))
            }
        }
        var directory: [ResponsibilityEntry] = []
        for (topic, key, days) in plan {
            let r = ResponsibilityEntryRecord()
            r.id = rng.uuid()
            r.$council.id = org.id!
            r.$team.id = teams.first { $0.key == key }!.id
            r.topic = topic
            r.targetWorkingDays = days
            r.version = 1
            rows.add(r, shared: true)
            rows.created(r, by: .system, at: at, rng: &rng)
            directory.append(r.entry)
        }
        return ScaleCouncil(id: org.id!, name: name, slug: org.slug, teams: teams, staff: staff, directory: directory)
    }
}

private extension ScaleRows {
    /// Audit entries of shared rows are shared too: written once, whichever area offers them first.
    mutating func created<R: Audited & Model>(_ record: R, by actor: ScaleActor, at: Date, rng: inout ScaleRandom) where R.IDValue == UUID {
        created(record, partnership: nil, by: actor, at: at, rng: &rng, shared: true)
    }
}
