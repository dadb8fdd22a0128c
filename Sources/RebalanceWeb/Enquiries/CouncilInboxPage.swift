import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// `/councils/{slug}/enquiries`: a council's inbox for its staff (issue 14, item 3). What the
/// person's own teams hold comes first, overdue first; then what other teams hold; then what was
/// answered in the last 30 days. The public statistics count these; this is where they are.
enum CouncilInboxPage {
    static let answeredWindowDays = 30

    static func endpoints() -> [Endpoint] {
        [.page(.GET, .councilInbox(":slug"), .resolved(EnquiryRules.inbox), handler: show)]
    }

    struct View: Encodable {
        let chrome: PageChrome
        let council: String
        let councilHref: String
        let statisticsHref: String
        let directoryHref: String
        let sections: [Section]
        let overdueCount: Int
        let openCount: Int
    }

    struct Section: Encodable {
        let id: String
        let heading: String
        let caption: String
        let lines: [EnquiryLine]
        let empty: String
    }

    static func show(_ req: Request) async throws -> Response {
        let council = try await req.council()
        let councilID = try council.requireID()
        let today = Day.today()
        let names = try await EnquiryQueries.teamNames(of: [councilID], on: req.db)
        var teams: Set<UUID> = []
        if let me = req.actor.personID { teams = try await EnquiryInbox.teams(of: me, in: councilID, on: req.db) }
        func line(_ r: EnquiryRecord) throws -> (EnquiryLine, Enquiry) {
            (try EnquiryLine(r, partnershipSlug: r.partnership.slug, teamNames: names, today: today), try r.core(handOffs: r.handOffs))
        }
        // Longest overdue first, then soonest due.
        let open = try await EnquiryInbox.open(council: councilID, on: req.db).map(line)
            .sorted { ($0.1.dueOn(), $0.0.title) < ($1.1.dueOn(), $1.0.title) }
        let mine = open.filter { teams.contains($0.1.holdingTeamID) }.map(\.0)
        let others = open.filter { !teams.contains($0.1.holdingTeamID) }.map(\.0)
        let yourTeams = teams.compactMap { names[$0] }.sorted()
        let answered = try await EnquiryInbox.answered(council: councilID, since: today.adding(days: -answeredWindowDays), on: req.db)
            .map { try line($0).0 }
        return try await req.render("enquiries/inbox", View(
            chrome: await PageChrome(req, title: "Enquiries to \(council.name)"), council: council.name,
            councilHref: SiteURL.organisation(council.slug).path, statisticsHref: SiteURL.councilStatistics(council.slug).path,
            directoryHref: SiteURL.councilDirectory(council.slug).path,
            sections: [
                Section(id: "yours", heading: yourTeams.isEmpty ? "Held by your team" : "Held by your team (\(yourTeams.joined(separator: ", ")))",
                        caption: "Enquiries your team holds", lines: mine,
                        empty: yourTeams.isEmpty ? "You are not in one of the council's teams, so none are yours to answer." : "Your team holds no open enquiries."),
                Section(id: "others", heading: "Held by other teams", caption: "Open enquiries other teams hold", lines: others,
                        empty: "No other team holds an open enquiry."),
                Section(id: "answered", heading: "Answered in the last \(answeredWindowDays) days", caption: "Enquiries answered recently",
                        lines: answered, empty: "None answered in that time."),
            ],
            overdueCount: open.filter(\.0.overdue).count, openCount: open.count))
    }
}
