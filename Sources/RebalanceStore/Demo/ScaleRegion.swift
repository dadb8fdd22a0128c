import FluentKit
import Foundation
import RebalanceCore

/// What thirty neighbouring areas share: a county council over all of them, a district council
/// for every three (whose neighbourhood officer sits on all three partnerships), an LTO for
/// every two and a rep for every four. People in these posts are members of several
/// partnerships, and the county's staff see thirty, as in a real two-tier county.
///
/// A region comes from its own stream, whichever of its areas asks for it first, so its rows
/// are the same however many areas are loaded; they are written with "skip if the id exists".
struct ScaleRegion {
    static let areasPerRegion = 30
    static let areasPerDistrict = 3
    static let areasPerLTO = 2
    static let areasPerRep = 4

    let index: Int
    let county: ScaleCouncil
    let districts: [ScaleCouncil]
    /// Per district: the neighbourhood officer who sits on its partnerships, over time.
    let officers: [ScaleTimeline]
    let ltos: [ScaleLTO]
    let reps: [ScaleTimeline]
    let rows: ScaleRows

    struct ScaleLTO: Sendable {
        let id: UUID
        let name: String
        /// Its finance manager, who sits on both partnerships it serves.
        let person: ScalePerson
    }

    /// Fixed addresses for two people of the first region, whatever the seed, so scripts such as
    /// `bench/http` can sign in without reading the output: a rep who sits on four partnerships,
    /// and the county's community engagement manager, staff of a council over thirty areas.
    static let wellKnown = (member: "scale.member@rebalance.example", staff: "scale.officer@rebalance.example")

    init(seed: UInt64, index: Int, passwordHash: String) {
        self.index = index
        var rng = ScaleRandom(seed: seed, "region", index)
        var rows = ScaleRows()
        var taken: Set<String> = []
        let countyName = "\(ScaleNames.countyName(index)) County Council"
        county = ScaleCouncil.make(name: countyName, plans: ScaleCouncil.countyTeams, directory: ScaleCouncil.countyDirectory,
                                   officer: nil, addresses: index == 0 ? ["Community engagement manager": Self.wellKnown.staff] : [:],
                                   taken: &taken, passwordHash: passwordHash, rng: &rng, rows: &rows)
        let districtCount = (Self.areasPerRegion + Self.areasPerDistrict - 1) / Self.areasPerDistrict
        var districts: [ScaleCouncil] = []
        var officers: [ScaleTimeline] = []
        for d in 0..<districtCount {
            let town = ScaleNames.districtName(index * districtCount + d, seed: seed)
            let name = "\(town) \(rng.pick(ScaleNames.districtKinds))"
            let domain = "\(Slug.make(from: name)).gov.example"
            let timeline = Self.timeline(domain: domain, from: ScaleCalendar.regionsFrom, everyMonths: 36...72,
                                         taken: &taken, rng: &rng)
            officers.append(timeline)
            districts.append(ScaleCouncil.make(name: name, plans: ScaleCouncil.districtTeams, directory: ScaleCouncil.districtDirectory,
                                               officer: timeline.holders.last!.person, taken: &taken, passwordHash: passwordHash,
                                               rng: &rng, rows: &rows))
            // Officers who have since left the council keep their accounts, not their staff rows.
            for (former, _) in timeline.holders.dropLast() {
                rows.person(former, passwordHash: passwordHash, rng: &rng, shared: true)
            }
        }
        self.districts = districts
        self.officers = officers

        var ltos: [ScaleLTO] = []
        let ltoKinds = ["Community Trust", "Development Trust", "Community Association", "Housing Association", "Community Foundation"]
        for l in 0..<((Self.areasPerRegion + Self.areasPerLTO - 1) / Self.areasPerLTO) {
            let area = ScaleNames.areaName(index * Self.areasPerRegion + l * Self.areasPerLTO, seed: seed)
            let name = "\(area) \(rng.pick(ltoKinds))"
            let org = OrganisationRecord()
            org.id = rng.uuid()
            org.slug = Slug.make(from: name)
            org.name = name
            org.kindRaw = OrganisationKind.lto.rawValue
            org.holdsMoney = true
            org.identifier = "GB-CHC-\(1_100_000 + index * 1000 + l)"
            org.summary = "A local charity that holds and accounts for Big Local money for \(area) and its neighbour."
            org.version = 1
            rows.add(org, shared: true)
            rows.created(org, partnership: nil, by: .system, at: ScaleCalendar.at(ScaleCalendar.regionsFrom, 10), rng: &rng, shared: true)
            let person = ScalePerson(&rng, domain: "\(org.slug).org.example", taken: &taken, since: ScaleCalendar.regionsFrom.adding(days: 30))
            rows.person(person, passwordHash: passwordHash, rng: &rng, shared: true)
            let staff = StaffRecord()
            staff.id = rng.uuid()
            staff.$organisation.id = org.id!
            staff.$person.id = person.id
            staff.jobTitle = "Finance manager"
            staff.isAdministrator = true
            rows.add(staff, shared: true)
            rows.created(staff, partnership: nil, by: .system, at: ScaleCalendar.at(person.since, 11), rng: &rng, shared: true)
            ltos.append(ScaleLTO(id: org.id!, name: name, person: person))
        }
        self.ltos = ltos

        var reps: [ScaleTimeline] = []
        let repDomain = "reps.\(Slug.make(from: ScaleNames.countyName(index))).example"
        for r in 0..<((Self.areasPerRegion + Self.areasPerRep - 1) / Self.areasPerRep) {
            var timeline = Self.timeline(domain: repDomain, from: ScaleCalendar.regionsFrom, everyMonths: 48...96, taken: &taken, rng: &rng)
            if index == 0, r == 0 {
                var holders = timeline.holders
                holders[holders.count - 1].person = holders[holders.count - 1].person.addressed(Self.wellKnown.member)
                timeline = ScaleTimeline(holders: holders)
            }
            for (person, _) in timeline.holders { rows.person(person, passwordHash: passwordHash, rng: &rng, shared: true) }
            reps.append(timeline)
        }
        self.reps = reps
        self.rows = rows
    }

    /// Holders of a post from `from` to the end of history, each for a span of `everyMonths`.
    static func timeline(domain: String, from: Day, everyMonths: ClosedRange<Int>, taken: inout Set<String>,
                         rng: inout ScaleRandom) -> ScaleTimeline {
        var holders: [(ScalePerson, Day)] = []
        var day = from
        while day <= ScaleCalendar.historyEnds {
            holders.append((ScalePerson(&rng, domain: domain, taken: &taken, since: day.adding(days: -20)), day))
            day = ScaleCalendar.monthStart(day, plus: rng.int(everyMonths)).adding(days: rng.int(0...20))
        }
        return ScaleTimeline(holders: holders)
    }

    static func index(ofArea area: Int) -> Int { area / areasPerRegion }
    func district(forArea area: Int) -> ScaleCouncil { districts[(area % Self.areasPerRegion) / Self.areasPerDistrict] }
    func officer(forArea area: Int) -> ScaleTimeline { officers[(area % Self.areasPerRegion) / Self.areasPerDistrict] }
    func lto(forArea area: Int) -> ScaleLTO { ltos[(area % Self.areasPerRegion) / Self.areasPerLTO] }
    func rep(forArea area: Int) -> ScaleTimeline { reps[(area % Self.areasPerRegion) / Self.areasPerRep] }
}
