import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import SQLKit
import Testing
import Vapor
import VaporTesting

/// UK GDPR: a person's data as a download, erasure, health-check answers that lose their link
/// when a round closes, retention, and the privacy page (ADR 0020).
@Suite struct PrivacyWebTests {
    let base = "/partnerships/\(Demo.partnership)"

    func person(_ email: String, _ app: Application) async throws -> PersonRecord {
        try #require(try await PersonRecord.query(on: app.db).filter(\.$email == email).first())
    }

    @Test func aPersonDownloadsTheirDataWithoutAnyoneElsesOrAnyAnonymousBallot() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            // Something of each kind: a token, and a vote in an anonymous poll.
            try await tom.get("/account")
            #expect(try await tom.post("/account/tokens", ["tokenName": "newsletter script"]).status == .created)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/polls/new")
            let opened = try await chair.post(base + "/polls/new", ["title": "Secret question", "kind": "single_choice", "options": "Yes\nNo",
                                                                    "anonymous": "true", "audience": "voting_members",
                                                                    "resultsVisibility": "always",
                                                                    "closesAt": DecisionFormat.inputTime(Date().addingTimeInterval(86400))])
            let pollPath = try #require(opened.location)
            try await tom.get(pollPath)
            #expect(try await tom.post(pollPath + "/vote", ["choices": "2"]).status == .seeOther)

