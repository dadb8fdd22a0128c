import FluentKit
import Foundation
import RebalanceCore

public enum AccountCommands {
    /// Creates an ordinary account, not yet verified; `welcome` is the message carrying the
    /// verification link, queued in the same transaction so that no account lacks one.
    public static func register(_ draft: RegistrationDraft, hasher: any PasswordHashing,
                                welcome: @escaping @Sendable (PersonRecord) throws -> OutboxDraft, on db: any Database) async throws -> PersonRecord {
        let hash = try await hasher.hash(draft.password)
        return try await db.writeTransaction { tx in
            try await ensureEmailFree(draft.email, on: tx)
            let person = PersonRecord(name: draft.name, email: draft.email, passwordHash: hash, isAdmin: false)
            try await person.create(on: tx)
            try await Audit.created(person, by: Actor(personID: person.id, name: person.name), on: tx)
            try await Outbox.enqueue(try welcome(person), on: tx)
            return person
        }
    }

    /// The first administrator, made with the one-time setup code `rebalance serve` printed.
    /// The code is used up in the same transaction; its holder runs the server, so the address
    /// they give is taken as theirs.
    public static func createFirstAdministrator(_ draft: RegistrationDraft, setupCodeHash: String, hasher: any PasswordHashing,
                                                on db: any Database) async throws -> PersonRecord {
        let hash = try await hasher.hash(draft.password)
        return try await db.writeTransaction { tx in
            guard try await SetupCodes.consume(hash: setupCodeHash, on: tx) else {
                throw ValidationFailure("setupCode", "The setup code is not right. Copy it from the server's output: it is shown each time the server starts without an administrator")
            }
            try await ensureEmailFree(draft.email, on: tx)
            let person = PersonRecord(name: draft.name, email: draft.email, passwordHash: hash, isAdmin: true)
            person.emailVerifiedAt = Date()
            try await person.create(on: tx)
            try await Audit.created(person, by: Actor(personID: person.id, name: person.name), on: tx)
            return person
        }
    }

    static func ensureEmailFree(_ email: String, on db: any Database) async throws {
        if try await PersonRecord.query(on: db).filter(\.$email == email.lowercased()).first() != nil {
            throw ValidationFailure("email", "An account with this email address already exists. Sign in instead, or use another address")
        }
    }

