import Foundation
import Synchronization
import Vapor

/// Keeps anonymous visitors' pages for a moment, so that a public page shared widely (a
/// partnership's accountability page in a local newsletter) costs one render, not one per reader.
///
/// Only a GET with no session cookie and no API token is served from it, and only a 200 answer
/// that created no session and set no cookie is stored. Any state-changing request handled by
/// this process empties it at once; one handled by another instance sharing the database empties
/// it within a fraction of a second (`PageCacheSync`); the short lifetime bounds what is left,
/// such as changes made by timed work outside any request.
///
/// One request at a time renders a given page: when a kept page has merely aged (nothing changed
/// here since), others keep getting it while one request refreshes it; when there is nothing to
/// serve, others wait for that one render instead of all hitting the database together.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        let stored: ContinuousClock.Instant
        let generation: UInt64
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    enum Decision {
        case serve(Entry)
        /// Render the page, then call `finish`.
        case render(generation: UInt64)
        /// Another request is rendering it: wait for its result.
        case wait
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
        var totalBytes = 0
        /// Pages being rendered, with the requests waiting for them.
        var rendering: [String: [CheckedContinuation<Entry?, Never>]] = [:]
    }

    let lifetime: Duration
    let maxEntries: Int
    let maxBodyBytes: Int
    /// The most the kept bodies may hold together, so memory stays bounded however many pages.
    let maxTotalBytes: Int
    private let state = Mutex(State())

    init(lifetime: Duration, maxEntries: Int = 512, maxBodyBytes: Int = 512 * 1024, maxTotalBytes: Int = 64 * 1024 * 1024) {
        self.lifetime = lifetime
        self.maxEntries = maxEntries
        self.maxBodyBytes = maxBodyBytes
        self.maxTotalBytes = maxTotalBytes
    }

    var isEnabled: Bool { lifetime > .zero }
    var generation: UInt64 { state.withLock { $0.generation } }

    func decide(_ key: String, now: ContinuousClock.Instant = .now) -> Decision {
        state.withLock { s in
            let current = s.entries[key].flatMap { $0.generation == s.generation ? $0 : nil }
            if let entry = current, now - entry.stored < lifetime { return .serve(entry) }
            if s.rendering[key] != nil {
                // Someone is already refreshing this page; an aged copy is still correct here.
                if let entry = current { return .serve(entry) }
                return .wait
            }
            s.rendering[key] = []
            return .render(generation: s.generation)
        }
    }

    /// Waits for the request rendering `key`; nil means it produced nothing to share.
    func waitForRender(_ key: String) async -> Entry? {
        await withCheckedContinuation { continuation in
            let joined = state.withLock { s -> Bool in
                guard s.rendering[key] != nil else { return false }
                s.rendering[key]!.append(continuation)
                return true
            }
            if !joined { continuation.resume(returning: nil) }
        }
    }

    /// Ends a render: keeps the entry (unless a change happened meanwhile) and hands it to the waiters.
    func finish(_ key: String, _ entry: Entry?) {
        let waiters = state.withLock { s -> [CheckedContinuation<Entry?, Never>] in
            let waiters = s.rendering.removeValue(forKey: key) ?? []
            if let entry, entry.generation == s.generation, entry.body.readableBytes <= maxBodyBytes {
                if let replaced = s.entries.removeValue(forKey: key) { s.totalBytes -= replaced.body.readableBytes }
                // Room is made by dropping what has been kept longest.
                while !s.entries.isEmpty, s.entries.count >= maxEntries || s.totalBytes + entry.body.readableBytes > maxTotalBytes,
                      let oldest = s.entries.min(by: { $0.value.stored < $1.value.stored })?.key {
                    s.totalBytes -= s.entries.removeValue(forKey: oldest)!.body.readableBytes
                }
                s.entries[key] = entry
                s.totalBytes += entry.body.readableBytes
            }
            return waiters
        }
        let shared = entry.flatMap { $0.generation == generation ? $0 : nil }
        for waiter in waiters { waiter.resume(returning: shared) }
    }

    /// Serves `key` if kept, waits for a render already under way, or renders it and keeps the
    /// answer when it is a 200 with no cookie set and `keepable` says so.
    func respond(key: String, _ req: Request, _ next: any AsyncResponder,
                 keepable: (Response) -> Bool) async throws -> Response {
        switch decide(key) {
        case .serve(let entry):
            return PublicPageCacheMiddleware.response(from: entry)
        case .wait:
            if let entry = await waitForRender(key) { return PublicPageCacheMiddleware.response(from: entry) }
            return try await next.respond(to: req)
        case .render(let generation):
            let response: Response
            do {
                response = try await next.respond(to: req)
            } catch {
                finish(key, nil)
                throw error
            }
            if response.status == .ok, response.headers[.setCookie].isEmpty, keepable(response), let body = response.body.buffer {
                finish(key, .init(stored: .now, generation: generation, status: response.status, headers: response.headers, body: body))
            } else {
                finish(key, nil)
            }
            return response
        }
    }

    func invalidate() {
        state.withLock { s in
            s.generation &+= 1
            s.entries.removeAll(keepingCapacity: true)
            s.totalBytes = 0
        }
    }
}

struct PublicPageCacheMiddleware: AsyncMiddleware {
    static let userInfoKey = "rebalance.uncacheable"
    let cache: PublicPageCache
    /// The signed-in pages (ADR 0037): emptied by the same changes.
    var alsoEmptied: PublicPageCache? = nil
    /// Tells other instances sharing the database about changes handled here (ADR 0032).
    var sync: PageCacheSync? = nil

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method == .GET else {
            // Whatever this request changes, pages made before it must not be served again, here
            // or (through the shared counter) on other instances, whose signed-in caches listen too.
            defer {
                cache.invalidate()
                alsoEmptied?.invalidate()
            }
            let response = try await next.respond(to: req)
            // A refusal (4xx) or failure wrote nothing: each change is one transaction, rolled back
            // on error. Only what may have changed is worth a write to the shared counter.
            if let sync, response.status.code < 400 { await sync.changed(on: req.db, logger: req.logger) }
            return response
        }
        guard cache.isEnabled else { return try await next.respond(to: req) }
        let anonymous = req.cookies[req.application.sessionCookieName] == nil && req.headers[.authorization].isEmpty
        guard anonymous, (req.route?.userInfo[Self.userInfoKey] as? Bool) != true else {
            return try await next.respond(to: req)
        }
        return try await cache.respond(key: req.url.string, req, next) { response in
            // A page with a visitor's form token belongs to that visitor alone.
            req.storage[WebSessionKey.self] == nil && req.storage[FormCookie.UsedKey.self] != true
        }
    }

    static func response(from entry: PublicPageCache.Entry) -> Response {
        Response(status: entry.status, headers: entry.headers, body: .init(buffer: entry.body))
    }
}
