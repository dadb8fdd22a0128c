import Foundation
import Synchronization
import Vapor

/// Keeps anonymous visitors' pages for a moment, so that a public page shared widely (a
/// partnership's accountability page in a local newsletter) costs one render, not one per reader.
///
/// Only a GET with no session cookie and no API token is served from it, and only a 200 answer
/// that created no session and set no cookie is stored. Any state-changing request handled by
/// this process empties it at once; the short lifetime bounds how stale a page can be when
/// another instance sharing the database made the change.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        let stored: ContinuousClock.Instant
        let generation: UInt64
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    let lifetime: Duration
    let maxEntries: Int
    let maxBodyBytes: Int
    private let state = Mutex(State())

    init(lifetime: Duration, maxEntries: Int = 512, maxBodyBytes: Int = 512 * 1024) {
        self.lifetime = lifetime
        self.maxEntries = maxEntries
        self.maxBodyBytes = maxBodyBytes
    }

    var isEnabled: Bool { lifetime > .zero }

    func lookup(_ key: String, now: ContinuousClock.Instant = .now) -> Entry? {
        state.withLock { s in
            guard let entry = s.entries[key] else { return nil }
            guard entry.generation == s.generation, now - entry.stored < lifetime else {
                s.entries[key] = nil
                return nil
            }
            return entry
        }
    }

    /// Stores an answer unless a change happened while it was being made (its generation is old).
    func store(_ key: String, _ entry: Entry) {
        guard entry.body.readableBytes <= maxBodyBytes else { return }
        state.withLock { s in
            guard entry.generation == s.generation else { return }
            if s.entries.count >= maxEntries, let oldest = s.entries.min(by: { $0.value.stored < $1.value.stored })?.key {
                s.entries[oldest] = nil
            }
            s.entries[key] = entry
        }
    }

    var generation: UInt64 { state.withLock { $0.generation } }

    func invalidate() {
        state.withLock { s in
            s.generation &+= 1
            s.entries.removeAll(keepingCapacity: true)
        }
    }
}

struct PublicPageCacheMiddleware: AsyncMiddleware {
    static let userInfoKey = "rebalance.uncacheable"
    let cache: PublicPageCache

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard cache.isEnabled else { return try await next.respond(to: req) }
        guard req.method == .GET else {
            // Whatever this request changes, pages made before it must not be served again.
            defer { cache.invalidate() }
            return try await next.respond(to: req)
        }
        let anonymous = req.cookies[WebSessionMiddleware.cookieName] == nil && req.headers[.authorization].isEmpty
        let cacheable = anonymous && (req.route?.userInfo[Self.userInfoKey] as? Bool) != true
        guard cacheable else { return try await next.respond(to: req) }

        let key = req.url.string
        if let hit = cache.lookup(key) {
            return Response(status: hit.status, headers: hit.headers, body: .init(buffer: hit.body))
        }
        let generation = cache.generation
        let response = try await next.respond(to: req)
        let madeSession = req.storage[WebSessionKey.self] != nil
        if response.status == .ok, !madeSession, response.headers[.setCookie].isEmpty, let body = response.body.buffer {
            cache.store(key, .init(stored: .now, generation: generation, status: response.status,
                                   headers: response.headers, body: body))
        }
        return response
    }
}
