import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// "Your work" (issue 14, ADR 0038): what the demo leaves waiting for each person, where the
/// lines lead, the header's count, the landing after sign-in, and lines leaving once done.
@Suite struct WorkWebTests {
    let base = "/partnerships/\(Demo.partnership)"

    func work(_ client: TestClient) async throws -> [[String: Any]] {
        let r = try await client.get("/api/v1/me/work")
        #expect(r.status == .ok)
        return try #require(try r.json()["items"] as? [[String: Any]])
    }

    func titles(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["title"] as? String } }

    @Test func eachPersonIsShownWhatWaitsForThem() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let mine = try await work(chair)
            #expect(titles(mine) == ["Review the agreement: its review date has passed", "Write the annual review of the plan for 2025",
                                     "Answer Leah Brown’s request to join", "Sign version 2 of the agreement for the partnership"])
            #expect(mine.first?["urgency"] as? String == "overdue" && mine.first?["due"] as? String == "2025-04-30")
            #expect(mine.last?["due"] is NSNull && mine.last?["href"] as? String == base + "/agreement")

            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let toms = try await work(tom)
            #expect(toms.map { $0["kind"] as? String } == ["poll", "proposal"])
            #expect(toms.allSatisfy { $0["urgency"] as? String == "due_soon" })

            let parks = TestClient(app)
            try await parks.signIn(Demo.councilStaff)
            #expect(titles(try await work(parks)) == ["Keep your team’s promise: Repair the playground fence",
                                                      "Keep your team’s promise: Publish the tree survey"])
            let resident = TestClient(app)
            try await resident.signIn(Demo.resident)
            #expect(try await work(resident).isEmpty)
            #expect(try await resident.get("/your-work").text.contains("Nothing is waiting for you"))
        }
    }

    @Test func signingInLandsOnYourWorkOnlyForThoseWithSomethingToDo() async throws {
        try await TestApp.run { app in
            for (email, landing) in [(Demo.chair, "/your-work"), (Demo.resident, "/")] {
                let client = TestClient(app)
                try await client.get("/sign-in")
                let r = try await client.post("/sign-in", ["email": email, "password": DemoData.password])
                #expect(r.location == landing, "\(email)")
            }
            // On the way somewhere in particular, that is where they go.
            let client = TestClient(app)
            try await client.get("/sign-in")
            let r = try await client.post("/sign-in", ["email": Demo.chair, "password": DemoData.password, "next": "/organisations"])
            #expect(r.location == "/organisations")
        }
    }

    @Test func linesLeaveOnceTheWorkIsDoneAndPagesShowThem() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let page = try await tom.get("/your-work").text
            #expect(page.contains("<title>Your work – Rebalance</title>"))
            #expect(page.contains("class=\"count-badge\">2<"))
            // The partnership page puts this partnership's lines first.
            let partnership = try await tom.get(base).text
            #expect(partnership.contains("Needs your attention") && partnership.contains("Answer the poll"))

            let poll = try #require(try await work(tom).first { $0["kind"] as? String == "poll" }?["href"] as? String)
            try await tom.get(poll)
            #expect(try await tom.post(poll + "/vote", [("choices[]", "2")]).status == .seeOther)
            #expect(try await work(tom).map { $0["kind"] as? String } == ["proposal"])
            #expect(try await tom.get("/your-work").text.contains("class=\"count-badge\">1<"))

            // The chair signs version 2: her line goes; the council's signature still waits.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let current = try #require(try await AgreementVersionRecord.query(on: app.db).filter(\.$number == 2).first())
            try await chair.get(base + "/agreement/versions/2")
            #expect(try await chair.post(base + "/agreement/versions/2/sign", ["side": "partnership", "version": String(current.version)]).status == .seeOther)
            #expect(titles(try await work(chair)) == ["Review the agreement: its review date has passed", "Write the annual review of the plan for 2025",
                                                      "Answer Leah Brown’s request to join"])
            let hannah = TestClient(app)
            try await hannah.signIn("hannah@harbourside.example")
            #expect(titles(try await work(hannah)).contains("Sign version 2 of the agreement for the council"))
        }
    }

    @Test func theOrderIsOverdueThenSoonThenWaiting() {
        let today = Day("2026-12-04")!
        func item(_ key: String, _ due: String?) -> WorkItem {
            WorkItem(key: key, kind: .commitment, title: key, partnershipName: "P", partnershipSlug: "p", due: due.flatMap(Day.init),
                     target: .agreement(slug: "p"))
        }
        let ordered = WorkList.ordered([item("later", "2027-01-30"), item("undated", nil), item("soon", "2026-12-10"),
                                        item("long overdue", "2025-01-01"), item("overdue", "2026-12-01"), item("edge", "2026-12-18")],
                                       today: today)
        #expect(ordered.map(\.key) == ["long overdue", "overdue", "soon", "edge", "later", "undated"])
        #expect(WorkList.urgency(of: item("edge", "2026-12-18"), today: today) == .dueSoon)
        #expect(WorkList.urgency(of: item("later", "2026-12-19"), today: today) == .waiting)
        #expect(WorkList.urgency(of: item("today", "2026-12-04"), today: today) == .dueSoon)
    }
}

