import FluentKit
import Foundation
import RebalanceCore

/// Fernhill's agreement (a signed version and a newer draft), projects at several stages and
/// two and a half years of commitments: kept, late, missed, renegotiated and a few overdue.
/// Open promises are dated from today, so "overdue" stays true whenever the demo is loaded.
/// Loading twice changes nothing: it stops if Fernhill already has an agreement.
enum DemoTrustData {
    static let system = DemoData.system

    static func load(on db: any Database, today: Day = .today()) async throws {
        try await db.writeTransaction { tx in
            guard let p = try await PartnershipRecord.query(on: tx).filter(\.$slug == "fernhill-big-local-partnership").first() else { return }
            let pid = try p.requireID()
            if try await AgreementVersionRecord.query(on: tx).filter(\.$partnership.$id == pid).first() != nil { return }
            func person(_ email: String) async throws -> PersonRecord {
                try await PersonRecord.query(on: tx).filter(\.$email == email).first()!
            }
            let ada = try await person("ada@fernhill.example"), hannah = try await person("hannah@harbourside.example")
            let kofi = try await person("kofi@fernhill.example"), gwen = try await person("gwen@fernhill.example")

            // The agreement: version 1 signed by both sides in spring 2024, version 2 drafted since.
            let first = AgreementContent(
                aims: "Residents want a park that feels safe after dark, things for young people to do and a say in how the estate changes.\nThe council wants fewer repeat complaints, better use of its buildings and to learn how to work alongside residents.\nThe LTO wants the money accounted for well and the partnership able to run on its own.",
                roles: "The partnership sets priorities with the community and decides how Big Local money is spent.\nThe Neighbourhoods team is the council's single point of contact and chases other teams.\nThe Parks team maintains the park and agrees any change to it.\nCouncillors bring residents' concerns and report back to the council, without a vote on spending.\nThe LTO holds the money, pays invoices and reports spending every quarter.\nThe rep supports the chair and helps when the partners disagree.",
                priorities: "A safer, greener Fernhill Park.\nActivities for young people in the evenings.\nOpening the Mill Road community centre to local groups.",
                fixedItems: [FixedItem("Due diligence before any grant is paid", .legalDuty),
                             FixedItem("Personal data handled under UK GDPR", .legalDuty),
                             FixedItem("Public liability insurance for every event", .legalDuty),
                             FixedItem("Council invoices are paid within 30 days", .habit),
                             FixedItem("Only council contractors work in the park", .habit)],
                negotiable: ["Meeting times and places", "Who takes and publishes minutes", "How residents are consulted on park changes"],
                liabilities: "The LTO carries out due diligence on every grant and keeps records for six years.\nEach party is the data controller for what it collects; shared lists go through the LTO.\nThe LTO insures partnership events; council staff are covered by the council's own insurance.",
                decisionMaking: "The partnership decides by consensus, and by a two-thirds vote of residents if consensus fails.\nDecisions that need council permission are raised with the Neighbourhoods team, which answers within 20 working days.",
                decisionRules: try DecisionRules(consensusAgreement: .threeQuarters, majority: .twoThirds, quorum: .share(.atLeast(.half)!),
                                                 excludedRoles: [.funding: [.councillor, .councilOfficer]]),
                reviewOn: Day("2025-04-30")!)
            try await version(pid, 1, first, "First agreement between the partnership and the council", drafted: "2024-04-15",
                              by: ada, officer: hannah, partnershipSigned: ("2024-05-02", ada), councilSigned: ("2024-05-09", hannah), on: tx)
            var second = first
            second.fixedItems.removeAll { $0.text == "Only council contractors work in the park" }
            second.negotiable.append("Whether volunteers may do light work in the park, with the Parks team's training")
            second.priorities += "\nA warm space in the community centre in winter."
            second.reviewOn = Day(year: today.year + 1, month: 4, day: 30)!
            try await version(pid, 2, second, "Volunteers in the park become negotiable; adds a winter warm space",
                              drafted: today.adding(days: -12).description, by: kofi, officer: hannah,
                              partnershipSigned: nil, councilSigned: nil, on: tx)

            // Teams and the LTO as parties.
            let council = try await OrganisationRecord.query(on: tx).filter(\.$slug == "harbourside-city-council").first()!
            let councilID = try council.requireID()
            let teams = try await TeamRecord.query(on: tx).filter(\.$organisation.$id == councilID).all()
            func team(_ slug: String) -> CommitmentParty {
                let t = teams.first { $0.slug == slug }!
                return CommitmentParty(kind: .councilTeam, id: t.id, name: "\(t.name) (\(council.name))", organisationID: councilID)
            }
            let parks = team("parks-and-green-spaces"), neighbourhoods = team("neighbourhoods-and-communities")
            let lto = try await OrganisationRecord.find(p.$lto.id, on: tx)!
            let ltoParty = CommitmentParty(kind: .lto, id: lto.id, name: lto.name)
            let partnership = CommitmentParty(kind: .partnership, id: nil, name: p.name)
            let kofiParty = CommitmentParty(kind: .person, id: kofi.id, name: kofi.name)
            let hannahParty = CommitmentParty(kind: .person, id: hannah.id, name: hannah.name)

            // Projects at different stages.
            let park = try await project(pid, "Fernhill Park after dark", stage: .pilot, priority: "A safer, greener park",
                                         lead: gwen.name, contact: "Beth Summers, Parks", started: "2024-06-01",
                                         stages: [("2024-06-01", .idea), ("2024-09-01", .smallAction), ("2025-05-01", .pilot)],
                                         endpoint: "Lighting on the two main paths, and gates locked at dusk by volunteers trained by the Parks team",
                                         duties: "Parks: install and maintain lighting; train volunteers; carry out the risk assessment",
                                         impact: "Volunteers keep the routine going after Big Local funding ends",
                                         milestones: [("Walkabout with residents", "2024-07-10", "2024-07-10"), ("First two lamps lit", "2025-03-01", "2025-03-28"),
                                                      ("Volunteer rota running", today.adding(days: 40).description, nil)],
                                         permissions: [(.riskAssessment, .granted), (.planning, .notNeeded), (.licensing, .notNeeded)], on: tx)
            let youth = try await project(pid, "Friday youth club", stage: .sustained, priority: "Activities for young people",
                                          lead: kofi.name, contact: "Hannah Reid, Neighbourhoods", started: "2024-05-15",
                                          stages: [("2024-05-15", .smallAction), ("2024-09-01", .pilot), ("2025-01-10", .scaling), ("2025-09-01", .sustained)],
                                          endpoint: "Run by the youth service and volunteers without Big Local staff time",
                                          duties: "Neighbourhoods: free use of the centre hall on Fridays; link with the youth service",
                                          impact: "A club young people run with adults, funded from the youth service's budget from 2027",
                                          milestones: [("First session", "2024-06-07", "2024-06-07"), ("Youth service takes over staffing", "2025-09-01", "2025-09-15")],
                                          permissions: [(.riskAssessment, .granted), (.licensing, .granted)], on: tx)
            let centre = try await project(pid, "Mill Road community centre transfer", stage: .smallAction, priority: "Opening the community centre",
                                           lead: ada.name, contact: "Hannah Reid, Neighbourhoods", started: "2025-02-01",
                                           stages: [("2025-02-01", .idea), ("2025-10-01", .smallAction)],
                                           endpoint: "A 25-year lease to a community organisation, or a clear no with reasons",
                                           duties: "Neighbourhoods and Property: building survey, valuation, asset transfer decision",
                                           impact: "A building the community controls",
                                           milestones: [("Building survey", "2025-11-01", "2025-12-05"), ("Asset transfer decision", today.adding(days: 90).description, nil)],
                                           permissions: [(.assetTransfer, .applied), (.planning, .needed)], on: tx)
            _ = try await project(pid, "Community fridge", stage: .idea, priority: "A warm space in winter", lead: "Lucy Marsh",
                                  contact: "Hannah Reid, Neighbourhoods", started: today.adding(days: -20).description,
                                  stages: [(today.adding(days: -20).description, .idea)],
                                  endpoint: "Decide by spring whether to run a fridge in the centre",
                                  duties: nil, impact: nil, milestones: [], permissions: [(.riskAssessment, .needed)], on: tx)

            // Commitments: (owner, recipient, title, size, project, made, due, renegotiated due, outcome, outcome day)
            typealias Row = (CommitmentParty, CommitmentParty, String, CommitmentSize, UUID?, String, String, String?, CommitmentState, String?)
            let soon = today.adding(days: 25).description, late1 = today.adding(days: -20).description, late2 = today.adding(days: -6).description
            let rows: [Row] = [
                (parks, partnership, "Cut back the overgrown path by the brook", .earlyWin, park.id, "2024-06-05", "2024-07-01", nil, .delivered, "2024-06-27"),
                (parks, partnership, "Install two lamps on the main path", .larger, park.id, "2024-09-10", "2024-12-20", "2025-03-31", .delivered, "2025-03-28"),
                (parks, partnership, "Train six volunteers to lock the gates", .earlyWin, park.id, "2025-05-10", "2025-07-31", nil, .delivered, "2025-07-20"),
                (parks, partnership, "Replace the broken bench by the pond", .earlyWin, park.id, "2025-03-01", "2025-05-01", nil, .missed, "2025-06-01"),
                (parks, partnership, "Repair the playground fence", .earlyWin, park.id, today.adding(days: -80).description, late1, nil, .agreed, nil),
                (parks, partnership, "Publish the tree survey", .earlyWin, park.id, today.adding(days: -60).description, late2, nil, .inProgress, nil),
                (neighbourhoods, partnership, "Free use of the centre hall on Fridays", .earlyWin, youth.id, "2024-05-20", "2024-06-07", nil, .delivered, "2024-06-03"),
                (neighbourhoods, partnership, "Answer the asset transfer questions", .larger, centre.id, "2025-02-10", "2025-04-30", "2025-07-31", .delivered, "2025-08-20"),
                (neighbourhoods, partnership, "Commission the building survey", .larger, centre.id, "2025-08-01", "2025-11-01", nil, .delivered, "2025-12-05"),
                (neighbourhoods, partnership, "Bring the asset transfer to cabinet", .larger, centre.id, today.adding(days: -30).description, today.adding(days: 90).description, nil, .agreed, nil),
                (ltoParty, partnership, "Quarterly spending report", .earlyWin, nil, "2024-05-01", "2024-07-15", nil, .delivered, "2024-07-12"),
                (ltoParty, partnership, "Set up the small grants bank account", .earlyWin, nil, "2024-06-01", "2024-07-01", nil, .delivered, "2024-07-19"),
                (partnership, neighbourhoods, "Consult residents on the centre's use", .larger, centre.id, "2025-03-01", "2025-06-30", nil, .delivered, "2025-06-28"),
                (partnership, parks, "Recruit the first gate volunteers", .earlyWin, park.id, "2025-04-01", "2025-05-31", nil, .delivered, "2025-05-20"),
                (partnership, neighbourhoods, "Run a youth club open evening", .earlyWin, youth.id, "2024-08-01", "2024-09-30", nil, .withdrawn, "2024-09-01"),
                (kofiParty, partnership, "Write the youth club handbook", .earlyWin, youth.id, "2025-06-01", "2025-08-31", nil, .delivered, "2025-09-10"),
                (hannahParty, partnership, "Introduce the new youth service manager", .earlyWin, youth.id, today.adding(days: -10).description, soon, nil, .agreed, nil),
            ]
            for (owner, recipient, title, size, projectID, made, due, newDue, outcome, outcomeDay) in rows {
                try await commitment(pid, owner, recipient, title, size, projectID, Day(made)!, Day(due)!, newDue.flatMap(Day.init),
                                     outcome, outcomeDay.flatMap(Day.init), on: tx)
            }
        }
    }

