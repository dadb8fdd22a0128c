import Foundation
import Testing
@testable import RebalanceCore

@Suite struct PasswordRulesTests {
    func problem(_ pw: String, name: String? = nil, email: String? = nil) -> String? {
        var errors = FieldErrorList()
        PasswordRules.check(pw, name: name, email: email, into: &errors)
        return errors.errors.first?.message
    }

    @Test func shortPasswordsAreRefused() {
        #expect(problem("") == "Enter a password")
        #expect(problem("nine-char") == "Password must be at least 10 characters long")
        #expect(problem("ten-chars!") == nil)
    }

    @Test(arguments: ["password123", "Password123", "1234567890", "qwertyuiop", "iloveyou123",
                      "Liverpool2024", "aaaaaaaaaaaa", "abcabcabcabc", "1212121212"])
    func commonPasswordsAreRefused(_ pw: String) {
        #expect(problem(pw)?.contains("most commonly used") == true)
    }

    @Test func passwordsThatContainTheEmailOrNameAreRefused() {
        #expect(problem("amina.khan-secret", email: "amina.khan@example.org") == "Password must not contain your email address")
        #expect(problem("mynameisaminakhan", name: "Amina Khan") == "Password must not contain your name")
        #expect(problem("kettle-harbour-lantern", name: "Amina Khan", email: "amina@example.org") == nil)
    }

    @Test func overlongPasswordsAreRefusedRatherThanTruncated() {
        #expect(problem(String(repeating: "horse-battery", count: 6))?.contains("72 bytes") == true)
    }
}

@Suite struct SignInThrottleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = SignInThrottle()

    func ago(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    @Test func fourFailuresStillAllowAFifthTry() {
        let failures = (1...4).map { ago(Double($0) / 60) }
        #expect(throttle.decide(pairFailures: failures, addressFailures: failures, accountFailures: failures, now: now) == .allowed)
    }

    @Test func waitsGrowWithEachFailureUpToACeilingInsteadOfLockingOut() {
        #expect(throttle.delay(afterFailures: 4, free: 5) == 0)
        #expect(throttle.delay(afterFailures: 5, free: 5) == 30)
        #expect(throttle.delay(afterFailures: 6, free: 5) == 60)
        #expect(throttle.delay(afterFailures: 8, free: 5) == 240)
        #expect(throttle.delay(afterFailures: 40, free: 5) == 15 * 60)
        // Five failures, the last 10 seconds ago: 20 more seconds to wait, then free to try.
        let five = [ago(5), ago(4), ago(3), ago(2), now.addingTimeInterval(-10)]
        let decision = throttle.decide(pairFailures: five, addressFailures: five, accountFailures: five, now: now)
        #expect(decision == .wait(.account, retryAfter: 20))
        #expect(decision.message?.contains("try again in 20 seconds") == true)
        #expect(throttle.decide(pairFailures: five, addressFailures: five, accountFailures: five, now: now.addingTimeInterval(21)) == .allowed)
    }

    @Test func anAttackerElsewhereCannotCheaplyMakeTheOwnerWait() {
        // Ten failures on the account from the attacker's network: the owner, on another network,
        // shares only the account-wide counter, whose allowance is far larger.
        let attacker = (0..<10).map { ago(Double($0) * 0.1) }
        #expect(throttle.decide(pairFailures: [], addressFailures: [], accountFailures: attacker, now: now) == .allowed)
        guard case .wait(.account, _) = throttle.decide(pairFailures: attacker, addressFailures: attacker, accountFailures: attacker, now: now) else {
            Issue.record("the attacker's own network should wait"); return
        }
    }

    @Test func failuresOutsideTheWindowAreForgotten() {
        let failures = [ago(100), ago(90), ago(80), ago(70), ago(2)]
        #expect(throttle.decide(pairFailures: failures, addressFailures: [], accountFailures: failures, now: now) == .allowed)
    }

    @Test func manyFailuresFromOneAddressMakeThatAddressWait() {
        let failures = (0..<20).map { ago(Double($0) * 0.1) }
        let decision = throttle.decide(pairFailures: [], addressFailures: failures, accountFailures: [], now: now)
        guard case .wait(.address, _) = decision else { Issue.record("expected the address to wait, got \(decision)"); return }
        #expect(decision.message?.contains("from your network") == true)
    }

    @Test func rateLimitsCountTheWindowAndSayWhenTheyFree() {
        let limit = RateLimit(limit: 3, window: 3600)
        #expect(limit.retryAfter(earlier: [ago(50), ago(40)], now: now) == nil)
        #expect(limit.retryAfter(earlier: [ago(50), ago(40), ago(30)], now: now) == 600)
        #expect(limit.retryAfter(earlier: [ago(70), ago(40), ago(30)], now: now) == nil)
    }
}

