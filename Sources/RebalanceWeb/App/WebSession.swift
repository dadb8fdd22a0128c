import Crypto
import Foundation
import RebalanceStore
import Vapor

/// A signed-in browser's session, stored in the database.
/// The cookie holds a random key; the database holds only its SHA-256, so a copy of the
/// database cannot be used to take over sessions. A session is stored only once something real
/// is written to it (signing in, a message to show after a change): a visitor reading pages or
/// filling in the sign-in form leaves no row behind (forms use `FormCookie` instead).
final class WebSession: @unchecked Sendable {
    private(set) var data: [String: String]
    private(set) var isDirty = false
    private(set) var isDestroyed = false
    /// Set when the key must change (sign-in), so an attacker who planted a key gains nothing.
    private(set) var needsNewKey = false
    var recordID: UUID?
    var startedAt: Date?
    var lastSeenAt: Date?

    init(data: [String: String] = [:], recordID: UUID? = nil, startedAt: Date? = nil, lastSeenAt: Date? = nil) {
        self.data = data
        self.recordID = recordID
        self.startedAt = startedAt
        self.lastSeenAt = lastSeenAt
    }

    subscript(key: String) -> String? {
        get { data[key] }
        set {
            guard data[key] != newValue else { return }
            data[key] = newValue
            isDirty = true
        }
    }

    func rotate() {
        needsNewKey = true
        isDirty = true
    }

    func destroy() {
        isDestroyed = true
    }
}

struct WebSessionKey: StorageKey { typealias Value = WebSession }

extension Request {
    /// The session, created empty on first use (and stored only if something is written to it).
    var webSession: WebSession {
        if let existing = storage[WebSessionKey.self] { return existing }
        let fresh = WebSession()
        storage[WebSessionKey.self] = fresh
        return fresh
    }

    var hasWebSession: Bool { storage[WebSessionKey.self]?.recordID != nil }
}

struct WebSessionMiddleware: AsyncMiddleware {
    /// The cookie's name over plain HTTP; with secure cookies it carries the `__Host-` prefix,
    /// which browsers accept only with `Secure`, `Path=/` and no `Domain`.
    static let cookieName = "rebalance_session"
    static func cookieName(secure: Bool) -> String { secure ? "__Host-" + cookieName : cookieName }
    /// How stale the stored "last seen" time may get: reading pages writes at most this often.
    static let touchInterval: TimeInterval = 300

