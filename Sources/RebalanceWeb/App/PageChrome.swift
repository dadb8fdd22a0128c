import RebalanceCore
import Vapor

/// What every page's frame shows: the title, who is signed in, the sign-out form's token,
/// a one-off message after a change.
struct PageChrome: Encodable {
    let title: String
    let user: String?
    let isAdmin: Bool
    let csrf: String?
    let flash: String?
    let path: String
    let nav: [NavLink]
    /// Raised by a form on the page that shows errors.
    let hasErrors: PageErrorFlag

    struct NavLink: Encodable {
        let href: String
        let label: String
        let current: Bool
        /// A number shown beside the label (the lines waiting on "your work").
        var count: Int? = nil
    }

    init(_ req: Request, title: String) async {
        self.title = title
        let actor = req.actor
        user = actor.isSignedIn ? actor.name : nil
        isAdmin = actor.isAdmin
        // Only a signed-in person (who already has a session) or a page with a form needs a token.
        csrf = actor.isSignedIn ? req.csrfToken : nil
        if let message = req.storage[WebSessionKey.self]?["flash"] {
            flash = message
            req.webSession["flash"] = nil
        } else {
            flash = nil
        }
        path = req.url.path
        hasErrors = req.pageErrorFlag
        var links: [(String, String)] = []
        if actor.isSignedIn { links.append((SiteURL.yourWork.path, "Your work")) }
        links += [(SiteURL.home.path, "Areas"), (SiteURL.organisations.path, "Organisations")]
        if actor.isSignedIn { links.append((SiteURL.account.path, "Your account")) }
        if actor.isAdmin {
            links.append((SiteURL.adminPeople.path, "People"))
            links.append((SiteURL.adminOutbox.path, "Outbox"))
        }
        let current = req.url.path
        let waiting = await req.workCount()
        nav = links.map { href, label in
            NavLink(href: href, label: label,
                    current: href == "/" ? (current == "/" || current.hasPrefix("/areas") || current.hasPrefix("/partnerships")) : current.hasPrefix(href),
                    count: href == SiteURL.yourWork.path && (waiting ?? 0) > 0 ? waiting : nil)
        }
    }
}

extension Request {
    func flash(_ message: String) { webSession["flash"] = message }

    func render<T: Encodable>(_ template: String, _ context: T, status: HTTPResponseStatus = .ok) async throws -> Response {
        // A page sent back with what was wrong: its title says so first.
        if status.code >= 400 { pageErrorFlag.raised = true }
        let response = try await view.render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }

    func seeOther(_ url: SiteURL) -> Response { redirect(to: url.path, redirectType: .normal) }
}
