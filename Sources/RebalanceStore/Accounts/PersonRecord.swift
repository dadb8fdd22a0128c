import FluentKit
import Foundation

/// A registered person: a resident, a partnership member, council staff, an administrator.
public final class PersonRecord: Model, @unchecked Sendable {
    public static let schema = "people"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_admin") public var isAdmin: Bool
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// The person asked for no e-mail at all (from any message's unsubscribe link).
    @Field(key: "email_opt_out") public var emailOptOut: Bool
    /// When the person showed they receive mail at `email` (followed a link sent there).
    /// Until then they cannot be made a member, staff or an administrator.
    @OptionalField(key: "email_verified_at") public var emailVerifiedAt: Date?
    /// Mixed into the signature of their calendar-feed and unsubscribe links; raising it makes
    /// every earlier link fail.
    @Field(key: "link_generation") public var linkGeneration: Int
    /// The address the person asked to move to, kept only until they follow the link sent there
    /// (or ask for another); `email` stays the address they sign in with until then.
    @OptionalField(key: "pending_email") public var pendingEmail: String?
    /// Set by an administrator: while set, the person cannot sign in and their sessions and API
    /// tokens are refused.
    @OptionalField(key: "disabled_at") public var disabledAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, email: String, passwordHash: String, isAdmin: Bool = false) {
        self.id = id
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.isAdmin = isAdmin
        self.version = 1
        self.emailOptOut = false
        self.linkGeneration = 0
    }

    public var isEmailVerified: Bool { emailVerifiedAt != nil }
    public var isDisabled: Bool { disabledAt != nil }
}

extension PersonRecord: Audited {
    public static let auditType = "person"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "email": email, "is_admin": isAdmin ? "yes" : "no", "email_opt_out": emailOptOut ? "yes" : "no",
         "email_verified": isEmailVerified ? "yes" : "no", "link_generation": String(linkGeneration),
         "pending_email": pendingEmail ?? "", "disabled": isDisabled ? "yes" : "no"]
    }
}

/// A personal API token. Only a hash is kept: the token itself is shown once, when made.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    /// After this the token is refused (chosen when it is made).
    @OptionalField(key: "expires_at") public var expiresAt: Date?

    public init() {}
}

extension APITokenRecord: Audited {
    public static let auditType = "api_token"
    public var auditLabel: String { name }
    public var auditFields: [String: String] { ["name": name, "person_id": $person.id.uuidString,
                                                 "expires_at": expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""] }
}

/// Each sign-in attempt, kept for the throttle (and for people to see recent sign-ins).
public final class SignInAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "sign_in_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "at") public var at: Date

    public init() {}
}

/// A browser session, kept in the database so that it survives a restart and any instance
/// sharing the database can serve it.
public final class WebSessionRecord: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "data") public var data: String
    @OptionalField(key: "person_id") public var personID: UUID?
    /// The earlier of the idle and the absolute limit, as last written.
    @Field(key: "expires_at") public var expiresAt: Date
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// When the session began: it ends an absolute time after this, however busy.
    @OptionalField(key: "started_at") public var startedAt: Date?
    /// When the browser was last seen, written only every few minutes (so reading pages writes nothing).
    @OptionalField(key: "last_seen_at") public var lastSeenAt: Date?

    public init() {}
}

/// One rate-limited action (a registration, a password-reset request) by one key: an address
/// group or an account. Rows older than the limit's window are removed as new ones arrive.
public final class ActionAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "action_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "key") public var key: String
    @Field(key: "at") public var at: Date

    public init() {}
}

extension PersonRecord {
    /// A separate instance with the same values, as if just read from the database: what a cache
    /// hands to each request, so no two requests ever share (and change) one instance.
    public func detachedCopy() -> PersonRecord {
        let copy = PersonRecord()
        copy.id = id
        copy.name = name
        copy.email = email
        copy.passwordHash = passwordHash
        copy.isAdmin = isAdmin
        copy.version = version
        copy.createdAt = createdAt
        copy.emailOptOut = emailOptOut
        copy.emailVerifiedAt = emailVerifiedAt
        copy.linkGeneration = linkGeneration
        copy.pendingEmail = pendingEmail
        copy.disabledAt = disabledAt
        copy.$id.exists = true
        return copy
    }
}
