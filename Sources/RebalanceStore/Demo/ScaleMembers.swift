import FluentKit
import Foundation
import RebalanceCore

/// The area and its partnership, its local organisations, and fifteen years of who sat on the
/// partnership: residents coming and going, chairs handing on to another resident every few
/// years, councillors changing at elections, and the district's officer, the rep and the LTO's
/// manager changing when their region's timelines say (the same people on neighbouring
/// partnerships).
enum ScaleMembers: ScalePart {
    static let name = "members"

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let start = area.formedOn
        registerArea(area, rng: &rng)
        let school = localOrganisation(area, "\(area.name) Primary School", .localOrganisation,
                                       "The primary school most of the area's children go to.", rng: &rng)
        _ = localOrganisation(area, "Friends of \(area.name) Park", .communityGroup,
                              "Volunteers who look after the park and run the summer fun day.", rng: &rng)
        if rng.chance(0.5) {
            _ = localOrganisation(area, "\(area.name) Residents' Association", .communityGroup,
                                  "Tenants and residents meeting monthly since the 1980s.", rng: &rng)
        }
        let head = ScalePerson(&rng, domain: "\(Slug.make(from: school.name)).sch.example", taken: &area.taken,
                               since: start.adding(days: -40))
        area.rows.person(head, passwordHash: area.passwordHash, rng: &rng)
        let staff = StaffRecord()
        staff.id = rng.uuid()
        staff.$organisation.id = school.id
        staff.$person.id = head.id
        staff.jobTitle = "Head teacher"
        staff.isAdministrator = true
        area.rows.add(staff)
        area.rows.created(staff, partnership: nil, by: .system, at: ScaleCalendar.at(head.since, 11), rng: &rng)

        var seats = Seats(area: area)
        let chair = area.newResident(on: start.adding(days: -rng.int(10...60)), &rng)
        seats.add(chair, .chair, from: start)
        for _ in 0..<rng.int(7...10) { seats.add(area.newResident(on: start.adding(days: -rng.int(5...60)), &rng), .resident, from: start) }
        seats.add(area.newResident(on: start.adding(days: -30), &rng, title: "Cllr"), .councillor, from: start, org: area.district.id)
        if rng.chance(0.3) {
            seats.add(area.newResident(on: start.adding(days: -30), &rng, title: "Cllr"), .councillor, from: start, org: area.county.id)
        }
        seats.add(area.officer(on: start), .councilOfficer, from: start, org: area.district.id)
        seats.add(area.lto.person, .ltoRepresentative, from: start, org: area.lto.id)
        seats.add(area.reps.holder(on: start), .rep, from: start)
        seats.add(head, .localOrganisation, from: start, org: school.id)
        if rng.chance(0.25) { seats.add(area.newResident(on: start.adding(days: -10), &rng), .observer, from: start) }

