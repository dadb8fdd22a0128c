import RebalanceCore
import RebalanceStore
import Vapor

/// Site administrators: who is registered, and who else administers the site.
enum AdminPages {
    struct PeopleView: Encodable {
        let chrome: PageChrome
        let people: [Line]
        let pager: Pager
        let csrf: String
        struct Line: Encodable { let name: String; let email: String; let verified: Bool; let isAdmin: Bool; let action: String; let isSelf: Bool; let eraseHref: String? }
    }

    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .adminPeople, .fixed(.site(.administer))) { req in
                let paging = try Paging(req, defaultPer: 50)
                let (people, total) = try await AccountQueries.people(page: paging.page, per: paging.per, on: req.db)
                return try await req.render("admin/people", PeopleView(
                    chrome: await PageChrome(req, title: "People"),
                    people: people.map { p in
                        .init(name: p.name, email: p.email, verified: p.isEmailVerified, isAdmin: p.isAdmin,
                              action: SiteURL.adminPersonRole(p.id?.uuidString ?? "").path, isSelf: p.id == req.actor.personID,
                              eraseHref: ErasedPerson.isErased(email: p.email) ? nil : SiteURL.adminPersonErase(p.id?.uuidString ?? "").path)
                    },
                    pager: Pager(paging: paging, total: total, path: SiteURL.adminPeople.path), csrf: req.csrfToken))
            },
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
        ]
    }
}

/// Previous / next links for a paged list.
struct Pager: Encodable {
    let page: Int
    let pages: Int
    let total: Int
    let previous: String?
    let next: String?

    init(paging: Paging, total: Int, path: String) {
        page = paging.page
        pages = paging.window.pages(of: total)
        self.total = total
        previous = paging.page > 1 ? "\(path)?page=\(paging.page - 1)" : nil
        next = paging.page < pages ? "\(path)?page=\(paging.page + 1)" : nil
    }
}
