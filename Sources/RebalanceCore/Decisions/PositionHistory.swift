import Foundation

/// One change of one member's position: nothing is overwritten, so the record shows how minds
/// moved as a proposal was discussed (a block lifted after a revision, a disagreement
/// softened to an abstention).
public struct PositionChange: Hashable, Sendable, Codable {
    public let at: Date
    /// Nil for the member's first position.
    public let from: ProposalPosition?
    public let to: ProposalPosition
    public let reason: String?

    public init(at: Date, from: ProposalPosition?, to: ProposalPosition, reason: String?) {
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Every position one member has taken on one proposal, oldest first. The last one counts.
public struct PositionHistory: Hashable, Sendable, Codable {
    public let personID: UUID
    public private(set) var changes: [PositionChange]

    /// For loading a stored history. Nil when the changes do not form one chain: empty, out of
    /// time order, or a change whose `from` is not the position before it.
    public init?(personID: UUID, changes: [PositionChange]) {
        guard let first = changes.first, first.from == nil else { return nil }
        for (earlier, later) in zip(changes, changes.dropFirst()) {
            guard later.from == earlier.to, later.at >= earlier.at else { return nil }
        }
        self.personID = personID
        self.changes = changes
    }

    init(personID: UUID, first: PositionChange) {
        self.personID = personID
        self.changes = [first]
    }

    /// The position that counts.
    public var current: ProposalPosition { changes[changes.count - 1].to }
    /// The reason given with the position that counts.
    public var currentReason: String? { changes[changes.count - 1].reason }
    public var lastChangedAt: Date { changes[changes.count - 1].at }
    public var firstRecordedAt: Date { changes[0].at }

    /// Adds a change unless it repeats the current position and reason (a form submitted twice),
    /// and says whether anything was added.
    mutating func change(to position: ProposalPosition, reason: String?, at time: Date) -> Bool {
        if position == current, reason == currentReason { return false }
        // A server clock stepping back must not put a change before the one it replaces.
        changes.append(PositionChange(at: max(time, lastChangedAt), from: current, to: position, reason: reason))
        return true
    }

    private enum CodingKeys: String, CodingKey { case personID, changes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(UUID.self, forKey: .personID)
        let changes = try c.decode([PositionChange].self, forKey: .changes)
        guard let history = PositionHistory(personID: id, changes: changes) else {
            throw DecodingError.dataCorruptedError(forKey: .changes, in: c,
                debugDescription: "Position changes must start from no position, follow on from each other and be in time order")
        }
        self = history
    }
}

/// What recording a position did.
public enum PositionRecording: String, Sendable, Equatable {
    /// The member's first position on this proposal.
    case recorded
    /// A new position (or a new reason) replacing the member's earlier one.
    case changed
    /// The same position and reason as before, so nothing was added: a double-submitted form
    /// records one position.
    case unchanged
}
