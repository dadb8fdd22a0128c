import Crypto
import Foundation
import Vapor

/// Every state-changing request made with cookies must carry a CSRF token: as the hidden `csrf`
/// field of a form, or as the `X-CSRF-Token` header from scripts. A signed-in person's token is
/// kept in their session; a visitor's (sign-in, registration) is the signature of a random value
/// in the `FormCookie`, so showing a visitor a form stores nothing.
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
        let session = req.storage[WebSessionKey.self]
        // Vapor's form decoder reads "name[0].part" as nesting and gives up on such a form, so the
        // token is also looked for the way the pages read their fields.
        guard let sent = req.headers.first(name: Self.header) ?? (try? req.content.get(String.self, at: Self.field))
                ?? (req.headers.contentType == .urlEncodedForm ? FormInput(req)[Self.field] : nil) else {
            throw Refusal.badCSRF
        }
        if let expected = session?["csrf"], Self.constantTimeEqual(expected, sent) {
            return try await next.respond(to: req)
        }
        // A visitor's form: only when no one is signed in on this session.
        if session?["person"] == nil, let expected = FormCookie.expectedToken(req), Self.constantTimeEqual(expected, sent) {
            return try await next.respond(to: req)
        }
        throw Refusal.badCSRF
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
    /// The token to put in this page's forms.
    var csrfToken: String {
        if let token = storage[WebSessionKey.self]?["csrf"] { return token }
        if actor.isSignedIn || hasWebSession {
            let token = WebSessionMiddleware.newKey()
            webSession["csrf"] = token
            return token
        }
        return FormCookie.token(for: self)
    }
}

/// A visitor's CSRF protection without a stored session: a random value in a cookie, and the
/// site's signature of it in the form. A forger can read neither the cookie nor the signing key.
enum FormCookie {
    static let baseName = "rebalance_form"
    static func name(secure: Bool) -> String { secure ? "__Host-" + baseName : baseName }

    struct NewValueKey: StorageKey { typealias Value = String }
    /// Set when a page carries a visitor's token, so the shared page cache never keeps it.
    struct UsedKey: StorageKey { typealias Value = Bool }

    static func token(for req: Request) -> String {
        req.storage[UsedKey.self] = true
        let value: String
        if let existing = incoming(req) {
            value = existing
        } else if let made = req.storage[NewValueKey.self] {
            value = made
        } else {
            value = WebSessionMiddleware.newKey()
            req.storage[NewValueKey.self] = value
        }
        return sign(value, req)
    }

    static func expectedToken(_ req: Request) -> String? {
        incoming(req).map { sign($0, req) }
    }

    static func incoming(_ req: Request) -> String? {
        guard let value = req.cookies[name(secure: req.application.webSettings.secureCookies)]?.string,
              value.count == 43, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return value
    }

    static func sign(_ value: String, _ req: Request) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("form:" + value).utf8), using: req.application.formKey)
        return Data(mac).base64URLEncodedString()
    }

    /// Sets the cookie when this response handed out a token made for it. A browser-session
    /// cookie: closing the browser ends it.
    static func attach(_ req: Request, to response: Response) {
        guard let value = req.storage[NewValueKey.self] else { return }
        let secure = req.application.webSettings.secureCookies
        response.cookies[name(secure: secure)] = HTTPCookies.Value(string: value, path: "/", isSecure: secure,
                                                                  isHTTPOnly: true, sameSite: .lax)
    }
}
