import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Partnership news: posts in Markdown, public, sent to the plan's contacts by the digest pass.
enum UpdatePages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .updates(":slug"), .fixed(.viewPublic), handler: index),
            .page(.GET, .newUpdate(":slug"), .resolved(publishPermission)) { req in
                let p = try await req.partnership()
                return try await AreaPages.formPage(req, form: form(req, p), title: "Write news", back: .updates(p.slug))
            },
            .page(.POST, .newUpdate(":slug"), .resolved(publishPermission)) { req in
                let p = try await req.partnership()
                let input = FormInput(req)
                do {
                    let u = try await UpdateCommands.publish(in: try p.requireID(), .init(title: input["title"], body: input["body"]),
                                                             by: req.actor, on: req.db)
                    req.flash("Your news has been published. Close contacts are sent it straight away; others get it in their next digest.")
                    return req.seeOther(.update(p.slug, try u.requireID().uuidString.lowercased()))
                } catch let failure as ValidationFailure {
                    return try await AreaPages.formPage(req, form: form(req, p).showing(input.values, errors: failure.errors),
                                                        title: "Write news", back: .updates(p.slug), status: .unprocessableEntity)
                }
            },
            .page(.GET, .update(":slug", ":id"), .fixed(.viewPublic), handler: show),
        ]
    }

    static func publishPermission(_ req: Request) async throws -> Permission {
        .update(.publish(try await req.partnershipScope()))
    }

    static func form(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.newUpdate(p.slug).path, submit: "Publish", fields: [
            .text("title", "Title"),
            .textarea("body", "News", hint: "Markdown: a blank line between paragraphs, **bold**, [a link](https://example.org), - for a list. Say what did not work as well as what did."),
        ])
    }

    struct IndexView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let newHref: String?
        let posts: [Post]
        let pager: Pager
        struct Post: Encodable { let href: String; let title: String; let summary: String; let published: String; let author: String? }
    }

    static func index(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let paging = try Paging(req, defaultPer: 20)
        let (items, total) = try await UpdateQueries.list(of: try p.requireID(), page: paging.page, per: paging.per, on: req.db)
        let canPublish = Gate.allows(.update(.publish(try await req.partnershipScope())), for: req)
        return try await req.render("updates/index", IndexView(
            chrome: await PageChrome(req, title: "News from \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            newHref: canPublish ? SiteURL.newUpdate(p.slug).path : nil,
            posts: try items.map { u in
                .init(href: SiteURL.update(p.slug, try u.requireID().uuidString.lowercased()).path, title: u.title,
                      summary: UpdateDraft.summary(of: u.body), published: Format.dateTime(u.publishedAt), author: u.author?.name)
            },
            pager: Pager(paging: paging, total: total, path: SiteURL.updates(p.slug).path)))
    }

    struct ShowView: Encodable {
        let chrome: PageChrome
        let back: String
        let partnership: String
        let title: String
        let published: String
        let author: String?
        let html: String
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self),
              let u = try await UpdateQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("news post") }
        return try await req.render("updates/show", ShowView(
            chrome: await PageChrome(req, title: u.title), back: SiteURL.updates(p.slug).path, partnership: p.name,
            title: u.title, published: Format.dateTime(u.publishedAt), author: u.author?.name, html: SafeMarkdown.html(u.body)))
    }
}
