import FluentKit
import Foundation
import RebalanceCore

/// The demo partnership's year of talking with its council: a communication plan, monthly
/// partnership meetings and bi-monthly council liaison meetings with minutes (one meeting
/// cancelled), the next meeting's agenda, and some news.
enum DemoDialogue {
    static func load(_ partnership: PartnershipRecord, people ids: [String: UUID], council: UUID, lto: UUID,
                     today: Day = .today(), on db: any Database) async throws {
        let system = DemoData.system
        let pid = try partnership.requireID()
        let yearAgo = Day(year: today.year - 1, month: today.month, day: 1)!

        // The plan: who hears what, and the agreed rhythm.
        func entry(_ ref: StakeholderRef, _ level: ContactLevel, _ channel: ContactChannel, email: String? = nil,
                   address: String? = nil, council: Bool) -> CommunicationPlanEntry {
            CommunicationPlanEntry(stakeholder: ref, level: level, channel: channel, speaksForCouncil: council,
                                   email: email, postalAddress: address)
        }
        let partnershipRhythm = MeetingKind.partnership.suggestedRhythm
        let liaisonRhythm = MeetingKind.councilLiaison.suggestedRhythm
        let plan = try CommunicationPlan(entries: [
            entry(.person(ids["chair"]!), .close, .email, council: false),
            entry(.person(ids["officer"]!), .close, .email, council: true),
            entry(.person(ids["worker"]!), .close, .email, council: false),
            entry(.person(ids["councillor"]!), .regular, .email, council: true),
            entry(.person(ids["parks"]!), .informed, .email, council: true),
            entry(.organisation(lto), .informed, .email, email: "office@fernhilltrust.example", council: false),
            entry(.person(ids["school"]!), .regular, .post, address: "St Anne's Primary School\nMill Road, Harbourside HB4 2JT", council: false),
        ], rhythms: [.partnership: partnershipRhythm, .councilLiaison: liaisonRhythm])
        let planRecord = CommunicationPlanRecord()
        planRecord.$partnership.id = pid
        planRecord.planJSON = String(decoding: try JSONEncoder.sorted.encode(plan), as: UTF8.self)
        planRecord.version = 1
        try await planRecord.create(on: db)
        try await Audit.created(planRecord, partnership: pid, by: system, on: db)

        // Two series following the rhythm, from a year ago.
        let meetings = try await MeetingCommands.schedule(in: pid, .init(
            kind: MeetingKind.partnership.rawValue, title: "Fernhill partnership meeting", location: "Fernhill Community Centre, Mill Road",
            description: "The partnership's monthly meeting. Residents are welcome to observe; ask the chair to speak.",
            startsOn: yearAgo.description, startTime: "19:00", endTime: "21:00", repeats: "monthly_weekday",
            interval: "1", weekday: "tuesday", weekOfMonth: "second"), by: system, today: yearAgo, on: db)
        let liaison = try await MeetingCommands.schedule(in: pid, .init(
            kind: MeetingKind.councilLiaison.rawValue, title: "Council liaison meeting", location: "Harbourside Civic Centre, room 4",
            description: "The chair and two members meet the council's neighbourhoods lead and service managers.",
            startsOn: yearAgo.description, startTime: "10:00", endTime: "11:30", repeats: "monthly_weekday",
            interval: "2", weekday: "wednesday", weekOfMonth: "first"), by: system, today: yearAgo, on: db)
        for s in [meetings, liaison] {
            s.createdAt = LondonTime.instant(on: yearAgo, at: TimeOfDay(hour: 9, minute: 0)!)
            try await s.save(on: db)
        }

        let past = try meetings.schedule.occurrences(from: yearAgo, through: today.adding(days: -1))
        // One meeting lost to a flood at the community centre, four months ago or so.
        if past.count > 4 {
            let flooded = past[past.count - 4].originalDay
            _ = try await MeetingCommands.change(try meetings.requireID(), meetingOn: flooded,
                                                 .cancel(reason: "The community centre flooded; items carried to the next meeting"),
                                                 expectedVersion: meetings.version, by: system, on: db)
        }
        let people = ["chair", "tom", "priya", "gwen", "samir", "lucy", "councillor", "officer", "lto", "worker", "school"]
            .compactMap { ids[$0]?.uuidString }
        let fresh = try await MeetingSeriesRecord.find(meetings.requireID(), on: db)!
        for (i, o) in try fresh.schedule.occurrences(from: yearAgo, through: today.adding(days: -1)).enumerated() where !o.isCancelled {
            let notes = minutesText[i % minutesText.count]
            let away = [people[(i + 2) % people.count], people[(i + 5) % people.count]]
            let record = try await MeetingCommands.saveMinutes(
                try meetings.requireID(), meetingOn: o.originalDay,
                .init(decisions: notes.decisions, wentWell: notes.wentWell, wentBadly: notes.wentBadly,
                      attended: people.filter { !away.contains($0) }, apologies: away, publish: true),
                expectedVersion: 0, people: Set(people.compactMap(UUID.init)), by: system, on: db)
            try await backdate(record, o, on: db)
        }
        for o in try liaison.schedule.occurrences(from: yearAgo, through: today.adding(days: -1)) {
            let record = try await MeetingCommands.saveMinutes(
                try liaison.requireID(), meetingOn: o.originalDay,
                .init(decisions: "Council to confirm the date for the Mill Road crossing survey. Partnership to share the youth club figures.",
                      wentWell: "Officers came with answers to last time's questions.",
                      wentBadly: "Two questions about the Brook Street land are still waiting for the estates team.",
                      attended: [ids["chair"]!, ids["officer"]!, ids["tom"]!].map(\.uuidString), publish: true),
                expectedVersion: 0, people: Set([ids["chair"]!, ids["officer"]!, ids["tom"]!]), by: system, on: db)
            try await backdate(record, o, on: db)
        }
        // The next partnership meeting already has an agenda.
        if let next = try meetings.schedule.nextOccurrence(onOrAfter: today) {
            for (title, lead) in [("Welcome, apologies and the last meeting's minutes", "Chair"),
                                  ("Mill Road crossing: what the council's survey found", "Hannah Reid (council)"),
                                  ("Youth club: the first six months", "Kofi Mensah"),
                                  ("Any other business", "Chair")] {
                _ = try await MeetingCommands.addAgendaItem(try meetings.requireID(), meetingOn: next.originalDay,
                                                            .init(title: title, lead: lead), by: system, on: db)
            }
        }

        // News, spread over the last months.
        for (monthsAgo, title, body) in news {
            let day = today.adding(days: -30 * monthsAgo - 3)
            let author = Actor(personID: ids["chair"], name: "Ada Okafor")
            _ = try await UpdateCommands.publish(in: pid, .init(title: title, body: body), by: author,
                                                 now: LondonTime.instant(on: day, at: TimeOfDay(hour: 12, minute: 0)!), on: db)
        }
    }

