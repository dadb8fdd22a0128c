import Foundation
@testable import RebalanceCore
import Testing

/// Retention periods, the erasure confirmation and the erased person's placeholder (ADR 0020).
@Suite struct PrivacyRulesTests {
    @Test func retentionPeriodsHaveDocumentedDefaultsAndRefuseNonsense() throws {
        #expect(try RetentionPeriods.fromEnvironment([:]) == RetentionPeriods(signInAttemptDays: 90, sentMailDays: 180, expiredSessionDays: 0))
        let set = try RetentionPeriods.fromEnvironment(["RETAIN_SIGN_IN_ATTEMPTS_DAYS": "30", "RETAIN_SENT_MAIL_DAYS": "365",
                                                        "RETAIN_EXPIRED_SESSIONS_DAYS": "1"])
        #expect(set == RetentionPeriods(signInAttemptDays: 30, sentMailDays: 365, expiredSessionDays: 1))
        for bad in ["-1", "ninety", "3651", "99999999999999999999"] {
            #expect(throws: ValidationFailure("RETAIN_SENT_MAIL_DAYS", "RETAIN_SENT_MAIL_DAYS must be a whole number of days from 0 to 3650")) {
                _ = try RetentionPeriods.fromEnvironment(["RETAIN_SENT_MAIL_DAYS": bad])
            }
        }
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let cut = RetentionPeriods.defaults.cutOffs(at: now)
        #expect(cut.signInAttempts == now.addingTimeInterval(-90 * 86_400))
        #expect(cut.sentMail == now.addingTimeInterval(-180 * 86_400))
        #expect(cut.expiredSessions == now)
    }

    @Test func erasureIsConfirmedByTypingTheAddress() throws {
        #expect(throws: ValidationFailure("confirm", "Type your e-mail address to confirm that you want your account erased")) {
            try ErasureConfirmation.check(typed: " ", email: "tom@example.org", erasingSelf: true)
        }
        #expect(throws: ValidationFailure("confirm", "That is not this account's e-mail address: type it exactly to confirm")) {
            try ErasureConfirmation.check(typed: "tim@example.org", email: "tom@example.org", erasingSelf: false)
        }
        try ErasureConfirmation.check(typed: " Tom@Example.org ", email: "tom@example.org", erasingSelf: true)
        let id = UUID()
        let erased = ErasedPerson.email(for: id)
        #expect(ErasedPerson.isErased(email: erased) && !ErasedPerson.isErased(email: "tom@example.org"))
        #expect(throws: ValidationFailure("confirm", "This account has already been erased")) {
            try ErasureConfirmation.check(typed: erased, email: erased, erasingSelf: false)
        }
    }
}