@Suite struct ClientAddressTests {
    @Test func onlyATrustedProxysForwardedForIsBelieved() {
        #expect(ClientAddress.resolve(socket: "203.0.113.9", forwardedFor: ["1.2.3.4"], trustedProxies: []) == "203.0.113.9")
        #expect(ClientAddress.resolve(socket: "10.0.0.1", forwardedFor: ["1.2.3.4"], trustedProxies: ["10.0.0.1"]) == "1.2.3.4")
        // Hops the client wrote itself (left of what the proxy added) are ignored; chained trusted proxies are skipped.
        #expect(ClientAddress.resolve(socket: "10.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.2", "10.0.0.2"],
                                      trustedProxies: ["10.0.0.1", "10.0.0.2"]) == "198.51.100.2")
        // A garbled hop: stop at the last address we can trust.
        #expect(ClientAddress.resolve(socket: "10.0.0.1", forwardedFor: ["not-an-address"], trustedProxies: ["10.0.0.1"]) == "10.0.0.1")
        #expect(ClientAddress.resolve(socket: "::ffff:10.0.0.1", forwardedFor: ["[2001:db8::5]:4711"], trustedProxies: ["10.0.0.1"]) == "2001:db8:0:0:0:0:0:5")
    }

    @Test func ipv6IsGroupedBySixtyFour() {
        #expect(ClientAddress.throttleKey("2001:db8:aa:bb:1::1") == "2001:db8:aa:bb::/64")
        #expect(ClientAddress.throttleKey("2001:db8:aa:bb:ffff:ffff:ffff:fffe") == "2001:db8:aa:bb::/64")
        #expect(ClientAddress.throttleKey("2001:db8:aa:bc::1") != ClientAddress.throttleKey("2001:db8:aa:bb::1"))
        #expect(ClientAddress.throttleKey("198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.throttleKey("::ffff:198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.throttleKey(nil) == "unknown")
        #expect(IPAddress("1:2:3:4:5:6:7:8:9") == nil && IPAddress("1.2.3.256") == nil && IPAddress("::1::") == nil)
    }
}

@Suite struct LocalRedirectTests {
    @Test func onlyPathsOnThisSiteAreFollowed() {
        for good in ["/", "/partnerships/x/audit", "/a?b=c#d", "/a:b"] { #expect(LocalRedirect.path(good) == good) }
        for bad in [nil, "", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/x",
                    "https://evil.example", "javascript:alert(1)", "evil.example", " /x", "/x y", "/\u{0}", "/\u{7F}",
                    "/\u{200B}/evil.example", "/\u{2028}x", "/a\\b"] {
            #expect(LocalRedirect.path(bad) == "/", "\(bad.debugDescription)")
        }
    }
}

@Suite struct SharedRulesTests {
    @Test func daysParseAndRoundTrip() throws {
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2024-02-29")?.description == "2024-02-29")
        #expect(Day("2026-1-5") == nil)
        #expect(Day("26-01-05") == nil)
        let d = try #require(Day("2026-11-23"))
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.weekday == 1) // a Monday
        #expect(d.adding(days: 7).description == "2026-11-30")
        #expect(Day("1970-01-01")?.ordinal == 0)
        #expect(d.readable == "23 November 2026")
    }

