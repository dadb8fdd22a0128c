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

    public init() {}

    public init(id: UUID? = nil, name: String, email: String, passwordHash: String, isAdmin: Bool = false) {
        self.id = id
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.isAdmin = isAdmin
        self.version = 1
        self.emailOptOut = false
    }
}

extension PersonRecord: Audited {
    public static let auditType = "person"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "email": email, "is_admin": isAdmin ? "yes" : "no", "email_opt_out": emailOptOut ? "yes" : "no"]
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

    public init() {}
}

extension APITokenRecord: Audited {
    public static let auditType = "api_token"
    public var auditLabel: String { name }
    public var auditFields: [String: String] { ["name": name, "person_id": $person.id.uuidString] }
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
    @Field(key: "expires_at") public var expiresAt: Date
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
