import Crypto
import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Signed, expiring links sent by e-mail, checked without a table of issued links:
/// - verifying an address: signed over the person and the address, so changing the address
///   voids it;
/// - moving to a new address: signed over the person and the address waiting for
///   confirmation, so asking for another address voids it;
/// - resetting a password: signed over the person's current password hash, so the link stops
///   working the moment any new password is set (it works once).
/// A token is `<person id>.<expiry, seconds since 1970>.<signature>`.
struct AccountLinks: Sendable {
    static let verificationLifetime: TimeInterval = 48 * 3600
    static let resetLifetime: TimeInterval = 3600

    let key: SymmetricKey

    static func load(_ db: any Database) async throws -> AccountLinks {
        AccountLinks(key: SymmetricKey(data: Data(try await SiteSecrets.secret("account-links", on: db).utf8)))
    }

    func verification(for person: PersonRecord, now: Date = Date()) throws -> String {
        make("verify", try person.requireID(), binding: person.email, expires: now.addingTimeInterval(Self.verificationLifetime))
    }

    /// Nil when no change of address is waiting.
    func emailChange(for person: PersonRecord, now: Date = Date()) throws -> String? {
        guard let pending = person.pendingEmail else { return nil }
        return make("change-email", try person.requireID(), binding: pending, expires: now.addingTimeInterval(Self.verificationLifetime))
    }

    func reset(for person: PersonRecord, now: Date = Date()) throws -> String {
        make("reset", try person.requireID(), binding: person.passwordHash, expires: now.addingTimeInterval(Self.resetLifetime))
    }

    /// The person a token claims to be for; it still has to pass `isValid` against that person.
    static func person(in token: String) -> UUID? {
        token.split(separator: ".").first.flatMap { UUID(uuidString: String($0)) }
    }

    func isValidVerification(_ token: String, for person: PersonRecord, now: Date = Date()) -> Bool {
        isValid(token, "verify", person, binding: person.email, now: now)
    }

    func isValidEmailChange(_ token: String, for person: PersonRecord, now: Date = Date()) -> Bool {
        guard let pending = person.pendingEmail else { return false }
        return isValid(token, "change-email", person, binding: pending, now: now)
    }

    func isValidReset(_ token: String, for person: PersonRecord, now: Date = Date()) -> Bool {
        isValid(token, "reset", person, binding: person.passwordHash, now: now)
    }

    private func make(_ purpose: String, _ id: UUID, binding: String, expires: Date) -> String {
        let head = id.uuidString.lowercased() + "." + String(Int(expires.timeIntervalSince1970))
        return head + "." + signature(purpose, head, binding)
    }

    private func isValid(_ token: String, _ purpose: String, _ person: PersonRecord, binding: String, now: Date) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let id = UUID(uuidString: parts[0]), id == person.id,
              let seconds = Int(parts[1]), Date(timeIntervalSince1970: TimeInterval(seconds)) > now else { return false }
        return CSRFMiddleware.constantTimeEqual(signature(purpose, parts[0] + "." + parts[1], binding), parts[2])
    }

    private func signature(_ purpose: String, _ head: String, _ binding: String) -> String {
        let message = purpose + "\n" + head + "\n" + binding
        return Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)).base64URLEncodedString()
    }
}

/// The messages carrying those links.
enum AccountMail {
    static func verification(_ person: PersonRecord, link: String) throws -> OutboxDraft {
        OutboxDraft(personID: try person.requireID(), email: person.email, name: person.name,
                    subject: "Confirm your email address for Rebalance",
                    body: """
                    Hello \(person.name),

                    To confirm that this is your email address, open this link within 48 hours:

                    \(link)

                    Until you do, partnerships and councils cannot add you as a member or staff.
                    If you did not create an account on Rebalance, you can ignore this message.
                    """,
                    kind: kind)
    }

    /// To the address the person wants to move to.
    static func emailChange(_ person: PersonRecord, to address: String, link: String) throws -> OutboxDraft {
        OutboxDraft(personID: try person.requireID(), email: address, name: person.name,
                    subject: "Confirm your new email address for Rebalance",
                    body: """
                    Hello \(person.name),

                    You asked to use this address for your Rebalance account instead of \(person.email).
                    To confirm it is yours, open this link within 48 hours:

                    \(link)

                    Until you do, your account keeps using \(person.email).
                    If you did not ask for this, you can ignore this message.
                    """,
                    kind: kind)
    }

    /// To the address the account uses now, so that someone who took over a session cannot
    /// quietly move the account away from its owner.
    static func emailChangeNotice(_ person: PersonRecord, to address: String) throws -> OutboxDraft {
        OutboxDraft(personID: try person.requireID(), email: person.email, name: person.name,
                    subject: "Your Rebalance email address is being changed",
                    body: """
                    Hello \(person.name),

                    Someone signed in to your Rebalance account asked to change its email address
                    to \(address). We have sent a link there; nothing changes until it is opened.

                    If this was not you, sign in, change your password (which signs everyone else
                    out) and enter your own address again on your account page.
                    """,
                    kind: kind)
    }

    static func reset(_ person: PersonRecord, link: String) throws -> OutboxDraft {
        OutboxDraft(personID: try person.requireID(), email: person.email, name: person.name,
                    subject: "Reset your Rebalance password",
                    body: """
                    Hello \(person.name),

                    Someone (we hope you) asked to reset the password of your Rebalance account.
                    To choose a new password, open this link within an hour. It works once:

                    \(link)

                    Setting a new password signs you out everywhere and revokes your API tokens.
                    If you did not ask for this, ignore this message: your password stays as it is.
                    """,
                    kind: kind)
    }

    /// Sent whatever the person's e-mail preferences: they asked for it, and it is about their account.
    static let kind = "account"
}

/// The one-time code that lets whoever runs the server create the first administrator.
/// About 100 random bits in groups a person can copy; only its SHA-256 is stored.
public enum SetupCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 20, by: 5).map { String(chars[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// Case, spaces and dashes do not matter when the code is typed.
    static func hash(_ typed: String) -> String {
        let normal = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        return WebSessionMiddleware.hash("setup:" + normal)
    }

    /// When no one administers the site yet, makes a fresh code (voiding any earlier one) and
    /// returns it for the server to print; otherwise nil.
    public static func issueIfNeeded(_ app: Application) async throws -> String? {
        guard try await !AccountQueries.hasAdministrator(on: app.db) else { return nil }
        let code = make()
        try await SetupCodes.issue(hash: hash(code), on: app.db)
        return code
    }
}
