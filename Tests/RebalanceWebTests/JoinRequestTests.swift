import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Joining (issue 14, item 6): a resident asks to join or to be kept informed from the
/// partnership's page; the chair finds the request on their work, sees what accepting would do
/// to the partnership's make-up, and answers with a message; "ask the chair" is a real message.
@Suite struct JoinRequestTests {
    let base = "/partnerships/\(Demo.partnership)"

    func person(_ email: String, _ app: Application) async throws -> PersonRecord {
        try #require(try await PersonRecord.query(on: app.db).filter(\.$email == email).first())
    }

    @Test func aResidentAsksAndTheChairAccepts() async throws {
        try await TestApp.run { app in
            // Visitors are sent to sign in first; members are not asked to join.
            let visitor = try await TestClient(app).get(base)
            #expect(visitor.text.contains("href=\"/sign-in?next=\(base)/join\""))
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            #expect(!(try await tom.get(base)).text.contains("Ask to join or be kept informed"))

            let nadia = TestClient(app)
            try await nadia.signIn(Demo.resident)
            #expect(try await nadia.get(base).text.contains("href=\"\(base)/join\""))
            try await nadia.get(base + "/join")
            let empty = try await nadia.post(base + "/join", ["message": String(repeating: "x", count: 1001)])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("href=\"#kind\"") && empty.text.contains("href=\"#message\""))
            let asked = try await nadia.post(base + "/join", ["kind": "join", "livesInArea": "true", "message": "I help at the school gate."])
            #expect(asked.status == .seeOther)
            #expect(try await nadia.post(base + "/join", ["kind": "join"]).text.contains("You have already asked this"))
            // The chair is e-mailed; the request waits on her work.
            let ada = try await person(Demo.chair, app)
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$personID == ada.id!)
                .filter(\.$subject == "Nadia Rahman asks to join Fernhill Big Local Partnership").count() == 1)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let work = try #require(try await chair.get("/api/v1/me/work").json()["items"] as? [[String: Any]])
            let line = try #require(work.first { $0["title"] as? String == "Answer Nadia Rahman’s request to join" })
            #expect(line["kind"] as? String == "join_request")
            let href = try #require(line["href"] as? String)

            // Another member cannot read it; the chair sees the effect on the make-up.
            #expect(try await tom.get(href).status == .forbidden)
            let page = try await chair.get(href)
            let details = page.text.matches(of: try Regex("checklist__detail\">[^<]*")).map { String(page.text[$0.range]) }
            #expect(page.text.contains("What accepting would change") && page.text.contains("If you accept"), "\(details)")
            #expect(page.text.contains("6 of 9 voting members are residents") && page.text.contains("7 of 10 voting members are residents"), "\(details)")
            let declinedSilently = try await chair.post(href + "/answer", ["decision": "decline", "version": "1"])
            #expect(declinedSilently.status == .unprocessableEntity && declinedSilently.text.contains("Say why you are declining"))
            let accepted = try await chair.post(href + "/answer", ["decision": "accept", "reply": "Welcome aboard!", "role": "resident",
                                                                  "votes": "true", "livesInArea": "true", "version": "1"])
            #expect(accepted.status == .seeOther)
            let nadiaID = try await person(Demo.resident, app).requireID()
            let partnership = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            let membership = try #require(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == nadiaID)
                .filter(\.$partnership.$id == partnership.requireID()).first())
            #expect(membership.role == .resident && membership.votes)
            // She is told, on her work and by e-mail, with the chair's message.
            let hers = try #require(try await nadia.get("/api/v1/me/work").json()["items"] as? [[String: Any]])
            #expect(hers.contains { $0["title"] as? String == "The chair welcomed you as a member of Fernhill Big Local Partnership" })
            #expect(try await chair.post(href + "/answer", ["decision": "decline", "reply": "Too late", "version": "2"]).status == .unprocessableEntity)
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "join_request").count() == 3)
        }
    }

    @Test func beingKeptInformedPutsThemInTheCommunicationPlan() async throws {
        try await TestApp.run { app in
            let nadia = TestClient(app)
            try await nadia.signIn(Demo.resident)
            try await nadia.get(base + "/join")
            #expect(try await nadia.post(base + "/join", ["kind": "keep_informed"]).status == .seeOther)
            let r = try #require(try await JoinRequestRecord.query(on: app.db).filter(\.$kindRaw == "keep_informed").first())
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let href = base + "/requests/\(r.id!.uuidString.lowercased())"
            try await chair.get(href)
            #expect(try await chair.post(href + "/answer", ["decision": "accept", "level": "regular", "version": "1"]).status == .seeOther)
            let p = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            let plan = try #require(try await CommunicationPlanQueries.record(of: p.requireID(), on: app.db)).plan
            let nadiaID = try await person(Demo.resident, app).requireID()
            let entry = try #require(plan.entries.first { $0.stakeholder == .person(nadiaID) })
            #expect(entry.level == .regular && entry.channel == .email)
            // Not a member: being informed gives no say.
            #expect(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == nadiaID)
                .filter(\.$partnership.$id == p.requireID()).count() == 0)
        }
    }

    @Test func theApplicantCanWithdrawAndTheDemoChairHasOneWaiting() async throws {
        try await TestApp.run { app in
            let leah = TestClient(app)
            try await leah.signIn("leah@fernhill.example")
            let page = try await leah.get(base + "/join")
            #expect(page.text.contains("Waiting for the chair"))
            let r = try #require(try await JoinRequestRecord.query(on: app.db).first())
            let withdrawn = try await leah.post(base + "/requests/\(r.id!.uuidString.lowercased())/withdraw", [:])
            #expect(withdrawn.status == .seeOther)
            #expect(try await JoinRequestRecord.find(r.id, on: app.db)?.state == .withdrawn)
            // Someone else's request cannot be withdrawn by them.
            let nadia = TestClient(app)
            try await nadia.signIn(Demo.resident)
            try await nadia.get(base + "/join")
            #expect(try await nadia.post(base + "/requests/\(r.id!.uuidString.lowercased())/withdraw", [:]).status == .notFound)
        }
    }

    @Test func writingToTheChairGoesThroughTheOutbox() async throws {
        try await TestApp.run { app in
            let nadia = TestClient(app)
            try await nadia.signIn(Demo.resident)
            try await nadia.get(base + "/write-to-the-chair")
            let bad = try await nadia.post(base + "/write-to-the-chair", ["subject": "", "message": ""])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("href=\"#subject\"") && bad.text.contains("href=\"#message\""))
            for n in 1...3 {
                let sent = try await nadia.post(base + "/write-to-the-chair", ["subject": "Bins \(n)", "message": "The bins on Larch Close", "shareEmail": "true"])
                #expect(sent.status == .seeOther)
            }
            let ada = try await person(Demo.chair, app)
            let mail = try await OutboxMessageRecord.query(on: app.db).filter(\.$personID == ada.id!).filter(\.$subject == "Nadia Rahman writes: Bins 1").all()
            #expect(mail.count == 1 && mail[0].body.contains("The bins on Larch Close") && mail[0].body.contains(Demo.resident))
            // The chair's address is never shown to the writer, and a fourth message today is refused.
            let fourth = try await nadia.post(base + "/write-to-the-chair", ["subject": "Bins 4", "message": "Again"])
            #expect(fourth.status == .unprocessableEntity && fourth.text.contains("please wait until tomorrow"))
            #expect(!fourth.text.contains(Demo.chair))
            // The audit log records that a message was sent, not what it said.
            let audited = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "message_to_chair").all()
            #expect(audited.count == 3 && audited.allSatisfy { $0.entityLabel == "Message to the chair" })
        }
    }
}
