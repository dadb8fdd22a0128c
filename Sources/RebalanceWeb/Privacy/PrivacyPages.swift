import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The privacy notice, a person's data as a download, and erasing an account (by its owner or
/// by an administrator), each erasure behind a confirmation step. ADR 0020.
enum PrivacyPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .privacy, .fixed(.viewPublic)) { req in
                let r = req.application.webSettings.retention
                return try await req.render("privacy/notice", NoticeView(
                    chrome: await PageChrome(req, title: "Privacy: what Rebalance keeps about you"),
                    signInAttemptDays: r.signInAttemptDays, sentMailDays: r.sentMailDays,
                    expiredSessions: r.expiredSessionDays == 0 ? "as soon as they expire" : "\(r.expiredSessionDays) days after they expire",
                    minimumGroup: Confidentiality.minimumGroupSize, signedIn: req.actor.isSignedIn))
            },
            .page(.GET, .accountData, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                let response = try API.json(try await PersonalData.collect(for: try person.requireID(), on: req.db))
                response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"rebalance-my-data.json\"")
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                return response
            },
            .page(.GET, .accountErase, .fixed(.account(.useOwn))) { req in
                try await erasePage(req, person: try req.requirePerson(), form: eraseForm(req, action: SiteURL.accountErase.path, isSelf: true))
            },
            .page(.POST, .accountErase, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                let input = FormInput(req)
                do {
                    try await PersonErasure.erase(try person.requireID(), confirmation: input["confirm"],
                                                  hasher: req.application.passwordHasher, by: req.actor, on: req.db)
                } catch let failure as ValidationFailure {
                    return try await erasePage(req, person: person, form: eraseForm(req, action: SiteURL.accountErase.path, isSelf: true)
                        .showing(input.values, errors: failure.errors), status: .unprocessableEntity)
                }
                req.webSession.destroy()
                return try await req.render("privacy/erased", ErasedView(chrome: await PageChrome(req, title: "Your account has been erased")))
            },
            .page(.GET, .adminPersonErase(":id"), .fixed(.site(.administer))) { req in
                let person = try await named(req)
                return try await erasePage(req, person: person,
                                           form: eraseForm(req, action: SiteURL.adminPersonErase(person.id!.uuidString).path, isSelf: false))
            },
            .page(.POST, .adminPersonErase(":id"), .fixed(.site(.administer))) { req in
                let person = try await named(req)
                let input = FormInput(req)
                do {
                    try await PersonErasure.erase(try person.requireID(), confirmation: input["confirm"],
                                                  hasher: req.application.passwordHasher, by: req.actor, on: req.db)
                } catch let failure as ValidationFailure {
                    return try await erasePage(req, person: person,
                                               form: eraseForm(req, action: SiteURL.adminPersonErase(person.id!.uuidString).path, isSelf: false)
                                                   .showing(input.values, errors: failure.errors), status: .unprocessableEntity)
                }
                if person.id == req.actor.personID {
                    req.webSession.destroy()
                    return try await req.render("privacy/erased", ErasedView(chrome: await PageChrome(req, title: "Your account has been erased")))
                }
                req.flash("The account has been erased. Its records now show “\(ErasedPerson.name)”.")
                return req.seeOther(.adminPeople)
            },
        ]
    }

    struct NoticeView: Encodable {
        let chrome: PageChrome
        let signInAttemptDays: Int
        let sentMailDays: Int
        let expiredSessions: String
        let minimumGroup: Int
        let signedIn: Bool
    }

    struct EraseView: Encodable {
        let chrome: PageChrome
        let isSelf: Bool
        let name: String
        let email: String
        let placeholder: String
        let form: FormView
        let back: String
    }

    struct ErasedView: Encodable {
        let chrome: PageChrome
    }

    static func named(_ req: Request) async throws -> PersonRecord {
        guard let id = req.parameters.get("id", as: UUID.self), let person = try await PersonRecord.find(id, on: req.db) else {
            throw NotFound("person")
        }
        return person
    }

    static func eraseForm(_ req: Request, action: String, isSelf: Bool) -> FormView {
        FormView(req, action: action, submit: isSelf ? "Erase my account" : "Erase this account", fields: [
            .text("confirm", isSelf ? "Type your e-mail address to confirm" : "Type their e-mail address to confirm",
                  hint: "This cannot be undone", autocomplete: "off", required: true),
        ], secondary: .init(href: isSelf ? SiteURL.account.path : SiteURL.adminPeople.path, label: "Cancel"))
    }

    static func erasePage(_ req: Request, person: PersonRecord, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        let isSelf = person.id == req.actor.personID
        return try await req.render("privacy/erase", EraseView(
            chrome: await PageChrome(req, title: isSelf ? "Erase your account" : "Erase \(person.name)’s account"),
            isSelf: isSelf, name: person.name, email: person.email, placeholder: ErasedPerson.name, form: form,
            back: isSelf ? SiteURL.account.path : SiteURL.adminPeople.path), status: status)
    }
}
