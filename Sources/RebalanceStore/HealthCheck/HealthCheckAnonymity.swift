import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Once a round closes nobody may change their answers, so nothing needs to know whose they
/// were: each sheet is copied, with its seat only, into `health_check_answers` and removed from
/// the invitation. Invitations stay, so the roll of who answered and the counts do too.
/// Rounds close by the calendar, so this runs wherever a closed round is first noticed: the
/// delivery pass and every read of results.
public enum HealthCheckAnonymity {
    /// Detaches every closed round not yet detached (in one partnership, or everywhere).
    /// Returns how many rounds it detached.
    @discardableResult
    public static func detachClosedRounds(in partnershipID: UUID? = nil, today: Day = .today(), on db: any Database) async throws -> Int {
        var query = HealthCheckRoundRecord.query(on: db).filter(\.$answersDetachedAt == nil)
        if let partnershipID { query = query.filter(\.$partnership.$id == partnershipID) }
        var detached = 0
        for round in try await query.all() where round.core.state(on: today) == .closed {
            if try await detach(try round.requireID(), on: db) { detached += 1 }
        }
        return detached
    }

    /// Claims the round with a conditional update, so two passes at once detach it once.
    static func detach(_ roundID: UUID, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { tx in
            let claimed = try await tx.sql.update(HealthCheckRoundRecord.schema)
                .set(SQLIdentifier("answers_detached_at"), to: SQLBind(Date()))
                .where(SQLIdentifier("id"), .equal, SQLBind(roundID))
                .where(SQLIdentifier("answers_detached_at"), .is, SQLLiteral.null)
                .returning(SQLIdentifier("id"))
                .all()
            guard !claimed.isEmpty else { return false }
            let answered = try await HealthCheckInvitationRecord.query(on: tx).filter(\.$round.$id == roundID)
                .filter(\.$answersJSON != nil).all()
            for invitation in answered.sorted(by: { ($0.roleRaw, $0.answersJSON ?? "") < ($1.roleRaw, $1.answersJSON ?? "") }) {
                let sheet = HealthCheckAnswerRecord()
                sheet.$round.id = roundID
                sheet.roleRaw = invitation.roleRaw
                sheet.answersJSON = invitation.answersJSON ?? ""
                try await sheet.create(on: tx)
            }
            try await HealthCheckInvitationRecord.query(on: tx).filter(\.$round.$id == roundID)
                .set(\.$answersJSON, to: nil).update()
            return true
        }
    }
}