/// A council's inbox (issue 14, item 3): each officer's team first, then the rest, then what
/// was answered lately; reached from "your work", the council's page and its statistics.
@Suite struct CouncilInboxTests {
    let inbox = "/councils/\(Demo.council)/enquiries"

    func section(_ page: String, _ id: String) -> String {
        guard let start = page.range(of: "id=\"\(id)\"") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "<h2")?.lowerBound ?? rest.endIndex)])
    }

    @Test func eachOfficerSeesTheirTeamsEnquiriesFirst() async throws {
        try await TestApp.run { app in
            let property = TestClient(app)
            try await property.signIn("raj@harbourside.example")
            let page = try await property.get(inbox)
            #expect(page.status == .ok)
            #expect(page.text.contains("2 open, 2 of them overdue"))
            #expect(section(page.text, "yours").contains("Property and Estates") && section(page.text, "yours").contains("Asset transfer of the community centre"))
            #expect(section(page.text, "others").contains("Crossing outside St Anne&#39;s") || section(page.text, "others").contains("Crossing outside St Anne's"))
            #expect(!section(page.text, "yours").contains("Crossing outside"))
            // Parks holds nothing open: both are someone else's.
            let parks = TestClient(app)
            try await parks.signIn(Demo.councilStaff)
            let theirs = try await parks.get(inbox).text
            #expect(section(theirs, "yours").contains("Your team holds no open enquiries."))
            #expect(section(theirs, "others").contains("Asset transfer of the community centre"))
            // Reached from "your work", the council's page and its statistics, for staff only.
            #expect(try await parks.get("/your-work").text.contains("href=\"\(inbox)\""))
            #expect(try await parks.get("/organisations/\(Demo.council)").text.contains("href=\"\(inbox)\""))
            #expect(try await parks.get("/councils/\(Demo.council)/enquiries/statistics").text.contains("href=\"\(inbox)\""))
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get(inbox).status == .forbidden)
            #expect(!(try await member.get("/councils/\(Demo.council)/enquiries/statistics").text.contains("href=\"\(inbox)\"")))
        }
    }

    @Test func recentlyAnsweredEnquiriesAreListedForAMonth() async throws {
        try await TestApp.run { app in
            let answered = try await EnquiryRecord.query(on: app.db).filter(\.$stateRaw == "answered").sort(\.$closedOnRaw, .descending).all()
            let cutoff = Day.today().adding(days: -CouncilInboxPage.answeredWindowDays).description
            let recent = answered.filter { ($0.closedOnRaw ?? "") >= cutoff && $0.$council.id == answered.first?.$council.id }
            let old = answered.filter { ($0.closedOnRaw ?? "") < cutoff && $0.$council.id == answered.first?.$council.id }
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            let page = section(try await staff.get(inbox).text, "answered")
            for e in recent { #expect(page.contains(e.title.replacingOccurrences(of: "'", with: "&#39;")) || page.contains(e.title), "\(e.title)") }
            for e in old where !recent.contains(where: { $0.title == e.title }) { #expect(!page.contains(e.title), "\(e.title)") }
            #expect(!old.isEmpty)
        }
    }
}

/// Telling people (issue 14, item 4): the team when an enquiry arrives, the person who raised it
/// when it is handed on or answered, each side when the other signs; by e-mail through the
/// outbox and on "your work" until marked seen.
@Suite struct NoticeTests {
    func notices(_ client: TestClient) async throws -> [[String: Any]] {
        let r = try await client.get("/api/v1/me/work")
        return (try #require(try r.json()["items"] as? [[String: Any]])).filter { $0["kind"] as? String == "notice" }
    }

    func mailed(_ app: Application, to email: String, subjectStarting prefix: String) async throws -> Bool {
        try await OutboxMessageRecord.query(on: app.db).filter(\.$email == email).all().contains { $0.subject.hasPrefix(prefix) }
    }

    @Test func anEnquirysPeopleAreToldAsItMoves() async throws {
        try await TestApp.run { app in
            let f = try await EnquiryTests.fixture(app)
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let (path, _) = try await EnquiryTests.raise(tom)
            // The Parks team hears at once.
            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            #expect(try await notices(beth).map { $0["title"] as? String } == ["New enquiry for your team: Broken gate at the park"])
            #expect(try await notices(beth).first?["href"] as? String == path)
            #expect(try await mailed(app, to: "beth@harbourside.example", subjectStarting: "New enquiry for your team"))
            #expect(try await notices(tom).isEmpty)

            try await beth.get(path)
            #expect(try await beth.post(path + "/hand-off", ["toTeam": f.teams["property-and-estates"]!.uuidString,
                                                             "reason": "The gate belongs to the allotments.", "version": "1"]).status == .seeOther)
            #expect(try await notices(tom).map { $0["title"] as? String } == ["Your enquiry was handed on: Broken gate at the park"])
            let raj = TestClient(app)
            try await raj.signIn("raj@harbourside.example")
            #expect(try await notices(raj).contains { $0["title"] as? String == "An enquiry was handed to your team: Broken gate at the park" })

            try await raj.get(path)
            #expect(try await raj.post(path + "/answer", ["answer": "A new latch is fitted.", "version": "2"]).status == .seeOther)
            #expect(try await notices(tom).contains { $0["title"] as? String == "The council answered your enquiry: Broken gate at the park" })
            #expect(try await mailed(app, to: "tom@fernhill.example", subjectStarting: "The council answered your enquiry"))

            // Seen, a notice leaves; nobody else can mark it.
            let page = try await tom.get("/your-work").text
            #expect(page.contains("Mark as seen"))
            for notice in try await notices(tom) {
                let id = try #require((notice["key"] as? String)?.split(separator: ":").last.map(String.init))
                #expect(try await beth.post("/your-work/notices/\(id)/seen", [:]).status == .notFound)
                #expect(try await tom.post("/your-work/notices/\(id)/seen", [:]).status == .seeOther)
            }
            #expect(try await notices(tom).isEmpty)
        }
    }

    @Test func eachSideIsToldWhenTheOtherSigns() async throws {
        try await TestApp.run { app in
            let version = "/partnerships/\(Demo.partnership)/agreement/versions/2"
            let chair = TestClient(app), hannah = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await hannah.signIn("hannah@harbourside.example")
            var current = try #require(try await AgreementVersionRecord.query(on: app.db).filter(\.$number == 2).first())
            try await chair.get(version)
            #expect(try await chair.post(version + "/sign", ["side": "partnership", "version": String(current.version)]).status == .seeOther)
            #expect(try await notices(hannah).map { $0["title"] as? String } == ["Version 2 of the agreement waits for your signature"])
            #expect(try await notices(chair).isEmpty)
            current = try #require(try await AgreementVersionRecord.query(on: app.db).filter(\.$number == 2).first())
            try await hannah.get(version)
            #expect(try await hannah.post(version + "/sign", ["side": "council", "version": String(current.version)]).status == .seeOther)
            #expect(try await notices(chair).map { $0["title"] as? String } == ["Version 2 of the agreement is in force"])
            #expect(try await mailed(app, to: Demo.chair, subjectStarting: "Version 2 of the agreement is in force"))
        }
    }
}