    let idleLimit: TimeInterval
    let absoluteLimit: TimeInterval
    let secure: Bool
    var name: String { Self.cookieName(secure: secure) }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var incomingKey: String?
        var keyHash: String?
        let cache = req.application.signedInCache
        if let cookie = req.cookies[name]?.string, !cookie.isEmpty, cookie.count < 200 {
            incomingKey = cookie
            let hash = Self.hash(cookie)
            keyHash = hash
            req.storage[SessionKeyHashKey.self] = hash
            let now = Date()
            if let kept = cache?.session(hash), isLive(expiresAt: kept.expiresAt, startedAt: kept.startedAt, lastSeenAt: kept.lastSeenAt, now: now) {
                req.storage[WebSessionKey.self] = WebSession(data: kept.data, recordID: kept.recordID,
                                                             startedAt: kept.startedAt, lastSeenAt: kept.lastSeenAt)
            } else {
                let generation = cache?.generation ?? 0
                if let record = try await WebSessionRecord.query(on: req.db).filter(\.$key == hash).first() {
                    if isLive(record, now: now) {
                        let data = (try? JSONDecoder().decode([String: String].self, from: Data(record.data.utf8))) ?? [:]
                        req.storage[WebSessionKey.self] = WebSession(data: data, recordID: record.id,
                                                                     startedAt: record.startedAt, lastSeenAt: record.lastSeenAt)
                        if let id = record.id {
                            cache?.keep(hash, session: .init(recordID: id, data: data, startedAt: record.startedAt,
                                                             lastSeenAt: record.lastSeenAt, expiresAt: record.expiresAt), readAt: generation)
                        }
                    } else {
                        // Past a limit: never honoured, and removed now that it has come back.
                        try await record.delete(on: req.db)
                    }
                }
            }
        }
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            if req.method != .GET && req.method != .HEAD { cache?.invalidate() }
            throw error
        }
        let wrote = try await persist(req, incomingKey: incomingKey, into: response)
        // Anything but a read may have changed who can do what; a written session is read afresh.
        if req.method != .GET && req.method != .HEAD { cache?.invalidate() }
        else if wrote, let keyHash { cache?.forget(keyHash) }
        FormCookie.attach(req, to: response)
        return response
    }

    /// Judged by today's limits, so shortening them takes effect at once.
    func isLive(_ record: WebSessionRecord, now: Date) -> Bool {
        isLive(expiresAt: record.expiresAt, startedAt: record.startedAt, lastSeenAt: record.lastSeenAt, now: now)
    }

    func isLive(expiresAt: Date, startedAt: Date?, lastSeenAt: Date?, now: Date) -> Bool {
        guard expiresAt > now, let started = startedAt, let seen = lastSeenAt else { return false }
        return started.addingTimeInterval(absoluteLimit) > now && seen.addingTimeInterval(idleLimit) > now
    }

    /// Returns whether the session's stored row changed (so a kept copy of it is out of date).
    private func persist(_ req: Request, incomingKey: String?, into response: Response) async throws -> Bool {
        guard let session = req.storage[WebSessionKey.self] else {
            // A cookie naming no live session: tell the browser to forget it.
            if incomingKey != nil { response.cookies[name] = expired() }
            return false
        }
        let now = Date()
        if session.isDestroyed || (session.recordID != nil && session.data.isEmpty) {
            if let id = session.recordID { try await WebSessionRecord.query(on: req.db).filter(\.$id == id).delete() }
            if incomingKey != nil || session.recordID != nil { response.cookies[name] = expired() }
            return session.recordID != nil
        }

        if let id = session.recordID, !session.needsNewKey {
            let started = session.startedAt ?? now
            let touchDue = (session.lastSeenAt ?? .distantPast) < now.addingTimeInterval(-Self.touchInterval)
            guard session.isDirty || touchDue else { return false }
            let query = WebSessionRecord.query(on: req.db).filter(\.$id == id)
                .set(\.$lastSeenAt, to: now).set(\.$expiresAt, to: expiry(started: started, seen: now))
            if session.isDirty {
                _ = query.set(\.$data, to: try encode(session.data)).set(\.$personID, to: personID(session))
            }
            try await query.update()
            return true
        }

        if let id = session.recordID { try await WebSessionRecord.query(on: req.db).filter(\.$id == id).delete() }
        // Nothing worth keeping (a visitor's page that only looked at the session): store nothing.
        guard !session.data.isEmpty else { return session.recordID != nil }
        let key = Self.newKey()
        let record = WebSessionRecord()
        record.key = Self.hash(key)
        record.data = try encode(session.data)
        record.personID = personID(session)
        record.startedAt = now
        record.lastSeenAt = now
        record.expiresAt = expiry(started: now, seen: now)
        try await record.create(on: req.db)
        if record.personID != nil {
            // A sign-in: a good moment to clear away sessions that ran out (they are never honoured anyway).
            try await WebSessions.deleteExpired(now: now, on: req.db)
        }
        response.cookies[name] = HTTPCookies.Value(string: key, expires: now.addingTimeInterval(absoluteLimit), maxAge: Int(absoluteLimit),
                                                   path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        return true
    }

    private func expiry(started: Date, seen: Date) -> Date {
        min(started.addingTimeInterval(absoluteLimit), seen.addingTimeInterval(idleLimit))
    }

    private func personID(_ session: WebSession) -> UUID? { session.data["person"].flatMap(UUID.init(uuidString:)) }

    private func encode(_ data: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }

    private func expired() -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    static func newKey() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64URLEncodedString()
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
