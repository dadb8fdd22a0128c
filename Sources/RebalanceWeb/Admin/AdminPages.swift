import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Site administrators: who is registered, and who else administers the site.
enum AdminPages {
    struct PeopleView: Encodable {
        let chrome: PageChrome
        let people: [Line]
        let pager: Pager
        let search: String
        let searchAction: String
        let csrf: String
        struct Line: Encodable {
            let name: String; let href: String; let email: String; let verified: Bool; let isAdmin: Bool; let disabled: Bool
            let action: String; let isSelf: Bool; let eraseHref: String?
        }
    }

    struct PersonView: Encodable {
        let chrome: PageChrome
        let name: String
        let email: String
        let pendingEmail: String?
        let verified: Bool
        let isAdmin: Bool
        let isSelf: Bool
        let disabledSince: String?
        let registered: String
        let memberships: [Membership]
        let staff: [Staff]
        let disableAction: String
        let enableAction: String
        let resetAction: String
        let eraseHref: String?
        let peopleHref: String
        let csrf: String
        struct Membership: Encodable { let href: String; let partnership: String; let role: String; let period: String }
        struct Staff: Encodable { let href: String; let organisation: String; let team: String?; let jobTitle: String }
    }

    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .adminPeople, .fixed(.site(.administer)), handler: peoplePage),
            .page(.POST, .adminPersonRole(":id"), .fixed(.site(.administer))) { req in
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("person") }
                let input = FormInput(req)
                do {
                    try await AccountCommands.setAdministrator(person: id, isAdmin: input.flag("isAdmin"), by: req.actor, on: req.db)
                    req.flash(input.flag("isAdmin") ? "They are now a site administrator." : "They are no longer a site administrator.")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.adminPeople)
            },
            .page(.GET, .adminPerson(":id"), .fixed(.site(.administer)), handler: personPage),
            .page(.POST, .adminPersonDisable(":id"), .fixed(.site(.administer))) { req in
                try await setDisabled(req, true)
            },
            .page(.POST, .adminPersonEnable(":id"), .fixed(.site(.administer))) { req in
                try await setDisabled(req, false)
            },
            .page(.POST, .adminPersonPasswordReset(":id"), .fixed(.site(.administer)), handler: sendReset),
        ]
    }

    static func peoplePage(_ req: Request) async throws -> Response {
        let paging = try Paging(req, defaultPer: 50)
        let search = TextRules.trimmed(req.query[String.self, at: "q"])
        let (people, total) = try await AccountQueries.people(matching: search, page: paging.page, per: paging.per, on: req.db)
        return try await req.render("admin/people", PeopleView(
            chrome: await PageChrome(req, title: search.isEmpty ? "People" : "People matching “\(search)”"),
            people: people.map { p in
                let id = p.id?.uuidString ?? ""
                return .init(name: p.name, href: SiteURL.adminPerson(id).path, email: p.email, verified: p.isEmailVerified, isAdmin: p.isAdmin,
                             disabled: p.isDisabled, action: SiteURL.adminPersonRole(id).path, isSelf: p.id == req.actor.personID,
                             eraseHref: ErasedPerson.isErased(email: p.email) ? nil : SiteURL.adminPersonErase(id).path)
            },
            pager: Pager(paging: paging, total: total, path: SiteURL.adminPeople.path, query: search.isEmpty ? [:] : ["q": search]),
            search: search, searchAction: SiteURL.adminPeople.path, csrf: req.csrfToken))
    }

    static func personPage(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self),
              let (person, memberships, staff) = try await AccountQueries.administered(id, on: req.db) else { throw NotFound("person") }
        let key = id.uuidString
        return try await req.render("admin/person", PersonView(
            chrome: await PageChrome(req, title: person.name),
            name: person.name, email: person.email, pendingEmail: person.pendingEmail, verified: person.isEmailVerified,
            isAdmin: person.isAdmin, isSelf: id == req.actor.personID,
            disabledSince: person.disabledAt.map { Format.dateTime($0) },
            registered: person.createdAt.map { Format.dateTime($0) } ?? "Not recorded",
            memberships: memberships.map {
                .init(href: SiteURL.partnership($0.partnership.slug).path, partnership: $0.partnership.name, role: $0.role.label,
                      period: Format.period($0.startsOn, $0.endsOn))
            },
            staff: staff.map {
                .init(href: SiteURL.organisation($0.organisation.slug).path, organisation: $0.organisation.name, team: $0.team?.name, jobTitle: $0.jobTitle)
            },
            disableAction: SiteURL.adminPersonDisable(key).path, enableAction: SiteURL.adminPersonEnable(key).path,
            resetAction: SiteURL.adminPersonPasswordReset(key).path,
            eraseHref: ErasedPerson.isErased(email: person.email) ? nil : SiteURL.adminPersonErase(key).path,
            peopleHref: SiteURL.adminPeople.path, csrf: req.csrfToken))
    }

    static func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("person") }
        do {
            try await AccountCommands.setDisabled(person: id, disabled: disabled, by: req.actor, on: req.db)
            req.flash(disabled ? "The account has been disabled: they are signed out everywhere, and cannot sign in or use their API tokens until it is enabled again."
                               : "The account has been enabled again: they can sign in.")
        } catch let failure as ValidationFailure {
            req.flash(failure.errors.map(\.message).joined(separator: ". "))
        }
        return req.seeOther(.adminPerson(id.uuidString))
    }

    /// The same link and message as someone asking for it themselves (`AccountRecoveryPages.requestReset`).
    static func sendReset(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("person") }
        let links = try await AccountLinks.load(req.db)
        let base = req.application.webSettings.mail.baseURL
        let person = try await AccountCommands.sendPasswordReset(person: id, message: { person in
            try AccountMail.reset(person, link: base + SiteURL.passwordResetLink(try links.reset(for: person)).path)
        }, by: req.actor, on: req.db)
        req.flash("We have sent \(person.name) a link to choose a new password, to \(person.email). It works once, for an hour.")
        return req.seeOther(.adminPerson(id.uuidString))
    }
}

/// Previous / next links for a paged list.
struct Pager: Encodable {
    let page: Int
    let pages: Int
    let total: Int
    let previous: String?
    let next: String?

    /// `query` is kept in the links (a search), so paging does not lose it.
    init(paging: Paging, total: Int, path: String, query: [String: String] = [:]) {
        page = paging.page
        pages = paging.window.pages(of: total)
        self.total = total
        // Everything but letters and digits escaped, so no typed "&", "+" or "#" can change the link.
        let kept = query.sorted { $0.key < $1.key }
            .map { $0.key + "=" + ($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        let prefix = path + "?" + kept.map { $0 + "&" }.joined()
        previous = paging.page > 1 ? "\(prefix)page=\(paging.page - 1)" : nil
        next = paging.page < pages ? "\(prefix)page=\(paging.page + 1)" : nil
    }
}