    static func version(_ pid: UUID, _ number: Int, _ content: AgreementContent, _ summary: String, drafted: String, by: PersonRecord,
                        officer: PersonRecord, partnershipSigned: (String, PersonRecord)?, councilSigned: (String, PersonRecord)?,
                        on db: any Database) async throws {
        let v = AgreementVersionRecord()
        v.$partnership.id = pid
        v.number = number
        v.content = content
        v.changeSummary = summary
        v.draftedByID = by.id
        v.draftedByName = by.name
        v.draftedOnRaw = drafted
        v.councilOfficerID = try officer.requireID()
        v.councilOfficerName = officer.name
        if let (day, who) = partnershipSigned {
            v.partnershipSignedByID = who.id; v.partnershipSignedByName = who.name; v.partnershipSignedOnRaw = day
        }
        if let (day, who) = councilSigned {
            v.councilSignedByID = who.id; v.councilSignedByName = who.name; v.councilSignedOnRaw = day
        }
        v.version = 1
        try await v.create(on: db)
        try await Audit.created(v, partnership: pid, by: system, on: db)
    }

    static func project(_ pid: UUID, _ title: String, stage: ProjectStage, priority: String, lead: String, contact: String, started: String,
                        stages: [(String, ProjectStage)], endpoint: String, duties: String?, impact: String?,
                        milestones: [(String, String, String?)], permissions: [(ProjectPermissionKind, ProjectPermissionStatus)],
                        on db: any Database) async throws -> ProjectRecord {
        let p = ProjectRecord()
        p.$partnership.id = pid
        p.apply(ProjectDraft(title: title, description: nil, planPriority: priority, communityLead: lead, councilContact: contact,
                             stage: stage, endpoint: endpoint, endsOn: nil, councilResponsibilities: duties, lastingImpact: impact))
        p.createdOnRaw = started
        p.version = 1
        try await p.create(on: db)
        try await Audit.created(p, partnership: pid, by: system, on: db)
        var previous: ProjectStage?
        for (day, s) in stages {
            let change = ProjectStageChangeRecord()
            change.$project.id = try p.requireID()
            change.onRaw = day
            change.fromStage = previous?.rawValue
            change.toStage = s.rawValue
            change.actorName = "Demo loader"
            try await change.create(on: db)
            previous = s
        }
        for (name, due, done) in milestones {
            let m = MilestoneRecord()
            m.$project.id = try p.requireID()
            m.title = name; m.dueOnRaw = due; m.doneOnRaw = done
            try await m.create(on: db)
        }
        for (kind, status) in permissions {
            let r = ProjectPermissionRecord()
            r.$project.id = try p.requireID()
            r.kindRaw = kind.rawValue; r.statusRaw = status.rawValue; r.updatedOnRaw = started
            try await r.create(on: db)
        }
        return p
    }

