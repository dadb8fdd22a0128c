import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Issue 14, item 7: people change their own name and address; administrators find people,
/// open one, disable and enable accounts and send reset links; the outbox can be filtered, read
/// message by message, and a failed message sent again.
@Suite struct AccountAdministrationTests {
    static func person(_ email: String, _ app: Application) async throws -> PersonRecord {
        try #require(try await AccountQueries.person(email: email, on: app.db))
    }

    static func audits(_ type: String, _ id: UUID?, _ app: Application) async throws -> [AuditEntryRecord] {
        try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == type)
            .filter(\.$entityID == (id?.uuidString ?? "")).all()
    }

    // MARK: one's own name and address

    @Test func aNameChangeAppliesAtOnceAndIsAudited() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            let form = try await member.get("/account/details")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"Tom Price\""))
            let saved = try await member.post("/account/details", ["name": "Tom Pryce", "email": Demo.member])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/account")
            let page = try await member.get("/account")
            #expect(page.text.contains("Tom Pryce"))
            #expect(page.text.contains("Your name has been changed."))
            let person = try await Self.person(Demo.member, app)
            #expect(person.name == "Tom Pryce")
            #expect(person.pendingEmail == nil)
            let entry = try #require(try await Self.audits(PersonRecord.auditType, person.id, app).last)
            #expect(entry.before?.contains("Tom Price") == true)
            #expect(entry.after?.contains("Tom Pryce") == true)
            // A name change sends no mail.
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$personID == person.id).count() == 0)
        }
    }

    @Test func badNamesAndAddressesAreRefusedNamingTheField() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            try await member.get("/account/details")
            let blank = try await member.post("/account/details", ["name": "  ", "email": "not an address"])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.text.contains("href=\"#name\">Enter your name"))
            #expect(blank.text.contains("href=\"#email\">"))
            // Another account's address: refused on the email field, nothing stored.
            let taken = try await member.post("/account/details", ["name": "Tom Price", "email": Demo.chair.uppercased()])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.text.contains("href=\"#email\">Another account uses this email address"))
            let person = try await Self.person(Demo.member, app)
            #expect(person.pendingEmail == nil)
            #expect(person.name == "Tom Price")
            // Without the CSRF token nothing happens.
            let forged = try await member.post("/account/details", ["name": "Forged", "email": Demo.member], includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await Self.person(Demo.member, app).name == "Tom Price")
        }
    }

    @Test func anAddressChangeWaitsForTheLinkSentToTheNewAddress() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            try await member.get("/account/details")
            let asked = try await member.post("/account/details", ["name": "Tom Price", "email": " Tom.New@Example.org "])
            #expect(asked.status == .seeOther)
            var person = try await Self.person(Demo.member, app)
            #expect(person.email == Demo.member)
            #expect(person.pendingEmail == "tom.new@example.org")
            let page = try await member.get("/account")
            #expect(page.text.contains("A change to tom.new@example.org is waiting for confirmation"))
            // The old address hears about it too.
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == Demo.member)
                .filter(\.$subject == "Your Rebalance email address is being changed").count() == 1)

            let link = try await EmailOwnershipTests.link(to: "tom.new@example.org", containing: "/verify-email?token=", app)
            let tampered = try await TestClient(app).get(link + "x")
            #expect(tampered.status == .notFound)
            #expect(try await Self.person(Demo.member, app).email == Demo.member)

            let confirmed = try await TestClient(app).get(link)
            #expect(confirmed.status == .ok)
            #expect(confirmed.text.contains("Your new email address is confirmed"))
            person = try await Self.person("tom.new@example.org", app)
            #expect(person.pendingEmail == nil)
            #expect(person.isEmailVerified)
            #expect(try await AccountQueries.person(email: Demo.member, on: app.db) == nil)
            #expect(try await Self.audits(PersonRecord.auditType, person.id, app).contains { $0.after?.contains("tom.new@example.org") == true })
            // The link works once; signing in uses the new address.
            #expect(try await TestClient(app).get(link).status != .ok)
            try await TestClient(app).signIn("tom.new@example.org")
        }
    }

    @Test func askingForAnotherAddressVoidsTheEarlierLinkAndTheCurrentAddressCancels() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            try await member.get("/account/details")
            try await member.post("/account/details", ["name": "Tom Price", "email": "first@example.org"])
            let first = try await EmailOwnershipTests.link(to: "first@example.org", containing: "/verify-email?token=", app)
            try await member.post("/account/details", ["name": "Tom Price", "email": "second@example.org"])
            #expect(try await TestClient(app).get(first).status == .notFound)
            #expect(try await Self.person(Demo.member, app).pendingEmail == "second@example.org")
            let second = try await EmailOwnershipTests.link(to: "second@example.org", containing: "/verify-email?token=", app)

            let cancelled = try await member.post("/account/details", ["name": "Tom Price", "email": Demo.member])
            #expect(cancelled.status == .seeOther)
            #expect(try await Self.person(Demo.member, app).pendingEmail == nil)
            #expect(try await TestClient(app).get(second).status == .notFound)
            #expect(try await Self.person(Demo.member, app).email == Demo.member)
        }
    }

    @Test func anAddressTakenBeforeTheLinkIsFollowedIsNotAdopted() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            try await member.get("/account/details")
            try await member.post("/account/details", ["name": "Tom Price", "email": "wanted@example.org"])
            let link = try await EmailOwnershipTests.link(to: "wanted@example.org", containing: "/verify-email?token=", app)
            // Someone registers the address meanwhile.
            let other = TestClient(app)
            try await other.get("/register")
            try await other.post("/register", ["name": "Quick Registrant", "email": "wanted@example.org",
                                               "password": EmailOwnershipTests.password, "passwordConfirmation": EmailOwnershipTests.password])
            let late = try await TestClient(app).get(link)
            #expect(late.status == .conflict)
            #expect(late.text.contains("Another account now uses wanted@example.org"))
            let person = try await Self.person(Demo.member, app)
            #expect(person.email == Demo.member)
            #expect(person.pendingEmail == nil)
        }
    }

    // MARK: administrators and people

    @Test func administratorsSearchPeopleByNameOrAddress() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let byName = try await admin.get("/admin/people?q=OKAFOR")
            #expect(byName.status == .ok)
            #expect(byName.text.contains("Ada Okafor"))
            #expect(!byName.text.contains("Tom Price"))
            #expect(byName.text.contains("value=\"OKAFOR\""))
            let byAddress = try await admin.get("/admin/people?q=harbourside.example")
            #expect(byAddress.text.contains("Beth Summers"))
            #expect(!byAddress.text.contains("Ada Okafor"))
            // LIKE's wildcards are taken literally.
            let wildcard = try await admin.get("/admin/people?q=%25")
            #expect(wildcard.text.contains("No one matches"))
            // Paging keeps the search.
            let paged = try await admin.get("/admin/people?q=example&per=2")
            #expect(paged.text.contains("/admin/people?q=example&amp;page=2") || paged.text.contains("/admin/people?q=example&page=2"))

            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get("/admin/people?q=ada").status == .forbidden)
        }
    }

    @Test func anAdministratorSeesOnePersonsMembershipsAndPosts() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let chair = try await Self.person(Demo.chair, app)
            let page = try await admin.get("/admin/people/\(try chair.requireID())")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1 class=\"heading-l\">Ada Okafor</h1>"))
            #expect(page.text.contains("Fernhill"))
            #expect(page.text.contains("Chair"))
            #expect(page.text.contains("Active"))
            let staff = try await Self.person(Demo.councilStaff, app)
            let post = try #require(try await StaffRecord.query(on: app.db).filter(\.$person.$id == staff.requireID()).first())
            let staffPage = try await admin.get("/admin/people/\(try staff.requireID())")
            #expect(staffPage.text.contains(post.jobTitle))
            #expect(staffPage.text.contains("Harbourside"))
            #expect(try await admin.get("/admin/people/\(UUID())").status == .notFound)
            #expect(try await admin.get("/admin/people/not-an-id").status == .notFound)

            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get("/admin/people/\(try chair.requireID())").status == .forbidden)
        }
    }

    @Test func aDisabledPersonIsSignedOutTheirTokensStopAndTheyCannotSignIn() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            let made = try await member.post("/account/tokens", ["tokenName": "script"])
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .ok)
            let person = try await Self.person(Demo.member, app)
            let id = try person.requireID()

            // Someone else may not disable them.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.post("/admin/people/\(id)/disable", [:]).status == .forbidden)
            #expect(try await Self.person(Demo.member, app).isDisabled == false)

            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            try await admin.get("/admin/people/\(id)")
            let disabled = try await admin.post("/admin/people/\(id)/disable", [:])
            #expect(disabled.status == .seeOther)
            #expect(try await Self.person(Demo.member, app).isDisabled)
            #expect(try await admin.get("/admin/people/\(id)").text.contains("Disabled"))
            #expect(try await admin.get("/admin/people?q=tom").text.contains("Disabled"))

            // At once: the session no longer signs in, the token is refused, signing in is refused.
            let after = try await member.get("/account")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/sign-in") == true)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .unauthorized)
            let again = TestClient(app)
            try await again.get("/sign-in")
            let refused = try await again.post("/sign-in", ["email": Demo.member, "password": DemoData.password])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("This account has been disabled"))
            // A wrong password still gets the ordinary answer, revealing nothing.
            let guesser = TestClient(app)
            try await guesser.get("/sign-in")
            let wrong = try await guesser.post("/sign-in", ["email": Demo.member, "password": "wrong wrong wrong"])
            #expect(wrong.status == .unauthorized)
            #expect(!wrong.text.contains("disabled"))
            #expect(try await Self.audits(PersonRecord.auditType, id, app).contains { $0.after?.contains("\"disabled\":\"yes\"") == true })

            // Enabled again: signing in works, and the token they kept.
            let enabled = try await admin.post("/admin/people/\(id)/enable", [:])
            #expect(enabled.status == .seeOther)
            #expect(try await Self.person(Demo.member, app).isDisabled == false)
            try await TestClient(app).signIn(Demo.member)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .ok)
            #expect(try await Self.audits(PersonRecord.auditType, id, app).contains { $0.after?.contains("\"disabled\":\"no\"") == true })
        }
    }

    @Test func anAdministratorCannotDisableThemselves() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let me = try await Self.person(Demo.admin, app)
            let page = try await admin.get("/admin/people/\(try me.requireID())")
            #expect(!page.text.contains("Disable the account"))
            let tried = try await admin.post("/admin/people/\(try me.requireID())/disable", [:])
            #expect(tried.status == .seeOther)
            #expect(try await Self.person(Demo.admin, app).isDisabled == false)
            #expect(try await admin.get("/admin/people/\(try me.requireID())").text.contains("You cannot disable your own account"))
            #expect(try await admin.post("/admin/people/\(UUID())/disable", [:]).status == .notFound)
        }
    }

    @Test func anAdministratorSendsAPasswordResetThatWorks() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let person = try await Self.person(Demo.member, app)
            try await admin.get("/admin/people/\(try person.requireID())")
            let sent = try await admin.post("/admin/people/\(try person.requireID())/password-reset", [:])
            #expect(sent.status == .seeOther)
            #expect(try await admin.get(sent.location ?? "").text.contains("a link to choose a new password"))
            let message = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == Demo.member)
                .filter(\.$subject == "Reset your Rebalance password").first())
            #expect(try await Self.audits(OutboxMessageRecord.auditType, message.id, app).count == 1)
            let link = try await EmailOwnershipTests.link(to: Demo.member, containing: "/password-reset/", app)
            let form = try await TestClient(app).get(link)
            #expect(form.status == .ok)
            #expect(form.text.contains("Choose a new password"))

            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.post("/admin/people/\(try person.requireID())/password-reset", [:]).status == .forbidden)
        }
    }

    // MARK: the outbox

    static func failedMessage(_ app: Application, to email: String = "someone@example.org") async throws -> OutboxMessageRecord {
        let draft = OutboxDraft(personID: nil, email: email, name: "Someone", subject: "Meeting papers <b>", body: "Line one\n<script>x</script>", kind: "notification")
        let message = try #require(try await Outbox.queue(draft, on: app.db))
        message.statusRaw = OutboxMessageRecord.Status.failed.rawValue
        message.attempts = 9
        message.lastError = "550 mailbox unavailable"
        try await message.save(on: app.db)
        return message
    }

    @Test func theOutboxFiltersByStateAndShowsOneMessage() async throws {
        try await TestApp.run { app in
            let failed = try await Self.failedMessage(app)
            try await Outbox.enqueue(OutboxDraft(personID: nil, email: "queued@example.org", name: "Q", subject: "Still waiting", body: "b", kind: "notification"), on: app.db)
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let onlyFailed = try await admin.get("/admin/outbox?status=failed")
            #expect(onlyFailed.status == .ok)
            #expect(onlyFailed.text.contains("Meeting papers &lt;b&gt;"))
            #expect(!onlyFailed.text.contains("Still waiting"))
            #expect(onlyFailed.text.contains("<option value=\"failed\" selected>"))
            let onlyQueued = try await admin.get("/admin/outbox?status=queued")
            #expect(onlyQueued.text.contains("Still waiting"))
            #expect(!onlyQueued.text.contains("Meeting papers"))
            // An unknown state shows everything.
            let everything = try await admin.get("/admin/outbox?status=bogus")
            #expect(everything.status == .ok)
            #expect(everything.text.contains("Still waiting") && everything.text.contains("Meeting papers"))

            let page = try await admin.get("/admin/outbox/\(try failed.requireID())")
            #expect(page.status == .ok)
            #expect(page.text.contains("someone@example.org"))
            #expect(page.text.contains("550 mailbox unavailable"))
            #expect(page.text.contains("&lt;script&gt;x&lt;/script&gt;"))
            #expect(!page.text.contains("<script>x"))
            #expect(page.text.contains("Send it again"))
            #expect(try await admin.get("/admin/outbox/\(UUID())").status == .notFound)

            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get("/admin/outbox/\(try failed.requireID())").status == .forbidden)
        }
    }

    @Test func aFailedMessageIsQueuedAgainOnceAndAudited() async throws {
        try await TestApp.run { app in
            let failed = try await Self.failedMessage(app)
            let id = try failed.requireID()
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.post("/admin/outbox/\(id)/resend", [:]).status == .forbidden)
            #expect(try await OutboxMessageRecord.find(id, on: app.db)?.status == .failed)

            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            try await admin.get("/admin/outbox/\(id)")
            let resent = try await admin.post("/admin/outbox/\(id)/resend", [:])
            #expect(resent.status == .seeOther)
            let queued = try #require(try await OutboxMessageRecord.find(id, on: app.db))
            #expect(queued.status == .queued)
            #expect(queued.attempts == 0)
            #expect(queued.nextAttemptAt <= Date())
            let entries = try await Self.audits(OutboxMessageRecord.auditType, id, app)
            #expect(entries.count == 1)
            #expect(entries.first?.after?.contains("\"status\":\"queued\"") == true)

            // Now queued, it cannot be resent: refused, and nothing else is written.
            let page = try await admin.get("/admin/outbox/\(id)")
            #expect(!page.text.contains("Send it again"))
            try await admin.post("/admin/outbox/\(id)/resend", [:])
            #expect(try await admin.get("/admin/outbox/\(id)").text.contains("Only a message that failed can be sent again"))
            #expect(try await Self.audits(OutboxMessageRecord.auditType, id, app).count == 1)

            // The delivery loop picks it up (the test transport writes files).
            let report = try await OutboxDelivery.deliverDue(app)
            #expect(report.sent >= 1)
            #expect(try await OutboxMessageRecord.find(id, on: app.db)?.status == .sent)
        }
    }
}
