import Foundation
import Vapor

/// The application's page caches together, so anything that changes data outside a request
/// (the outbox worker, another instance) empties all of them at once.
struct PageCaches: Sendable {
    let anonymous: PublicPageCache
    let signedInPages: PublicPageCache
    let signedIn: SignedInCache

    func invalidateAll() {
        anonymous.invalidate()
        signedInPages.invalidate()
        signedIn.invalidate()
    }
}

struct PageCachesKey: StorageKey { typealias Value = PageCaches }

extension Application {
    var pageCaches: PageCaches { storage[PageCachesKey.self]! }
}

/// Shows a signed-in session (or an API token's holder) a page it was shown a moment ago, if
/// nothing has changed since (ADR 0037).
///
/// A member's pages are rendered for them (links and buttons follow their roles, forms carry
/// their session's token), so the anonymous cache cannot serve them. But between changes, the
/// same page for the same session is the same bytes: this keeps it per session key and address,
/// emptied by every change this instance handles, by changes on other instances within the
/// change counter's poll, by the outbox worker when it sends, and after a short lifetime in any
/// case. A page is kept only if rendering it wrote nothing to the session (no message shown
/// once, no new form token) and set no cookie. The session middleware runs first, so an
/// expired or signed-out session never reaches a kept page.
struct SignedInPageCacheMiddleware: AsyncMiddleware {
    let cache: PublicPageCache

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard cache.isEnabled, req.method == .GET, req.actor.isSignedIn,
              (req.route?.userInfo[PublicPageCacheMiddleware.userInfoKey] as? Bool) != true
        else { return try await next.respond(to: req) }
        // Whose answer it is: an API token's holder, or a browser's session.
        let owner: String
        let session = req.storage[WebSessionKey.self]
        if req.authenticatedByToken, let bearer = req.headers.bearerAuthorization {
            owner = "token " + APITokens.hash(bearer.token)
        } else if req.headers[.authorization].isEmpty, let session, session.recordID != nil,
                  let keyHash = req.storage[SessionKeyHashKey.self] {
            owner = "session " + keyHash
        } else {
            return try await next.respond(to: req)
        }
        return try await cache.respond(key: owner + " " + req.url.string, req, next) { _ in
            !(session?.isDirty ?? false) && !(session?.isDestroyed ?? false) && req.storage[FormCookie.UsedKey.self] != true
        }
    }
}