        var waitingToJoin: [Day] = []
        var nextChairChange = ScaleCalendar.monthStart(start, plus: rng.int(36...60))
        var workerFrom: Day? = ScaleCalendar.monthStart(start, plus: rng.int(12...30))
        let elections = [2015, 2019, 2023].map { ScaleCalendar.next(4, onOrAfter: Day(year: $0, month: 5, day: 1)!) }
        var month = ScaleCalendar.monthStart(start, plus: 1)
        while month <= area.ends {
            let monthEnd = min(ScaleCalendar.monthStart(month, plus: 1).adding(days: -1), area.ends)
            let day = area.day(&rng, from: month, through: monthEnd)
            // Residents move away or step down; someone new joins a month or three later.
            for i in seats.current(.resident, on: day) where rng.chance(0.011) {
                seats.end(i, on: day)
                waitingToJoin.append(day.adding(days: rng.int(30...90)))
            }
            for joinOn in waitingToJoin where joinOn <= monthEnd {
                seats.add(area.newResident(on: joinOn.adding(days: -rng.int(3...20)), &rng), .resident, from: joinOn)
            }
            waitingToJoin.removeAll { $0 <= monthEnd }
            // A resident member takes over as chair; the old chair usually stays on as a resident.
            if day >= nextChairChange, let next = seats.current(.resident, on: day).min(by: { seats.all[$0].startsOn < seats.all[$1].startsOn }),
               let old = seats.current(.chair, on: day).first {
                let successor = seats.all[next].person
                seats.end(next, on: day.adding(days: -1))
                seats.end(old, on: day.adding(days: -1))
                seats.add(successor, .chair, from: day, by: seats.all[old].person)
                if rng.chance(0.6) { seats.add(seats.all[old].person, .resident, from: day) } else { waitingToJoin.append(day.adding(days: 60)) }
                nextChairChange = ScaleCalendar.monthStart(day, plus: rng.int(36...60))
            }
            // A new ward councillor after some elections.
            for election in elections where election >= month && election <= monthEnd && rng.chance(0.35) {
                if let i = seats.current(.councillor, on: election).first(where: { seats.all[$0].organisationID == area.district.id }) {
                    seats.end(i, on: election)
                    let cllr = area.newResident(on: election.adding(days: 2), &rng, title: "Cllr")
                    seats.add(cllr, .councillor, from: election.adding(days: 3), org: area.district.id)
                }
            }
            // A paid project worker, replaced every few years.
            if let from = workerFrom, from <= monthEnd {
                for i in seats.current(.projectWorker, on: from) { seats.end(i, on: from.adding(days: -1)) }
                seats.add(area.newResident(on: from.adding(days: -14), &rng), .projectWorker, from: from, votes: false, lives: rng.chance(0.5))
                let next = ScaleCalendar.monthStart(from, plus: rng.int(36...60))
                workerFrom = next <= area.ends ? next : nil
            }
            month = ScaleCalendar.monthStart(month, plus: 1)
        }
        // The district's officer and the rep change when the region's timelines say.
        for change in area.officers.changes(after: start, through: area.ends) {
            guard let i = seats.current(.councilOfficer, on: change.day.adding(days: -1)).first else { continue }
            seats.end(i, on: change.day.adding(days: -1), by: change.leaver)
            seats.add(change.successor, .councilOfficer, from: change.day, org: area.district.id, by: change.leaver)
            area.officerChanges.append((seats.all[i], change.successor, change.day.adding(days: -1)))
        }
        for change in area.reps.changes(after: start, through: area.ends) {
            guard let i = seats.current(.rep, on: change.day.adding(days: -1)).first else { continue }
            seats.end(i, on: change.day.adding(days: -1))
            seats.add(change.successor, .rep, from: change.day)
        }
        area.seats = seats.all
        seats.write(rng: &rng)
    }

    /// The area, its councils and its partnership, as `AreaCommands.create` makes them, then
    /// the partnership's summary and LTO filled in when it formed.
    static func registerArea(_ area: ScaleArea, rng: inout ScaleRandom) {
        let registered = ScaleCalendar.at(area.formedOn.adding(days: -60), 10)
        let a = AreaRecord()
        a.id = area.areaID
        a.slug = area.slug
        a.name = area.name
        a.summary = "\(rng.pick(areaKinds)) around \(rng.pick(ScaleNames.streets)) and \(rng.pick(ScaleNames.landmarks)): about \(rng.int(12...40) * 100) homes."
        a.populationEstimate = rng.int(30...110) * 100
        a.version = 1
        area.rows.add(a)
        var fields = a.auditFields
        fields["councils"] = area.councils.map(\.id.uuidString).sorted().joined(separator: ",")
        area.rows.audit(.created, AreaRecord.auditType, id: a.id, label: a.name, before: nil, after: fields,
                        partnership: area.partnershipID, by: .system, at: registered, entryID: rng.uuid())
        for council in area.councils {
            let link = AreaCouncilRecord()
            link.id = rng.uuid()
            link.$area.id = area.areaID
            link.$council.id = council.id
            area.rows.add(link)
        }
        let p = PartnershipRecord()
        p.id = area.partnershipID
        p.$area.id = area.areaID
        p.slug = area.partnershipSlug
        p.name = area.partnershipName
        p.version = 1
        area.rows.created(p, partnership: p.id, by: .system, at: registered, rng: &rng)
        let before = p.auditFields
        p.summary = "Residents of \(area.name) steering Big Local money with the council, the school and local groups."
        p.$lto.id = area.lto.id
        p.version = 2
        area.rows.updated(p, before: before, partnership: p.id, by: .system, at: ScaleCalendar.at(area.formedOn, 10), rng: &rng)
        area.rows.add(p)
    }

    static let areaKinds = ["A 1960s estate and the terraces", "Former pit villages strung out", "A seaside estate and the streets",
                            "Victorian terraces and tower blocks", "A market town's east side, the estate", "Post-war semis and maisonettes"]

    static func localOrganisation(_ area: ScaleArea, _ name: String, _ kind: OrganisationKind, _ about: String,
                                  rng: inout ScaleRandom) -> (id: UUID, name: String) {
        let org = OrganisationRecord()
        org.id = rng.uuid()
        org.slug = Slug.make(from: name)
        org.name = name
        org.kindRaw = kind.rawValue
        org.holdsMoney = kind == .lto
        org.summary = about
        org.version = 1
        area.rows.add(org)
        area.rows.created(org, partnership: nil, by: .system, at: ScaleCalendar.at(area.formedOn.adding(days: -50), 10), rng: &rng)
        area.localOrganisations.append((org.id!, name))
        return (org.id!, name)
    }

    /// The seats as they are handed out, then written with an audit entry for each start and end.
    struct Seats {
        let area: ScaleArea
        var all: [ScaleSeat] = []
        /// Who ended each seat, when it was not the chair of the day (an officer handing over).
        var endedBy: [Int: ScalePerson] = [:]
        private var idRandom: ScaleRandom

        init(area: ScaleArea) {
            self.area = area
            idRandom = area.rng("members/ids")
        }

        mutating func add(_ person: ScalePerson, _ role: MembershipRole, from: Day, org: UUID? = nil,
                          votes: Bool? = nil, lives: Bool? = nil, by: ScalePerson? = nil) {
            let founding = from == area.formedOn
            let addedBy = by ?? (founding ? nil : chairOn(from))
            all.append(ScaleSeat(id: idRandom.uuid(), person: person, role: role, votes: votes ?? role.votesByDefault,
                                 livesInArea: lives ?? (role == .resident || role == .chair || role == .observer),
                                 organisationID: org, startsOn: from, endsOn: nil, addedBy: addedBy))
        }

        mutating func end(_ index: Int, on day: Day, by: ScalePerson? = nil) {
            all[index].endsOn = day
            if let by { endedBy[index] = by }
        }

        func current(_ role: MembershipRole, on day: Day) -> [Int] {
            all.indices.filter { all[$0].role == role && all[$0].isCurrent(on: day) }
        }

        func chairOn(_ day: Day) -> ScalePerson? {
            all.last { $0.role == .chair && $0.isCurrent(on: day) }?.person
        }

        func write(rng: inout ScaleRandom) {
            for (i, seat) in all.enumerated() {
                let m = MembershipRecord()
                m.id = seat.id
                m.$partnership.id = area.partnershipID
                m.$person.id = seat.person.id
                m.roleRaw = seat.role.rawValue
                m.votes = seat.votes
                m.livesInArea = seat.livesInArea
                m.startsOnRaw = seat.startsOn.description
                m.endsOnRaw = nil
                m.$organisation.id = seat.organisationID
                m.version = 1
                area.rows.created(m, partnership: area.partnershipID, by: seat.addedBy?.actor ?? .system,
                                  at: ScaleCalendar.at(seat.startsOn, 20, 30), rng: &rng)
                if let ended = seat.endsOn {
                    let before = m.auditFields
                    m.endsOnRaw = ended.description
                    m.version = 2
                    let by = endedBy[i] ?? chairOn(ended) ?? seat.person
                    area.rows.updated(m, before: before, partnership: area.partnershipID, by: by.actor,
                                      at: ScaleCalendar.at(ended, 21), rng: &rng)
                }
                area.rows.add(m)
            }
        }
    }
}