    /// Minutes came out a few days after each meeting, never "today": loading the demo should
    /// not make the digest pass announce a year of history as news.
    static func backdate(_ record: MeetingRecord, _ o: MeetingOccurrence, on db: any Database) async throws {
        let fiveDaysOn = o.end.addingTimeInterval(5 * 86_400)
        record.minutesPublishedAt = fiveDaysOn < Date().addingTimeInterval(-86_400) ? fiveDaysOn : o.end.addingTimeInterval(3600)
        try await record.save(on: db)
    }

    struct MinutesText { let decisions: String; let wentWell: String; let wentBadly: String }

    static let minutesText: [MinutesText] = [
        .init(decisions: "Agreed to fund the summer fun day (£1,200), proposed by Tom, no objections.",
              wentWell: "The litter pick brought out 40 people, half of them new faces.",
              wentBadly: "We promised the bus shelter repair by spring and it has not happened; the council says the contractor was re-tendered. We will ask for a date in writing."),
        .init(decisions: "Agreed the youth club pilot for six months with the school.",
              wentWell: "Parks cut back the overgrown path within a week of asking.",
              wentBadly: "Only two residents came to the drop-in. We learn that Saturday mornings clash with football; next time, a weekday evening."),
        .init(decisions: "Asked the council's estates team whether the Brook Street land can be built on.",
              wentWell: "The new councillor came to every meeting this quarter.",
              wentBadly: "The grant form was too long for the allotment society. We will write a shorter one for grants under £500."),
    ]

    static let news: [(Int, String, String)] = [
        (9, "Summer fun day: thank you",
         "Over 300 people came to the park on Saturday.\n\nThanks to the **Friends of Fernhill Park**, the school and the council's parks team, who opened the pavilion early."),
        (5, "The bus shelter: where things stand",
         "We said the Mill Road bus shelter would be fixed by spring. It has not been.\n\nThe council re-tendered the contract; the new contractor starts next month. We will report back at the next partnership meeting."),
        (1, "Youth club opens on Thursdays",
         "From next week the youth club meets on Thursdays, 6pm to 8pm, in the school hall.\n\n- ages 11 to 16\n- free\n- run with St Anne's Primary School\n\nMore at [the partnership page](/partnerships/fernhill-big-local-partnership)."),
    ]
}
