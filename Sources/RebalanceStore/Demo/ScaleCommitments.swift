import FluentKit
import Foundation
import RebalanceCore

/// Two or so promises a month between the partnership, the councils' teams, the LTO and
/// members: many agreed as actions at meetings, some carrying out decisions, some part of a
/// project. Most are kept on time; some late, renegotiated, missed or withdrawn; the recent ones
/// still open, a few of them overdue. Each step follows `CommitmentState`'s moves and is in the
/// history and the audit log, so track records add up.
enum ScaleCommitments: ScalePart {
    static let name = "commitments"

    static let titles: [(String, CommitmentParty.Kind)] = [
        ("Cut back the overgrown path by {street}", .councilTeam), ("Repair the playground fence", .councilTeam),
        ("Publish the tree survey", .councilTeam), ("Answer the asset transfer questions about {landmark}", .councilTeam),
        ("Free use of the hall at {landmark} on Fridays", .councilTeam), ("Fix the street lights on {street}", .councilTeam),
        ("Clear the fly-tipping behind {street}", .councilTeam), ("Send the estates team's answer in writing", .councilTeam),
        ("Bring a housing officer to the next open meeting", .councilTeam), ("Survey the crossing outside the school", .councilTeam),
        ("Share the youth service's figures for {area}", .councilTeam), ("Install a dog bin by {landmark}", .councilTeam),
        ("Consult residents on the future of {landmark}", .partnership), ("Recruit volunteers for the garden", .partnership),
        ("Run a stall at the county's community fair", .partnership), ("Share the survey results with the council", .partnership),
        ("Write to every household about the plan review", .partnership), ("Organise the spring clean-up", .partnership),
        ("Quarterly spending report", .lto), ("Set up the small grants bank account", .lto), ("Pay the youth worker's invoices", .lto),
        ("Check the insurance for the fun day", .lto),
        ("Write the youth club handbook", .person), ("Draft the newsletter", .person), ("Book the hall for the AGM", .person),
        ("Introduce the new youth service manager", .person),
    ]
    static let missedReasons = ["It was not in the year's budget", "The contractor went into administration",
                                "Staff shortages over the winter", "The land turned out to belong to the county"]
    static let withdrawnReasons = ["No longer needed: the council did it anyway", "Overtaken by the new plan",
                                   "The group that asked for it has folded"]
    static let renegotiationReasons = ["The supplier could not deliver in time; both sides agreed the new date",
                                       "Waiting for the county's decision", "The lead officer was off sick"]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let partnership = CommitmentParty(kind: .partnership, id: nil, name: area.partnershipName)
        let lto = CommitmentParty(kind: .lto, id: area.lto.id, name: area.lto.name)
        // Actions agreed at meetings: about one in three partnership and liaison meetings.
        for m in area.meetings where m.kind != .openCommunity && rng.chance(0.55) {
            for _ in 0..<rng.int(1...2) {
                try promise(area, made: m.day, meeting: m, decision: nil, partnership: partnership, lto: lto, rng: &rng)
            }
        }
        // Decisions carried out: most funding decisions that passed.
        for d in area.decisions where d.passedFunding && rng.chance(0.8) {
            try promise(area, made: d.decidedOn.adding(days: rng.int(1...7)), meeting: nil, decision: d, partnership: partnership, lto: lto, rng: &rng)
        }
        // And promises made between meetings.
        var day = area.formedOn.adding(days: 30)
        while day <= area.ends {
            try promise(area, made: day, meeting: nil, decision: nil, partnership: partnership, lto: lto, rng: &rng)
            day = day.adding(days: rng.int(20...75))
        }
    }

    static func promise(_ area: ScaleArea, made: Day, meeting: ScaleMeeting?, decision: ScaleDecision?,
                        partnership: CommitmentParty, lto: CommitmentParty, rng: inout ScaleRandom) throws {
        guard made <= area.ends else { return }
        let (template, kind) = decision != nil ? ("Carry out: {decision}", rng.pick([CommitmentParty.Kind.lto, .partnership])) : rng.pick(titles)
        var owner: CommitmentParty
        switch kind {
        case .councilTeam:
            let council = rng.chance(0.7) ? area.district : area.county
            owner = rng.pick(council.teams).party
        case .partnership: owner = partnership
        case .lto: owner = lto
        case .person:
            let p = rng.pick(area.memberPeople(on: made))
            owner = CommitmentParty(kind: .person, id: p.id, name: p.name)
        }
        let recipient = owner.kind == .partnership ? area.district.team("neighbourhoods").party : partnership
        let size: CommitmentSize = rng.chance(0.45) ? .earlyWin : .larger
        let due = made.adding(days: size == .earlyWin ? rng.int(14...60) : rng.int(60...240))
        let project = area.projects.filter { $0.startedOn <= made && ($0.endedOn.map { $0 >= made } ?? true) }
        let by = meeting.map { _ in area.chair(on: made) } ?? (owner.kind == .councilTeam ? area.officer(on: made) : area.chair(on: made))
        let title = template == "Carry out: {decision}" ? String("Carry out: \(decision!.title)".prefix(200)) : ScaleTexts.fill(template, area, &rng)

        let c = CommitmentRecord()
        c.id = rng.uuid()
        c.$partnership.id = area.partnershipID
        c.apply(CommitmentDraft(title: title, description: nil, owner: owner, recipient: recipient, dueOn: due, size: size,
                                projectID: !project.isEmpty && rng.chance(0.35) ? rng.pick(project).id : nil,
                                meetingReference: meeting.map { "\($0.title), \($0.originalDay.readable)" },
                                decisionReference: decision.map { String($0.title.prefix(200)) }, state: .agreed), createdOn: made)
        c.meetingSeriesID = meeting?.seriesID
        c.meetingDayRaw = meeting?.originalDay.description
        c.decisionID = decision?.logID
        c.version = 1
        area.rows.created(c, partnership: area.partnershipID, by: by.actor, at: ScaleCalendar.at(made, 20, 45), rng: &rng)
        let id = c.id!
        event(area, id, on: made, .created, by: by, rng: &rng) { $0.toState = CommitmentState.agreed.rawValue; $0.toDue = due.description }

        // Who reports progress: the officer for council teams, the chair for the rest.
        func reporter(_ day: Day) -> ScalePerson { owner.kind == .councilTeam ? area.officer(on: day) : area.chair(on: day) }
        func move(to state: CommitmentState, on day: Day, reason: String? = nil) {
            let from = c.state
            let before = c.auditFields
            c.stateRaw = state.rawValue
            if state == .delivered { c.deliveredOnRaw = day.description }
            if state == .withdrawn || state == .missed { c.closedReason = reason }
            c.version += 1
            area.rows.updated(c, before: before, partnership: area.partnershipID, by: reporter(day).actor, at: ScaleCalendar.at(day, 16), rng: &rng)
            event(area, id, on: day, .state, by: reporter(day), rng: &rng) {
                $0.fromState = from.rawValue; $0.toState = state.rawValue; $0.reason = reason
            }
        }
        func renegotiate(on day: Day, to newDue: Day) {
            let old = c.dueOn
            let before = c.auditFields
            c.dueOnRaw = newDue.description
            c.renegotiations += 1
            c.version += 1
            let reason = rng.pick(renegotiationReasons)
            area.rows.updated(c, before: before, partnership: area.partnershipID, by: reporter(day).actor, at: ScaleCalendar.at(day, 15), rng: &rng)
            event(area, id, on: day, .renegotiated, by: reporter(day), rng: &rng) {
                $0.fromDue = old.description; $0.toDue = newDue.description; $0.reason = reason
            }
        }

        let ends = area.ends
        if size == .larger, rng.chance(0.6) {
            let started = made.adding(days: rng.int(3...20))
            if started <= ends { move(to: .inProgress, on: started) }
        }
        let roll = rng.unit()
        if roll < 0.12 {
            // Renegotiated shortly before the date came.
            let on = min(c.dueOn.adding(days: -rng.int(1...10)), ends)
            if on > made, on <= ends { renegotiate(on: on, to: c.dueOn.adding(days: rng.int(20...90))) }
        }
        let finalDue = c.dueOn
        let outcome = rng.unit()
        let closeOn: Day
        let state: CommitmentState
        var reason: String?
        switch outcome {
        case ..<0.64: state = .delivered; closeOn = made.adding(days: rng.int(1...max(1, finalDue.ordinal - made.ordinal)))
        case ..<0.80: state = .delivered; closeOn = finalDue.adding(days: rng.int(1...60))
        case ..<0.88: state = .missed; closeOn = finalDue.adding(days: rng.int(7...30)); reason = rng.pick(missedReasons)
        case ..<0.93: state = .withdrawn; closeOn = made.adding(days: rng.int(5...max(5, finalDue.ordinal - made.ordinal))); reason = rng.pick(withdrawnReasons)
        default: state = c.state; closeOn = ends.adding(days: 1)  // forgotten: still open, and overdue once its day has passed
        }
        // Nothing is closed after history ends: what would close later is still open.
        if state != c.state, closeOn <= ends, closeOn >= made {
            move(to: state, on: closeOn, reason: reason)
        }
        area.rows.add(c)
    }

    static func event(_ area: ScaleArea, _ commitment: UUID, on day: Day, _ kind: CommitmentEventRecord.Kind, by: ScalePerson,
                      rng: inout ScaleRandom, _ fill: (CommitmentEventRecord) -> Void) {
        let e = CommitmentEventRecord()
        e.id = rng.uuid()
        e.$commitment.id = commitment
        e.onRaw = day.description
        e.at = ScaleCalendar.at(day, 16, rng.int(0...59))
        e.kindRaw = kind.rawValue
        e.actorName = by.name
        fill(e)
        area.rows.add(e)
    }
}
