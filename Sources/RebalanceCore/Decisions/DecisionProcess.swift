/// How a proposal is decided. The report contrasts councils "looking to get a majority vote"
/// with Big Local, which "looks for consensus"; partnerships need both, and consent for the
/// many small decisions that should not wait for a meeting.
public enum DecisionProcess: String, CaseIterable, Codable, Sendable {
    /// Positions agree / abstain / disagree / block. Passes when no one blocks and agreement
    /// reaches the rules' consensus threshold.
    case consensus
    /// Positions consent / object. Passes unless someone objects; silence is consent.
    case consent
    /// Votes yes / no / abstain. Passes when yes reaches the rules' majority threshold of the
    /// votes cast, provided the quorum took part.
    case majorityVote = "majority_vote"

    public var label: String {
        switch self {
        case .consensus: return "Consensus"
        case .consent: return "Consent"
        case .majorityVote: return "Majority vote"
        }
    }

    /// The positions a member may take under this process, in the order a form offers them.
    public var positions: [ProposalPosition] {
        switch self {
        case .consensus: return [.agree, .abstain, .disagree, .block]
        case .consent: return [.consent, .object]
        case .majorityVote: return [.yes, .no, .abstain]
        }
    }

    /// Whether the quorum in the decision rules applies. Consent takes silence as agreement,
    /// so counting who spoke up would contradict it; its safeguard is the deadline, which gives
    /// everyone the chance to object.
    public var usesQuorum: Bool { self != .consent }
}

/// One member's stance on a proposal. A single type serves every process so that a history can
/// be stored in one column; `DecisionProcess.positions` says which apply where, and recording
/// refuses the rest.
public enum ProposalPosition: String, CaseIterable, Codable, Sendable {
    case agree
    case abstain
    case disagree
    case block
    case consent
    case object
    case yes
    case no

    public var label: String {
        switch self {
        case .agree: return "Agree"
        case .abstain: return "Abstain"
        case .disagree: return "Disagree"
        case .block: return "Block"
        case .consent: return "Consent"
        case .object: return "Object"
        case .yes: return "Yes"
        case .no: return "No"
        }
    }

    /// A block, a disagreement and an objection ask the others to change course, so they must
    /// say why: without a reason no one can revise the proposal to meet them.
    public var needsReason: Bool { self == .block || self == .disagree || self == .object }
}

extension DecisionProcess {
    /// One sentence for the form and the proposal page.
    public var howItIsDecided: String {
        switch self {
        case .consensus:
            return "Members agree, abstain, disagree or block. It passes when no one blocks and enough of those taking a side agree; a block or a disagreement needs a reason."
        case .consent:
            return "It passes unless someone objects with a reason. Silence counts as consent, so it suits small decisions that should not wait for a meeting."
        case .majorityVote:
            return "Members vote yes, no or abstain. It passes when the yes votes reach the majority the rules ask for, provided enough members take part."
        }
    }
}

extension ProposalPosition {
    /// What taking this position says, for the hint beside it.
    public var meaning: String {
        switch self {
        case .agree: return "You support it."
        case .abstain: return "You stand aside: you can live with it either way. You still count towards the quorum."
        case .disagree: return "You do not support it, but you will not stop it. Say why."
        case .block: return "You believe it should not go ahead as it is. Say why, so it can be revised to meet your concern."
        case .consent: return "It is good enough for now and safe enough to try."
        case .object: return "It would do harm or set the partnership back. Say why, so it can be revised."
        case .yes: return "You vote for it."
        case .no: return "You vote against it."
        }
    }

    /// The tag colour of a position on pages.
    public var tone: String {
        switch self {
        case .agree, .consent, .yes: return "green"
        case .abstain: return "grey"
        case .disagree, .no: return "yellow"
        case .block, .object: return "red"
        }
    }
}

extension DecisionOutcomeKind {
    public var tone: String {
        switch self {
        case .open: return "blue"
        case .passed: return "green"
        case .notPassed, .blocked: return "red"
        case .noQuorum: return "yellow"
        case .withdrawn: return "grey"
        }
    }
}

extension DecisionLogResult {
    public var tone: String {
        switch self {
        case .passed, .chosen: return "green"
        case .notPassed, .blocked: return "red"
        case .noQuorum, .tied: return "yellow"
        case .withdrawn, .noResult: return "grey"
        }
    }
}
