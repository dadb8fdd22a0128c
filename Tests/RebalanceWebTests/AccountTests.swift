import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct SessionTests {
    @Test func aSessionSurvivesARestartAndWorksOnASecondInstance() async throws {
        let database = try await TestDatabases.shared()
        defer { Task { try? await database.drop() } }
        let first = try await TestApp.make(database.location)
        if !database.location.isPostgres { _ = try await RebalanceApp.loadDemo(first) }
        let browser = TestClient(first)
        try await browser.signIn(Demo.chair)
        let cookies = browser.cookies

        // A second server sharing the database serves the same session.
        let second = try await TestApp.make(database.location)
        let other = TestClient(second)
        for (name, value) in cookies { other.setCookie(name, value) }
        let seen = try await other.get("/account")
        #expect(seen.status == .ok)
        #expect(seen.text.contains("Ada Okafor"))
        try await second.asyncShutdown()

        // Restart: shut the first down, start afresh, the cookie still signs in.
        try await first.asyncShutdown()
        let restarted = try await TestApp.make(database.location)
        let again = TestClient(restarted)
        for (name, value) in cookies { again.setCookie(name, value) }
        let after = try await again.get("/account")
        #expect(after.status == .ok)
        #expect(after.text.contains("ada@fernhill.example"))
        try await restarted.asyncShutdown()
        try await database.drop()
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.signIn(Demo.member)
            let cookies = browser.cookies
            let out = try await browser.post("/sign-out", [:])
            #expect(out.status == .seeOther)
            // Replaying the old cookie no longer works.
            let replay = TestClient(app)
            for (name, value) in cookies { replay.setCookie(name, value) }
            let page = try await replay.get("/account")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func signingInGivesANewSessionKey() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.get("/sign-in")
            // A key planted by someone else is never adopted.
            browser.setCookie(app.sessionCookieName, "planted-by-an-attacker")
            try await browser.post("/sign-in", ["email": Demo.member, "password": DemoData.password])
            let after = browser.cookies[app.sessionCookieName]
            #expect(after != nil && after != "planted-by-an-attacker")
        }
    }

    @Test func sessionKeysAreStoredOnlyAsHashes() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.signIn(Demo.member)
            let key = try #require(browser.cookies[app.sessionCookieName])
            let stored = try await WebSessionRecord.query(on: app.db).all().map(\.key)
            #expect(!stored.contains(key))
            #expect(stored.contains(WebSessionMiddleware.hash(key)))
        }
    }
}

@Suite struct CSRFTests {
    @Test func aFormWithoutTheTokenIsRefusedAndNothingChanges() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let path = "/partnerships/\(Demo.partnership)/edit"
            try await chair.get(path)
            let version = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first()?.version)
            let missing = try await chair.post(path, ["name": "Hijacked", "version": String(version)], includeCSRF: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("This form has expired"))
            let wrong = try await chair.post(path, [("name", "Hijacked"), ("version", String(version)), ("csrf", "not-the-token")], includeCSRF: false)
            #expect(wrong.status == .forbidden)
            let name = try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first()?.name
            #expect(name == "Fernhill Big Local Partnership")
            // With the token the same change goes through.
            let ok = try await chair.post(path, ["name": "Fernhill Partnership", "version": String(version), "lto": ""])
            #expect(ok.status == .seeOther)
        }
    }

    @Test func apiChangesWithTheSessionCookieNeedTheHeader() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            var headers = HTTPHeaders()
            headers.contentType = .json
            let response = try await chair.request(.PATCH, "/api/v1/partnerships/\(Demo.partnership)", headers: headers,
                                                   body: ByteBuffer(string: #"{"name":"X","version":1}"#))
            #expect(response.status == .forbidden)
            #expect(try response.json()["error"] as? String == "csrf_failed")
        }
    }
}

@Suite struct SignInTests {
    @Test func wrongPasswordsLockTheAccountWithAClearMessage() async throws {
        try await TestApp.run { app in
            let attacker = TestClient(app)
            try await attacker.get("/sign-in")
            for _ in 1...5 {
                let r = try await attacker.post("/sign-in", ["email": Demo.member, "password": "not-the-password"])
                #expect(r.status == .unauthorized)
                #expect(r.text.contains("The email address or password is not right"))
            }
            // Even the right password is refused while the account is locked.
            let locked = try await attacker.post("/sign-in", ["email": Demo.member, "password": DemoData.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Too many wrong passwords have been tried for this account"))
            #expect(locked.text.contains("error-summary"))
            // Another account is not affected.
            let other = TestClient(app)
            try await other.signIn(Demo.chair)
        }
    }

    @Test func manyFailuresFromOneAddressLockThatAddress() async throws {
        try await TestApp.run { app in
            let attacker = TestClient(app)
            try await attacker.get("/sign-in")
            for i in 1...20 {
                try await attacker.post("/sign-in", ["email": "someone\(i)@example.org", "password": "guess-\(i)-password"])
            }
            let r = try await attacker.post("/sign-in", ["email": Demo.chair, "password": DemoData.password])
            #expect(r.status == .tooManyRequests)
            #expect(r.text.contains("from your network"))
        }
    }

    @Test func signInGoesBackToThePageAskedFor() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            let bounced = try await browser.get("/partnerships/\(Demo.partnership)/audit")
            #expect(bounced.location == "/sign-in?next=/partnerships/\(Demo.partnership)/audit")
            try await browser.get(bounced.location!)
            let r = try await browser.post("/sign-in", ["email": Demo.member, "password": DemoData.password,
                                                         "next": "/partnerships/\(Demo.partnership)/audit"])
            #expect(r.location == "/partnerships/\(Demo.partnership)/audit")
            // An address elsewhere is not followed.
            #expect(AccountPages.safeNext("//evil.example/") == "/")
            #expect(AccountPages.safeNext("https://evil.example/") == "/")
        }
    }
}

