import Crypto
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
            guard let person = try await AccountQueries.person(tokenHash: APITokens.hash(bearer.token), on: req.db) else {
                throw Abort(.unauthorized, reason: "The API token is not valid: it may have been revoked")
            }
            req.storage[TokenAuthKey.self] = true
            try await adopt(person, req)
        } else if let session = req.storage[WebSessionKey.self], let id = session["person"].flatMap(UUID.init(uuidString:)) {
            if let person = try await PersonRecord.find(id, on: req.db) {
                try await adopt(person, req)
            } else {
                session["person"] = nil
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

/// Bcrypt, from Vapor, behind the core's hashing protocol.
struct BcryptHasher: PasswordHashing {
    let cost: Int
    func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
    func verify(_ password: String, against hash: String) throws -> Bool {
        guard !hash.isEmpty else { return false }
        return (try? Bcrypt.verify(password, created: hash)) ?? false
    }
}
