import Foundation

/// Who may do what with the health check. Ready to join `Permission` as
/// `case healthCheck(HealthCheckPermission)`; `allows` is public so the web layer can use it
/// before that wiring exists.
public enum HealthCheckPermission: Sendable, Hashable {
    /// A partnership's results and past rounds. Results are aggregates that pass the rule of
    /// five, but they are still the partnership's own business: its members and the staff of its
    /// councils see them.
    case viewResults(PartnershipScope)
    /// Open a round, close it early or move its closing date: the chair, or a council officer
    /// (on the partnership or working for one of its councils), as the issue asks.
    case runRounds(PartnershipScope)
    /// Send answers. Being invited, and the round being open, are checked by
    /// `HealthCheckRound.answerDecision`, which needs the invitation list.
    case answer(PartnershipScope)
    /// Turn a suggested next step into a commitment: anyone who could run the round, plus
    /// councillors on the partnership (the side that would make the promise decides, in the
    /// commitments feature).
    case adoptSuggestion(PartnershipScope)
    /// The table across areas: staff of the given councils; with no councils (the whole
    /// installation), administrators only.
    case viewAcrossAreas(councilIDs: Set<UUID>)
    /// Add or adapt a question set for the installation.
    case manageQuestionSets

    public func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .viewResults(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        case .runRounds(let s):
            return Self.runsRounds(actor, s)
        case .answer:
            return actor.isSignedIn
        case .adoptSuggestion(let s):
            return Self.runsRounds(actor, s) || actor.holds(.councillor, in: s.partnershipID)
        case .viewAcrossAreas(let councils):
            return !councils.isEmpty && actor.worksForAnyOf(councils)
        case .manageQuestionSets:
            return false
        }
    }

    private static func runsRounds(_ actor: Actor, _ s: PartnershipScope) -> Bool {
        actor.holds(.chair, in: s.partnershipID) || actor.holds(.councilOfficer, in: s.partnershipID)
            || actor.worksForAnyOf(s.councilIDs)
    }
}
