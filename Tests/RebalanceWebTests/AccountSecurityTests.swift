import Foundation
import NIOCore
import NIOPosix
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Issue 12, items 3 (accounts tied to e-mail), 4 (redirects), 5 (throttling), 9 (sessions and
/// tokens) and 10 (no session per visitor).
@Suite struct EmailOwnershipTests {
    static let password = "kettle harbour lantern"

    func register(_ app: Application, name: String, email: String) async throws -> TestClient {
        let browser = TestClient(app)
        try await browser.get("/register")
        let r = try await browser.post("/register", ["name": name, "email": email, "password": Self.password,
                                                     "passwordConfirmation": Self.password])
        #expect(r.status == .seeOther, "\(r.text.prefix(400))")
        return browser
    }

    /// The link in the newest account message to `email`.
    static func link(to email: String, containing marker: String, _ app: Application) async throws -> String {
        let message = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == email)
            .filter(\.$kind == "account").all().last { $0.body.contains(marker) })
        let line = try #require(message.body.split(separator: "\n").first { $0.contains(marker) })
        let full = line.trimmingCharacters(in: .whitespaces)
        return String(full[full.range(of: marker)!.lowerBound...].dropFirst(0)).replacingOccurrences(of: app.webSettings.mail.baseURL, with: "")
    }

    @Test func someoneWhoRegisteredAnOfficersAddressCannotBeMadeStaffOrMemberUntilVerified() async throws {
        try await TestApp.run { app in
            let impostor = try await register(app, name: "Council Officer", email: "officer@council.gov.uk")
            _ = impostor
            let person = try #require(try await AccountQueries.person(email: "officer@council.gov.uk", on: app.db))
            #expect(!person.isEmailVerified)

            // The council's administrator tries to add the address as staff: refused, naming the field.
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilAdmin)
            try await staff.get("/organisations/\(Demo.council)")
            let refusedStaff = try await staff.post("/organisations/\(Demo.council)/staff", ["email": "officer@council.gov.uk", "jobTitle": "Officer"])
            #expect(refusedStaff.status == .unprocessableEntity)
            #expect(refusedStaff.text.contains("href=\"#email\">Council Officer has not verified their email address yet"))
            #expect(try await StaffRecord.query(on: app.db).filter(\.$person.$id == person.requireID()).count() == 0)

            // The chair tries to add them as a member: refused, naming the field, on the page and through the API.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get("/partnerships/\(Demo.partnership)/members/new")
            let refusedMember = try await chair.post("/partnerships/\(Demo.partnership)/members/new", [
                "person": "officer@council.gov.uk", "role": "resident", "votes": "true", "livesInArea": "true", "startsOn": Day.today().description])
            #expect(refusedMember.status == .unprocessableEntity)
            #expect(refusedMember.text.contains("href=\"#person\">Council Officer has not verified their email address yet"))
            let api = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/members",
                                           #"{"person":"officer@council.gov.uk","role":"resident","votes":true,"livesInArea":true,"startsOn":"\#(Day.today())"}"#)
            #expect(api.status == .unprocessableEntity)
            #expect(api.text.contains("has not verified"))
            #expect(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == person.requireID()).count() == 0)

            // An administrator sees who is not verified, and cannot make them an administrator.
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let people = try await admin.get("/admin/people")
            #expect(people.text.contains("officer@council.gov.uk <strong class=\"tag tag--yellow\">Not verified</strong>"))
            try await admin.post("/admin/people/\(try person.requireID())/administrator", ["isAdmin": "true"])
            #expect(try await PersonRecord.find(person.id, on: app.db)?.isAdmin == false)

            // Whoever really receives the officer's mail follows the link; then adding works.
            let link = try await Self.link(to: "officer@council.gov.uk", containing: "/verify-email?token=", app)
            let tampered = try await TestClient(app).get(link.replacingOccurrences(of: "token=", with: "token=x"))
            #expect(tampered.status == .notFound)
            let verified = try await TestClient(app).get(link)
            #expect(verified.status == .ok)
            #expect(verified.text.contains("Your email address is confirmed"))
            #expect(try await PersonRecord.find(person.id, on: app.db)?.isEmailVerified == true)
            try await staff.get("/organisations/\(Demo.council)")
            let added = try await staff.post("/organisations/\(Demo.council)/staff", ["email": "officer@council.gov.uk", "jobTitle": "Officer"])
            #expect(added.status == .seeOther)
        }
    }

    @Test func aVerificationLinkFailsOnceTheAddressChangesOrItExpires() async throws {
        try await TestApp.run { app in
            let person = try #require(try await AccountQueries.person(email: Demo.member, on: app.db))
            let links = try await AccountLinks.load(app.db)
            let token = try links.verification(for: person)
            #expect(links.isValidVerification(token, for: person))
            #expect(!links.isValidVerification(token, for: person, now: Date().addingTimeInterval(49 * 3600)))
            person.email = "someone-else@example.org"
            #expect(!links.isValidVerification(token, for: person))
        }
    }

    @Test func theSetupCodeMakesTheFirstAdministratorOnceAndIsNeverStoredInPlainText() async throws {
        try await TestApp.run(demo: false) { app in
            #expect(try await TestClient(app).get("/setup").status == .notFound)  // no code issued yet
            let code = try #require(try await SetupCode.issueIfNeeded(app))
            let stored = try await SiteSecretRecord.query(on: app.db).all().map(\.value)
            #expect(!stored.contains { $0.contains(code) || $0.contains(code.replacingOccurrences(of: "-", with: "")) })

            let browser = TestClient(app)
            #expect(try await browser.get("/setup").status == .ok)
            let fields = ["name": "Sam Founder", "email": "sam@example.org", "password": Self.password, "passwordConfirmation": Self.password]
            var wrong = fields
            wrong["setupCode"] = "AAAAA-BBBBB-CCCCC-DDDDD"
            let refused = try await browser.post("/setup", wrong)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("href=\"#setupCode\">The setup code is not right"))
            #expect(try await PersonRecord.query(on: app.db).count() == 0)

            var right = fields
            right["setupCode"] = code.lowercased().replacingOccurrences(of: "-", with: " ")
            let made = try await browser.post("/setup", right)
            #expect(made.status == .seeOther)
            let admin = try #require(try await AccountQueries.person(email: "sam@example.org", on: app.db))
            #expect(admin.isAdmin && admin.isEmailVerified)
            #expect(try await browser.get("/admin/people").status == .ok)

            // Used up: the page is gone and the code makes no one else an administrator.
            let other = TestClient(app)
            #expect(try await other.get("/setup").status == .notFound)
            try await other.get("/sign-in")
            var again = right
            again["email"] = "second@example.org"
            #expect(try await other.post("/setup", again).status == .notFound)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$isAdmin == true).count() == 1)
            #expect(try await SetupCode.issueIfNeeded(app) == nil)
        }
    }

    @Test func aPasswordResetLinkWorksOnceAndEndsSessionsAndTokens() async throws {
        try await TestApp.run { app in
            let phone = TestClient(app)
            try await phone.signIn(Demo.member)
            let made = try await phone.post("/account/tokens", ["tokenName": "script"])
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })

            let forgetful = TestClient(app)
            try await forgetful.get("/password-reset")
            let unknown = try await forgetful.post("/password-reset", ["email": "nobody@example.org"])
            let known = try await forgetful.post("/password-reset", ["email": Demo.member])
            #expect(unknown.status == .ok && known.status == .ok)
            // The same answer either way, so the form reveals no one's account.
            #expect(unknown.text.replacingOccurrences(of: "nobody@example.org", with: "X") == known.text.replacingOccurrences(of: Demo.member, with: "X"))
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == "nobody@example.org").count() == 0)

            let link = try await EmailOwnershipTests.link(to: Demo.member, containing: "/password-reset/", app)
            #expect(try await forgetful.get(link).status == .ok)
            let short = try await forgetful.post(link, ["newPassword": "short", "newPasswordConfirmation": "short"])
            #expect(short.status == .unprocessableEntity)
            #expect(short.text.contains("href=\"#newPassword\">Password must be at least 10 characters"))
            let done = try await forgetful.post(link, ["newPassword": "willow-anchor-meadow", "newPasswordConfirmation": "willow-anchor-meadow"])
            #expect(done.status == .ok)
            #expect(done.text.contains("Your password has been changed"))

            #expect(try await phone.get("/account").status == .seeOther)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .unauthorized)
            #expect(try await APITokenRecord.query(on: app.db).count() == 0)
            // Once only.
            #expect(try await forgetful.get(link).status == .notFound)
            try await forgetful.get("/password-reset")
            #expect(try await forgetful.post(link, ["newPassword": "another-long-phrase", "newPasswordConfirmation": "another-long-phrase"]).status == .notFound)
            try await TestClient(app).signIn(Demo.member, password: "willow-anchor-meadow")
        }
    }

    @Test func resetLinksExpireAfterAnHour() async throws {
        try await TestApp.run { app in
            let person = try #require(try await AccountQueries.person(email: Demo.member, on: app.db))
            let links = try await AccountLinks.load(app.db)
            let token = try links.reset(for: person, now: Date().addingTimeInterval(-3601))
            #expect(!links.isValidReset(token, for: person))
            #expect(try await TestClient(app).get(SiteURL.passwordResetLink(token).path).status == .notFound)
        }
    }

    @Test func accountMailReachesPeopleWhoStoppedOtherMail() async throws {
        try await TestApp.run { app in
            let person = try #require(try await AccountQueries.person(email: Demo.member, on: app.db))
            person.emailOptOut = true
            try await person.save(on: app.db)
            let browser = TestClient(app)
            try await browser.get("/password-reset")
            try await browser.post("/password-reset", ["email": Demo.member])
            let report = try await OutboxDelivery.deliverDue(app)
            #expect(report.sent >= 1)
            let message = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$kind == "account").first())
            #expect(message.statusRaw == OutboxMessageRecord.Status.sent.rawValue)
        }
    }
}

