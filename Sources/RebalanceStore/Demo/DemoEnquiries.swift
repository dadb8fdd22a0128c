import FluentKit
import Foundation
import RebalanceCore

/// Harbourside's responsibility directory and a year of enquiries from Fernhill and Northgate,
/// dated back from the day the demo is loaded so the statistics always cover the last year:
/// most answered in time, some redirected once or twice, some late, a few withdrawn, and two
/// still open past their due day. Every history is made with the rules in Core, so it is one
/// the application itself could have produced.
enum DemoEnquiries {
    struct Topic { let topic: String; let team: String; let days: Int }

    /// Which team answers what; `team` is the key used by `load`.
    static let topics: [Topic] = [
        Topic(topic: "Community grants and funding", team: "neighbourhoods", days: 10),
        Topic(topic: "Parks, playgrounds and trees", team: "parks", days: 10),
        Topic(topic: "Council land and buildings", team: "property", days: 20),
        Topic(topic: "Roads, pavements and street lights", team: "highways", days: 10),
        Topic(topic: "Planning and licensing", team: "planning", days: 15),
        Topic(topic: "Events and use of public spaces", team: "neighbourhoods", days: 5),
    ]

    /// What happens to each demo enquiry: hand-offs (to which team, after how many working
    /// days, why), then answered after `answerAfter` working days, withdrawn, or left open.
    enum Ending { case answered(Int), withdrawn(Int), open }
    struct Story {
        let topic: Int, title: String, question: String
        let handOffs: [(team: String, after: Int, reason: String)]
        let ending: Ending
        let answer: String
    }

    static let stories: [Story] = [
        Story(topic: 1, title: "Broken swings in Fernhill Park", question: "Two of the swings in the toddler area have been chained up since the spring. When will they be repaired?",
              handOffs: [], ending: .answered(6), answer: "New seats are ordered and will be fitted in the next fortnight."),
        Story(topic: 0, title: "Small grants round dates", question: "When does the next small grants round open, and can the partnership help publicise it?",
              handOffs: [], ending: .answered(3), answer: "It opens on the first of next month; we will send you the poster."),
        Story(topic: 2, title: "The land behind Mill Road shops", question: "Who owns the overgrown plot behind the Mill Road parade, and could the community lease it for a garden?",
              handOffs: [("planning", 8, "A garden here may need planning consent: passing it to Planning first."),
                         ("property", 12, "This is council-owned land: the asset register is held by Property and Estates.")],
              ending: .answered(48), answer: "The plot is council-owned. A community lease is possible; we will meet the partnership to discuss terms."),
        Story(topic: 3, title: "Street light out on Larch Close", question: "The light outside number 14 Larch Close has been out for a month. It is very dark on the path to the school.",
              handOffs: [], ending: .answered(9), answer: "Repaired on Tuesday; the fault was in the cable."),
        Story(topic: 5, title: "Summer fun day road closure", question: "Can we close Fernhill Road between the park gates for the summer fun day?",
              handOffs: [("highways", 2, "Road closures need a traffic order from Highways.")],
              ending: .answered(12), answer: "Yes: the closure order is granted for the day, 10am to 6pm."),
        Story(topic: 1, title: "Trees on Birch Walk", question: "Residents have asked whether the dead tree on Birch Walk will be felled before winter storms.",
              handOffs: [], ending: .answered(14), answer: "It was felled last week and a replacement will be planted in November."),
        Story(topic: 4, title: "Licence for a community café", question: "What licence does a volunteer-run café in the community centre need?",
              handOffs: [], ending: .withdrawn(4), answer: ""),
        Story(topic: 2, title: "Lease of the old depot office", question: "Is the old bus depot office available for community use?",
              handOffs: [("neighbourhoods", 15, "Community use of buildings starts with the community use policy, which Neighbourhoods hold."),
                         ("property", 10, "Sent back: a lease of a council building is decided by Property and Estates.")],
              ending: .answered(39), answer: "The office is being surveyed; we will tell the partnership the outcome by the end of the quarter."),
        Story(topic: 0, title: "Help with a grant application", question: "Could an officer look over our application to the council's neighbourhood fund?",
              handOffs: [], ending: .answered(4), answer: "Happy to: Hannah will meet you on Thursday."),
        Story(topic: 3, title: "Pothole on Depot Lane", question: "A deep pothole on Depot Lane by the bus stop has damaged two cars.",
              handOffs: [("parks", 3, "The photo shows the park verge, which Parks look after."), ("highways", 2, "The hole is in the carriageway, which is Highways'.")],
              ending: .answered(11), answer: "Filled on Monday; a full resurfacing is planned for next year."),
        Story(topic: 1, title: "Allotment waiting list", question: "How long is the waiting list for the Mill Road allotments?",
              handOffs: [], ending: .answered(7), answer: "About eighteen months; the society can add names."),
        Story(topic: 2, title: "Asset transfer of the community centre", question: "The partnership would like to take on the community centre. What is the process for an asset transfer?",
              handOffs: [("planning", 5, "A change of use may need planning consent before any transfer."),
                         ("property", 7, "No consent is needed for the transfer itself: back to Property and Estates.")], ending: .open, answer: ""),
        Story(topic: 3, title: "Crossing outside St Anne's", question: "Parents are asking for a zebra crossing outside St Anne's Primary School.",
              handOffs: [], ending: .open, answer: ""),
        Story(topic: 5, title: "Bonfire night in the park", question: "Can the partnership hold a small bonfire night event in Fernhill Park?",
              handOffs: [], ending: .answered(3), answer: "Yes, with the usual event plan; the form is attached."),
    ]

