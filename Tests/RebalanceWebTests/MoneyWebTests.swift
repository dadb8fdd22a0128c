import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The plan and the money (issue 15) through the pages: the public summary, the ledger for
/// insiders, recording and reversing as the LTO, importing a CSV all or nothing (on SQLite and,
/// with TEST_DATABASE_URL, PostgreSQL), and a plan version drafted, signed off and accepted.
@Suite struct MoneyWebTests {
    let base = "/partnerships/\(Demo.partnership)"
    static let lto = "joe@fernhilltrust.example"
    static let funder = "fatima@localtrust.example"

    func count(_ app: Application) async throws -> Int { try await LedgerEntryRecord.query(on: app.db).count() }

    @Test func theSummaryIsPublicAndTheLinesAreForInsiders() async throws {
        try await TestApp.run { app in
            let visitor = TestClient(app)
            let page = try await visitor.get(base + "/money")
            #expect(page.status == .ok)
            #expect(page.text.contains("Award") && page.text.contains("£1,100,000") && page.text.contains("Green spaces"))
            #expect(page.text.contains("chart-spend-by-year-title"))
            #expect(!page.text.contains("/money/ledger") && !page.text.contains("Harbourside Youth Trust"))
            #expect(try await visitor.get(base + "/money/ledger").status == .seeOther)
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let ledger = try await tom.get(base + "/money/ledger")
            #expect(ledger.status == .ok && ledger.text.contains("Reversal") && ledger.text.contains("Minibus hire"))
            let csv = try await tom.get(base + "/money.csv")
            #expect(csv.status == .ok && csv.text.hasPrefix("id,date,kind,amount,priority"))
            #expect(csv.text.contains(",-1250.00,"))
            #expect(!ledger.text.contains("Reverse<span"))   // members read; the LTO records
        }
    }

