import Crypto
import Foundation

/// Signed links that let a person stop e-mail without signing in (from any message, or with a
/// mail program's one-click unsubscribe button, RFC 8058). The signature proves the link was
/// ours and names one person; it needs no database lookup to check.
struct UnsubscribeLinks: Sendable {
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
