import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// What e-mail a person receives, the unsubscribe link in every message, and the outbox for administrators.
enum NotificationPages {
    static func endpoints() -> [Endpoint] {
        var oneClick = Endpoint.page(.POST, .unsubscribe, .fixed(.viewPublic), handler: unsubscribe)
        oneClick.csrfExempt = true
        return [
            .page(.GET, .notifications, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                return try await preferencesPage(req, form: preferencesForm(req).showing(["email": person.emailOptOut ? "" : "true"], errors: []))
            },
            .page(.POST, .notifications, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                let wants = FormInput(req).flag("email")
                try await setOptOut(person, optOut: !wants, by: req.actor, on: req.db)
                req.flash(wants ? "You will get e-mail from Rebalance again." : "You will not get any more e-mail from Rebalance.")
                return req.seeOther(.notifications)
            },
            .page(.GET, .unsubscribe, .fixed(.viewPublic)) { req in
                let token = req.query[String.self, at: "token"] ?? ""
                guard let person = try await person(for: token, req) else { throw Abort(.notFound, reason: "This unsubscribe link is not valid.") }
                return try await req.render("notifications/unsubscribe", UnsubscribeView(
                    chrome: await PageChrome(req, title: "Stop e-mail from Rebalance"), name: person.name,
                    alreadyOff: person.emailOptOut, token: token, csrf: req.csrfToken))
            },
            oneClick,
            .page(.GET, .adminOutbox, .fixed(.site(.administer)), handler: outboxPage),
            .page(.GET, .adminOutboxMessage(":id"), .fixed(.site(.administer)), handler: messagePage),
            .page(.POST, .adminOutboxResend(":id"), .fixed(.site(.administer))) { req in
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("message") }
                do {
                    try await Outbox.resend(id, by: req.actor, on: req.db)
                    req.flash("The message is back in the queue: it will be sent within a few seconds.")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.adminOutboxMessage(id.uuidString))
            },
        ]
    }

    struct UnsubscribeView: Encodable {
        let chrome: PageChrome
        let name: String
        let alreadyOff: Bool
        let token: String
        let csrf: String
    }

    static func person(for token: String, _ req: Request) async throws -> PersonRecord? {
        let links = PersonTokens(secret: try await SiteSecrets.secret("unsubscribe", on: req.db))
        return try await links.person(from: token, on: req.db)
    }

    /// From our confirmation page or straight from a mail program (RFC 8058 one-click).
    static func unsubscribe(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        let token = input["token"] ?? req.query[String.self, at: "token"] ?? ""
        guard let person = try await person(for: token, req) else { throw Abort(.notFound, reason: "This unsubscribe link is not valid.") }
        try await setOptOut(person, optOut: true, by: Actor(personID: person.id, name: person.name), on: req.db)
        return try await req.render("notifications/unsubscribed", UnsubscribeView(
            chrome: await PageChrome(req, title: "You will get no more e-mail"), name: person.name,
            alreadyOff: true, token: token, csrf: ""))
    }

    static func setOptOut(_ person: PersonRecord, optOut: Bool, by actor: Actor, on db: any Database) async throws {
        guard person.emailOptOut != optOut else { return }
        try await db.writeTransaction { tx in
            let before = person.auditFields
            person.emailOptOut = optOut
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: actor, on: tx)
        }
    }

    static func preferencesForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.notifications.path, submit: "Save", fields: [
            .checkbox("email", "Send me e-mail from Rebalance",
                      hint: "News, meeting papers and notices from the partnerships you belong to, and reminders of things waiting for you",
                      checked: true),
        ], secondary: .init(href: SiteURL.account.path, label: "Back to your account"))
    }

    static func preferencesPage(_ req: Request, form: FormView) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "E-mail you receive"), form: form,
                                                   intro: "Each partnership agrees how it keeps people informed. How often you hear from a partnership is set in its communication plan; here you can stop e-mail altogether."))
    }

    struct OutboxView: Encodable {
        let chrome: PageChrome
        let counts: [Count]
        let messages: [Line]
        let transport: String
        let filterAction: String
        let statuses: [FieldView.Option]
        let status: String?
        struct Count: Encodable { let status: String; let number: Int }
        struct Line: Encodable { let href: String; let created: String; let to: String; let subject: String; let status: String; let attempts: Int; let error: String? }
    }

    static func outboxPage(_ req: Request) async throws -> Response {
        let raw = req.query[String.self, at: "status"] ?? ""
        // An unknown state shows everything rather than an error: the list is only a view.
        let status = OutboxMessageRecord.Status(rawValue: raw)
        let counts = try await Outbox.counts(on: req.db)
        let recent = try await Outbox.recent(limit: 100, status: status, on: req.db)
        let mail = req.application.webSettings.mail
        return try await req.render("notifications/outbox", OutboxView(
            chrome: await PageChrome(req, title: status.map { "Outbox: \($0.rawValue)" } ?? "Outbox"),
            counts: OutboxMessageRecord.Status.allCases.map { .init(status: $0.rawValue.capitalized, number: counts[$0] ?? 0) },
            messages: recent.map { m in
                .init(href: SiteURL.adminOutboxMessage(m.id?.uuidString ?? "").path, created: Format.dateTime(m.createdAt), to: m.email,
                      subject: m.subject, status: m.statusRaw.capitalized, attempts: m.attempts, error: m.lastError)
            },
            transport: mail.smtp.map { "the mail server \($0.host):\($0.port)" } ?? "files in the folder “\(mail.directory)” (no mail server is set up)",
            filterAction: SiteURL.adminOutbox.path,
            statuses: [.init(value: "", label: "Any state", selected: status == nil)] + OutboxMessageRecord.Status.allCases.map {
                .init(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == status)
            },
            status: status?.rawValue))
    }

    struct MessageView: Encodable {
        let chrome: PageChrome
        let subject: String
        let headers: [Header]
        let status: String
        let failed: Bool
        let attempts: Int
        let lastError: String?
        let nextAttempt: String?
        let body: String
        let resendAction: String
        let outboxHref: String
        let csrf: String
        struct Header: Encodable { let name: String; let value: String }
    }

    static func messagePage(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self),
              let m = try await OutboxMessageRecord.find(id, on: req.db) else { throw NotFound("message") }
        let from = req.application.webSettings.mail.from
        var headers: [MessageView.Header] = [
            .init(name: "From", value: "\(from.name) <\(from.email)>"),
            .init(name: "To", value: "\(m.name) <\(m.email)>"),
            .init(name: "Subject", value: m.subject),
            .init(name: "Queued", value: Format.dateTime(m.createdAt)),
        ]
        if let sent = m.sentAt { headers.append(.init(name: "Sent", value: Format.dateTime(sent))) }
        if let messageID = m.messageID { headers.append(.init(name: "Message-ID", value: "<\(messageID)>")) }
        headers.append(.init(name: "Kind", value: m.kind))
        return try await req.render("notifications/message", MessageView(
            chrome: await PageChrome(req, title: m.subject), subject: m.subject,
            headers: headers, status: m.statusRaw.capitalized, failed: m.status == .failed, attempts: m.attempts,
            lastError: m.lastError, nextAttempt: m.status == .queued ? Format.dateTime(m.nextAttemptAt) : nil,
            body: m.body, resendAction: SiteURL.adminOutboxResend(id.uuidString).path,
            outboxHref: SiteURL.adminOutbox.path, csrf: req.csrfToken))
    }
}
