import Crypto
import NIOPosix
import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

struct ActorKey: StorageKey { typealias Value = Actor }
struct PersonKey: StorageKey { typealias Value = PersonRecord }
struct TokenAuthKey: StorageKey { typealias Value = Bool }

extension Request {
    /// Who is asking; a visitor unless signed in or presenting an API token.
    var actor: Actor { storage[ActorKey.self] ?? .visitor }
    var person: PersonRecord? { storage[PersonKey.self] }
    var authenticatedByToken: Bool { storage[TokenAuthKey.self] ?? false }

    func requirePerson() throws -> PersonRecord {
        guard let person else { throw Refusal.signInNeeded }
        return person
    }
}

/// Loads the person behind the request, from an `Authorization: Bearer` token or the session.
struct CurrentActorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            let hash = APITokens.hash(bearer.token)
            let cache = req.application.signedInCache, cacheKey = "token " + hash
            // A token's holder is kept like a session's (ADR 0036); its expiry is judged every time.
            if let kept = cache?.session(cacheKey), kept.expiresAt > Date(), let (person, actor) = cache?.person(cacheKey, id: kept.recordID),
               !person.isDisabled {
                req.storage[TokenAuthKey.self] = true
                req.storage[PersonKey.self] = person
                req.storage[ActorKey.self] = actor
                return try await next.respond(to: req)
            }
            let generation = cache?.generation ?? 0
            switch try await AccountQueries.person(tokenHash: hash, on: req.db) {
            case .valid(let person, let expires):
                req.storage[TokenAuthKey.self] = true
                try await adopt(person, req)
                if let id = person.id {
                    cache?.keep(cacheKey, session: .init(recordID: id, data: [:], startedAt: nil, lastSeenAt: nil, expiresAt: expires), readAt: generation)
                    cache?.keep(cacheKey, person: person, actor: req.actor, readAt: generation)
                }
            case .expired:
                throw Abort(.unauthorized, reason: "The API token has expired: make a new one on your account page")
            case .disabled:
                throw Abort(.unauthorized, reason: "This account has been disabled by an administrator, so its API tokens do not work")
            case .unknown:
                throw Abort(.unauthorized, reason: "The API token is not valid: it may have been revoked")
            }
        } else if let session = req.storage[WebSessionKey.self], let id = session["person"].flatMap(UUID.init(uuidString:)) {
            let cache = req.application.signedInCache, keyHash = req.storage[SessionKeyHashKey.self]
            if let keyHash, let (person, actor) = cache?.person(keyHash, id: id), !person.isDisabled {
                req.storage[PersonKey.self] = person
                req.storage[ActorKey.self] = actor
            } else {
                let generation = cache?.generation ?? 0
                // Disabling deletes the person's sessions; this catches one read just before that.
                if let person = try await PersonRecord.find(id, on: req.db), !person.isDisabled {
                    try await adopt(person, req)
                    if let keyHash { cache?.keep(keyHash, person: person, actor: req.actor, readAt: generation) }
                } else {
                    session["person"] = nil
                }
            }
        }
        return try await next.respond(to: req)
    }

    private func adopt(_ person: PersonRecord, _ req: Request) async throws {
        req.storage[PersonKey.self] = person
        req.storage[ActorKey.self] = try await ActorLoader.load(person, on: req.db)
    }
}

enum APITokens {
    static func make() -> String { "rb_" + WebSessionMiddleware.newKey() }
    static func hash(_ token: String) -> String { WebSessionMiddleware.hash(token) }
}

/// Bcrypt, from Vapor, behind the core's hashing protocol. Each call runs on the application's
/// blocking thread pool: a hash takes a deliberate fraction of a second, which on an event loop
/// would stall every other request that loop serves.
struct BcryptHasher: PasswordHashing {
    let cost: Int
    let pool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        guard !hash.isEmpty else { return false }
        return try await pool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}
