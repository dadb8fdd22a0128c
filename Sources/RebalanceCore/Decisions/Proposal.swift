import Foundation

/// Where a proposal is in its life. `closed` covers both reaching the deadline and closing early.
public enum ProposalState: String, Codable, Sendable, CaseIterable {
    case open
    case closed
    case withdrawn
}

/// The proposer taking a proposal back before it closed: no decision is made.
public struct ProposalWithdrawal: Hashable, Sendable, Codable {
    public let at: Date
    public let by: UUID
    public let reason: String?

    public init(at: Date, by: UUID, reason: String?) {
        self.at = at
        self.by = by
        self.reason = reason
    }
}

/// A position as a person submits it from the form or the API.
public struct PositionInput: Sendable, Codable, Equatable {
    /// One of the process's positions: `agree`, `abstain`, `disagree`, `block`, `consent`,
    /// `object`, `yes`, `no`.
    public var position: String?
    public var reason: String?

    public init(position: String? = nil, reason: String? = nil) {
        self.position = position
        self.reason = reason
    }

    public init(_ position: ProposalPosition, reason: String? = nil) {
        self.init(position: position.rawValue, reason: reason)
    }
}

/// A proposal put to a partnership (or to a meeting's attendees) and everything that has
/// happened to it. It is a value: each use case loads it, calls one mutating method (which
/// throws `ValidationFailure` and changes nothing when the request is refused) and saves it.
///
/// Who may take part is not stored here: it is worked out from the `members` passed to each call
/// (the partnership's current members, or the meeting's attendees), so a member who joins while
/// the proposal is open can take part, and one who leaves no longer counts. Once the proposal
/// has closed, the decision log keeps the counts, so later membership changes cannot rewrite a
/// decision.
public struct Proposal: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let title: String
    public let details: String?
    public let process: DecisionProcess
    public let topic: ProposalTopic
    public let proposerID: UUID
    /// The partnership's decision rules as they stood when the proposal opened.
    public let rules: DecisionRules
    public let openedAt: Date
    public let deadline: Date
    public let revisionOf: UUID?
    public private(set) var withdrawal: ProposalWithdrawal?
    /// Set when the proposal closed before its deadline because everyone had taken part.
    public private(set) var closedEarlyAt: Date?
    /// Every member's positions, keyed by person.
    public private(set) var positions: [UUID: PositionHistory]
    /// Declared interests, keyed by person.
    public private(set) var recusals: [UUID: Recusal]

    public static let reasonMaxLength = 2000

    /// Opens a checked draft under the partnership's current rules.
    public static func open(_ draft: ProposalDraft, id: UUID, proposerID: UUID, rules: DecisionRules, at now: Date) -> Proposal {
        Proposal(id: id, title: draft.title, details: draft.details, process: draft.process, topic: draft.topic,
                 proposerID: proposerID, rules: rules, openedAt: now, deadline: draft.deadline,
                 revisionOf: draft.revisionOf, withdrawal: nil, closedEarlyAt: nil, positions: [:], recusals: [:])
    }

    /// For loading a stored proposal; new proposals start with `open`.
    public init(id: UUID, title: String, details: String?, process: DecisionProcess, topic: ProposalTopic,
                proposerID: UUID, rules: DecisionRules, openedAt: Date, deadline: Date, revisionOf: UUID?,
                withdrawal: ProposalWithdrawal?, closedEarlyAt: Date?,
                positions: [UUID: PositionHistory], recusals: [UUID: Recusal]) {
        self.id = id; self.title = title; self.details = details; self.process = process; self.topic = topic
        self.proposerID = proposerID; self.rules = rules; self.openedAt = openedAt; self.deadline = deadline
        self.revisionOf = revisionOf; self.withdrawal = withdrawal; self.closedEarlyAt = closedEarlyAt
        self.positions = positions; self.recusals = recusals
    }

    // MARK: - State

    public func state(at now: Date) -> ProposalState {
        if withdrawal != nil { return .withdrawn }
        if closedEarlyAt != nil || now >= deadline { return .closed }
        return .open
    }

    /// When positions stopped being accepted: the early close, the withdrawal or the deadline;
    /// nil while the proposal is open.
    public func endedAt(at now: Date) -> Date? {
        if let withdrawal { return withdrawal.at }
        if let closedEarlyAt { return closedEarlyAt }
        return now >= deadline ? deadline : nil
    }

    public func electorate(members: [DecisionMember]) -> DecisionElectorate {
        DecisionElectorate(members: members, topic: topic, rules: rules, recusals: Array(recusals.values))
    }

    /// The positions that count: the latest of each member who could take part.
    public func countedPositions(in electorate: DecisionElectorate) -> [UUID: ProposalPosition] {
        positions.filter { electorate.couldTakePart.contains($0.key) }.mapValues(\.current)
    }

    /// Members who could take part but have not, in a stable order: who the reminder before
    /// the deadline goes to.
    public func notYetResponded(members: [DecisionMember]) -> [UUID] {
        electorate(members: members).couldTakePart.filter { positions[$0] == nil }.sorted { $0.uuidString < $1.uuidString }
    }

    // MARK: - May this person take part?

    /// Whether `personID` may record (or change) a position at `now`, and why not if not.
    /// The proposal's own state is asked first, then the person's standing.
    public func mayRecordPosition(_ personID: UUID, members: [DecisionMember], at now: Date) -> PositionPermission {
        if let refusal = stateRefusal(at: now) { return .refused(refusal) }
        switch electorate(members: members).standing(of: personID) {
        case .eligible: return .allowed
        case .notAMember: return .refused(.notAMember)
        case .noVotingRight: return .refused(.noVotingRight)
        case .roleExcluded(let role): return .refused(.roleExcluded(role, topic))
        case .recused: return .refused(.recused)
        }
    }

    private func stateRefusal(at now: Date) -> PositionRefusal? {
        if let withdrawal { return .withdrawn(at: withdrawal.at) }
        if let closedEarlyAt { return .closedEarly(at: closedEarlyAt) }
        if now >= deadline { return .deadlinePassed(deadline: deadline) }
        if now < openedAt { return .notYetOpen(opensAt: openedAt) }
        return nil
    }

    // MARK: - Use cases

    /// Records `personID`'s position, or changes it, keeping the earlier ones in the history.
    /// Throws `ValidationFailure` (field `position` or `reason`) when the person may not take
    /// part now, the position does not belong to this process, or a block, disagreement or
    /// objection comes without a reason.
    @discardableResult
    public mutating func recordPosition(_ input: PositionInput, by personID: UUID,
                                        members: [DecisionMember], at now: Date) throws -> PositionRecording {
        if case .refused(let why) = mayRecordPosition(personID, members: members, at: now) {
            throw ValidationFailure("position", why.message)
        }
        var errors = FieldErrorList()
        let positionText = TextRules.trimmed(input.position).lowercased()
        let options = process.positions
        let choices = DecisionWording.orList(options.map { $0.label.lowercased() })
        var position: ProposalPosition?
        if positionText.isEmpty {
            errors.add("position", "Choose \(choices)")
        } else if let p = ProposalPosition(rawValue: positionText), options.contains(p) {
            position = p
        } else {
            errors.add("position", "Position must be \(choices) for a \(process.label.lowercased()) proposal")
        }
        let reason = TextRules.optional(input.reason, field: "reason", label: "reason", max: Self.reasonMaxLength, into: &errors)
        if let position, position.needsReason, reason == nil {
            errors.add("reason", Self.reasonPrompt(for: position))
        }
        try errors.throwIfAny()

        if var history = positions[personID] {
            guard history.change(to: position!, reason: reason, at: now) else { return .unchanged }
            positions[personID] = history
            return .changed
        }
        positions[personID] = PositionHistory(personID: personID,
                                              first: PositionChange(at: now, from: nil, to: position!, reason: reason))
        return .recorded
    }

    /// Records that `personID` steps aside because of a declared interest (field `interest`).
    /// Any position they took earlier stays in the history but no longer counts.
    public mutating func recuse(_ personID: UUID, interest: String?, members: [DecisionMember], at now: Date) throws {
        if let refusal = stateRefusal(at: now) {
            throw ValidationFailure("interest", refusal.message(then: "interests can no longer be declared on it"))
        }
        guard electorate(members: members).isMember(personID) else {
            throw ValidationFailure("interest", "Only members of the partnership this proposal is put to can declare an interest in it")
        }
        if let earlier = recusals[personID] {
            throw ValidationFailure("interest", "You already declared an interest at \(DecisionTime.readable(earlier.declaredAt))")
        }
        recusals[personID] = try Recusal.declare(personID: personID, interest: interest, at: now)
    }

    /// The proposer takes the proposal back before it closes; no decision is made.
    public mutating func withdraw(by personID: UUID, reason: String?, at now: Date) throws {
        if let refusal = stateRefusal(at: now) {
            throw ValidationFailure("proposal", refusal.message(then: "it can no longer be withdrawn"))
        }
        var errors = FieldErrorList()
        let text = TextRules.optional(reason, field: "reason", label: "reason", max: Self.reasonMaxLength, into: &errors)
        try errors.throwIfAny()
        withdrawal = ProposalWithdrawal(at: now, by: personID, reason: text)
    }

    /// Closes the proposal before its deadline. Only allowed once everyone who could take part
    /// has done so: closing while people are still to respond would let a proposer stop the
    /// count at a convenient moment, and under consent it would turn their silence into
    /// agreement before they had the time promised to them.
    public mutating func closeEarly(members: [DecisionMember], at now: Date) throws {
        if let refusal = stateRefusal(at: now) {
            throw ValidationFailure("proposal", refusal.message(then: "it can no longer be closed"))
        }
        let electorate = electorate(members: members)
        let waiting = notYetResponded(members: members).count
        if electorate.couldTakePart.isEmpty {
            throw ValidationFailure("proposal", "No one can take part in this proposal, so it stays open until its deadline or is withdrawn")
        }
        if waiting > 0 {
            throw ValidationFailure("proposal",
                "The proposal can close early only when everyone who can take part has done so: \(waiting) of \(electorate.couldTakePart.count) \(waiting == 1 ? "has" : "have") not yet")
        }
        closedEarlyAt = now
    }

    // MARK: - Outcome

    /// The outcome at `now`: still open (with where it stands so far), or final.
    public func outcome(members: [DecisionMember], at now: Date) -> DecisionOutcome {
        let electorate = electorate(members: members)
        return DecisionOutcomeRule.decide(
            process: process, rules: rules,
            eligible: Set(electorate.eligible), recused: Set(electorate.recused),
            positions: positions.mapValues(\.current),
            deadline: deadline, closedEarlyAt: closedEarlyAt, withdrawnAt: withdrawal?.at, now: now)
    }

    // MARK: - Storage

    private enum CodingKeys: String, CodingKey {
        case id, title, details, process, topic, proposerID, rules, openedAt, deadline, revisionOf
        case withdrawal, closedEarlyAt, positions, recusals
    }

    /// Positions and recusals are written as lists (each entry names its person), in a fixed
    /// order, rather than as dictionaries keyed by id, which JSON cannot express directly.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(details, forKey: .details)
        try c.encode(process, forKey: .process)
        try c.encode(topic, forKey: .topic)
        try c.encode(proposerID, forKey: .proposerID)
        try c.encode(rules, forKey: .rules)
        try c.encode(openedAt, forKey: .openedAt)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(revisionOf, forKey: .revisionOf)
        try c.encode(withdrawal, forKey: .withdrawal)
        try c.encode(closedEarlyAt, forKey: .closedEarlyAt)
        try c.encode(positions.values.sorted { ($0.firstRecordedAt, $0.personID.uuidString) < ($1.firstRecordedAt, $1.personID.uuidString) },
                     forKey: .positions)
        try c.encode(recusals.values.sorted { ($0.declaredAt, $0.personID.uuidString) < ($1.declaredAt, $1.personID.uuidString) },
                     forKey: .recusals)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let histories = try c.decode([PositionHistory].self, forKey: .positions)
        let declared = try c.decode([Recusal].self, forKey: .recusals)
        self.init(id: try c.decode(UUID.self, forKey: .id),
                  title: try c.decode(String.self, forKey: .title),
                  details: try c.decodeIfPresent(String.self, forKey: .details),
                  process: try c.decode(DecisionProcess.self, forKey: .process),
                  topic: try c.decode(ProposalTopic.self, forKey: .topic),
                  proposerID: try c.decode(UUID.self, forKey: .proposerID),
                  rules: try c.decode(DecisionRules.self, forKey: .rules),
                  openedAt: try c.decode(Date.self, forKey: .openedAt),
                  deadline: try c.decode(Date.self, forKey: .deadline),
                  revisionOf: try c.decodeIfPresent(UUID.self, forKey: .revisionOf),
                  withdrawal: try c.decodeIfPresent(ProposalWithdrawal.self, forKey: .withdrawal),
                  closedEarlyAt: try c.decodeIfPresent(Date.self, forKey: .closedEarlyAt),
                  positions: Dictionary(histories.map { ($0.personID, $0) }, uniquingKeysWith: { _, last in last }),
                  recusals: Dictionary(declared.map { ($0.personID, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    // MARK: - Wording

    static func reasonPrompt(for position: ProposalPosition) -> String {
        switch position {
        case .block: return "Give a reason for blocking, so the proposal can be revised to meet it"
        case .disagree: return "Give a reason for disagreeing, so others can understand and respond"
        case .object: return "Give a reason for objecting, so the proposal can be revised to meet it"
        default: return "Give a reason"
        }
    }
}