@Suite struct RedirectTests {
    @Test func signInNeverSendsSomeoneToAnotherSite() async throws {
        try await TestApp.run { app in
            for next in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example/",
                         " /evil", "/ok/\u{0}x", "/\u{200B}/evil.example"] {
                let browser = TestClient(app)
                try await browser.get("/sign-in")
                // Someone with nothing waiting, so the safe place is the home page (not "your work").
                let r = try await browser.post("/sign-in", ["email": Demo.resident, "password": DemoData.password, "next": next])
                #expect(r.status == .seeOther)
                #expect(r.location == "/", "next=\(next.debugDescription) went to \(r.location ?? "nowhere")")
            }
            let page = try await TestClient(app).get("/sign-in?next=%2F%09%2Fevil.example")
            #expect(!page.text.contains("evil.example"))
        }
    }
}

@Suite struct ThrottleTests {
    @Test func aBurstOfSimultaneousWrongPasswordsIsCountedInFull() async throws {
        try await TestApp.run { app in
            let burst = 12
            var clients: [TestClient] = []
            for _ in 0..<burst {
                let c = TestClient(app)
                try await c.get("/sign-in")
                clients.append(c)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for c in clients {
                    group.addTask { try await c.post("/sign-in", ["email": Demo.member, "password": "not-the-password"]).status }
                }
                var all: [HTTPResponseStatus] = []
                for try await s in group { all.append(s) }
                return all
            }
            let checked = statuses.filter { $0 == .unauthorized }.count
            let turnedAway = statuses.filter { $0 == .tooManyRequests }.count
            #expect(checked + turnedAway == burst, "\(statuses)")
            // Five free tries per account and address: no more passwords than that were checked.
            #expect(checked <= 5, "\(checked) of \(burst) simultaneous guesses had their password checked")
            #expect(turnedAway >= burst - 5)
        }
    }

