import Foundation

/// Who makes or receives a promise: a council team, the partnership itself, its LTO, or a
/// named person. Written as one key (`team:<uuid>`, `partnership`, `lto:<uuid>`,
/// `person:<uuid>`) in forms, the API and storage, so one select box can offer all of them.
public struct CommitmentParty: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case councilTeam = "team"
        case partnership
        case lto
        case person

        public var label: String {
            switch self {
            case .councilTeam: return "Council team"
            case .partnership: return "Partnership"
            case .lto: return "LTO"
            case .person: return "Person"
            }
        }
    }

    public var kind: Kind
    /// The team, LTO organisation or person; nil for the partnership itself.
    public var id: UUID?
    public var name: String
    /// For a council team, the council it belongs to (its staff answer for the team's promises).
    public var organisationID: UUID?

    public init(kind: Kind, id: UUID?, name: String, organisationID: UUID? = nil) {
        self.kind = kind; self.id = id; self.name = name; self.organisationID = organisationID
    }

    public var key: String { id.map { "\(kind.rawValue):\($0.uuidString.lowercased())" } ?? kind.rawValue }

    /// Splits a key into kind and id without checking that such a party exists.
    public static func parse(_ key: String) -> (kind: Kind, id: UUID?)? {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let kind = Kind(rawValue: first) else { return nil }
        if kind == .partnership { return parts.count == 1 ? (kind, nil) : nil }
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { return nil }
        return (kind, id)
    }

    /// Whether `actor` answers for this party's promises: the person themselves, staff of the
    /// team's council or of the LTO, the chair for the partnership.
    public func isAnsweredFor(by actor: Actor, partnershipID: UUID) -> Bool {
        switch kind {
        case .person: return id != nil && actor.personID == id
        case .councilTeam: return organisationID.map { actor.councilsStaffed.contains($0) } ?? false
        case .lto: return id.map { actor.staffOf.contains($0) } ?? false
        case .partnership: return actor.holds(.chair, in: partnershipID)
        }
    }
}
