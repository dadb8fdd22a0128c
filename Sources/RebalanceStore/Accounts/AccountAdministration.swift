import FluentKit
import FluentSQL
import Foundation
import RebalanceCore
import SQLKit

/// What a change of one's own name and address did.
public struct DetailsChange: Sendable, Equatable {
    public var nameChanged = false
    /// The address a confirmation link was sent to.
    public var confirmationSentTo: String?
    /// A waiting change of address was dropped (the person gave their current address again).
    public var pendingCancelled = false
    public init() {}
}

/// A link to confirm an address that is no longer waiting, or that another account took meanwhile.
public struct EmailChangeNotPossible: Error, Sendable {
    public let reason: String
}

extension AccountCommands {
    /// A person changes their own name (at once) and address (only once the new address is
    /// confirmed). `confirmation` makes the messages to queue, given the person with the new
    /// address pending: the link to the new address and a note to the old one.
    public static func changeDetails(person id: UUID, name rawName: String?, email rawEmail: String?,
                                     confirmation: @escaping @Sendable (PersonRecord) throws -> [OutboxDraft],
                                     on db: any Database) async throws -> DetailsChange {
        var errors = FieldErrorList()
        let name = TextRules.required(rawName, field: "name", label: "your name", max: 100, into: &errors)
        let email = EmailRules.normalised(rawEmail, into: &errors)
        try errors.throwIfAny()
        return try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            var change = DetailsChange()
            let before = person.auditFields
            if name != person.name {
                person.name = name
                change.nameChanged = true
            }
            // The address already waiting is left to its link (the form shows it), so saving a
            // new name alone sends nothing.
            if email == person.email {
                if person.pendingEmail != nil {
                    person.pendingEmail = nil
                    change.pendingCancelled = true
                }
            } else if email != person.pendingEmail {
                if try await PersonRecord.query(on: tx).filter(\.$email == email).filter(\.$id != id).first() != nil {
                    throw ValidationFailure("email", "Another account uses this email address. Enter a different one")
                }
                person.pendingEmail = email
                change.confirmationSentTo = email
            }
            guard change != DetailsChange() else { return change }
            person.version += 1
            try await person.save(on: tx)
            // The entry is signed with the name the person now goes by.
            try await Audit.updated(person, before: before, by: Actor(personID: id, name: person.name), on: tx)
            if change.confirmationSentTo != nil {
                for message in try confirmation(person) { try await Outbox.enqueue(message, on: tx) }
            }
            return change
        }
    }

    public enum EmailChangeOutcome: Sendable {
        case moved(PersonRecord)
        /// Another account took the address meanwhile; the waiting change was dropped.
        case taken(String)
    }

    /// Moves the account to the address a confirmation link was sent to. The link names the
    /// address, so an older link stops working once another address is asked for.
    public static func confirmEmailChange(person id: UUID, to email: String, on db: any Database) async throws -> EmailChangeOutcome {
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx), let pending = person.pendingEmail,
                  pending == email.lowercased() else {
                throw EmailChangeNotPossible(reason: "This change of address is no longer waiting: it was confirmed already, or another address was asked for since.")
            }
            let before = person.auditFields
            // Someone else may have registered the address since the link was sent.
            let taken = try await PersonRecord.query(on: tx).filter(\.$email == pending).filter(\.$id != id).first() != nil
            if !taken {
                person.email = pending
                // Following the link sent there shows the person receives mail at the new address.
                person.emailVerifiedAt = Date()
            }
            person.pendingEmail = nil
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: Actor(personID: id, name: person.name), on: tx)
            return taken ? .taken(pending) : .moved(person)
        }
    }

    /// Disables or re-enables an account. Disabling ends the person's browser sessions at once;
    /// their API tokens are kept but refused while the account is disabled.
    public static func setDisabled(person id: UUID, disabled: Bool, now: Date = Date(), by actor: Actor, on db: any Database) async throws {
        if disabled, actor.personID == id {
            throw ValidationFailure("disabled", "You cannot disable your own account. Ask another administrator if it needs doing")
        }
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            guard person.isDisabled != disabled else { return }
            let before = person.auditFields
            person.disabledAt = disabled ? now : nil
            person.version += 1
            try await person.save(on: tx)
            try await Audit.updated(person, before: before, by: actor, on: tx)
            if disabled {
                try await WebSessionRecord.query(on: tx).filter(\.$personID == id).delete()
            }
        }
    }

    /// Queues a password-reset message for someone, at an administrator's request. The
    /// message is the record of the change, so the audit entry names it.
    public static func sendPasswordReset(person id: UUID, message: @escaping @Sendable (PersonRecord) throws -> OutboxDraft,
                                         by actor: Actor, on db: any Database) async throws -> PersonRecord {
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(id, on: tx) else { throw NotFound("person") }
            let draft = try message(person)
            let queued = try await Outbox.queue(draft, on: tx)
            try await Audit.record(.created, OutboxMessageRecord.auditType, id: queued?.id, label: draft.subject,
                                   before: nil, after: ["to": draft.email, "kind": draft.kind, "status": OutboxMessageRecord.Status.queued.rawValue],
                                   by: actor, on: tx)
            return person
        }
    }
}

extension AccountQueries {
    /// People whose name or address contains `search` (any case), by name, a page at a time.
    public static func people(matching search: String, page: Int, per: Int, on db: any Database) async throws -> (items: [PersonRecord], total: Int) {
        let text = TextRules.trimmed(search).lowercased()
        guard !text.isEmpty else { return try await people(page: page, per: per, on: db) }
        // The typed text is matched literally: LIKE's wildcards in it are escaped.
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        func matching() -> QueryBuilder<PersonRecord> {
            PersonRecord.query(on: db).group(.or) { or in
                or.filter(.sql(SQLQueryString("lower(\(ident: "name")) LIKE \(bind: pattern) ESCAPE '\\'")))
                or.filter(.sql(SQLQueryString("\(ident: "email") LIKE \(bind: pattern) ESCAPE '\\'")))
            }
        }
        let total = try await matching().count()
        let items = try await matching().sort(\.$name).range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    /// One person with what an administrator needs to see about them.
    public static func administered(_ id: UUID, on db: any Database) async throws -> (PersonRecord, [MembershipRecord], [StaffRecord])? {
        guard let person = try await PersonRecord.find(id, on: db) else { return nil }
        let memberships = try await MembershipRecord.query(on: db).filter(\.$person.$id == id).with(\.$partnership)
            .sort(\.$startsOnRaw, .descending).all()
        let staff = try await StaffRecord.query(on: db).filter(\.$person.$id == id).with(\.$organisation).with(\.$team).all()
        return (person, memberships, staff)
    }
}