    @Test func theLTORecordsMoneyAndAnOverpaymentIsAWarning() async throws {
        try await TestApp.run { app in
            let joe = TestClient(app)
            try await joe.signIn(Self.lto)
            try await joe.get(base + "/money/entries/new")
            let before = try await count(app)
            let audited = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "ledger_entry").count()
            let bad = try await joe.post(base + "/money/entries/new", ["kind": "paid", "amount": "-5", "on": "2031-01-01", "priority": "", "description": ""])
            #expect(bad.status == .unprocessableEntity)
            for field in ["amount", "on", "priority", "payee", "description"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            // Nothing committed for green spaces in 2026 beyond what was paid: a payment needs confirming.
            var form = ["kind": "paid", "amount": "999999", "on": "2026-01-10", "priority": "green-spaces", "payee": "Green Hands Landscaping",
                        "reference": "FCT-2026-X1", "description": "Hedge planting"]
            let warned = try await joe.post(base + "/money/entries/new", form)
            #expect(warned.status == .unprocessableEntity && warned.text.contains("class=\"warning-text\"") && !warned.text.contains("error-summary"))
            #expect(try await count(app) == before)
            form[LedgerRules.confirmOverpay] = "true"
            #expect(try await joe.post(base + "/money/entries/new", form).status == .seeOther)
            #expect(try await count(app) == before + 1)
            // The same reference again is refused by name.
            #expect(try await joe.post(base + "/money/entries/new", form).text.contains("The reference FCT-2026-X1 is already in this LTO"))

            // A mistake is reversed, once.
            let line = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$reference == "FCT-2026-X1").first())
            try await joe.get(base + "/money/ledger")
            let path = base + "/money/entries/\(line.id!.uuidString.lowercased())/reverse"
            #expect(try await joe.post(path, ["reason": "Typed the wrong amount"]).status == .seeOther)
            #expect(try await LedgerEntryRecord.query(on: app.db).filter(\.$reversesID == line.id).count() == 1)
            _ = try await joe.post(path, ["reason": "Again"])
            #expect(try await LedgerEntryRecord.query(on: app.db).filter(\.$reversesID == line.id).count() == 1)
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "ledger_entry").count() == audited + 2)
        }
    }

    @Test func anImportIsAllOrNothingAndNeverTwice() async throws {
        try await TestApp.run { app in
            let joe = TestClient(app)
            try await joe.signIn(Self.lto)
            try await joe.get(base + "/money/import")
            let before = try await count(app)
            var rows = ["date,kind,amount,priority,payee,reference,description"]
            for n in 1...5 { rows.append("2025-0\(n)-1\(n),paid,12.3\(n),Small grants,Brook Print,IMP-\(n),Leaflets \(n)") }
            rows.append("2025-13-40,paid,10,Small grants,Brook Print,IMP-6,Posters")
            let refused = try await joe.post(base + "/money/import", ["csv": rows.joined(separator: "\n")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Line 7: date:"))
            #expect(try await count(app) == before)
            rows.removeLast()
            let clean = rows.joined(separator: "\n")
            #expect(try await joe.post(base + "/money/import", ["csv": clean]).status == .seeOther)
            #expect(try await count(app) == before + 5)
            #expect(try await joe.post(base + "/money/import", ["csv": clean]).status == .seeOther)
            #expect(try await count(app) == before + 5)
            #expect(try await joe.get(base + "/money/ledger").text.contains("already in the ledger were skipped"))
            let missing = try await joe.post(base + "/money/import", ["csv": "date,kind,amount\n2025-01-01,paid,1"])
            #expect(missing.text.contains("The header row is missing the columns priority, reference, description"))
        }
    }

    @Test func aPlanVersionIsDraftedSignedOffAndAccepted() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let form = try await tom.get(base + "/plan/draft")
            #expect(form.status == .ok && form.text.contains("2014 24000.00") && form.text.contains("Green spaces"))
            let bad = try await tom.post(base + "/plan/draft", ["vision": "", "startYear": "2013", "endYear": "2018",
                                                                "priorities[0].title": "Roads", "priorities[0].budgets": "2013 1.234"])
            #expect(bad.status == .unprocessableEntity)
            for field in ["vision", "endYear", "priorities[0].outcomes", "priorities[0].budgets"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            let made = try await tom.post(base + "/plan/draft", [
                "vision": "A Fernhill for everyone", "startYear": "2013", "endYear": "2028",
                "priorities[0].title": "Green spaces", "priorities[0].outcomes": "A park", "priorities[0].consultation": "Walkabouts",
                "priorities[0].budgets": "2013 10000\n2014 12000", "changeSummary": "A shorter plan"])
            #expect(made.status == .seeOther && made.location == base + "/plan/versions/4")
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            // Each step waits on the "your work" of the person who takes it, and leaves once taken.
            func work(_ client: TestClient) async throws -> [String] {
                ((try await client.get("/api/v1/me/work").json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
            }
            #expect(try await work(chair).contains("Sign off version 4 of the plan for the partnership"))
            try await chair.get(base + "/plan")
            #expect(try await chair.post(base + "/plan/versions/4/sign-off", [:]).status == .seeOther)
            #expect(!(try await work(chair).contains("Sign off version 4 of the plan for the partnership")))
            // Only the funder accepts.
            #expect(try await chair.post(base + "/plan/versions/4/accept", [:]).status == .forbidden)
            let fatima = TestClient(app)
            try await fatima.signIn(Self.funder)
            #expect(try await work(fatima) == ["Accept version 4 of the plan for the funder"])
            try await fatima.get(base + "/plan")
            #expect(try await fatima.post(base + "/plan/versions/4/accept", [:]).status == .seeOther)
            #expect(try await work(fatima).isEmpty)
            let plan = try await TestClient(app).get(base + "/plan")
            #expect(plan.text.contains("The plan, version 4") && plan.text.contains("A Fernhill for everyone"))
            #expect(plan.text.contains("of the £1,100,000 award is not yet given to a priority"))
        }
    }

    @Test func theFunderSeesEveryAreaItFunds() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            #expect(try await tom.get("/funders/\(Demo.funder)").status == .forbidden)
            let fatima = TestClient(app)
            try await fatima.signIn(Self.funder)
            #expect(try await fatima.get("/organisations/\(Demo.funder)").text.contains("href=\"/funders/\(Demo.funder)\""))
            let page = try await fatima.get("/funders/\(Demo.funder)?sort=paid&direction=descending")
            #expect(page.status == .ok && page.text.contains("Fernhill Big Local Partnership") && page.text.contains("£1,100,000"))
            #expect(page.text.contains("aria-sort=\"descending\""))
            let csv = try await fatima.get("/funders/\(Demo.funder)/areas.csv")
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.first == "area,award,received,paid,time_gone_percent,money_spent_percent,health_gap,kept_on_time_percent,answered_within_target_percent")
            #expect(lines.count == 2 && lines[1].hasPrefix("Fernhill Big Local Partnership,1100000.00,893750.00,"))
        }
    }

    @Test func theFunderKeepsTheAwardAndItsSchedule() async throws {
        try await TestApp.run { app in
            let fatima = TestClient(app)
            try await fatima.signIn(Self.funder)
            let page = try await fatima.get(base + "/money")
            #expect(page.text.contains("Add a payment to the schedule") && page.text.contains("Change the award"))
            let bad = try await fatima.post(base + "/money/tranches", ["due": "2040-01-01", "amount": "0"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("href=\"#due\"") && bad.text.contains("href=\"#amount\""))
            let before = try await TrancheRecord.query(on: app.db).count()
            #expect(try await fatima.post(base + "/money/tranches", ["due": "2028-10-01", "amount": "5000"]).status == .seeOther)
            #expect(try await TrancheRecord.query(on: app.db).count() == before + 1)
            #expect(try await fatima.get(base + "/money").text.contains("The schedule comes to £5,000 more than the award"))
            #expect(try await fatima.post(base + "/money/offer", ["award": "1105000", "offeredOn": "2013-11-04"]).status == .seeOther)
            #expect(try await FundingOfferRecord.query(on: app.db).first()?.award == Pence.pounds(1_105_000))
            // The LTO records money but does not set the award.
            let joe = TestClient(app)
            try await joe.signIn(Self.lto)
            try await joe.get(base + "/money")
            #expect(try await joe.post(base + "/money/offer", ["award": "1", "offeredOn": "2013-11-04"]).status == .forbidden)
        }
    }

    @Test func aReviewMovesBudgetAndDraftsTheNextVersion() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            #expect(try await tom.get(base + "/plan").text.contains("Annual reviews"))
            try await tom.get(base + "/plan/review")
            var form = ["year": "2026", "moves[0].fromPriority": "small-grants", "moves[0].fromYear": "2027", "moves[0].toPriority": "young-people",
                        "moves[0].toYear": "2027", "moves[0].amount": "99999", "moves[0].reason": "Holiday club"]
            for n in 0..<4 { form["notes[\(n)].happened"] = "A good year" }
            let greedy = try await tom.post(base + "/plan/review", form)
            #expect(greedy.status == .unprocessableEntity && greedy.text.contains("Only £9,000.00 is budgeted for “Small grants” in 2027"))
            form["moves[0].amount"] = "2000"
            let made = try await tom.post(base + "/plan/review", form)
            #expect(made.status == .seeOther && made.location == base + "/plan/versions/4")
            let v4 = try #require(try await PlanVersionRecord.query(on: app.db).filter(\.$number == 4).first()?.content)
            #expect(v4.priority("young-people")?.budgets[2027] == Pence.pounds(24_000) && v4.priority("small-grants")?.budgets[2027] == Pence.pounds(7_000))
        }
    }

    @Test func moneyJoinsTheTimelineProjectsAndTheAPI() async throws {
        try await TestApp.run { app in
            let timeline = try await TestClient(app).get(base + "/timeline?kind=money")
            #expect(timeline.text.contains("Plan version 1 accepted by the funder") && timeline.text.contains("£68,750 received from the funder"))
            #expect(timeline.text.contains("Plan reviewed for 2019"))
            let park = try #require(try await ProjectRecord.query(on: app.db).filter(\.$title == "Fernhill Park after dark").first())
            #expect(try await TestClient(app).get(base + "/projects/\(park.id!.uuidString)").text.contains("Spend against plan"))
            let summary = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/money").json()
            #expect(summary["award"] as? Int == 110_000_000 && (summary["byPriority"] as? [Any])?.count == 4)
            #expect(try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/money/ledger").status == .unauthorized)
            let plan = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/plan").json()
            #expect(plan["number"] as? Int == 3 && plan["accepted"] as? Bool == true)
        }
    }
}
