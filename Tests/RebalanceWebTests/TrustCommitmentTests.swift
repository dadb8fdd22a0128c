import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The commitments register through pages, CSV and the API.
@Suite struct TrustCommitmentTests {
    func commitment(_ title: String, _ app: Application) async throws -> CommitmentRecord {
        try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == title).first())
    }

    func parties(_ app: Application) async throws -> (parks: String, partnership: String) {
        let pid = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db)?.id)
        let all = try await CommitmentQueries.parties(of: pid, on: app.db)
        return (try #require(all.first { $0.name.hasPrefix("Parks") }?.key), "partnership")
    }

    @Test func recordingChecksDatesAndWarnsAPartyThatIsBehind() async throws {
        try await TestApp.run { app in
            let (parks, partnership) = try await parties(app)
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            try await staff.get(Demo.trust + "/commitments/new")
            var form = ["title": "Fix the brook path lights", "owner": parks, "recipient": partnership,
                        "dueOn": Day.today().adding(days: -1).description, "size": "early_win", "state": "agreed"]
            let past = try await staff.post(Demo.trust + "/commitments/new", form)
            #expect(past.status == .unprocessableEntity)
            #expect(past.text.contains("Due date must be today (\(Day.today().readable)) or later"))
            #expect(past.text.contains("value=\"Fix the brook path lights\""))

            // The demo's Parks team has two overdue promises: warn, and ask to confirm.
            form["dueOn"] = Day.today().adding(days: 30).description
            let warned = try await staff.post(Demo.trust + "/commitments/new", form)
            #expect(warned.status == .unprocessableEntity)
            #expect(warned.text.contains("already has 2 overdue commitments"))
            #expect(warned.text.contains("id=\"confirmOverPromise\""))
            let before = try await CommitmentRecord.query(on: app.db).count()
            #expect(before == 18)
            form["confirmOverPromise"] = "true"
            let saved = try await staff.post(Demo.trust + "/commitments/new", form)
            #expect(saved.status == .seeOther)
            #expect(try await CommitmentRecord.query(on: app.db).count() == before + 1)
            let c = try await commitment("Fix the brook path lights", app)
            #expect(c.state == .agreed && c.ownerName.hasPrefix("Parks"))
            let audit = try #require(try await AuditQueries.named(AuditEntryRecord.query(on: app.db).filter(\.$entityType == "commitment")
                .filter(\.$action == "created").all(), on: app.db).first { $0.actorName == "Beth Summers" })
            #expect(audit.afterFields?["title"] == "Fix the brook path lights")

            // The partnership itself is not behind: no warning.
            try await staff.get(Demo.trust + "/commitments/new")
            let fine = try await staff.post(Demo.trust + "/commitments/new", ["title": "Hold a litter pick", "owner": partnership, "recipient": parks,
                                                                            "dueOn": Day.today().adding(days: 10).description, "size": "early_win"])
            #expect(fine.status == .seeOther)
        }
    }

    @Test func statesMoveOnlyAsTheMachineAllowsAndLateDeliveryCountsAsLate() async throws {
        try await TestApp.run { app in
            let fence = try await commitment("Repair the playground fence", app)
            let path = Demo.trust + "/commitments/\(fence.id!.uuidString)"
            // A resident member who is not the party responsible cannot move it.
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            #expect(try await tom.get(path + "/transitions").status == .forbidden)

            // Parks staff answer for the Parks team's promises.
            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            try await beth.get(path + "/transitions")
            let noReason = try await beth.post(path + "/transitions", ["state": "withdrawn", "version": String(fence.version)])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Enter why the commitment is being withdrawn"))
            let delivered = try await beth.post(path + "/transitions", ["state": "delivered", "version": String(fence.version)])
            #expect(delivered.status == .seeOther)
            let after = try await commitment("Repair the playground fence", app)
            #expect(after.state == .delivered && after.deliveredOn == Day.today())
            #expect(after.facts.deliveredOnTime == false)
            let back = try await beth.post(path + "/transitions", ["state": "proposed", "version": String(after.version)])
            #expect(back.status == .unprocessableEntity)
            #expect(back.text.contains("A commitment that is delivered cannot change state any more"))

            let page = try await TestClient(app).get(path)
            #expect(page.text.contains("(late)"))
            #expect(page.text.contains("Agreed to delivered"))
            let accountability = try await TestClient(app).get(Demo.trust + "/accountability")
            // Parks: path (on time), lamps (on time after renegotiation), volunteers (on time), bench (missed),
            // fence (now late), tree survey (overdue).
            #expect(accountability.text.contains("3 delivered on time, 1 delivered late, 1 missed, 0 open, 1 overdue"))
            #expect(accountability.text.contains("<svg"))
        }
    }

    @Test func renegotiationNeedsAReasonAndKeepsTheHistory() async throws {
        try await TestApp.run { app in
            let survey = try await commitment("Publish the tree survey", app)
            let path = Demo.trust + "/commitments/\(survey.id!.uuidString)/renegotiate"
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(path)
            let newDate = Day.today().adding(days: 21)
            let noReason = try await chair.post(path, ["dueOn": newDate.description, "version": String(survey.version)])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Enter why the date is changing"))
            let ok = try await chair.post(path, ["dueOn": newDate.description, "reason": "Ecologist ill", "version": String(survey.version)])
            #expect(ok.status == .seeOther)
            let stale = try await chair.post(path, ["dueOn": newDate.adding(days: 1).description, "reason": "Again", "version": String(survey.version)])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains(">Again</textarea>"))
            let after = try await commitment("Publish the tree survey", app)
            #expect(after.dueOn == newDate && after.originalDueOn == survey.originalDueOn && after.renegotiations == 1)
            #expect(!after.facts.isOverdue(on: .today()))
            let page = try await TestClient(app).get(Demo.trust + "/commitments/\(survey.id!.uuidString)")
            #expect(page.text.contains("New date agreed: \(newDate.readable)"))
            #expect(page.text.contains("Ecologist ill"))
            let timeline = try await TestClient(app).get(Demo.trust + "/timeline?kind=commitment")
            #expect(timeline.text.contains("New date agreed for “Publish the tree survey”"))
            #expect(!timeline.text.contains("Agreement version 1 drafted"))
        }
    }

    @Test func csvIsGuardedAgainstFormulas() async throws {
        try await TestApp.run { app in
            let (_, partnership) = try await parties(app)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let pid = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db)?.id)
            let ltoParty = try await CommitmentQueries.parties(of: pid, on: app.db).first { $0.kind == .lto }
            let owner = try #require(ltoParty?.key)
            try await chair.get(Demo.trust + "/commitments/new")
            let r = try await chair.post(Demo.trust + "/commitments/new", ["title": "=HYPERLINK(\"http://x\"), \"quoted\"", "owner": owner,
                                                                          "recipient": partnership, "dueOn": Day.today().description, "size": "larger"])
            #expect(r.status == .seeOther)
            let csv = try await TestClient(app).get(Demo.trust + "/commitments.csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("fernhill-big-local-partnership-commitments.csv") == true)
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("id,title,owner,owner_kind,recipient"))
            let expectedLines = 21  // header, 19 rows, the empty string after the last CRLF
            #expect(lines.count == expectedLines)
            #expect(csv.text.contains(",\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\","))
            let projects = try await TestClient(app).get(Demo.trust + "/projects.csv")
            #expect(projects.text.hasPrefix("id,title,stage,plan_priority"))
            #expect(projects.text.contains("Fernhill Park after dark,pilot"))
        }
    }

    @Test func theAPIMirrorsTheRegister() async throws {
        try await TestApp.run { app in
            let (parks, partnership) = try await parties(app)
            let list = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/commitments?per=100").json()
            #expect(list["total"] as? Int == 18)
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.filter { $0["overdue"] as? Bool == true }.count == 2)
            let lamps = try #require(items.first { $0["title"] as? String == "Install two lamps on the main path" })
            #expect(lamps["deliveredOnTime"] as? Bool == true && lamps["renegotiations"] as? Int == 1)
            #expect((lamps["history"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["created", "renegotiated", "state"])

            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            let base = "/api/v1/partnerships/\(Demo.partnership)/commitments"
            let due = Day.today().adding(days: 14)
            let warned = try await staff.json(.POST, base, #"{"title":"Mow the meadow","owner":"\#(parks)","recipient":"\#(partnership)","dueOn":"\#(due)","size":"early_win"}"#)
            #expect(warned.status == .unprocessableEntity)
            #expect((try warned.json()["fields"] as? [String: String])?["confirmOverPromise"]?.contains("2 overdue") == true)
            let created = try await staff.json(.POST, base, #"{"title":"Mow the meadow","owner":"\#(parks)","recipient":"\#(partnership)","dueOn":"\#(due)","size":"early_win","confirmOverPromise":true}"#)
            #expect(created.status == .created)
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            let version = try #require(body["version"] as? Int)
            #expect(body["state"] as? String == "proposed")

            let illegal = try await staff.json(.POST, "\(base)/\(id)/transitions", #"{"state":"delivered","version":\#(version)}"#)
            #expect(illegal.status == .unprocessableEntity)
            #expect((try illegal.json()["fields"] as? [String: String])?["state"] == "A commitment that is proposed can only become: Agreed, Withdrawn")
            let agreed = try await staff.json(.POST, "\(base)/\(id)/transitions", #"{"state":"agreed","version":\#(version)}"#)
            #expect(agreed.status == .ok)
            let stale = try await staff.json(.POST, "\(base)/\(id)/transitions", #"{"state":"in_progress","version":\#(version)}"#)
            #expect(stale.status == .conflict)
            let noReason = try await staff.json(.POST, "\(base)/\(id)/renegotiations", #"{"dueOn":"\#(due.adding(days: 7))","version":\#(version + 1)}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect((try noReason.json()["fields"] as? [String: String])?["reason"] != nil)

            // A member who does not answer for the Parks team cannot move its promise.
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            #expect(try await tom.json(.POST, "\(base)/\(id)/transitions", #"{"state":"in_progress","version":\#(version + 1)}"#).status == .forbidden)

            let accountability = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/accountability").json()
            let partiesList = try #require(accountability["parties"] as? [[String: Any]])
            let parksLine = try #require(partiesList.first { ($0["party"] as? [String: Any])?["key"] as? String == parks })
            #expect((parksLine["trackRecord"] as? [String: Any])?["overdue"] as? Int == 2)
            #expect((parksLine["trackRecord"] as? [String: Any])?["open"] as? Int == 1)
        }
    }
}