    @Test func waitsGrowAndTheAnswerSaysWhenToTryAgain() async throws {
        try await TestApp.run { app in
            let attacker = TestClient(app)
            try await attacker.get("/sign-in")
            for _ in 1...5 {
                #expect(try await attacker.post("/sign-in", ["email": Demo.member, "password": "wrong-password-1"]).status == .unauthorized)
            }
            let wait = try await attacker.post("/sign-in", ["email": Demo.member, "password": "wrong-password-2"])
            #expect(wait.status == .tooManyRequests)
            let seconds = try #require(wait.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(seconds > 0 && seconds <= 30)
            #expect(wait.text.contains("try again in"))
            // The refused try is not counted: waiting it out is enough.
            let failures = try await SignInAttemptRecord.query(on: app.db).filter(\.$email == Demo.member).count()
            #expect(failures == 5)
        }
    }

    @Test func registrationsFromOneNetworkAreLimited() async throws {
        try await TestApp.run(settings: { $0.throttle.registrationsPerHour = 2 }) { app in
            for i in 1...3 {
                let browser = TestClient(app)
                try await browser.get("/register")
                let r = try await browser.post("/register", ["name": "Person \(i)", "email": "p\(i)@example.org",
                                                             "password": "kettle harbour lantern", "passwordConfirmation": "kettle harbour lantern"])
                if i <= 2 { #expect(r.status == .seeOther) } else {
                    #expect(r.status == .tooManyRequests)
                    #expect(r.text.contains("href=\"#email\">Too many accounts have been created from your network"))
                    #expect(r.headers.first(name: .retryAfter) != nil)
                }
            }
            #expect(try await AccountQueries.person(email: "p3@example.org", on: app.db) == nil)
        }
    }