            let download = try await tom.get("/account/data")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            let data = try download.json()
            let account = try #require(data["account"] as? [String: Any])
            #expect(account["email"] as? String == Demo.member)
            #expect((data["memberships"] as? [[String: Any]])?.isEmpty == false)
            let tokens = try #require(data["apiTokens"] as? [[String: Any]])
            #expect(tokens.map { $0["name"] as? String } == ["newsletter script"])
            #expect((data["anonymousPollsVotedIn"] as? [String])?.contains("Secret question") == true)
            #expect((data["namedPollVotes"] as? [[String: Any]])?.contains { $0["poll"] as? String == "Secret question" } == false)
            for section in ["staffRoles", "commitmentsOwned", "positions", "healthCheckInvitations", "enquiriesRaised", "meetings",
                            "mailSent", "changesMade", "notificationPreferences"] {
                #expect(data[section] != nil, "\(section) is missing")
            }
            // Nobody else's address, no secret, nothing of the ballot.
            for other in [Demo.chair, Demo.admin, Demo.councilStaff, Demo.resident] { #expect(!download.text.contains(other)) }
            let me = try await person(Demo.member, app)
            #expect(!download.text.contains(me.passwordHash))
            #expect(!download.text.lowercased().contains("hash"))
            #expect(!download.text.contains("\"choices\""))

            // The same document through the API, for the signed-in person only.
            let api = try await tom.get("/api/v1/me/data")
            #expect(api.status == .ok)
            #expect((try api.json()["account"] as? [String: Any])?["email"] as? String == Demo.member)
            #expect(try await TestClient(app).get("/api/v1/me/data").status == .unauthorized)
        }
    }

    @Test func erasingAnAccountBlanksTheNameAndAddressEverywhereAndKeepsThePartnershipsRecords() async throws {
        try await TestApp.run { app in
            let tom = try await person(Demo.member, app)
            let tomID = try tom.requireID()
            let oldName = tom.name
            let client = TestClient(app)
            try await client.signIn(Demo.member)
            // Something attributed to Tom by name: a proposal and a position on it.
            try await client.get(base + "/polls/new")
            let poll = try await client.post(base + "/polls/new", ["title": "Tom's question", "kind": "single_choice", "options": "Yes\nNo",
                                                                   "audience": "voting_members", "resultsVisibility": "always",
                                                                   "closesAt": DecisionFormat.inputTime(Date().addingTimeInterval(86400))])
            let pollPath = try #require(poll.location)
            try await client.get(pollPath)
            #expect(try await client.post(pollPath + "/vote", ["choices": "1"]).status == .seeOther)
            let auditCount = try await AuditEntryRecord.query(on: app.db).count()

            // The confirmation step: a page first, then the address typed out.
            let page = try await client.get("/account/erase")
            #expect(page.status == .ok)
            #expect(page.text.contains("Erase your account"))
            let empty = try await client.post("/account/erase", [:])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Type your e-mail address to confirm that you want your account erased"))
            let wrong = try await client.post("/account/erase", ["confirm": "someone@else.example"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await PersonRecord.find(tomID, on: app.db)?.name == oldName)

            let done = try await client.post("/account/erase", ["confirm": Demo.member])
            #expect(done.status == .ok)
            #expect(done.text.contains("Your account has been erased"))
            #expect(try await SignInAttemptRecord.query(on: app.db).filter(\.$email == Demo.member).count() == 0)
            // Signed out, and nobody can sign in with the old details.
            #expect(try await client.get("/account").status == .seeOther)
            await #expect(throws: (any Error).self) { try await TestClient(app).signIn(Demo.member) }

            let erased = try #require(try await PersonRecord.find(tomID, on: app.db))
            #expect(erased.name == ErasedPerson.name)
            #expect(ErasedPerson.isErased(email: erased.email))
            #expect(try await WebSessionRecord.query(on: app.db).filter(\.$personID == tomID).count() == 0)
            #expect(try await APITokenRecord.query(on: app.db).filter(\.$person.$id == tomID).count() == 0)
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == Demo.member).count() == 0)
            let memberships = try await MembershipRecord.query(on: app.db).filter(\.$person.$id == tomID).all()
            #expect(!memberships.isEmpty && memberships.allSatisfy { !$0.isCurrent(on: Day.today().adding(days: 1)) })

            // The records stay, attributed to the placeholder; the log is untouched but names them so.
            #expect(try await AuditEntryRecord.query(on: app.db).count() == auditCount + 1)
            let byTom = try await AuditQueries.madeBy(tomID, on: app.db)
            #expect(!byTom.isEmpty && byTom.allSatisfy { $0.actorName == ErasedPerson.name })
            let pollRecord = try #require(try await PollRecord.query(on: app.db).filter(\.$title == "Tom's question").first())
            #expect(pollRecord.createdByName == ErasedPerson.name)
            let sql = app.db as! any SQLDatabase
            for column in PersonErasure.namesByID {
                struct Count: Decodable { let n: Int }
                let n = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: column.table) WHERE \(unsafeRaw: column.name) = \(bind: oldName)")
                    .first(decoding: Count.self)?.n
                #expect(n == 0, "\(column.table).\(column.name) still names them")
            }
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let audit = try await chair.get(base + "/audit")
            // Who made each change is read from the names table (the fields of older entries
            // may still quote a name as it was; ADR 0020).
            #expect(!audit.text.contains("<span class=\"secondary-text\">\(oldName), "))
            #expect(audit.text.contains("<span class=\"secondary-text\">\(ErasedPerson.name), "))
            #expect(try await chair.get(pollPath).text.contains(ErasedPerson.name))
        }
    }

    @Test func anAdministratorErasesSomeoneAfterConfirming() async throws {
        try await TestApp.run { app in
            let nadia = try await person(Demo.resident, app)
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let people = try await admin.get("/admin/people")
            let path = "/admin/people/\(nadia.id!.uuidString)/erase"
            #expect(people.text.contains(path))
            let page = try await admin.get(path)
            #expect(page.text.contains("Type their e-mail address to confirm"))
            #expect(try await admin.post(path, ["confirm": "nope"]).status == .unprocessableEntity)
            #expect(try await admin.post(path, ["confirm": Demo.resident]).status == .seeOther)
            #expect(try await PersonRecord.find(nadia.id, on: app.db)?.name == ErasedPerson.name)
            let again = try await admin.post(path, ["confirm": Demo.resident])
            #expect(again.text.contains("This account has already been erased"))
            // The only administrator cannot erase themselves and leave the site without one.
            let me = try await person(Demo.admin, app)
            let own = try await admin.post("/admin/people/\(me.id!.uuidString)/erase", ["confirm": Demo.admin])
            #expect(own.status == .unprocessableEntity)
            #expect(own.text.contains("This is the only administrator"))
        }
    }

    @Test func theAuditLogHoldsIdsAndItsPagesReadNamesFromTheNamesTable() async throws {
        try await TestApp.run { app in
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT actor_name FROM audit_entries").run() }
            let ada = try await person(Demo.chair, app)
            #expect(try await AuditNameRecord.find(ada.id, on: app.db)?.name == ada.name)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get(base + "/audit").text.contains(ada.name))
        }
    }

    @Test func healthCheckAnswersLoseTheirLinkToAPersonWhenTheRoundCloses() async throws {
        try await TestApp.run { app in
            let set = QuestionSet.rebalance2026
            let sheet = Dictionary(uniqueKeysWithValues: set.statements.map { ($0.id, "agree") })
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let hc = base + "/health-check"
            // Closed by hand, then read: whoever looks at the results first detaches the answers.
            try await chair.get(hc + "/rounds/new")
            let opened = try await chair.post(hc + "/rounds/new", ["closesOn": Day.today().adding(days: 14).description])
            let roundLocation = try #require(opened.location)
            let roundID = try #require(UUID(uuidString: String(roundLocation.split(separator: "/").last!)))
            try await chair.get(hc + "/rounds/\(roundID)/answer")
            #expect(try await chair.post(hc + "/rounds/\(roundID)/answer", sheet).status == .seeOther)
            let adaID = try await person(Demo.chair, app).id
            let before = try #require(try await HealthCheckQueries.invitation(of: roundID, person: adaID, on: app.db))
            #expect(before.answersJSON != nil)
            try await chair.get(hc + "/rounds/\(roundID)")
            #expect(try await chair.post(hc + "/rounds/\(roundID)/close", [:]).status == .seeOther)
            #expect(try await chair.get(hc).status == .ok)
            let invitations = try await HealthCheckQueries.invitations(of: roundID, on: app.db)
            #expect(invitations.allSatisfy { $0.answersJSON == nil })
            #expect(invitations.filter(\.hasAnswered).count == 1)
            let kept = try await HealthCheckAnswerRecord.query(on: app.db).filter(\.$round.$id == roundID).all()
            #expect(kept.count == 1 && kept[0].response?.sheet.answers.count == set.statements.count)

            // Closed by the calendar: the delivery pass detaches without anyone looking.
            let round = try #require(try await HealthCheckRoundRecord.find(roundID, on: app.db))
            #expect(round.answersDetachedAt != nil)
            try await chair.get(hc + "/rounds/new")
            let next = try await chair.post(hc + "/rounds/new", ["closesOn": Day.today().adding(days: 1).description])
            let nextLocation = try #require(next.location)
            let nextID = try #require(UUID(uuidString: String(nextLocation.split(separator: "/").last!)))
            try await chair.get(hc + "/rounds/\(nextID)/answer")
            #expect(try await chair.post(hc + "/rounds/\(nextID)/answer", sheet).status == .seeOther)
            try await PrivacyPass.run(app, now: Date().addingTimeInterval(3 * 86400))
            let nextInvitations = try await HealthCheckQueries.invitations(of: nextID, on: app.db)
            #expect(nextInvitations.filter(\.hasAnswered).count == 1)
            #expect(nextInvitations.allSatisfy { $0.answersJSON == nil })
            #expect(try await HealthCheckAnswerRecord.query(on: app.db).filter(\.$round.$id == nextID).count() == 1)
        }
    }

    @Test func retentionRemovesOldSignInAttemptsExpiredSessionsAndTheTextOfOldMail() async throws {
        try await TestApp.run { app in
            let now = Date()
            _ = try await SignInAttempts.begin(email: "old@example.org", address: "192.0.2.1",
                                               at: now.addingTimeInterval(-91 * 86400), on: app.db)
            _ = try await SignInAttempts.begin(email: "recent@example.org", address: "192.0.2.1",
                                               at: now.addingTimeInterval(-89 * 86400), on: app.db)
            for (key, expires) in [("expired", now.addingTimeInterval(-60)), ("live", now.addingTimeInterval(3600))] {
                let s = WebSessionRecord()
                s.key = key
                s.data = "{}"
                s.expiresAt = expires
                try await s.create(on: app.db)
            }
            var ids: [String: UUID] = [:]
            for (label, sentDaysAgo) in [("old", 181.0), ("recent", 10.0)] {
                #expect(try await Outbox.enqueue(OutboxDraft(personID: nil, email: "\(label)@example.org", name: label, subject: label,
                                                             body: "Private words", kind: "test"), on: app.db))
                let m = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$subject == label).first())
                try await Outbox.markSent(try m.requireID(), messageID: "x", now: now.addingTimeInterval(-sentDaysAgo * 86400), on: app.db)
                ids[label] = m.id
            }

            let report = try await PrivacyPass.run(app, now: now)
            #expect(report.signInAttempts >= 1)
            #expect(try await SignInAttemptRecord.query(on: app.db).filter(\.$email == "old@example.org").count() == 0)
            #expect(try await SignInAttemptRecord.query(on: app.db).filter(\.$email == "recent@example.org").count() == 1)
            #expect(try await WebSessionRecord.query(on: app.db).filter(\.$key == "expired").count() == 0)
            #expect(try await WebSessionRecord.query(on: app.db).filter(\.$key == "live").count() == 1)
            let old = try #require(try await OutboxMessageRecord.find(ids["old"], on: app.db))
            #expect(old.body == Retention.removedText && old.subject == "old")
            #expect(try await OutboxMessageRecord.find(ids["recent"], on: app.db)?.body == "Private words")
            // Running again changes nothing more.
            #expect(try await PrivacyPass.run(app, now: now) == Retention.Report())
        }
    }

    @Test func thePrivacyPageIsLinkedFromEveryPageAndStatesThePeriods() async throws {
        try await TestApp.run { app in
            let visitor = TestClient(app)
            #expect(try await visitor.get("/").text.contains("href=\"/privacy\""))
            #expect(try await visitor.get("/sign-in").text.contains("href=\"/privacy\""))
            let page = try await visitor.get("/privacy")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<h1").count == 2)
            #expect(page.text.contains("90 days"))
            #expect(page.text.contains("180 days after it was sent"))
            #expect(page.text.contains("Erase your account"))
        }
    }
}
