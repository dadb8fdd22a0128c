import Vapor

/// A request for an address that exists, with a method it does not take (TRACE, DELETE on a
/// list...). The router only knows "no route", which would read as 404; RFC 9110 says such a
/// request gets 405 and an `Allow` header naming the methods that do work there.
struct MethodNotAllowed: Error {
    let allowed: [HTTPMethod]

    var allowHeader: String { allowed.map(\.rawValue).joined(separator: ", ") }

    /// Turns the router's "no route" into this error when the path matches a route with other
    /// methods. The CSRF check runs before routing, so an unsafe method no route takes (TRACE,
    /// DELETE) is refused by it first; when no route would answer anyway, the refusal is
    /// replaced by 405 or 404, which say what is really wrong.
    static func refine(_ error: any Error, for req: Request) -> any Error {
        let refusedForm: Bool = if case Refusal.badCSRF = error { true } else { false }
        guard error is RouteNotFound || refusedForm else { return error }
        let allowed = methods(at: req.url.path, in: req.application.endpoints)
        if allowed.contains(req.method) { return error }
        return allowed.isEmpty ? Abort(.notFound) : MethodNotAllowed(allowed: allowed)
    }

    /// The methods the catalogue has for a path, in a fixed order; HEAD goes with GET (Vapor answers it).
    static func methods(at path: String, in endpoints: [Endpoint]) -> [HTTPMethod] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var found = Set<String>()
        for e in endpoints where matches(e.pattern, parts) {
            found.insert(e.method.rawValue)
            if e.method == .GET { found.insert(HTTPMethod.HEAD.rawValue) }
        }
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
        return found.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
            .map { HTTPMethod(rawValue: $0) }
    }

    /// A form's address opened with GET: reloading a page re-shown after a refused post, or
    /// following a bookmarked one. Rather than an error, the person goes back to the page the form
    /// lives on, the nearest address above it that has a page.
    static func pageAbove(_ path: String, method: HTTPMethod, in endpoints: [Endpoint]) -> String? {
        guard method == .GET, !path.hasPrefix("/api/") else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        while !parts.isEmpty {
            parts.removeLast()
            if endpoints.contains(where: { $0.method == .GET && !$0.isAPI && matches($0.pattern, parts) }) {
                return "/" + parts.joined(separator: "/")
            }
        }
        return nil
    }

    private static func matches(_ pattern: String, _ parts: [Substring]) -> Bool {
        let wanted = pattern.split(separator: "/", omittingEmptySubsequences: true)
        guard wanted.count == parts.count else { return false }
        return zip(wanted, parts).allSatisfy { w, p in w.hasPrefix(":") || w == p }
    }
}
