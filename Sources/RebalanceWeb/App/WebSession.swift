import Crypto
import Foundation
import RebalanceStore
import Vapor

/// A signed-in (or form-filling) browser's session, stored in the database.
/// The cookie holds a random key; the database holds only its SHA-256, so a copy of the
/// database cannot be used to take over sessions.
final class WebSession: @unchecked Sendable {
    private(set) var data: [String: String]
    private(set) var isDirty = false
    private(set) var isDestroyed = false
    /// Set when the key must change (sign-in), so an attacker who planted a key gains nothing.
    private(set) var needsNewKey = false
    var recordID: UUID?
    var expiresAt: Date?

    init(data: [String: String] = [:], recordID: UUID? = nil, expiresAt: Date? = nil) {
        self.data = data
        self.recordID = recordID
        self.expiresAt = expiresAt
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
    static let cookieName = "rebalance_session"
    let lifetime: TimeInterval
    let secure: Bool

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var incomingKey: String?
        if let cookie = req.cookies[Self.cookieName]?.string, !cookie.isEmpty, cookie.count < 200 {
            incomingKey = cookie
            let hash = Self.hash(cookie)
            if let record = try await WebSessionRecord.query(on: req.db).filter(\.$key == hash).first(),
               record.expiresAt > Date() {
                let data = (try? JSONDecoder().decode([String: String].self, from: Data(record.data.utf8))) ?? [:]
                req.storage[WebSessionKey.self] = WebSession(data: data, recordID: record.id, expiresAt: record.expiresAt)
            }
        }
        let response = try await next.respond(to: req)
        try await persist(req, incomingKey: incomingKey, into: response)
        return response
    }

    private func persist(_ req: Request, incomingKey: String?, into response: Response) async throws {
        guard let session = req.storage[WebSessionKey.self] else {
            // A cookie naming no live session: tell the browser to forget it.
            if incomingKey != nil { response.cookies[Self.cookieName] = .expired }
            return
        }
        if session.isDestroyed {
            if let id = session.recordID { try await WebSessionRecord.query(on: req.db).filter(\.$id == id).delete() }
            response.cookies[Self.cookieName] = .expired
            return
        }
        let now = Date()
        // Sliding expiry, but written at most once an hour for a session that did not change.
        let refreshDue = (session.expiresAt ?? now) < now.addingTimeInterval(lifetime - 3600)
        guard session.isDirty || refreshDue else { return }
        let encoded = String(decoding: try JSONEncoder().encode(session.data), as: UTF8.self)
        let expires = now.addingTimeInterval(lifetime)
        let personID = session.data["person"].flatMap(UUID.init(uuidString:))

        if let id = session.recordID, !session.needsNewKey {
            try await WebSessionRecord.query(on: req.db).filter(\.$id == id)
                .set(\.$data, to: encoded).set(\.$expiresAt, to: expires).set(\.$personID, to: personID).update()
            if let key = incomingKey { response.cookies[Self.cookieName] = cookie(key, expires: expires) }
            return
        }
        if let id = session.recordID { try await WebSessionRecord.query(on: req.db).filter(\.$id == id).delete() }
        let key = Self.newKey()
        let record = WebSessionRecord()
        record.key = Self.hash(key)
        record.data = encoded
        record.personID = personID
        record.expiresAt = expires
        try await record.create(on: req.db)
        response.cookies[Self.cookieName] = cookie(key, expires: expires)
    }

    private func cookie(_ value: String, expires: Date) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: expires, maxAge: Int(lifetime), path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    static func newKey() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
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
