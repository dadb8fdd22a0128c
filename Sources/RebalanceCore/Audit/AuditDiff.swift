/// A readable list of what changed between two snapshots of a record.
public struct AuditDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var field: String
        public var before: String?
        public var after: String?
    }

    public var changes: [Change]

    public init(before: [String: String]?, after: [String: String]?) {
        let keys = Set((before ?? [:]).keys).union((after ?? [:]).keys).sorted()
        changes = keys.compactMap { key in
            let b = before?[key], a = after?[key]
            return b == a ? nil : Change(field: key, before: b, after: a)
        }
    }
}

public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case created, updated, deleted, signedIn = "signed_in", signedOut = "signed_out"
}
