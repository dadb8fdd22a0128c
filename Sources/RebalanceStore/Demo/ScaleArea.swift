import FluentKit
import Foundation
import RebalanceCore

/// One feature's share of an area's history. Each part has its own random stream (so a new
/// part, added when its feature lands, changes nothing the others make), reads what earlier
/// parts left on the area and adds its rows, with the audit entries the real commands would
/// have written, dated when it happened.
protocol ScalePart: Sendable {
    static var name: String { get }
    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws
}

/// A seat on the partnership, held from one day to another (or still).
struct ScaleSeat: Sendable {
    let id: UUID
    let person: ScalePerson
    let role: MembershipRole
    let votes: Bool
    let livesInArea: Bool
    let organisationID: UUID?
    let startsOn: Day
    var endsOn: Day?
    /// Who gave the seat (nil: at the partnership's founding, by the programme).
    let addedBy: ScalePerson?

    func isCurrent(on day: Day) -> Bool { startsOn <= day && (endsOn.map { $0 >= day } ?? true) }
}

/// A meeting that took place, as later parts need it.
struct ScaleMeeting: Sendable {
    let seriesID: UUID
    let title: String
    let kind: MeetingKind
    /// The day the series first put it on: what identifies it.
    let originalDay: Day
    /// The day it took place (after any move).
    let day: Day
    let attended: [UUID]
}

/// A settled proposal or poll, for commitments that carry decisions out.
struct ScaleDecision: Sendable {
    let logID: UUID
    let title: String
    let decidedOn: Day
    let passedFunding: Bool
    let proposer: ScalePerson
}

struct ScaleProject: Sendable {
    let id: UUID
    let title: String
    let startedOn: Day
    let endedOn: Day?
}

/// One generated area while it is being made: its fixed facts, its people and seats over time,
/// and what each part made that later parts build on. Nothing here touches the database.
final class ScaleArea {
    let index: Int
    let seed: UInt64
    let passwordHash: String
    let name: String
    let slug: String
    /// People of the area have addresses here.
    let domain: String
    let areaID: UUID
    let partnershipID: UUID
    let partnershipName: String
    let partnershipSlug: String
    let region: ScaleRegion
    let district: ScaleCouncil
    let county: ScaleCouncil
    let lto: ScaleRegion.ScaleLTO
    let officers: ScaleTimeline
    let reps: ScaleTimeline
    let formedOn: Day
    let ends = ScaleCalendar.historyEnds
    var taken: Set<String> = []
    var rows = ScaleRows()

    // Left by the parts, in the order they run.
    var seats: [ScaleSeat] = []
    var localOrganisations: [(id: UUID, name: String)] = []
    var officerChanges: [(leaver: ScaleSeat, successor: ScalePerson, lastDay: Day)] = []
    /// Agreement versions in force, oldest first: the day both sides had signed, and its rules.
    var agreementsInForce: [(from: Day, rules: DecisionRules)] = []
    var meetings: [ScaleMeeting] = []
    var projects: [ScaleProject] = []
    var decisions: [ScaleDecision] = []

    init(index: Int, seed: UInt64, passwordHash: String, region: ScaleRegion) {
        self.index = index
        self.seed = seed
        self.passwordHash = passwordHash
        self.region = region
        var rng = ScaleRandom(seed: seed, "area", index)
        name = ScaleNames.areaName(index, seed: seed)
        slug = Slug.make(from: name)
        domain = "\(slug).example"
        areaID = rng.uuid()
        partnershipID = rng.uuid()
        partnershipName = "\(name) Big Local"
        partnershipSlug = Slug.make(from: partnershipName)
        district = region.district(forArea: index)
        county = region.county
        lto = region.lto(forArea: index)
        officers = region.officer(forArea: index)
        reps = region.rep(forArea: index)
        formedOn = ScaleCalendar.firstFormed.adding(days: rng.int(0...ScaleCalendar.formingDays))
    }

    /// The stream of one part of this area.
    func rng(_ part: String) -> ScaleRandom { ScaleRandom(seed: seed, "area-\(index)/\(part)") }

    var councils: [ScaleCouncil] { [district, county] }
    var councilStaff: [ScaleStaff] { district.staff + county.staff }

    func seats(on day: Day) -> [ScaleSeat] { seats.filter { $0.isCurrent(on: day) } }

    func chair(on day: Day) -> ScalePerson {
        seats.last { $0.role == .chair && $0.isCurrent(on: day) }?.person ?? seats.first { $0.role == .chair }!.person
    }

    /// Someone who writes things up for the partnership: the project worker when there is one.
    func secretary(on day: Day, _ rng: inout ScaleRandom) -> ScalePerson {
        if let worker = seats.last(where: { $0.role == .projectWorker && $0.isCurrent(on: day) }), rng.chance(0.6) { return worker.person }
        return chair(on: day)
    }

    func officer(on day: Day) -> ScalePerson { officers.holder(on: day) }

    /// Current residents (chair included), for who raises things and who proposes.
    func residents(on day: Day) -> [ScalePerson] {
        seats(on: day).filter { $0.role == .resident || $0.role == .chair }.map(\.person)
    }

    /// The members as the decision rules see them on `day`.
    func decisionMembers(on day: Day) -> [DecisionMember] {
        seats(on: day).map { DecisionMember(personID: $0.person.id, role: $0.role, votes: $0.votes) }
    }

    /// Current members' people, each once, in seat order.
    func memberPeople(on day: Day) -> [ScalePerson] {
        var seen: Set<UUID> = []
        return seats(on: day).map(\.person).filter { seen.insert($0.id).inserted }
    }

    func rules(on day: Day) -> DecisionRules {
        agreementsInForce.last { $0.from <= day }?.rules ?? .bigLocalDefault
    }

    /// A new resident of the area, with an account from `day`.
    func newResident(on day: Day, _ rng: inout ScaleRandom, title: String? = nil) -> ScalePerson {
        let p = ScalePerson(&rng, domain: domain, taken: &taken, since: day, title: title)
        rows.person(p, passwordHash: passwordHash, rng: &rng)
        return p
    }

    /// A random day in `from...through` (or `from` when the range is empty).
    func day(_ rng: inout ScaleRandom, from: Day, through: Day) -> Day {
        through <= from ? from : from.adding(days: rng.int(0...(through.ordinal - from.ordinal)))
    }
}
