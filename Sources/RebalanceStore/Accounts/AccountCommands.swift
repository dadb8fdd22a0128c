import FluentKit
import Foundation
import RebalanceCore

public enum AccountCommands {
    /// Creates an account. The first account on a new installation becomes its administrator,
    /// so a fresh install can be set up without editing the database.
    public static func register(_ draft: RegistrationDraft, hasher: any PasswordHashing, on db: any Database) async throws -> PersonRecord {
        let hash = try hasher.hash(draft.password)
        return try await db.transaction { tx in
            if try await PersonRecord.query(on: tx).filter(\.$email == draft.email).first() != nil {
                throw ValidationFailure("email", "An account with this email address already exists. Sign in instead, or use another address")
            }
            let isFirst = try await PersonRecord.query(on: tx).count() == 0
            let person = PersonRecord(name: draft.name, email: draft.email, passwordHash: hash, isAdmin: isFirst)
            try await person.create(on: tx)
            let actor = Actor(personID: person.id, name: person.name)
            try await Audit.created(person, by: actor, on: tx)
            return person
        }
    }

    public static func changePassword(person id: UUID, current: String?, new: String?, confirmation: String?,
                                      hasher: any PasswordHashing, on db: any Database) async throws {
        guard let person = try await PersonRecord.find(id, on: db) else { throw NotFound("person") }
        var errors = FieldErrorList()
        if try !hasher.verify(current ?? "", against: person.passwordHash) {
            errors.add("currentPassword", "Your current password is not right")
        }
        PasswordRules.check(new ?? "", field: "newPassword", name: person.name, email: person.email, into: &errors)
        if errors.message(for: "newPassword") == nil, new != confirmation {
            errors.add("newPasswordConfirmation", "The two new passwords do not match")
        }
        if errors.message(for: "newPassword") == nil, new == current {
            errors.add("newPassword", "Your new password must be different from your current one")
        }
        try errors.throwIfAny()
        let hash = try hasher.hash(new!)
        try await db.transaction { tx in
            person.passwordHash = hash
            person.version += 1
            try await person.save(on: tx)
            // Other browsers signed in as this person are signed out: the old password may be known.
            try await WebSessionRecord.query(on: tx).filter(\.$personID == id).delete()
            try await Audit.record(.updated, PersonRecord.auditType, id: id, label: person.name,
                                   before: ["password": "(previous)"], after: ["password": "(changed)"],
                                   by: Actor(personID: id, name: person.name), on: tx)
        }
    }

    public static func setAdministrator(person id: UUID, isAdmin: Bool, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            if !isAdmin, person.isAdmin, try await PersonRecord.query(on: tx).filter(\.$isAdmin == true).count() == 1 {
                throw ValidationFailure("isAdmin", "This is the only administrator: make someone else an administrator first")
            }
            let before = person.auditFields
            person.isAdmin = isAdmin
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: actor, on: tx)
        }
    }

    public static func createToken(person: UUID, name raw: String?, tokenHash: String, by actor: Actor, on db: any Database) async throws -> APITokenRecord {
        var errors = FieldErrorList()
        let name = TextRules.required(raw, field: "tokenName", label: "a name for the token", max: 80, into: &errors)
        try errors.throwIfAny()
        return try await db.transaction { tx in
            let token = APITokenRecord()
            token.$person.id = person
            token.name = name
            token.tokenHash = tokenHash
            try await token.create(on: tx)
            try await Audit.created(token, by: actor, on: tx)
            return token
        }
    }

    public static func revokeToken(_ id: UUID, person: UUID, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            guard let token = try await APITokenRecord.query(on: tx).filter(\.$id == id)
                .filter(\.$person.$id == person).first() else { throw NotFound("API token") }
            try await token.delete(on: tx)
            try await Audit.deleted(token, by: actor, on: tx)
        }
    }
}

public enum AccountQueries {
    public static func person(email: String, on db: any Database) async throws -> PersonRecord? {
        try await PersonRecord.query(on: db).filter(\.$email == email.lowercased()).first()
    }

    public static func tokens(of person: UUID, on db: any Database) async throws -> [APITokenRecord] {
        try await APITokenRecord.query(on: db).filter(\.$person.$id == person).sort(\.$createdAt, .descending).all()
    }

    public static func person(tokenHash: String, on db: any Database) async throws -> PersonRecord? {
        guard let token = try await APITokenRecord.query(on: db).filter(\.$tokenHash == tokenHash)
            .with(\.$person).first() else { return nil }
        // Recording use is a courtesy for the token list; losing a race here costs nothing.
        token.lastUsedAt = Date()
        try? await token.save(on: db)
        return token.person
    }

    public static func people(page: Int, per: Int, on db: any Database) async throws -> (items: [PersonRecord], total: Int) {
        let total = try await PersonRecord.query(on: db).count()
        let items = try await PersonRecord.query(on: db).sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }
}

/// The sign-in throttle's memory: failed attempts by account and by address.
public enum SignInAttempts {
    public static func record(email: String, address: String, succeeded: Bool, at: Date = Date(), on db: any Database) async throws {
        let attempt = SignInAttemptRecord()
        attempt.email = email.lowercased()
        attempt.address = address
        attempt.succeeded = succeeded
        attempt.at = at
        try await attempt.create(on: db)
    }

    public static func recentFailures(email: String, address: String, since: Date, on db: any Database) async throws -> (account: [Date], address: [Date]) {
        let byAccount = try await SignInAttemptRecord.query(on: db).filter(\.$email == email.lowercased())
            .filter(\.$succeeded == false).filter(\.$at > since).all().map(\.at)
        let byAddress = try await SignInAttemptRecord.query(on: db).filter(\.$address == address)
            .filter(\.$succeeded == false).filter(\.$at > since).all().map(\.at)
        return (byAccount, byAddress)
    }

    /// A successful sign-in forgives that account's earlier failures.
    public static func clearFailures(email: String, on db: any Database) async throws {
        try await SignInAttemptRecord.query(on: db).filter(\.$email == email.lowercased())
            .filter(\.$succeeded == false).delete()
    }
}