    /// Records that the person receives mail at `email`; nothing happens if their address has
    /// changed since the link was made.
    @discardableResult
    public static func verifyEmail(person id: UUID, email: String, on db: any Database) async throws -> PersonRecord? {
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx), person.email == email.lowercased() else { return nil }
            guard !person.isEmailVerified else { return person }
            let before = person.auditFields
            person.emailVerifiedAt = Date()
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: Actor(personID: id, name: person.name), on: tx)
            return person
        }
    }

    public static func changePassword(person id: UUID, current: String?, new: String?, confirmation: String?,
                                      hasher: any PasswordHashing, on db: any Database) async throws {
        guard let person = try await PersonRecord.find(id, on: db) else { throw NotFound("person") }
        var errors = FieldErrorList()
        if try await !hasher.verify(current ?? "", against: person.passwordHash) {
            errors.add("currentPassword", "Your current password is not right")
        }
        PasswordRules.check(new ?? "", field: "newPassword", name: person.name, email: person.email, into: &errors)
        if errors.message(for: "newPassword") == nil, new != confirmation {
            errors.add("newPasswordConfirmation", "The two new passwords do not match")
        }
        if errors.message(for: "newPassword") == nil, new == current {
            errors.add("newPasswordConfirmation", "Your new password must be different from your current one")
        }
        try errors.throwIfAny()
        let hash = try await hasher.hash(new!)
        try await db.writeTransaction { tx in
            try await setPassword(person, hash: hash, verifiedByMail: false, on: tx)
        }
    }

    /// Sets a new password from a reset link. `expectedHash` is the password hash the link was
    /// signed over: once any new password is set it no longer matches, so each link works once.
    public static func resetPassword(person id: UUID, expectedHash: String, new: String?, confirmation: String?,
                                     hasher: any PasswordHashing, on db: any Database) async throws {
        guard let person = try await PersonRecord.find(id, on: db) else { throw NotFound("person") }
        var errors = FieldErrorList()
        PasswordRules.check(new ?? "", field: "newPassword", name: person.name, email: person.email, into: &errors)
        if errors.message(for: "newPassword") == nil, new != confirmation {
            errors.add("newPasswordConfirmation", "The two new passwords do not match")
        }
        try errors.throwIfAny()
        let hash = try await hasher.hash(new!)
        try await db.writeTransaction { tx in
            // Claim the change: only one request can move the hash away from the one the link names.
            try await PersonRecord.query(on: tx).filter(\.$id == id).filter(\.$passwordHash == expectedHash)
                .set(\.$passwordHash, to: hash).update()
            guard let fresh = try await PersonRecord.find(id, on: tx), fresh.passwordHash == hash else {
                throw ResetLinkUsed()
            }
            try await setPassword(fresh, hash: hash, verifiedByMail: true, on: tx)
        }
    }

    /// A new password: every session and API token of the person ends, since the old password may be known.
    static func setPassword(_ person: PersonRecord, hash: String, verifiedByMail: Bool, on tx: any Database) async throws {
        let id = try person.requireID()
        let before = person.auditFields
        person.passwordHash = hash
        // Following a link sent to the address shows the person receives mail there.
        if verifiedByMail, person.emailVerifiedAt == nil { person.emailVerifiedAt = Date() }
        person.version += 1
        try await person.save(on: tx)
        try await WebSessionRecord.query(on: tx).filter(\.$personID == id).delete()
        for token in try await APITokenRecord.query(on: tx).filter(\.$person.$id == id).all() {
            try await token.delete(on: tx)
            try await Audit.deleted(token, by: Actor(personID: id, name: person.name), on: tx)
        }
        var beforeFields = before, afterFields = person.auditFields
        beforeFields["password"] = "(previous)"
        afterFields["password"] = "(changed)"
        try await Audit.record(.updated, PersonRecord.auditType, id: id, label: person.name,
                               before: beforeFields, after: afterFields, by: Actor(personID: id, name: person.name), on: tx)
    }

    public static func setAdministrator(person id: UUID, isAdmin: Bool, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            if !isAdmin, person.isAdmin, try await PersonRecord.query(on: tx).filter(\.$isAdmin == true).count() == 1 {
                throw ValidationFailure("isAdmin", "This is the only administrator: make someone else an administrator first")
            }
            if isAdmin, !person.isAdmin, !person.isEmailVerified {
                throw ValidationFailure("isAdmin", "\(person.name) has not verified their email address yet, so cannot be made an administrator: ask them to follow the link we sent them")
            }
            let before = person.auditFields
            person.isAdmin = isAdmin
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: actor, on: tx)
        }
    }

    /// The lifetimes a token may be given, in days; the first is the default.
    public static let tokenLifetimes = [90, 30, 7, 365]

    public static func createToken(person: UUID, name raw: String?, days rawDays: String?, tokenHash: String,
                                   now: Date = Date(), by actor: Actor, on db: any Database) async throws -> APITokenRecord {
        var errors = FieldErrorList()
        let name = TextRules.required(raw, field: "tokenName", label: "a name for the token", max: 80, into: &errors)
        let daysText = TextRules.trimmed(rawDays)
        var days = tokenLifetimes[0]
        if !daysText.isEmpty {
            if let chosen = Int(daysText), tokenLifetimes.contains(chosen) { days = chosen }
            else { errors.add("tokenDays", "Choose how long the token lasts from the list") }
        }
        try errors.throwIfAny()
        let expires = now.addingTimeInterval(Double(days) * 24 * 3600)
        return try await db.writeTransaction { tx in
            let token = APITokenRecord()
            token.$person.id = person
            token.name = name
            token.tokenHash = tokenHash
            token.expiresAt = expires
            try await token.create(on: tx)
            try await Audit.created(token, by: actor, on: tx)
            return token
        }
    }

    public static func revokeToken(_ id: UUID, person: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let token = try await APITokenRecord.query(on: tx).filter(\.$id == id)
                .filter(\.$person.$id == person).first() else { throw NotFound("API token") }
            try await token.delete(on: tx)
            try await Audit.deleted(token, by: actor, on: tx)
        }
    }

    /// Makes every calendar-feed and unsubscribe link the person was given stop working.
    public static func resetLinks(person id: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            let before = person.auditFields
            person.linkGeneration += 1
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: actor, on: tx)
        }
    }
}

/// A password-reset link that was already used (another request set the password first).
public struct ResetLinkUsed: Error {}

public enum AccountQueries {
    public static func person(email: String, on db: any Database) async throws -> PersonRecord? {
        try await PersonRecord.query(on: db).filter(\.$email == email.lowercased()).first()
    }

    public static func tokens(of person: UUID, on db: any Database) async throws -> [APITokenRecord] {
        try await APITokenRecord.query(on: db).filter(\.$person.$id == person).sort(\.$createdAt, .descending).all()
    }

    public enum TokenLookup: Sendable {
        case valid(PersonRecord, expires: Date)
        case expired
        /// The token is sound but its holder's account is disabled.
        case disabled
        case unknown
    }

    public static func person(tokenHash: String, now: Date = Date(), on db: any Database) async throws -> TokenLookup {
        guard let token = try await APITokenRecord.query(on: db).filter(\.$tokenHash == tokenHash)
            .with(\.$person).first() else { return .unknown }
        guard let expires = token.expiresAt, expires > now else { return .expired }
        guard !token.person.isDisabled else { return .disabled }
        // Recording use is a courtesy for the token list: written at most every few minutes, so
        // reading through the API does not write on every request; losing a race costs nothing.
        if (token.lastUsedAt ?? .distantPast) < now.addingTimeInterval(-300) {
            token.lastUsedAt = now
            try? await token.save(on: db)
        }
        return .valid(token.person, expires: expires)
    }

    public static func hasAdministrator(on db: any Database) async throws -> Bool {
        try await PersonRecord.query(on: db).filter(\.$isAdmin == true).first() != nil
    }

