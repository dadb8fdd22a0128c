import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Reminds the team holding each enquiry that is due or overdue, through the e-mail outbox.
/// Runs before each delivery run (the server's worker and `rebalance deliver`).
///
/// `EnquiryReminderPolicy` decides which enquiries need a reminder today, judged against the
/// last one recorded, so running twice on a day sends nothing new; each message also carries a
/// dedupe key (enquiry, reminder number, person), so even a pass that stopped between queueing
/// and recording can never queue the same reminder twice.
public enum EnquiryReminderPass {
    public struct Report: Equatable, Sendable {
        public var reminders = 0
        public var messages = 0
    }

    @discardableResult
    public static func run(_ app: Application, today: Day, policy: EnquiryReminderPolicy = .init()) async throws -> Report {
        let baseURL = app.webSettings.mail.baseURL
        var report = Report()
        let records = try await EnquiryQueries.open(on: app.db)
        let byID = Dictionary(uniqueKeysWithValues: try records.map { (try $0.requireID(), $0) })
        for reminder in policy.reminders(for: try records.map { try $0.core(handOffs: $0.handOffs) }, today: today) {
            guard let record = byID[reminder.enquiryID] else { continue }
            let staff = try await EnquiryQueries.staff(ofTeam: reminder.teamID, on: app.db)
            let link = baseURL + SiteURL.enquiry(record.partnership.slug, reminder.enquiryID.uuidString).path
            let messages = staff.map { s in
                OutboxDraft(personID: s.$person.id, email: s.person.email, name: s.person.name,
                            subject: "\(reminder.summary): enquiry from \(record.partnership.name) – \(record.title)",
                            body: """
                            Hello \(s.person.name),

                            Your team holds an enquiry from \(record.partnership.name) that was due for an answer by \(reminder.dueOn.readable). \(reminder.summary).

                            “\(record.title)” (\(record.topic)), received \(record.receivedOn.readable).

                            Answer it, or hand it to the team it belongs with, saying why:
                            \(link)
                            """,
                            kind: "reminder", partnershipID: record.$partnership.id,
                            dedupeKey: "enquiry-reminder:\(reminder.enquiryID.uuidString):\(reminder.number):\(s.$person.id.uuidString)")
            }
            report.messages += try await EnquiryCommands.recordReminder(reminder.enquiryID, on: today, messages: messages, on: app.db)
            report.reminders += 1
        }
        return report
    }
}