    /// How many calendar days before the load each story was received.
    static func daysAgo(_ index: Int) -> Int {
        switch index {
        case 11: return 95  // still open, long overdue: the six-month wait in the report, in miniature
        case 12: return 40  // still open, overdue
        default: return 340 - index * 24
        }
    }

    static func load(council: OrganisationRecord, teams: [String: TeamRecord], partnerships: [PartnershipRecord],
                     askers: [Actor], answerers: [String: Actor], today: Day, on db: any Database) async throws {
        let system = DemoData.system
        let councilID = try council.requireID()
        var directory: [ResponsibilityEntry] = []
        for t in topics {
            let record = try await EnquiryCommands.addDirectoryEntry(
                council: councilID, .init(topic: t.topic, team: teams[t.team]!.id!.uuidString, targetWorkingDays: String(t.days)),
                by: system, on: db)
            directory.append(record.entry)
        }
        let calendar = WorkingDayCalendar.englandAndWales
        for (index, story) in stories.enumerated() {
            let partnership = partnerships[index % partnerships.count]
            // Each partnership asks through its own people.
            let asker = askers[index % partnerships.count]
            let received = calendar.workingDay(onOrAfter: today.adding(days: -daysAgo(index)))
            let draft = try EnquiryDraft.validate(.init(topic: directory[story.topic].topic, title: story.title, question: story.question),
                                                  directory: directory)
            let id = UUID()
            var enquiry = draft.enquiry(id: id, councilID: councilID, partnershipID: try partnership.requireID(), receivedOn: received)
            let record = EnquiryRecord()
            record.id = id
            record.$council.id = councilID
            record.$partnership.id = try partnership.requireID()
            record.$firstTeam.id = enquiry.firstTeamID
            record.topic = enquiry.topic
            record.title = story.title
            record.question = story.question
            record.receivedOnRaw = received.description
            record.targetWorkingDays = enquiry.targetWorkingDays
            record.raisedByID = asker.personID
            record.raisedByName = asker.name
            record.version = 1
            record.apply(enquiry)
            try await record.create(on: db)
            try await Audit.created(record, partnership: partnership.id, by: asker, on: db)

            var day = received
            for (position, h) in story.handOffs.enumerated() {
                day = calendar.adding(workingDays: h.after, to: day)
                let holder = enquiry.holdingTeamID
                enquiry = try enquiry.handingOff(Enquiry.HandOffInput(toTeam: teams[h.team]!.id!.uuidString, reason: h.reason), on: day,
                                                 actingTeams: [holder], councilTeams: Set(teams.values.compactMap(\.id)))
                let row = EnquiryHandOffRecord()
                row.$enquiry.id = id
                row.position = position + 1
                row.onRaw = day.description
                row.$fromTeam.id = holder
                row.$toTeam.id = enquiry.holdingTeamID
                row.reason = h.reason
                row.byName = answerers[teamKey(holder, teams)]?.name ?? "Council officer"
                try await row.create(on: db)
                try await Audit.created(row, partnership: partnership.id, by: system, on: db)
            }
            let before = record.auditFields
            switch story.ending {
            case .answered(let after):
                let answeredOn = min(calendar.adding(workingDays: after, to: received), today)
                let answerer = answerers[teamKey(enquiry.holdingTeamID, teams)] ?? system
                enquiry = try enquiry.answering(story.answer, on: max(answeredOn, enquiry.lastEventOn),
                                                actingTeams: [enquiry.holdingTeamID]).enquiry
                record.answer = story.answer
                record.answeredBy = answerer.personID == nil ? "Council officer" : answerer.name
            case .withdrawn(let after):
                enquiry = try enquiry.withdrawing(on: max(calendar.adding(workingDays: after, to: received), enquiry.lastEventOn))
            case .open:
                break
            }
            record.apply(enquiry)
            try await record.save(on: db)
            try await Audit.updated(record, before: before, partnership: partnership.id, by: system, on: db)
        }
    }

    static func teamKey(_ id: UUID, _ teams: [String: TeamRecord]) -> String {
        teams.first { $0.value.id == id }?.key ?? ""
    }
}