    @Test func resetRequestsAreLimitedPerAccount() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.get("/password-reset")
            for _ in 1...3 { #expect(try await browser.post("/password-reset", ["email": Demo.member]).status == .ok) }
            let fourth = try await browser.post("/password-reset", ["email": Demo.member])
            #expect(fourth.status == .tooManyRequests)
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$email == Demo.member).filter(\.$kind == "account").count() == 3)
        }
    }

    @Test func theClientAddressComesFromATrustedProxyOnly() async throws {
        try await TestApp.run(demo: false, settings: { $0.trustedProxies = ["10.0.0.1"] }) { app in
            func address(peer: String, forwarded: String?) throws -> String {
                var headers = HTTPHeaders()
                if let forwarded { headers.add(name: "X-Forwarded-For", value: forwarded) }
                let req = Request(application: app, method: .GET, url: "/", headers: headers,
                                  remoteAddress: try SocketAddress(ipAddress: peer, port: 40000), on: app.eventLoopGroup.next())
                return req.throttleAddress
            }
            // Behind the proxy: the address the proxy saw, not what the client wrote further left.
            let proxied = try address(peer: "10.0.0.1", forwarded: "1.2.3.4, 203.0.113.7")
            #expect(proxied == "203.0.113.7")
            // Anyone else's header is ignored.
            let direct = try address(peer: "198.51.100.9", forwarded: "203.0.113.7")
            #expect(direct == "198.51.100.9")
            // IPv6 counts by /64.
            let v6proxied = try address(peer: "10.0.0.1", forwarded: "2001:db8:1:2:aaaa::1")
            #expect(v6proxied == "2001:db8:1:2::/64")
            let v6direct = try address(peer: "2001:db8:1:2:bbbb::9", forwarded: nil)
            #expect(v6direct == "2001:db8:1:2::/64")
        }
    }

    @Test func passwordsAreHashedOnTheThreadPoolNotTheEventLoop() async throws {
        let idle = NIOThreadPool(numberOfThreads: 1)  // never started: any work sent to it is refused
        let hasher = BcryptHasher(cost: 4, pool: idle)
        await #expect(throws: (any Error).self) { _ = try await hasher.hash("kettle harbour lantern") }
        let running = NIOThreadPool(numberOfThreads: 1)
        running.start()
        let working = BcryptHasher(cost: 4, pool: running)
        let hash = try await working.hash("kettle harbour lantern")
        #expect(try await working.verify("kettle harbour lantern", against: hash))
        try await running.shutdownGracefully()
    }
}

