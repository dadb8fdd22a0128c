import Vapor

/// Headers that stop the pages being framed, sniffed or made to run scripts from elsewhere.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Served over HTTPS (secure cookies): browsers are told to use nothing else for a year.
    var hsts = false

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if hsts { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
        if req.hasWebSession || req.actor.isSignedIn {
            // Pages for a signed-in person must not be kept by shared caches.
            response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        }
        return response
    }
}
