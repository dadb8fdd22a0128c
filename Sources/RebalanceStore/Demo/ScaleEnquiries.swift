import FluentKit
import Foundation
import RebalanceCore

/// About twenty questions a year to the district and the county, sent to the team their
/// directories name: most answered within the promised working days, some late, a fifth handed
/// to another team first, a few withdrawn, and the latest still open. Every step goes through
/// the enquiry rules in Core, so the statistics pages count a history the application could
/// have produced.
enum ScaleEnquiries: ScalePart {
    static let name = "enquiries"

    /// Questions by the directory topic they are asked under.
    static let questions: [String: [(String, String)]] = [
        "Community grants and funding": [("Small grants round dates", "When does the next small grants round open, and can the partnership help publicise it?"),
                                         ("Help with a grant application", "Could an officer look over our application to the council's neighbourhood fund?")],
        "Events and use of public spaces": [("Use of {landmark} for the fun day", "Can we use {landmark} and the field next to it for the summer fun day?"),
                                            ("Road closure for the street party", "Can we close {street} for a street party on a Saturday in June?")],
        "Council land and buildings": [("Who owns the land behind {street}?", "Who owns the overgrown plot behind {street}, and could the community lease it for a garden?"),
                                       ("Asset transfer of {landmark}", "The partnership would like to take on {landmark}. What is the process for an asset transfer?")],
        "Parks, play areas and trees": [("Broken swings in the park", "Two of the swings in the toddler area have been chained up for months. When will they be repaired?"),
                                        ("Dead tree on {street}", "Residents have asked whether the dead tree on {street} will be felled before the winter storms.")],
        "Council housing and repairs": [("Damp in the flats on {street}", "Several tenants on {street} have reported damp and mould. What is the council doing about it?"),
                                        ("Empty homes on the estate", "How many council homes in the area are empty, and when will they be re-let?")],
        "Bins, litter and fly-tipping": [("Fly-tipping behind {street}", "Rubbish has been dumped in the alley behind {street} for three weeks."),
                                         ("More bins near {landmark}", "Could the council put litter bins by {landmark}? The area is a mess after weekends.")],
        "Planning and licensing": [("Licence for a community café", "What licence does a volunteer-run café at {landmark} need?"),
                                   ("Planning for a community garden shed", "Does a shed in a community garden need planning permission?")],
        "Roads, pavements and street lights": [("Street light out on {street}", "The light outside the bus stop on {street} has been out for a month. It is very dark on the way to school."),
                                               ("Crossing outside the school", "Parents are asking for a zebra crossing outside the primary school."),
                                               ("Pothole on {street}", "A deep pothole on {street} has damaged two cars.")],
        "Buses and community transport": [("Bus route through {street}", "The evening bus through {street} has been cut. Is there any community transport instead?")],
        "Libraries and community hubs": [("Library opening hours", "Will the library keep its Saturday opening? It is the only warm public space at weekends.")],
        "Health and wellbeing": [("Health walks", "Could public health help us start weekly health walks from {landmark}?")],
        "Support for older and disabled people": [("Help for older residents", "Who can visit an older resident on {street} who has stopped going out?")],
        "Youth services and families": [("Youth service in the holidays", "Will there be any youth provision in {area} over the summer holidays?"),
                                        ("Family hub outreach", "Could the family hub hold a session at {landmark}?")],
        "Working with the county council": [("Who to talk to at the county", "Who at the county should the partnership talk to about the bus cuts?")],
    ]
    static let handOffReasons = ["This belongs with another team: passing it on with the details.",
                                 "The land is not ours: the team that manages it will answer.",
                                 "Needs a licensing view first.", "Sent back: this is about council-owned land after all."]
    static let answers = ["Done last week; thank you for letting us know.", "It is booked in for next month; we will confirm the date.",
                          "Yes, with the usual event plan: the form is attached.", "We have looked into it: the answer and our reasons are below, and we are happy to meet to discuss.",
                          "Not this year, because the budget is fully committed; we will put it forward for next year.",
                          "Repaired on Tuesday: the fault was in the cable."]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let calendar = ScaleCalendar.workingDays
        var day = area.formedOn.adding(days: rng.int(15...40))
        while day <= area.ends {
            try ask(area, on: calendar.workingDay(onOrAfter: day), rng: &rng)
            day = day.adding(days: rng.int(6...32))
        }
    }

    static func ask(_ area: ScaleArea, on received: Day, rng: inout ScaleRandom) throws {
        guard received <= area.ends else { return }
        let calendar = ScaleCalendar.workingDays
        let council = rng.chance(0.6) ? area.district : area.county
        let entry = rng.pick(council.directory)
        let (title, question) = rng.pick(questions[entry.topic] ?? questions["Working with the county council"]!)
        let asker = rng.chance(0.5) ? area.chair(on: received) : rng.pick(area.memberPeople(on: received))
        let draft = try EnquiryDraft.validate(.init(topic: entry.topic, title: ScaleTexts.fill(title, area, &rng),
                                                    question: ScaleTexts.fill(question, area, &rng)), directory: council.directory)
        let id = rng.uuid()
        var enquiry = draft.enquiry(id: id, councilID: council.id, partnershipID: area.partnershipID, receivedOn: received)
        let record = EnquiryRecord()
        record.id = id
        record.$council.id = council.id
        record.$partnership.id = area.partnershipID
        record.$firstTeam.id = enquiry.firstTeamID
        record.topic = enquiry.topic
        record.title = draft.title
        record.question = draft.question
        record.receivedOnRaw = received.description
        record.targetWorkingDays = enquiry.targetWorkingDays
        record.raisedByID = asker.id
        record.raisedByName = asker.name
        record.version = 1
        record.apply(enquiry)
        area.rows.created(record, partnership: area.partnershipID, by: asker.actor, at: ScaleCalendar.at(received, 10), rng: &rng)

        func staff(of teamID: UUID) -> ScalePerson { rng.pick(council.staff(in: teamID)).person }
        if rng.chance(0.22) {
            for position in 1...(rng.chance(0.1) ? 2 : 1) {
                let on = calendar.adding(workingDays: rng.int(1...6), to: enquiry.lastEventOn)
                guard on <= area.ends else { break }
                let holder = enquiry.holdingTeamID
                let to = rng.pick(council.teams.filter { $0.id != holder })
                let by = staff(of: holder)
                let before = record.auditFields
                enquiry = try enquiry.handingOff(.init(toTeam: to.id.uuidString, reason: rng.pick(handOffReasons)), on: on,
                                                 actingTeams: [holder], councilTeams: council.teamIDs)
                let handOff = enquiry.handOffs.last!
                let row = EnquiryHandOffRecord()
                row.id = rng.uuid()
                row.$enquiry.id = id
                row.position = position
                row.onRaw = on.description
                row.$fromTeam.id = handOff.fromTeamID
                row.$toTeam.id = handOff.toTeamID
                row.reason = handOff.reason
                row.byName = by.name
                let at = ScaleCalendar.at(on, 11)
                area.rows.created(row, partnership: area.partnershipID, by: by.actor, at: at, rng: &rng)
                area.rows.add(row)
                record.version += 1
                record.apply(enquiry)
                area.rows.updated(record, before: before, partnership: area.partnershipID, by: by.actor, at: at, rng: &rng)
            }
        }
        let target = Double(enquiry.targetWorkingDays)
        let roll = rng.unit()
        if roll > 0.98, received >= area.ends.adding(days: -730) {
            // Lost between teams: still open long after it was due, as in the report's six-month waits.
        } else if roll < 0.04 {
            let on = calendar.adding(workingDays: rng.int(2...10), to: enquiry.lastEventOn)
            if on <= area.ends {
                let before = record.auditFields
                enquiry = try enquiry.withdrawing(on: on)
                record.version += 1
                record.apply(enquiry)
                area.rows.updated(record, before: before, partnership: area.partnershipID, by: asker.actor, at: ScaleCalendar.at(on, 12), rng: &rng)
            }
        } else {
            // Seven in ten within the promise, most of the rest a little late, a few very late.
            let factor = roll < 0.72 ? 0.2 + rng.unit() * 0.8 : roll < 0.95 ? 1.0 + rng.unit() * 1.5 : 2.5 + rng.unit() * 3.5
            let after = max(1, Int((target * factor).rounded()))
            let on = max(calendar.adding(workingDays: after, to: received), enquiry.lastEventOn)
            if on <= area.ends {
                let by = staff(of: enquiry.holdingTeamID)
                let before = record.auditFields
                let (closed, answer) = try enquiry.answering(rng.pick(answers), on: on, actingTeams: [enquiry.holdingTeamID])
                enquiry = closed
                record.version += 1
                record.apply(enquiry)
                record.answer = answer
                record.answeredBy = by.name
                area.rows.updated(record, before: before, partnership: area.partnershipID, by: by.actor, at: ScaleCalendar.at(on, 15), rng: &rng)
            }
        }
        area.rows.add(record)
    }
}
