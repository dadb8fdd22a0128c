import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Sends what is due in the outbox: each message once, retried with growing waits when the mail
/// server cannot take it, never to someone who asked for no e-mail.
public enum OutboxDelivery {
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        public var skipped = 0
        public init(sent: Int = 0, failed: Int = 0, skipped: Int = 0) {
            self.sent = sent
            self.failed = failed
            self.skipped = skipped
        }
    }

    @discardableResult
    public static func deliverDue(_ app: Application, now: Date = Date(), limit: Int = 50) async throws -> Report {
        let settings = app.webSettings.mail
        let transport: any MailTransport = settings.smtp.map { SMTPClient(settings: $0, group: app.eventLoopGroup) }
            ?? FolderTransport(directory: settings.directory)
        let links = PersonTokens(secret: try await SiteSecrets.secret("unsubscribe", on: app.db))
        // What the communication plans say is due goes into the outbox first, so one run both
        // plans and sends.
        let base = settings.baseURL
        try await DigestPass.run(today: Day.today(now), pageURL: { base + $0 }, on: app.db)
        var report = Report()
        for message in try await Outbox.claimDue(limit: limit, now: now, on: app.db) {
            let id = try message.requireID()
            var recipient: PersonRecord?
            if let personID = message.personID {
                recipient = try await PersonRecord.find(personID, on: app.db)
                // Account mail (address checks, password resets) was asked for, so it goes regardless.
                if recipient?.emailOptOut == true, message.kind != AccountMail.kind {
                    try await Outbox.markSkipped(id, reason: "The recipient asked for no e-mail", on: app.db)
                    report.skipped += 1
                    continue
                }
            }
            let mail = compose(message, recipient: recipient, settings: settings, links: links, now: now)
            do {
                try await transport.send(mail)
                try await Outbox.markSent(id, messageID: mail.messageID, now: Date(), on: app.db)
                report.sent += 1
            } catch {
                let permanent = (error as? MailSendError)?.isPermanent ?? false
                app.logger.warning("Sending \(id) through \(transport.description) failed: \(error)")
                try await Outbox.markFailed(message, error: "\(error)", permanent: permanent, now: now, on: app.db)
                report.failed += 1
            }
        }
        return report
    }

    static func compose(_ message: OutboxMessageRecord, recipient: PersonRecord?, settings: MailSettings,
                        links: PersonTokens, now: Date) -> MailMessage {
        var text = message.body
        var headers: [(String, String)] = [("Auto-Submitted", "auto-generated")]
        let preferences = settings.baseURL + SiteURL.notifications.path
        if let person = recipient, let token = try? links.token(for: person) {
            let unsubscribe = settings.baseURL + SiteURL.unsubscribe.path + "?token=" + token
            text += "\n\n--\nYou get this because of your part in a partnership on Rebalance.\n"
                + "Change what you receive: \(preferences)\nStop all e-mail from Rebalance: \(unsubscribe)\n"
            headers.append(("List-Unsubscribe", "<\(unsubscribe)>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        } else {
            text += "\n\n--\nSent by Rebalance. Change what you receive: \(preferences)\n"
        }
        return MailMessage(from: settings.from, to: .init(name: message.name, email: message.email),
                           subject: message.subject, text: text, date: now,
                           messageID: "\(message.id!.uuidString.lowercased())@rebalance", extraHeaders: headers)
    }
}

/// Runs delivery every few seconds inside the server, for as long as it runs.
struct OutboxWorker: LifecycleHandler {
    let interval: Double
    let task = TaskHolder()

    func didBootAsync(_ app: Application) async throws {
        let interval = self.interval
        task.start(Task {
            while !Task.isCancelled {
                do {
                    try await EnquiryReminderPass.run(app, today: app.enquiryToday)
                    try await DecisionPass.run(app)
                    try await PrivacyPass.run(app)
                    let report = try await OutboxDelivery.deliverDue(app)
                    // Sent, failed or skipped messages show on pages: none may be served from before.
                    if report != .init() { app.pageCaches.invalidateAll() }
                } catch {
                    app.logger.error("Outbox delivery failed: \(error)")
                }
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
        })
    }

    func shutdownAsync(_ app: Application) async {
        await task.stop()
    }
}

final class TaskHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func start(_ t: Task<Void, Never>) { lock.withLock { task = t } }

    func stop() async {
        let t = lock.withLock { () -> Task<Void, Never>? in defer { task = nil }; return task }
        t?.cancel()
        await t?.value
    }
}
