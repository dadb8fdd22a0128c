import RebalanceCore
import Vapor

/// One route: its address, the permission it needs and what it does. Every route is declared
/// this way, so the permission check happens in one place (`Gate`) and tests can list them all.
public struct Endpoint: Sendable {
    public enum Rule: Sendable {
        case fixed(Permission)
        /// The permission depends on the record the URL names (a partnership's chair...).
        case resolved(@Sendable (Request) async throws -> Permission)
    }

    public let method: HTTPMethod
    public let pattern: String
    public let rule: Rule
    public let handler: @Sendable (Request) async throws -> Response
    public let doc: APIDoc?
    /// False for answers that change without the data changing (live counters).
    public var cacheable = true
    /// True only for a form authenticated by its own signed token rather than the session
    /// (one-click unsubscribe from a mail program, which sends no cookie).
    public var csrfExempt = false

    public var isAPI: Bool { pattern.hasPrefix("/api/") }
    public var key: String { "\(method.rawValue) \(pattern)" }

    init(_ method: HTTPMethod, _ pattern: String, _ rule: Rule, doc: APIDoc? = nil,
         handler: @escaping @Sendable (Request) async throws -> Response) {
        self.method = method
        self.pattern = pattern
        self.rule = rule
        self.doc = doc
        self.handler = handler
    }

    static func page(_ method: HTTPMethod, _ url: SiteURL, _ rule: Rule,
                     handler: @escaping @Sendable (Request) async throws -> Response) -> Endpoint {
        Endpoint(method, url.path, rule, handler: handler)
    }

    static func api(_ method: HTTPMethod, _ url: APIURL, _ rule: Rule, doc: APIDoc,
                    handler: @escaping @Sendable (Request) async throws -> Response) -> Endpoint {
        Endpoint(method, url.path, rule, doc: doc, handler: handler)
    }
}

/// Asks the policy before a handler runs.
enum Gate {
    static func check(_ rule: Endpoint.Rule, for req: Request) async throws {
        let permission: Permission
        switch rule {
        case .fixed(let p): permission = p
        case .resolved(let resolve): permission = try await resolve(req)
        }
        try require(permission, for: req)
    }

    static func require(_ permission: Permission, for req: Request) throws {
        guard !Policy.allows(req.actor, permission) else { return }
        throw req.actor.isSignedIn ? Refusal.forbidden : Refusal.signInNeeded
    }

    static func allows(_ permission: Permission, for req: Request) -> Bool {
        Policy.allows(req.actor, permission)
    }
}

/// Why a request was turned away; the error middleware words it for pages and for the API.
enum Refusal: Error {
    case signInNeeded
    case forbidden
    case badCSRF
    case throttled(String)
}

/// The whole catalogue of routes, kept on the application so tests can enumerate it.
struct EndpointCatalogue: StorageKey {
    typealias Value = [Endpoint]
}

extension Application {
    public var endpoints: [Endpoint] { storage[EndpointCatalogue.self] ?? [] }

    func register(_ endpoints: [Endpoint]) {
        for endpoint in endpoints {
            let components = endpoint.pattern.pathComponents
            let route = on(endpoint.method, components) { req async throws -> Response in
                try await Gate.check(endpoint.rule, for: req)
                if let doc = endpoint.doc { try SchemaCheck.check(req, doc) }
                return try await endpoint.handler(req)
            }
            if !endpoint.cacheable { route.userInfo[PublicPageCacheMiddleware.userInfoKey] = true }
            if endpoint.csrfExempt { route.userInfo[CSRFMiddleware.exemptKey] = true }
        }
        storage[EndpointCatalogue.self] = (storage[EndpointCatalogue.self] ?? []) + endpoints
    }
}
