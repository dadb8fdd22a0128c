import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The relationship health check through pages, CSV and the API.
@Suite struct HealthCheckWebTests {
    let base = "/partnerships/\(Demo.partnership)/health-check"
    let set = QuestionSet.rebalance2026

    func partnershipID(_ app: Application) async throws -> UUID {
        try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db)?.id)
    }

    /// Every statement answered with `value`.
    func sheet(_ value: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: set.statements.map { ($0.id, value) })
    }

    func openRound(_ chair: TestClient, closesIn days: Int = 14) async throws -> String {
        try await chair.get(base + "/rounds/new")
        let opened = try await chair.post(base + "/rounds/new", ["closesOn": Day.today().adding(days: days).description])
        #expect(opened.status == .seeOther)
        let location = try #require(opened.location)
        return String(location.split(separator: "/").last!)
    }

    @Test func openingInvitesEveryoneAnswersAreOnePerPersonAndOnlyOpenAndCloseAreAudited() async throws {
        try await TestApp.run { app in
            let pid = try await partnershipID(app)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let roundID = try await openRound(chair)

            // One invitation per current member and council staff member, each linking to the form.
            let invitees = try await HealthCheckQueries.invitees(of: pid, today: .today(), on: app.db)
            let mails = try await OutboxMessageRecord.query(on: app.db).filter(\.$kind == "invitation").all()
                .filter { ($0.dedupeKey ?? "").hasPrefix("health-check:\(roundID)") }
            #expect(mails.count == invitees.count)
            #expect(Set(mails.map(\.email)).isSuperset(of: ["hannah@harbourside.example", Demo.chair, Demo.councilStaff, Demo.member]))
            #expect(mails.allSatisfy { $0.body.contains("\(base)/rounds/\(roundID)/answer") })

            // A second round cannot open while this one runs.
            try await chair.get(base + "/rounds/new")
            let second = try await chair.post(base + "/rounds/new", ["closesOn": Day.today().adding(days: 20).description])
            #expect(second.status == .unprocessableEntity)
            #expect(second.text.contains("A health check is already open"))

            // The officer answers; the member answers and then changes the answers.
            let officer = TestClient(app)
            try await officer.signIn("hannah@harbourside.example")
            try await officer.get(base + "/rounds/\(roundID)/answer")
            #expect(try await officer.post(base + "/rounds/\(roundID)/answer", sheet("agree")).status == .seeOther)
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            let page = try await member.get(base + "/rounds/\(roundID)/answer")
            #expect(page.text.contains("<legend class=\"label\">\(set.statements[0].text)</legend>"))
            #expect(try await member.post(base + "/rounds/\(roundID)/answer", sheet("disagree")).status == .seeOther)
            let changed = try await member.post(base + "/rounds/\(roundID)/answer", sheet("strongly_agree"))
            #expect(changed.status == .seeOther)
            let rid = try #require(UUID(uuidString: roundID))
            let answered = try await HealthCheckQueries.invitations(of: rid, on: app.db).filter(\.hasAnswered)
            #expect(answered.count == 2)
            let tom = try #require(answered.first { $0.role == .member(.resident) })
            #expect(tom.sheet?.answers[set.statements[0].id] == .scale(.stronglyAgree))

            // Out of range: the form comes back with the error summary linking to the statement.
            let bad = try await member.post(base + "/rounds/\(roundID)/answer", [set.statements[0].id: "7"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("href=\"#\(set.statements[0].id)\""))
            #expect(bad.text.contains("Choose an answer from strongly disagree to strongly agree"))

            // Someone not invited is refused and told why.
            let resident = TestClient(app)
            try await resident.signIn(Demo.resident)
            try await resident.get(base + "/rounds/\(roundID)/answer")
            let uninvited = try await resident.post(base + "/rounds/\(roundID)/answer", sheet("agree"))
            #expect(uninvited.status == .unprocessableEntity)
            #expect(uninvited.text.contains("You were not invited to answer this health check"))

            // Closing; then answers are refused.
            try await chair.get(base + "/rounds/\(roundID)")
            #expect(try await chair.post(base + "/rounds/\(roundID)/close", [:]).status == .seeOther)
            let late = try await member.post(base + "/rounds/\(roundID)/answer", sheet("agree"))
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("answers are no longer accepted"))
            try await chair.get(base + "/rounds/\(roundID)")
            #expect(try await chair.post(base + "/rounds/\(roundID)/close", [:]).status == .unprocessableEntity)

            // The audit log has the opening and the closing, and nothing about the answers.
            let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityID == roundID).all()
            #expect(entries.map(\.action).sorted() == ["created", "updated"])
            #expect(entries.allSatisfy { $0.entityType == "health_check_round" })
            let answerAudits = try await AuditEntryRecord.query(on: app.db).filter(\.$partnershipID == pid).all()
                .filter { $0.entityType.contains("invitation") || ($0.after ?? "").contains("strongly_agree") }
            #expect(answerAudits.isEmpty)
        }
    }

    @Test func resultsShowChartsWithTablesAndWithholdSmallGroups() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            // The demo's three rounds: charts, each followed by a table, and a narrowing gap.
            let page = try await chair.get(base)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<svg").count - 1 == 4)
            #expect(page.text.contains("Scores, perception gap, spread and change for each principle"))
            #expect(page.text.contains("Overall score by round"))
            #expect(page.text.contains("Make this a commitment"))
            // The principles carry their own numbers: a numbered list would read "1. 1. Recognise…".
            let weakest = try #require(page.text.range(of: "Weakest principles</h3>")).upperBound
            let list = page.text[weakest...].prefix(80)
            #expect(list.contains("<ul class=\"list\"><li>") && !list.contains("<ol"), "\(list)")
            #expect(try Regex(#"<li>[1-5]\. [A-Z]"#).firstMatch(in: String(list)) != nil, "\(list)")
            let history = try await HealthCheckQueries.closedResults(in: try await partnershipID(app), on: app.db)
            #expect(history.count == 3)
            let gaps = history.map { abs($0.results.overallGap?.difference ?? 0) }
            #expect(gaps[0] > gaps[1] && gaps[1] > gaps[2])

            // A round where only two council people answer: the council side is not shown.
            let roundID = try await openRound(chair)
            for email in [Demo.chair, Demo.member, "priya@fernhill.example", "gwen@fernhill.example", "samir@fernhill.example",
                          "hannah@harbourside.example", Demo.councilStaff] {
                let c = TestClient(app)
                try await c.signIn(email)
                try await c.get(base + "/rounds/\(roundID)/answer")
                #expect(try await c.post(base + "/rounds/\(roundID)/answer", sheet("agree")).status == .seeOther)
            }
            try await chair.get(base + "/rounds/\(roundID)")
            try await chair.post(base + "/rounds/\(roundID)/close", [:])
            let latest = try await chair.get(base)
            #expect(latest.text.contains("Fewer than 5 people on the council side answered (2)"))
            // With one side hidden there is no gap to show.
            #expect(latest.text.contains("<td>Not shown</td>"))

            // A visitor is sent to sign in; a resident who is not a member is refused.
            let visitor = TestClient(app)
            #expect((try await visitor.get(base)).status == .seeOther)
            let resident = TestClient(app)
            try await resident.signIn(Demo.resident)
            #expect((try await resident.get(base)).status == .forbidden)
        }
    }

    @Test func aSuggestedNextStepBecomesACommitment() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let page = try await chair.get(base)
            let history = try await HealthCheckQueries.closedResults(in: try await partnershipID(app), on: app.db)
            let steps = NextSteps.suggestions(for: try #require(history.last).results.weakest)
            let councilStep = try #require(steps.first?.forCouncil.first)
            let partnershipStep = try #require(steps.first?.forPartnership.first)
            #expect(page.text.contains("value=\"\(councilStep.id)\""))

            let made = try await chair.post(base + "/next-steps", ["suggestion": councilStep.id])
            #expect(made.status == .seeOther)
            #expect((made.location ?? "").contains("/commitments/"))
            let c = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == councilStep.title).first())
            #expect(c.owner.kind == .councilTeam && c.ownerName.hasPrefix("Neighbourhoods"))
            #expect(c.recipient.kind == .partnership && c.state == .proposed)
            #expect(c.dueOn == Day.today().adding(days: 91))

            try await chair.get(base)
            #expect(try await chair.post(base + "/next-steps", ["suggestion": partnershipStep.id]).status == .seeOther)
            let p = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == partnershipStep.title).first())
            #expect(p.owner.kind == .partnership)

            // Taken steps are no longer offered; an unknown one is refused by name.
            let after = try await chair.get(base)
            #expect(!after.text.contains("value=\"\(councilStep.id)\""))
            let unknown = try await chair.post(base + "/next-steps", ["suggestion": "make-everything-better"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.text.contains("make-everything-better is not one of them"))
        }
    }

    @Test func aTeamBehindOnItsPromisesIsAskedBeforeTakingOnANextStep() async throws {
        try await TestApp.run { app in
            // Beth works in Parks, which the demo has behind on two promises.
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            let page = try await staff.get(base)
            #expect(page.text.contains("href=\"/health-check\""))
            let history = try await HealthCheckQueries.closedResults(in: try await partnershipID(app), on: app.db)
            let latest = try #require(history.last)
            let step = try #require(NextSteps.suggestions(for: latest.results.weakest).first?.forCouncil.first)
            let warned = try await staff.post(base + "/next-steps", ["suggestion": step.id])
            #expect(warned.status == .unprocessableEntity)
            #expect(warned.text.contains("id=\"confirmOverPromise\""))
            #expect(warned.text.contains("value=\"\(step.id)\""))
            #expect(try await CommitmentRecord.query(on: app.db).filter(\.$title == step.title).count() == 0)
            let confirmed = try await staff.post(base + "/next-steps", ["suggestion": step.id, "confirmOverPromise": "true"])
            #expect(confirmed.status == .seeOther)
            let c = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == step.title).first())
            #expect(c.ownerName.hasPrefix("Parks"))
        }
    }

    @Test func theTableAcrossAreasSortsAndDownloads() async throws {
        try await TestApp.run { app in
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            let page = try await staff.get("/health-check?sort=gap&direction=descending")
            #expect(page.status == .ok)
            #expect(page.text.contains("Fernhill Big Local Partnership") && page.text.contains("Northgate Neighbours"))
            #expect(page.text.contains("aria-sort=\"descending\""))
            // Northgate has had no round: said once, not as "Not shown" (withheld) in every figure.
            let northgate = try #require(page.text.components(separatedBy: "<tr>").first { $0.contains("Northgate Neighbours") })
            #expect(northgate.contains("No round has closed yet") && !northgate.contains("Not shown"), "\(northgate)")
            let csv = try await staff.get("/health-check.csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first.map { $0 + "\r\n" } == HealthCheckSummaryRow.csvLine(HealthCheckSummaryRow.csvHeader))
            #expect(lines.count == 3)
            let fernhill = try #require(lines.first { $0.hasPrefix("Fernhill") })
            #expect(fernhill.contains(Day.today().adding(days: -30).description))
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect((try await member.get("/health-check")).status == .forbidden)
        }
    }

    @Test func theAPIOpensAnswersClosesAndReports() async throws {
        try await TestApp.run { app in
            let api = "/api/v1/partnerships/\(Demo.partnership)/health-check"
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let unknownSet = try await chair.json(.POST, api + "/rounds", #"{"closesOn": "\#(Day.today().adding(days: 10))", "questionSet": "rebalance-1999"}"#)
            #expect(unknownSet.status == .unprocessableEntity)
            #expect((try unknownSet.json()["fields"] as? [String: String])?["questionSet"] != nil)
            let tooLong = try await chair.json(.POST, api + "/rounds", #"{"closesOn": "\#(Day.today().adding(days: 200))"}"#)
            #expect((try tooLong.json()["fields"] as? [String: String])?["closesOn"] != nil)
            let opened = try await chair.json(.POST, api + "/rounds", #"{"closesOn": "\#(Day.today().adding(days: 10))"}"#)
            #expect(opened.status == .created)
            let id = try #require(try opened.json()["id"] as? String)

            let officer = TestClient(app)
            try await officer.signIn("hannah@harbourside.example")
            let first = set.statements[0].id
            let wrong = try await officer.json(.PUT, api + "/rounds/\(id)/answers", #"{"answers": {"\#(first)": "9"}}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect((try wrong.json()["fields"] as? [String: String])?[first] != nil)
            let saved = try await officer.json(.PUT, api + "/rounds/\(id)/answers", #"{"answers": {"\#(first)": "4"}}"#)
            #expect(saved.status == .ok)
            #expect(try saved.json()["saved"] as? String == "created")
            let again = try await officer.json(.PUT, api + "/rounds/\(id)/answers", #"{"answers": {"\#(first)": "dont_know"}}"#)
            #expect(try again.json()["saved"] as? String == "updated")

            let resident = TestClient(app)
            try await resident.signIn(Demo.resident)
            let uninvited = try await resident.json(.PUT, api + "/rounds/\(id)/answers", #"{"answers": {"\#(first)": "4"}}"#)
            #expect(uninvited.status == .unprocessableEntity)
            #expect((try uninvited.json()["fields"] as? [String: String])?["round"] != nil)

            let list = try await chair.get(api + "/rounds")
            #expect((try list.json()["items"] as? [[String: Any]])?.count == 4)
            #expect(try await chair.json(.POST, api + "/rounds/\(id)/close", "{}").status == .ok)
            let closedAnswer = try await officer.json(.PUT, api + "/rounds/\(id)/answers", #"{"answers": {"\#(first)": "4"}}"#)
            #expect(closedAnswer.status == .unprocessableEntity)

            // The latest closed round is now this one, with one answer: everything withheld.
            let results = try await chair.get(api)
            #expect(results.status == .ok)
            let body = try results.json()
            #expect((body["round"] as? [String: Any])?["id"] as? String == id)
            #expect(body["pastRounds"] as? Int == 4)

            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            let table = try await staff.get("/api/v1/health-check")
            #expect((try table.json()["items"] as? [[String: Any]])?.count == 2)
        }
    }
}
