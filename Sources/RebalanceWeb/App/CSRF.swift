import Vapor

/// Every state-changing request made with the session cookie must carry the session's CSRF
/// token: as the hidden `csrf` field of a form, or as the `X-CSRF-Token` header from scripts.
/// Requests authenticated by an API token carry no cookie and need none.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"
    static let header = "X-CSRF-Token"
    static let exemptKey = "rebalance.csrf-exempt"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.GET, .HEAD, .OPTIONS].contains(req.method) || req.authenticatedByToken
            || (req.route?.userInfo[Self.exemptKey] as? Bool) == true {
            return try await next.respond(to: req)
        }
        // A form larger than the first chunk the server reads (a long agreement draft) arrives
        // as a stream; gather it before looking for the token in it. The route then finds it gathered.
        if req.body.data == nil, req.headers.first(name: Self.header) == nil {
            _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
        }
        let expected = req.storage[WebSessionKey.self]?["csrf"]
        let sent = req.headers.first(name: Self.header) ?? (try? req.content.get(String.self, at: Self.field))
        guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
            throw Refusal.badCSRF
        }
        return try await next.respond(to: req)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension Request {
    /// The token to put in this page's forms (made, and the session stored, on first use).
    var csrfToken: String {
        if let token = webSession["csrf"] { return token }
        let token = WebSessionMiddleware.newKey()
        webSession["csrf"] = token
        return token
    }
}
