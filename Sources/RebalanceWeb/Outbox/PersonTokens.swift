import Crypto
import Foundation

/// Signed tokens naming one person, for links that must work without signing in: stopping
/// e-mail from a message or a mail program's one-click button (RFC 8058), and a personal
/// calendar feed that calendar apps fetch without cookies. Each use has its own secret, so a
/// token for one cannot open the other. The signature needs no database lookup to check.
struct PersonTokens: Sendable {
    let secret: SymmetricKey

    init(secret: String) {
        self.secret = SymmetricKey(data: Data(secret.utf8))
    }

    func token(for person: UUID) -> String {
        let id = person.uuidString.lowercased()
        return id + "." + signature(of: id)
    }

    /// The person a token names, or nil when it was not made by us.
    func person(from token: String) -> UUID? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[0]),
              CSRFMiddleware.constantTimeEqual(signature(of: parts[0]), parts[1]) else { return nil }
        return id
    }

    private func signature(of id: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("unsubscribe:" + id).utf8), using: secret)
        return Data(mac).base64URLEncodedString()
    }
}