@Suite struct SessionLimitTests {
    @Test func cookiesAreSecureWithAHostPrefixAndHSTSUnlessServingOnLoopback() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", ["email": Demo.member, "password": DemoData.password])
            let header = r.headers[.setCookie].joined(separator: "\n")
            #expect(header.contains("__Host-rebalance_session="))
            #expect(header.contains("Secure") && header.contains("Path=/") && header.contains("HttpOnly") && !header.contains("Domain"))
            #expect(r.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
        }
        try await TestApp.run(settings: { $0.secureCookies = false }) { app in
            let browser = TestClient(app)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", ["email": Demo.member, "password": DemoData.password])
            #expect(r.headers[.setCookie].joined().contains("rebalance_session="))
            #expect(!r.headers[.setCookie].joined().contains("__Host-"))
            #expect(r.headers.first(name: "Strict-Transport-Security") == nil)
        }
        #expect(!WebSettings.secureCookies(hostname: "127.0.0.1", override: nil))
        #expect(!WebSettings.secureCookies(hostname: "::1", override: nil))
        #expect(!WebSettings.secureCookies(hostname: "localhost", override: nil))
        #expect(WebSettings.secureCookies(hostname: "0.0.0.0", override: nil))
        #expect(WebSettings.secureCookies(hostname: "127.0.0.1", override: "1"))
        #expect(!WebSettings.secureCookies(hostname: "0.0.0.0", override: "0"))
    }

    func session(of browser: TestClient, _ app: Application) async throws -> WebSessionRecord {
        let key = try #require(browser.cookies[app.sessionCookieName])
        return try #require(try await WebSessionRecord.query(on: app.db).filter(\.$key == WebSessionMiddleware.hash(key)).first())
    }

    @Test func anIdleSessionEndsAndIsRemoved() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.signIn(Demo.member)
            let record = try await session(of: browser, app)
            record.lastSeenAt = Date().addingTimeInterval(-2 * 3600 - 60)
            try await record.save(on: app.db)
            let r = try await browser.get("/account")
            #expect(r.status == .seeOther && r.location?.hasPrefix("/sign-in") == true)
            #expect(try await WebSessionRecord.find(record.id, on: app.db) == nil)
        }
    }

    @Test func aBusySessionStillEndsAtTheAbsoluteLimit() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.signIn(Demo.member)
            let record = try await session(of: browser, app)
            record.startedAt = Date().addingTimeInterval(-12 * 3600 - 60)
            record.lastSeenAt = Date()
            try await record.save(on: app.db)
            #expect(try await browser.get("/account").status == .seeOther)
            #expect(try await WebSessionRecord.find(record.id, on: app.db) == nil)
        }
    }

    @Test func readingPagesWritesTheSessionOnlyEveryFewMinutes() async throws {
        try await TestApp.run { app in
            let browser = TestClient(app)
            try await browser.signIn(Demo.member)
            let first = try await session(of: browser, app)
            for _ in 1...3 { #expect(try await browser.get("/account").status == .ok) }
            let after = try await session(of: browser, app)
            #expect(after.lastSeenAt == first.lastSeenAt)
            #expect(after.updatedAt == first.updatedAt)
            // Once the last-seen time is a few minutes old, a request moves it (and the idle limit) on.
            let old = Date().addingTimeInterval(-10 * 60)
            after.lastSeenAt = old
            try await after.save(on: app.db)
            try await browser.get("/account")
            let moved = try await session(of: browser, app)
            #expect((moved.lastSeenAt ?? old) > old.addingTimeInterval(9 * 60))
        }
    }

    @Test func apiTokensExpireAndTheAccountPageSaysWhen() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            // A name alone is enough: the lifetime defaults to 90 days.
            let made = try await chair.post("/account/tokens", ["tokenName": "newsletter script"])
            #expect(made.status == .created)
            #expect(made.text.contains("<th scope=\"col\">Expires</th>"))
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })
            let record = try #require(try await APITokenRecord.query(on: app.db).first())
            let days = (record.expiresAt ?? .distantPast).timeIntervalSinceNow / 86400
            #expect(days > 89.9 && days <= 90)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .ok)

            record.expiresAt = Date().addingTimeInterval(-1)
            try await record.save(on: app.db)
            let expired = try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token)
            #expect(expired.status == .unauthorized)
            #expect(try expired.json()["message"] as? String == "The API token has expired: make a new one on your account page")

            let week = try await chair.post("/account/tokens", ["tokenName": "short job", "tokenDays": "7"])
            #expect(week.status == .created)
            let odd = try await chair.post("/account/tokens", ["tokenName": "odd", "tokenDays": "5000"])
            #expect(odd.status == .unprocessableEntity)
            #expect(odd.text.contains("href=\"#tokenDays\">"))
        }
    }

    @Test func changingThePasswordRevokesEveryAPIToken() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let made = try await chair.post("/account/tokens", ["tokenName": "script"])
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })
            try await chair.get("/account/password")
            let changed = try await chair.post("/account/password", ["currentPassword": DemoData.password, "newPassword": "willow-anchor-meadow",
                                                                     "newPasswordConfirmation": "willow-anchor-meadow"])
            #expect(changed.status == .seeOther)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .unauthorized)
            #expect(try await TokenCount.of(app) == 0)
        }
    }

    @Test func calendarAndUnsubscribeLinksCanBeReset() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            let page = try await member.get("/account")
            let feed = try #require(page.text.firstMatch(of: /\/calendars\/[^"<\s]+\/meetings\.ics/).map { String($0.output) })
            let person = try #require(try await AccountQueries.person(email: Demo.member, on: app.db))
            let unsubscribe = try PersonTokens(secret: try await SiteSecrets.secret("unsubscribe", on: app.db)).token(for: person)
            #expect(try await TestClient(app).get(feed).status == .ok)
            #expect(try await TestClient(app).get("/unsubscribe?token=\(unsubscribe)").status == .ok)

            #expect(try await member.post("/account/links/reset", [:]).status == .seeOther)
            #expect(try await TestClient(app).get(feed).status == .notFound)
            #expect(try await TestClient(app).get("/unsubscribe?token=\(unsubscribe)").status == .notFound)
            let fresh = try await member.get("/account")
            let newFeed = try #require(fresh.text.firstMatch(of: /\/calendars\/[^"<\s]+\/meetings\.ics/).map { String($0.output) })
            #expect(newFeed != feed)
            #expect(try await TestClient(app).get(newFeed).status == .ok)
        }
    }
}

@Suite struct VisitorSessionTests {
    @Test func showingAVisitorAFormStoresNothing() async throws {
        try await TestApp.run { app in
            let before = try await WebSessionRecord.query(on: app.db).count()
            for path in ["/sign-in", "/register", "/password-reset", "/sign-in", "/"] {
                #expect(try await TestClient(app).get(path).status == .ok)
            }
            #expect(try await WebSessionRecord.query(on: app.db).count() == before)

            // The forms still work, each visitor with their own token, even when pages are shared from the cache.
            let one = TestClient(app), two = TestClient(app)
            try await one.get("/sign-in")
            try await two.get("/sign-in")
            #expect(one.csrf != two.csrf)
            #expect(try await two.post("/sign-in", ["email": Demo.member, "password": "wrong-password"]).status == .unauthorized)
            #expect(try await one.post("/sign-in", ["email": Demo.member, "password": "wrong-password"]).status == .unauthorized)
            // Without the cookie the token means nothing.
            let stranger = TestClient(app)
            let forged = try await stranger.post("/sign-in", [("email", Demo.member), ("password", "x"), ("csrf", one.csrf ?? "")], includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await WebSessionRecord.query(on: app.db).count() == before)
        }
    }
}
