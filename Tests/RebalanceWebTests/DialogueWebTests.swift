import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct DialogueWebTests {
    static let base = "/partnerships/\(Demo.partnership)"

    @Test func markdownCannotCarryScriptAndHeadingsStartAtTwo() {
        let html = SafeMarkdown.html("""
        # Big news

        <script>alert(1)</script>

        [ok](https://example.org/a?b=1&c=2) [bad](javascript:alert(1)) [sneaky](https://x.example/" onmouseover="alert(1))

        ![tracker](https://evil.example/pixel.png) and <b>inline</b>
        """)
        #expect(html.contains("<h2>Big news</h2>"))
        #expect(!html.contains("<h1"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains(#"<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">ok</a>"#))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains(#"" onmouseover=""#))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
    }

    @Test func theChairKeepsThePlanAndBadDetailsNameTheirField() async throws {
        try await TestApp.run { app in
            let plan = "\(Self.base)/communication-plan"
            let visitor = try await TestClient(app).get(plan)
            #expect(visitor.text.contains("Close contact"))
            #expect(!visitor.text.contains("office@fernhilltrust.example"))
            let resident = TestClient(app)
            try await resident.signIn(Demo.resident)
            try await resident.get(plan)
            #expect(try await resident.post(plan + "/entries", ["stakeholder": "x"]).status == .forbidden)

            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get(plan).text.contains("office@fernhilltrust.example"))
            let partnership = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db))
            let record = try #require(try await CommunicationPlanQueries.record(of: partnership.requireID(), on: app.db))
            let tom = try #require(try await AccountQueries.person(email: Demo.member, on: app.db))
            let key = StakeholderRef.person(try tom.requireID()).key
            let bad = try await chair.post(plan + "/entries", ["stakeholder": key, "level": "close", "channel": "email",
                                                               "email": "not an address", "version": String(record.version)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("href=\"#email\""))
            #expect(try await CommunicationPlanQueries.record(of: partnership.requireID(), on: app.db)?.version == record.version)
            try await chair.get(plan)
            #expect(try await chair.post(plan + "/entries", ["stakeholder": key, "level": "regular", "channel": "email",
                                                             "version": String(record.version)]).status == .seeOther)
            let saved = try #require(try await CommunicationPlanQueries.record(of: partnership.requireID(), on: app.db))
            #expect(try saved.plan.entry(for: .person(tom.requireID()))?.level == .regular)
            // Agree an open community meeting rhythm, then schedule meetings from it.
            try await chair.get(plan)
            #expect(try await chair.post(plan + "/rhythms", ["kind": "open_community", "repeats": "monthly_weekday", "interval": "3",
                                                             "weekday": "saturday", "weekOfMonth": "last", "startTime": "11:00",
                                                             "endTime": "13:00", "version": String(saved.version)]).status == .seeOther)
            try await chair.get("\(Self.base)/meetings")
            #expect(try await chair.post("\(Self.base)/meetings/from-rhythm", ["kind": "open_community", "startsOn": "2027-01-01"]).status == .seeOther)
            let s = try #require(try await MeetingSeriesRecord.query(on: app.db).filter(\.$kindRaw == "open_community").first())
            #expect(try s.schedule.occurrences(from: Day("2027-01-01")!, through: Day("2027-12-31")!).map(\.day.description)
                    == ["2027-01-30", "2027-04-24", "2027-07-31", "2027-10-30"])
        }
    }

    @Test func newsGoesToCloseContactsAtOnceAndIntoTheMonthlyDigestOnce() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get("\(Self.base)/updates/new")
            let empty = try await tom.post("\(Self.base)/updates/new", ["title": "", "body": ""])
            #expect(empty.status == .unprocessableEntity)
            let posted = try await tom.post("\(Self.base)/updates/new", ["title": "Skip on Mill Road", "body": "A skip is at the shops **all week**."])
            #expect(posted.status == .seeOther)
            let page = try await TestClient(app).get(try #require(posted.location))
            #expect(page.text.contains("<strong>all week</strong>"))

            let today = Day.today()
            let queued = try await DigestPass.run(today: today, pageURL: { "https://fernhill.example" + $0 }, on: app.db)
            // Close contacts by e-mail in the demo plan: the chair, the council officer and the project worker.
            let messages = try await OutboxMessageRecord.query(on: app.db).filter(\.$subject == "Fernhill Big Local Partnership: News: Skip on Mill Road").all()
            #expect(Set(messages.map(\.email)) == ["ada@fernhill.example", "hannah@harbourside.example", "kofi@fernhill.example"])
            #expect(messages.allSatisfy { $0.body.contains("https://fernhill.example/partnerships/\(Demo.partnership)/updates/") })
            #expect(queued >= 3)
            #expect(try await DigestPass.run(today: today, pageURL: { $0 }, on: app.db) == 0)

            // On the first working day of next month the regular contacts get one digest with it.
            let nextMonth = WorkingDayCalendar.englandAndWales.firstWorkingDay(ofMonthContaining: today.adding(days: 32 - today.day + 1))
            _ = try await DigestPass.run(today: nextMonth, pageURL: { $0 }, on: app.db)
            let digests = try await OutboxMessageRecord.query(on: app.db).filter(\.$kind == "digest").all()
            let toCouncillor = digests.filter { $0.email == "dennis@harbourside.example" }
            #expect(toCouncillor.count == 1)
            #expect(toCouncillor.first?.body.contains("Skip on Mill Road") == true)
            _ = try await DigestPass.run(today: nextMonth, pageURL: { $0 }, on: app.db)
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$kind == "digest").count() == digests.count)
            // The school is reached by post, so nothing is e-mailed to it.
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == "mary@stannes.example").count() == 0)
        }
    }

    @Test func theNewsAPIPublishesAndExplainsBadInput() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let bad = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/updates", #"{"title":"No body"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect((try bad.json()["fields"] as? [String: String])?["body"] != nil)
            let ok = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/updates", #"{"title":"Hello","body":"First line\n\nSecond"}"#)
            #expect(ok.status == .created)
            #expect(try ok.json()["summary"] as? String == "First line")
            let plan = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/communication-plan")
            let entries = try #require(try plan.json()["entries"] as? [[String: Any]])
            #expect(entries.count == 7)
            #expect(entries.allSatisfy { $0["contact"] is NSNull })
        }
    }
}

@Suite struct NewsHTMLInjectionTests {
    static let payloads = [
        #"Read this &<meta/http-equiv="refresh"/content="0,https://evil.example">; now"#,
        "```x\"><a href=//evil.example>Sign in</a>\ncode\n```",
    ]

    @Test(arguments: payloads)
    func neitherThePageNorTheAPICarriesInjectedMarkup(_ body: String) async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let created = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/updates",
                                               String(data: try JSONSerialization.data(withJSONObject: ["title": "Careful", "body": body]), encoding: .utf8)!)
            #expect(created.status == .created)
            let html = try #require(try created.json()["html"] as? String)
            let id = try #require(try created.json()["id"] as? String)
            let page = try await TestClient(app).get("/partnerships/\(Demo.partnership)/updates/\(id)")
            for text in [html, page.text] {
                #expect(!text.contains("<meta/"))
                #expect(!text.contains("http-equiv"))
                #expect(!text.contains("href=//evil"))
                #expect(!text.contains("evil.example\""))
                #expect(!text.lowercased().contains("<a href=\"//"))
            }
        }
    }
}
