import Crypto
import FluentKit
import Foundation
import RebalanceStore

/// Signed tokens naming one person, for links that must work without signing in: stopping
/// e-mail from a message or a mail program's one-click button (RFC 8058), and a personal
/// calendar feed that calendar apps fetch without cookies. Each use has its own secret, so a
/// token for one cannot open the other. The person's link generation is mixed into the
/// signature: when they reset their links, every earlier token fails.
struct PersonTokens: Sendable {
    let secret: SymmetricKey

    init(secret: String) {
        self.secret = SymmetricKey(data: Data(secret.utf8))
    }

    func token(for person: PersonRecord) throws -> String {
        let id = try person.requireID().uuidString.lowercased()
        return id + "." + signature(of: id, generation: person.linkGeneration)
    }

    /// The person a token names, or nil when it was not made by us or has been reset since.
    func person(from token: String, on db: any Database) async throws -> PersonRecord? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[0]),
              let person = try await PersonRecord.find(id, on: db),
              CSRFMiddleware.constantTimeEqual(signature(of: parts[0], generation: person.linkGeneration), parts[1]) else { return nil }
        return person
    }

    private func signature(of id: String, generation: Int) -> String {
        // Generation 0 signs as links did before resets existed, so links already sent keep working.
        let message = "unsubscribe:" + id + (generation == 0 ? "" : ":\(generation)")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: secret)
        return Data(mac).base64URLEncodedString()
    }
}
