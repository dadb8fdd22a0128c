import Foundation

/// Why a person may not record a position on a proposal right now. Each case has a message
/// worded for the person who tried, so the page and the API can show it as it is.
public enum PositionRefusal: Hashable, Sendable {
    case notYetOpen(opensAt: Date)
    case withdrawn(at: Date)
    case closedEarly(at: Date)
    case deadlinePassed(deadline: Date)
    case notAMember
    case noVotingRight
    case roleExcluded(MembershipRole, ProposalTopic)
    case recused

    public var message: String {
        switch self {
        case .notYetOpen, .withdrawn, .closedEarly, .deadlinePassed:
            return message(then: "positions can no longer be taken or changed")
        case .notAMember:
            return "Only members of the partnership this proposal is put to can take a position"
        case .noVotingRight:
            return "Only members with a vote can take a position; you can still comment on the proposal"
        case .roleExcluded(let role, let topic):
            return "\(role.label)s do not take part in \(topic.phrase) proposals under this partnership's decision rules; you can still comment on the proposal"
        case .recused:
            return "You declared an interest in this proposal, so you cannot take a position on it"
        }
    }

    /// The proposal-state refusals, finished with what no longer happens ("so it can no longer
    /// be withdrawn"), so every use case words a closed proposal the same way.
    func message(then consequence: String) -> String {
        switch self {
        case .notYetOpen(let at):
            // Only a clock out of step gets here: proposals open the moment they are saved.
            return "This proposal does not open until \(DecisionTime.readable(at))"
        case .withdrawn(let at):
            return "This proposal was withdrawn at \(DecisionTime.readable(at)), so \(consequence)"
        case .closedEarly(let at):
            return "This proposal closed at \(DecisionTime.readable(at)), so \(consequence)"
        case .deadlinePassed(let deadline):
            return "The deadline for this proposal passed at \(DecisionTime.readable(deadline)), so \(consequence)"
        default:
            return message
        }
    }
}

/// The answer to "may this person record a position now?".
public enum PositionPermission: Hashable, Sendable {
    case allowed
    case refused(PositionRefusal)

    public var isAllowed: Bool { self == .allowed }

    /// Nil when allowed.
    public var message: String? {
        if case .refused(let why) = self { return why.message }
        return nil
    }
}
