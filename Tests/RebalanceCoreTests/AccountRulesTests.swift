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
        let failures = (1...4).map { ago(Double($0)) }
        #expect(throttle.decide(accountFailures: failures, addressFailures: failures, now: now) == .allowed)
    }

    @Test func fiveFailuresLockTheAccountUntilTheOldestAgesOut() {
        let failures = [ago(10), ago(8), ago(6), ago(4), ago(2)]
        let decision = throttle.decide(accountFailures: failures, addressFailures: [], now: now)
        #expect(decision == .lockedAccount(retryAfter: 5 * 60))
        #expect(decision.message?.contains("try again in 5 minutes") == true)
    }

    @Test func failuresOutsideTheWindowAreForgotten() {
        let failures = [ago(40), ago(30), ago(20), ago(16), ago(2)]
        #expect(throttle.decide(accountFailures: failures, addressFailures: [], now: now) == .allowed)
    }

    @Test func manyFailuresFromOneAddressLockTheAddress() {
        let failures = (0..<20).map { ago(Double($0) * 0.5) }
        let decision = throttle.decide(accountFailures: [], addressFailures: failures, now: now)
        guard case .lockedAddress = decision else { Issue.record("expected address lock, got \(decision)"); return }
        #expect(decision.message?.contains("from your network") == true)
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