    public static func people(page: Int, per: Int, on db: any Database) async throws -> (items: [PersonRecord], total: Int) {
        let total = try await PersonRecord.query(on: db).count()
        let items = try await PersonRecord.query(on: db).sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }
}

/// The sign-in throttle's memory: attempts by account and by address (group).
public enum SignInAttempts {
    /// Records an attempt as failed before the password is checked, so that a burst of
    /// simultaneous guesses is counted in full; returns its id to settle it afterwards.
    public static func begin(email: String, address: String, at: Date = Date(), on db: any Database) async throws -> UUID {
        let attempt = SignInAttemptRecord()
        attempt.email = email.lowercased()
        attempt.address = address
        attempt.succeeded = false
        attempt.at = at
        try await attempt.create(on: db)
        return try attempt.requireID()
    }

    public static func succeeded(_ id: UUID, on db: any Database) async throws {
        try await SignInAttemptRecord.query(on: db).filter(\.$id == id).set(\.$succeeded, to: true).update()
    }

    /// An attempt the throttle turned away before any password was checked counts for nothing.
    public static func withdraw(_ id: UUID, on db: any Database) async throws {
        try await SignInAttemptRecord.query(on: db).filter(\.$id == id).delete()
    }

    public struct Failures: Sendable {
        public var pair: [Date] = []
        public var address: [Date] = []
        public var account: [Date] = []
    }

    public static func recentFailures(email: String, address: String, since: Date, excluding: UUID? = nil,
                                      on db: any Database) async throws -> Failures {
        let email = email.lowercased()
        let rows = try await SignInAttemptRecord.query(on: db).filter(\.$succeeded == false).filter(\.$at > since)
            .group(.or) { $0.filter(\.$email == email).filter(\.$address == address) }
            .all()
            .filter { $0.id != excluding }
        var failures = Failures()
        for row in rows {
            if row.email == email { failures.account.append(row.at) }
            if row.address == address { failures.address.append(row.at) }
            if row.email == email, row.address == address { failures.pair.append(row.at) }
        }
        return failures
    }

    /// A successful sign-in forgives that account's earlier failures.
    public static func clearFailures(email: String, on db: any Database) async throws {
        try await SignInAttemptRecord.query(on: db).filter(\.$email == email.lowercased())
            .filter(\.$succeeded == false).delete()
    }
}

/// Rate limits for actions other than signing in (registering, asking for a reset link).
public enum ActionAttempts {
    /// Counts this action for `key` first, then looks at what came before it, so simultaneous
    /// requests cannot all slip under the limit. Returns nil to go ahead, or how long to wait
    /// (an action turned away is not counted).
    public static func admit(_ kind: String, key: String, limit: RateLimit, now: Date = Date(),
                             on db: any Database) async throws -> TimeInterval? {
        let since = now.addingTimeInterval(-limit.window)
        try await ActionAttemptRecord.query(on: db).filter(\.$kind == kind).filter(\.$key == key).filter(\.$at <= since).delete()
        let attempt = ActionAttemptRecord()
        attempt.kind = kind
        attempt.key = key
        attempt.at = now
        try await attempt.create(on: db)
        let id = try attempt.requireID()
        let earlier = try await ActionAttemptRecord.query(on: db).filter(\.$kind == kind).filter(\.$key == key)
            .filter(\.$at > since).all().filter { $0.id != id }.map(\.at)
        guard let wait = limit.retryAfter(earlier: earlier, now: now) else { return nil }
        try await ActionAttemptRecord.query(on: db).filter(\.$id == id).delete()
        return wait
    }
}

/// Browser sessions past their limits.
public enum WebSessions {
    public static func deleteExpired(now: Date = Date(), on db: any Database) async throws {
        try await WebSessionRecord.query(on: db).filter(\.$expiresAt <= now).delete()
    }
}

/// The one-time code that creates the first administrator. Only its SHA-256 is kept.
public enum SetupCodes {
    static let name = "setup-code"

    /// Replaces any earlier code (each start of the server without an administrator prints a fresh one).
    public static func issue(hash: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            try await SiteSecretRecord.query(on: tx).filter(\.$name == name).delete()
            let record = SiteSecretRecord()
            record.name = name
            record.value = hash
            try await record.create(on: tx)
        }
    }

    /// Uses the code up if `hash` is its hash and there is still no administrator.
    static func consume(hash: String, on tx: any Database) async throws -> Bool {
        guard try await !AccountQueries.hasAdministrator(on: tx),
              let stored = try await SiteSecretRecord.query(on: tx).filter(\.$name == name).first(),
              constantTimeEqual(stored.value, hash) else { return false }
        let removed = try await SiteSecretRecord.query(on: tx).filter(\.$name == name).filter(\.$value == hash).count()
        try await SiteSecretRecord.query(on: tx).filter(\.$name == name).delete()
        return removed == 1
    }

    public static func isWaiting(on db: any Database) async throws -> Bool {
        guard try await !AccountQueries.hasAdministrator(on: db) else { return false }
        return try await SiteSecretRecord.query(on: db).filter(\.$name == name).first() != nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
