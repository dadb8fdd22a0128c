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
