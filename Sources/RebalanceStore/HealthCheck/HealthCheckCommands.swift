import FluentKit
import Foundation
import RebalanceCore

/// Opening, answering and closing health-check rounds, and turning a suggested next step into a
/// commitment. Each validates with the core and writes in one transaction; opening and closing
/// are audited, individual answers deliberately are not (the log must not show who said what).
public enum HealthCheckCommands {
    /// Opens a round today and queues an invitation for every current member and every staff
    /// member of the area's councils. `answerLink` turns a round id into the absolute address
    /// of the answering page.
    public static func open(in partnershipID: UUID, _ input: HealthCheckRound.Input, today: Day = .today(),
                            answerLink: @escaping @Sendable (UUID) -> String, by actor: Actor,
                            on db: any Database) async throws -> HealthCheckRoundRecord {
        try await db.writeTransaction { tx in
            guard let p = try await PartnershipRecord.query(on: tx).filter(\.$id == partnershipID).first() else { throw NotFound("partnership") }
            let earlier = try await HealthCheckQueries.rounds(in: partnershipID, on: tx).map(\.core)
            let round = try HealthCheckRound.open(input, today: today, otherRounds: earlier)
            let r = HealthCheckRoundRecord()
            r.$partnership.id = partnershipID
            r.apply(round)
            r.openedBy = actor.name
            try await r.create(on: tx)
            let rid = try r.requireID()
            let link = answerLink(rid)
            for invitee in try await HealthCheckQueries.invitees(of: partnershipID, today: today, on: tx) {
                let i = HealthCheckInvitationRecord()
                i.$round.id = rid
                i.$person.id = try invitee.person.requireID()
                i.roleRaw = invitee.role.rawValue
                try await i.create(on: tx)
                try await Outbox.enqueue(OutboxDraft(
                    personID: invitee.person.id, email: invitee.person.email, name: invitee.person.name,
                    subject: "How is the relationship going? \(p.name) health check",
                    body: """
                    Hello \(invitee.person.name),

                    \(p.name) is running its relationship health check: a few minutes on how the partnership and the council are working together, against the five principles. You are answering as: \(invitee.role.label).

                    Results are shown only for groups of \(Confidentiality.minimumGroupSize) or more people, so nobody's answers can be picked out. You can change your answers until the round closes on \(round.closesOn.readable).

                    Answer here: \(link)
                    """,
                    kind: "invitation", partnershipID: partnershipID,
                    dedupeKey: "health-check:\(rid.uuidString):\(invitee.person.id!.uuidString)"), on: tx)
            }
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)
            return r
        }
    }

    /// Stores (or replaces) the actor's answers. Refused unless the actor was invited and the
    /// round is open; the sheet is checked against the round's own question set.
    public static func answer(_ roundID: UUID, in partnershipID: UUID, _ input: AnswerSheet.Input, today: Day = .today(),
                              by actor: Actor, on db: any Database) async throws -> AnswerDecision {
        try await db.writeTransaction { tx in
            let r = try await HealthCheckQueries.round(roundID, in: partnershipID, on: tx)
            let invitation = try await actor.personID.asyncFlatMap { pid in
                try await HealthCheckInvitationRecord.query(on: tx).filter(\.$round.$id == roundID).filter(\.$person.$id == pid).first()
            }
            let decision = try r.core.admitAnswer(invited: invitation != nil, alreadyAnswered: invitation?.hasAnswered ?? false, today: today)
            guard let set = r.questionSet else {
                throw ValidationFailure("round", "This round's questionnaire (\(r.core.questionSet.description)) is no longer installed")
            }
            let sheet = try AnswerSheet.validate(input, against: set)
            try invitation!.store(sheet)
            try await invitation!.save(on: tx)
            return decision
        }
    }

    /// Closes an open round now; its results are fixed from then on.
    public static func close(_ roundID: UUID, in partnershipID: UUID, today: Day = .today(), by actor: Actor,
                             on db: any Database) async throws -> HealthCheckRoundRecord {
        try await db.writeTransaction { tx in
            let r = try await HealthCheckQueries.round(roundID, in: partnershipID, on: tx)
            let before = r.auditFields
            r.apply(try r.core.closing(today: today))
            try await r.save(on: tx)
            try await Audit.updated(r, before: before, partnership: partnershipID, by: actor, on: tx)
            return r
        }
    }

    /// Makes a commitment from a suggested next step: the partnership promises partnership
    /// steps to the council, a council team promises council steps to the partnership. Due in
    /// about three months, proposed until both sides agree it.
    public static func adopt(_ suggestionID: String, in partnershipID: UUID, confirmOverPromise: Bool = false,
                             today: Day = .today(), by actor: Actor,
                             on db: any Database) async throws -> CommitmentRecord {
        guard let action = SuggestionCatalogue.action(id: suggestionID) else {
            throw ValidationFailure("suggestion", "Choose one of the suggested next steps: \(suggestionID.isEmpty ? "none was sent" : suggestionID + " is not one of them")")
        }
        let parties = try await CommitmentQueries.parties(of: partnershipID, on: db)
        guard let team = try await councilTeam(for: actor, among: parties, in: partnershipID, on: db) else {
            throw ValidationFailure("suggestion", "This partnership's council has no teams yet, so a promise between the partnership and the council cannot be recorded")
        }
        let partnership = parties.first { $0.kind == .partnership }!
        let (owner, recipient) = action.promisedBy == .council ? (team, partnership) : (partnership, team)
        let input = CommitmentDraft.Input(
            title: action.title, description: action.description + " (Suggested by the health check for “\(action.principle.title)”.)",
            owner: owner.key, recipient: recipient.key, dueOn: today.adding(days: 91).description,
            size: action.size == .small ? CommitmentSize.earlyWin.rawValue : CommitmentSize.larger.rawValue,
            project: nil, meeting: nil, decision: nil, state: CommitmentState.proposed.rawValue)
        return try await CommitmentCommands.create(in: partnershipID, input, confirmOverPromise: confirmOverPromise, today: today, by: actor, on: db)
    }

    /// The council team that speaks for "the council": the actor's own team when they work for
    /// the area's council, else the team of a council officer on the partnership, else the first.
    static func councilTeam(for actor: Actor, among parties: [CommitmentParty], in partnershipID: UUID,
                            on db: any Database) async throws -> CommitmentParty? {
        let teams = parties.filter { $0.kind == .councilTeam }
        var people: [UUID] = actor.personID.map { [$0] } ?? []
        people += try await MembershipRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .filter(\.$roleRaw == MembershipRole.councilOfficer.rawValue).all().map { $0.$person.id }
        for person in people {
            let staffTeams = try await StaffRecord.query(on: db).filter(\.$person.$id == person).all().compactMap { $0.$team.id }
            if let match = teams.first(where: { t in staffTeams.contains { $0 == t.id } }) { return match }
        }
        return teams.first
    }
}

extension Optional {
    func asyncFlatMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await f(value)
    }
}