    /// The byte-level reading of the plain form agrees with the careful one on every awkward case.
    @Test func daysReadFromBytesRefuseWhatTheCarefulReadingRefuses() {
        for bad in ["2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "2026/01/05", "2026-01-0a", "+026-01-05",
                    "2026-01-05x", "２０２６-01-05", "2026-1-05", ""] {
            #expect(Day(bad) == nil, "\(bad)")
        }
        #expect(Day(" 2026-01-05 ")?.description == "2026-01-05")
        #expect(Day("9999-12-31")?.description == "9999-12-31")
        #expect(Day("0001-01-01")?.description == "0001-01-01")
        #expect(Day(year: 7, month: 3, day: 9)?.description == "0007-03-09")
    }

    @Test func slugsAreReadableAndUnique() {
        #expect(Slug.make(from: "Marsh Lane & Brookfield") == "marsh-lane-and-brookfield")
        #expect(Slug.make(from: "  Café Société!! ") == "cafe-societe")
        #expect(Slug.make(from: "???") == "")
        #expect(Slug.unique("marsh-lane", taken: ["marsh-lane", "marsh-lane-2"]) == "marsh-lane-3")
        #expect(Slug.isValid("marsh-lane") && !Slug.isValid("Marsh") && !Slug.isValid("-x"))
    }

    @Test func emailsAreNormalisedAndChecked() {
        var errors = FieldErrorList()
        #expect(EmailRules.normalised(" Amina@Example.ORG ", into: &errors) == "amina@example.org")
        #expect(errors.isEmpty)
        for bad in ["amina", "amina@example", "a b@example.org", "@example.org", "amina@.org"] {
            var e = FieldErrorList()
            _ = EmailRules.normalised(bad, into: &e)
            #expect(e.errors.first?.field == "email", "\(bad) should be refused")
        }
    }

    @Test func membershipEndingBeforeItStartsIsRefused() {
        let today = Day("2026-11-23")!
        let input = MembershipDraft.Input(person: UUID().uuidString, role: "resident", startsOn: "2026-05-01", endsOn: "2026-04-01")
        do {
            _ = try MembershipDraft.validate(input, today: today, personExists: { _ in true }, organisationExists: { _ in true }, worksForTheCouncil: { _ in true })
            Issue.record("should refuse")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["endsOn"])
            #expect(failure.errors[0].message.contains("1 May 2026"))
        } catch { Issue.record("\(error)") }
    }

    @Test func onlyCouncilStaffSitAsCouncilOfficer() throws {
        let today = Day("2026-11-23")!
        let staff = UUID(), friend = UUID()
        let check = { (person: UUID) in
            try MembershipDraft.validate(.init(person: person.uuidString, role: "council_officer"), today: today,
                                         personExists: { _ in true }, organisationExists: { _ in true },
                                         worksForTheCouncil: { $0 == staff })
        }
        #expect(try check(staff).role == .councilOfficer)
        let refused = #expect(throws: ValidationFailure.self) { try check(friend) }
        #expect(refused?.errors.map(\.field) == ["role"])
    }

    @Test func membershipDefaultsFollowTheRole() throws {
        let today = Day("2026-11-23")!
        let rep = try MembershipDraft.validate(.init(person: UUID().uuidString, role: "rep"), today: today,
                                               personExists: { _ in true }, organisationExists: { _ in false }, worksForTheCouncil: { _ in false })
        #expect(!rep.votes && !rep.livesInArea && rep.startsOn == today)
        let resident = try MembershipDraft.validate(.init(person: UUID().uuidString, role: "resident", livesInArea: false),
                                                    today: today, personExists: { _ in true }, organisationExists: { _ in false }, worksForTheCouncil: { _ in false })
        #expect(resident.votes && resident.livesInArea)
    }
}
