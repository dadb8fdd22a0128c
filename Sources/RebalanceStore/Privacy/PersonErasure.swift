import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Erasing a person's account (UK GDPR article 17), ADR 0020. The person's row stays, so the
/// records the partnership needs (decisions, commitments, minutes, the audit log) keep pointing
/// at it, but it becomes "Former member" with an address that cannot receive mail and a
/// password nobody knows. Every copy of their name kept beside their id is blanked too, and
/// what existed only for them (sessions, tokens, sign-in attempts, mail, open answers) goes.
public enum PersonErasure {
    /// Columns that keep a copy of a person's name next to their id.
    public static let namesByID: [(table: String, name: String, id: String)] = [
        (AuditNameRecord.schema, "name", "id"),
        (CommitmentRecord.schema, "owner_name", "owner_id"),
        (CommitmentRecord.schema, "recipient_name", "recipient_id"),
        (AgreementVersionRecord.schema, "drafted_by_name", "drafted_by_id"),
        (AgreementVersionRecord.schema, "council_officer_name", "council_officer_id"),
        (AgreementVersionRecord.schema, "partnership_signed_by_name", "partnership_signed_by_id"),
        (AgreementVersionRecord.schema, "council_signed_by_name", "council_signed_by_id"),
        (EnquiryRecord.schema, "raised_by_name", "raised_by_id"),
        (ProposalRecord.schema, "proposer_name", "proposer_id"),
        (ProposalPositionRecord.schema, "person_name", "person_id"),
        (ProposalRecusalRecord.schema, "person_name", "person_id"),
        (PollRecord.schema, "created_by_name", "created_by"),
        (PollBallotRecord.schema, "voter_name", "voter_id"),
    ]

    /// Columns that kept only a name, written at the time (who answered an enquiry, who wrote a
    /// statement...). They are matched on the exact name: blanking someone else of the same
    /// name there is the lesser harm than leaving the erased person's name behind.
    static let namesOnly: [(table: String, name: String)] = [
        (CommitmentEventRecord.schema, "actor_name"),
        (ProjectStageChangeRecord.schema, "actor_name"),
        (ProjectRecord.schema, "community_lead"),
        (ProjectRecord.schema, "council_contact"),
        (EnquiryRecord.schema, "answered_by"),
        (EnquiryHandOffRecord.schema, "by_name"),
        (DecisionLogRecord.schema, "statement_by"),
        (HandoverRecord.schema, "written_by"),
        (HealthCheckRoundRecord.schema, "opened_by"),
        (AgendaItemRecord.schema, "lead"),
    ]

    /// Erases `personID`. `confirmation` must be the account's e-mail address, typed out (the
    /// confirmation step); `hasher` makes the unknowable password.
    public static func erase(_ personID: UUID, confirmation: String?, today: Day = .today(), hasher: any PasswordHashing,
                             by actor: Actor, on db: any Database) async throws {
        guard let person = try await PersonRecord.find(personID, on: db) else { throw NotFound("person") }
        try ErasureConfirmation.check(typed: confirmation, email: person.email, erasingSelf: actor.personID == personID)
        // Closed rounds' answers are detached first, so that removing this person's answers
        // below never takes a sheet from a round whose results are already fixed.
        try await HealthCheckAnonymity.detachClosedRounds(today: today, on: db)
        let unknowable = try await hasher.hash(UUID().uuidString + UUID().uuidString)
        try await db.writeTransaction { tx in
            guard let person = try await PersonRecord.find(personID, on: tx) else { throw NotFound("person") }
            if person.isAdmin, try await PersonRecord.query(on: tx).filter(\.$isAdmin == true).count() == 1 {
                throw ValidationFailure("confirm", "This is the only administrator: make someone else an administrator first")
            }
            let oldName = person.name
            let oldEmail = person.email
            // Written first, while the actor's name is still theirs; the names table is blanked below.
            try await Audit.record(.deleted, PersonRecord.auditType, id: personID, label: ErasedPerson.name,
                                   before: nil, after: ["erased": "yes"], by: actor, on: tx)

            person.name = ErasedPerson.name
            person.email = ErasedPerson.email(for: personID)
            person.pendingEmail = nil
            person.passwordHash = unknowable
            person.isAdmin = false
            person.emailOptOut = true
            person.version += 1
            try await person.save(on: tx)

            let sql = tx.sql
            for column in namesByID {
                try await sql.update(column.table).set(SQLIdentifier(column.name), to: SQLBind(ErasedPerson.name))
                    .where(SQLIdentifier(column.id), .equal, SQLBind(personID)).run()
            }
            for column in namesOnly {
                try await sql.update(column.table).set(SQLIdentifier(column.name), to: SQLBind(ErasedPerson.name))
                    .where(SQLIdentifier(column.name), .equal, SQLBind(oldName)).run()
            }
            // The names table may not know them yet (someone who never changed anything).
            try await AuditNames.remember(personID, name: ErasedPerson.name, on: tx)

            try await WebSessionRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await APITokenRecord.query(on: tx).filter(\.$person.$id == personID).delete()
            try await NoticeRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await JoinRequestRecord.query(on: tx).filter(\.$person.$id == personID).delete()
            try await SignInAttemptRecord.query(on: tx).filter(\.$email == oldEmail).delete()
            try await OutboxMessageRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await OutboxMessageRecord.query(on: tx).filter(\.$email == oldEmail).delete()
            // Answers in rounds still open are theirs alone; their place on the roll of closed rounds stays.
            try await HealthCheckInvitationRecord.query(on: tx).filter(\.$person.$id == personID)
                .filter(\.$answersJSON != nil).delete()

            try await StaffRecord.query(on: tx).filter(\.$person.$id == personID).delete()
            for m in try await MembershipRecord.query(on: tx).filter(\.$person.$id == personID).all() {
                if m.startsOn > today {
                    try await m.delete(on: tx)
                } else if m.endsOn.map({ $0 > today }) ?? true {
                    m.endsOnRaw = today.description
                    m.version += 1
                    try await m.save(on: tx)
                }
            }
        }
    }
}