@Suite struct RegistrationTests {
    @Test func registeringOnAnEmptySiteMakesNoAdministrator() async throws {
        try await TestApp.run(demo: false) { app in
            let first = TestClient(app)
            try await first.get("/register")
            let r = try await first.post("/register", ["name": "Sam Founder", "email": "sam@example.org",
                                                        "password": "kettle harbour lantern", "passwordConfirmation": "kettle harbour lantern"])
            #expect(r.status == .seeOther)
            let people = try await PersonRecord.query(on: app.db).all()
            #expect(people.count == 1)
            #expect(people.allSatisfy { !$0.isAdmin && !$0.isEmailVerified })
            #expect(people.allSatisfy { $0.passwordHash.hasPrefix("$2") && !$0.passwordHash.contains("kettle") })
        }
    }

    @Test func badRegistrationsNameEachFieldAndCreateNothing() async throws {
        try await TestApp.run { app in
            let count = try await PersonRecord.query(on: app.db).count()
            let browser = TestClient(app)
            try await browser.get("/register")
            let r = try await browser.post("/register", ["name": "", "email": "not-an-email", "password": "password123", "passwordConfirmation": "x"])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("There is a problem"))
            #expect(r.text.contains("href=\"#name\">Enter your name"))
            #expect(r.text.contains("href=\"#email\">Enter an email address in the correct format"))
            #expect(r.text.contains("href=\"#password\">This password is one of the most commonly used"))
            // What was typed is kept, except the password.
            #expect(r.text.contains("value=\"not-an-email\""))
            #expect(!r.text.contains("value=\"password123\""))

            let duplicate = try await browser.post("/register", ["name": "Tom Again", "email": "TOM@fernhill.example",
                                                                  "password": "kettle harbour lantern", "passwordConfirmation": "kettle harbour lantern"])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.text.contains("An account with this email address already exists"))

            let long = try await browser.post("/register", ["name": String(repeating: "n", count: 101), "email": "x@example.org",
                                                             "password": "kettle harbour lantern", "passwordConfirmation": "kettle harbour lantern"])
            #expect(long.text.contains("must be 100 characters or fewer"))
            #expect(try await PersonRecord.query(on: app.db).count() == count)
        }
    }
}

@Suite struct PasswordAndTokenTests {
    @Test func changingThePasswordSignsOutOtherBrowsers() async throws {
        try await TestApp.run { app in
            let laptop = TestClient(app), phone = TestClient(app)
            try await laptop.signIn(Demo.member)
            try await phone.signIn(Demo.member)
            try await laptop.get("/account/password")
            let wrong = try await laptop.post("/account/password", ["currentPassword": "nope", "newPassword": "short", "newPasswordConfirmation": "short"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Your current password is not right"))
            #expect(wrong.text.contains("at least 10 characters"))
            let ok = try await laptop.post("/account/password", ["currentPassword": DemoData.password, "newPassword": "willow-anchor-meadow",
                                                                  "newPasswordConfirmation": "willow-anchor-meadow"])
            #expect(ok.status == .seeOther)
            #expect(try await laptop.get("/account").status == .ok)
            #expect(try await phone.get("/account").status == .seeOther)
            let fresh = TestClient(app)
            try await fresh.signIn(Demo.member, password: "willow-anchor-meadow")
        }
    }

    @Test func anAPITokenWorksUntilRevoked() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let made = try await chair.post("/account/tokens", ["tokenName": "newsletter script"])
            #expect(made.status == .created)
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })
            #expect(try await TokenCount.of(app) == 1)

            let script = TestClient(app)
            let me = try await script.json(.GET, "/api/v1/me", "", bearer: token)
            #expect(me.status == .ok)
            #expect(try me.json()["email"] as? String == Demo.chair)
            // A token carries its person's permissions, and needs no CSRF token.
            let version = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first()?.version)
            let patched = try await script.json(.PATCH, "/api/v1/partnerships/\(Demo.partnership)", #"{"description":"Now with a script","version":\#(version)}"#, bearer: token)
            #expect(patched.status == .ok)

            let id = try #require(try await APITokenRecord.query(on: app.db).first()?.id)
            try await chair.get("/account")
            #expect(try await chair.post("/account/tokens/\(id)/revoke", [:]).status == .seeOther)
            let after = try await script.json(.GET, "/api/v1/me", "", bearer: token)
            #expect(after.status == .unauthorized)
            #expect(try after.json()["message"] as? String == "The API token is not valid: it may have been revoked")
        }
    }
}

enum TokenCount {
    static func of(_ app: Application) async throws -> Int { try await APITokenRecord.query(on: app.db).count() }
}

extension TestClient {
    func setCookie(_ name: String, _ value: String) { adoptCookie(name, value) }
}