    static func commitment(_ pid: UUID, _ owner: CommitmentParty, _ recipient: CommitmentParty, _ title: String, _ size: CommitmentSize,
                           _ projectID: UUID?, _ made: Day, _ due: Day, _ newDue: Day?, _ outcome: CommitmentState, _ outcomeDay: Day?,
                           on db: any Database) async throws {
        let c = CommitmentRecord()
        c.$partnership.id = pid
        c.apply(CommitmentDraft(title: title, description: nil, owner: owner, recipient: recipient, dueOn: due, size: size,
                                projectID: projectID, meetingReference: nil, decisionReference: nil, state: .agreed), createdOn: made)
        c.version = 1
        if let newDue { c.dueOnRaw = newDue.description; c.renegotiations = 1 }
        c.stateRaw = outcome.rawValue
        if outcome == .delivered { c.deliveredOnRaw = outcomeDay?.description }
        if outcome == .withdrawn { c.closedReason = "The youth club started sooner than planned, so the open evening was not needed" }
        if outcome == .missed { c.closedReason = "The bench was not in the year's budget" }
        try await c.create(on: db)
        let id = try c.requireID()
        func event(_ on: Day, _ kind: CommitmentEventRecord.Kind) -> CommitmentEventRecord {
            CommitmentEventRecord(id, on: on, kind: kind, actor: system)
        }
        let created = event(made, .created)
        created.toState = CommitmentState.agreed.rawValue
        created.toDue = due.description
        try await created.create(on: db)
        if let newDue {
            let r = event(due.adding(days: -14), .renegotiated)
            r.fromDue = due.description; r.toDue = newDue.description
            r.reason = "The supplier could not deliver in time; both sides agreed the new date"
            try await r.create(on: db)
        }
        if let outcomeDay, outcome != .agreed {
            let s = event(outcomeDay, .state)
            s.fromState = CommitmentState.agreed.rawValue
            s.toState = outcome.rawValue
            s.reason = c.closedReason
            try await s.create(on: db)
        }
        try await Audit.created(c, partnership: pid, by: system, on: db)
    }
}
