import FluentKit
import Foundation
import RebalanceCore

/// About one new co-owned project a year, each climbing the ladder (idea, small action, pilot,
/// scaling up, sustained) or closing, with milestones and the permissions it needed.
enum ScaleProjects: ScalePart {
    static let name = "projects"

    static let ideas: [(title: String, endpoint: String, impact: String)] = [
        ("Friday youth club", "Run by the youth service and volunteers without Big Local staff time", "A club young people run with adults"),
        ("Park after dark", "Lighting on the main paths and gates locked at dusk by trained volunteers", "Volunteers keep the routine going"),
        ("Community garden", "A garden the residents' association runs on its own", "Food grown and shared on the estate"),
        ("Winter warm space", "A warm room five days a week every winter", "A place nobody has to pay to sit in"),
        ("Community centre transfer", "A 25-year lease to a community organisation, or a clear no with reasons", "A building the community controls"),
        ("Job club", "Weekly help with CVs and applications, run with the jobcentre", "People into work and training"),
        ("Community fridge", "A fridge in the centre stocked by local shops", "Less food wasted, fewer families going without"),
        ("Street art trail", "Six murals by local young people", "Pride in the area, and fewer tags"),
        ("Lunch club for older residents", "A weekly lunch run by volunteers", "Older people less alone"),
        ("Safer routes to school", "A crossing and a walking bus to the primary school", "Children walking to school safely"),
        ("Repair café", "A monthly café where volunteers fix things", "Skills shared, less thrown away"),
        ("Local history project", "A booklet and an exhibition of residents' photographs", "Stories kept for the next generation"),
        ("Credit union collection point", "A weekly collection point at the library", "Fewer people using doorstep lenders"),
        ("Allotment expansion", "Twenty new plots on the old playing field", "More people growing food"),
        ("Bike hub", "A shed with bikes to borrow and a weekly repair session", "More people cycling to work"),
        ("Health walks", "Weekly led walks from the health centre", "More people active every week"),
    ]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let count = rng.int(10...15)
        let first = area.formedOn.adding(days: 120)
        let span = max(1, area.ends.adding(days: -90).ordinal - first.ordinal)
        for (n, idea) in rng.sample(ideas, count).enumerated() {
            let started = first.adding(days: span * n / count + rng.int(0...(span / count)))
            project(area, idea, started: started, rng: &rng)
        }
    }

    static func project(_ area: ScaleArea, _ idea: (title: String, endpoint: String, impact: String), started: Day, rng: inout ScaleRandom) {
        let chair = area.chair(on: started)
        let lead = rng.pick(area.residents(on: started))
        let contactTeam = rng.pick(area.district.teams + [area.county.team("engagement")])
        let contact = area.councilStaff.first { $0.teamID == contactTeam.id }!
        var stages: [(Day, ProjectStage)] = [(started, .idea)]
        var day = started
        for next in [ProjectStage.smallAction, .pilot, .scaling, .sustained] {
            day = day.adding(days: rng.int(60...400))
            guard day <= area.ends, rng.chance(0.75) else { break }
            stages.append((day, next))
        }
        var endedOn: Day?
        let closeOn = stages.last!.0.adding(days: rng.int(90...700))
        if stages.last!.1 != .sustained, closeOn <= area.ends, rng.chance(0.35) {
            stages.append((closeOn, .closed))
            endedOn = closeOn
        }
        let p = ProjectRecord()
        p.id = rng.uuid()
        p.$partnership.id = area.partnershipID
        p.apply(ProjectDraft(title: idea.title, description: "\(idea.title) for \(area.name), led by residents with \(contactTeam.name).",
                             planPriority: ScaleTexts.fill(rng.pick(ScaleTexts.priorities), area, &rng),
                             communityLead: lead.name, councilContact: "\(contact.person.name), \(contactTeam.name)",
                             stage: .idea, endpoint: idea.endpoint, endsOn: nil,
                             councilResponsibilities: "\(contactTeam.name): advice, permissions and a named contact",
                             lastingImpact: idea.impact))
        p.createdOnRaw = started.description
        p.version = 1
        area.rows.created(p, partnership: area.partnershipID, by: chair.actor, at: ScaleCalendar.at(started, 20), rng: &rng)
        var previous: ProjectStage?
        for (on, stage) in stages {
            if previous != nil {
                let before = p.auditFields
                p.stageRaw = stage.rawValue
                p.version += 1
                area.rows.updated(p, before: before, partnership: area.partnershipID, by: area.chair(on: on).actor,
                                  at: ScaleCalendar.at(on, 20, 30), rng: &rng)
            }
            let change = ProjectStageChangeRecord()
            change.id = rng.uuid()
            change.$project.id = p.id!
            change.onRaw = on.description
            change.fromStage = previous?.rawValue
            change.toStage = stage.rawValue
            change.actorName = area.chair(on: on).name
            area.rows.add(change)
            previous = stage
        }
        area.rows.add(p)

        for k in 0..<rng.int(2...4) {
            let m = MilestoneRecord()
            m.id = rng.uuid()
            m.$project.id = p.id!
            m.title = rng.pick(milestones) + (k == 0 ? "" : " (\(k + 1))")
            let due = started.adding(days: rng.int(30...500))
            m.dueOnRaw = due.description
            if due <= area.ends, rng.chance(0.8) { m.doneOnRaw = min(area.ends, due.adding(days: rng.int(-20...40))).description }
            area.rows.created(m, partnership: area.partnershipID, by: chair.actor, at: ScaleCalendar.at(started, 20, 10 + k), rng: &rng)
            area.rows.add(m)
        }
        for kind in rng.sample(ProjectPermissionKind.allCases, rng.int(1...3)) {
            let r = ProjectPermissionRecord()
            r.id = rng.uuid()
            r.$project.id = p.id!
            r.kindRaw = kind.rawValue
            r.statusRaw = rng.pick([ProjectPermissionStatus.granted, .granted, .applied, .notNeeded, .needed, .refused]).rawValue
            r.updatedOnRaw = started.adding(days: rng.int(10...120)).description
            area.rows.created(r, partnership: area.partnershipID, by: chair.actor, at: ScaleCalendar.at(started, 20, 20), rng: &rng)
            area.rows.add(r)
        }
        area.projects.append(ScaleProject(id: p.id!, title: idea.title, startedOn: started, endedOn: endedOn))
    }

    static let milestones = ["Walkabout with residents", "First session", "Volunteers trained", "Funding agreed", "Opening day",
                             "Six-month review", "Handed over to volunteers", "Building survey", "Consultation report"]
}
