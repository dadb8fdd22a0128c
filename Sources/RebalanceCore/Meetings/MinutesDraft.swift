import Foundation

/// The record of a meeting. The sections follow the report's third principle: dialogue that is
/// honest about failures as well as successes, so "what did not go well" has its own place
/// rather than being left out.
public struct MinutesDraft: Hashable, Sendable {
    public var decisions: String?
    public var wentWell: String?
    public var wentBadly: String?
    public var notes: String?
    public var attended: Set<UUID>
    public var apologies: Set<UUID>
    public var publish: Bool

    public var isEmpty: Bool { decisions == nil && wentWell == nil && wentBadly == nil && notes == nil }

    public struct Input: Sendable, Codable {
        public var decisions: String?
        public var wentWell: String?
        public var wentBadly: String?
        public var notes: String?
        public var attended: [String]?
        public var apologies: [String]?
        public var publish: Bool?
        public init(decisions: String? = nil, wentWell: String? = nil, wentBadly: String? = nil, notes: String? = nil,
                    attended: [String]? = nil, apologies: [String]? = nil, publish: Bool? = nil) {
            self.decisions = decisions; self.wentWell = wentWell; self.wentBadly = wentBadly; self.notes = notes
            self.attended = attended; self.apologies = apologies; self.publish = publish
        }
    }

    /// `members` are the people who may be marked present or absent (the partnership's members
    /// and the council's staff). Minutes are written once a meeting has started, never for a
    /// cancelled one; published minutes need something in them.
    public static func validate(_ input: Input, for occurrence: MeetingOccurrence, members: Set<UUID>, now: Date) throws -> MinutesDraft {
        var errors = FieldErrorList()
        if occurrence.isCancelled {
            errors.add("decisions", "The meeting on \(occurrence.originalDay.readable) was cancelled, so it has no minutes")
        } else if occurrence.start > now {
            errors.add("decisions", "This meeting has not started yet: write the agenda now and the minutes after it")
        }
        let decisions = TextRules.optional(input.decisions, field: "decisions", label: "decisions", max: 20_000, into: &errors)
        let wentWell = TextRules.optional(input.wentWell, field: "wentWell", label: "what went well", max: 20_000, into: &errors)
        let wentBadly = TextRules.optional(input.wentBadly, field: "wentBadly", label: "what did not go well", max: 20_000, into: &errors)
        let notes = TextRules.optional(input.notes, field: "notes", label: "other notes", max: 20_000, into: &errors)
        let attended = people(input.attended, field: "attended", members: members, into: &errors)
        let apologies = people(input.apologies, field: "apologies", members: members, into: &errors)
        let both = attended.intersection(apologies)
        if !both.isEmpty {
            errors.add("apologies", "\(both.count == 1 ? "One person is" : "\(both.count) people are") marked both present and sending apologies: choose one")
        }
        let publish = input.publish ?? false
        let nothingWritten = decisions == nil && wentWell == nil && wentBadly == nil && notes == nil
        if publish && nothingWritten {
            errors.add("decisions", "Write at least one section before publishing the minutes")
        } else if nothingWritten && attended.isEmpty && apologies.isEmpty {
            errors.add("decisions", "Write at least one section, or record who came, before saving")
        }
        try errors.throwIfAny()
        return MinutesDraft(decisions: decisions, wentWell: wentWell, wentBadly: wentBadly, notes: notes,
                            attended: attended, apologies: apologies, publish: publish)
    }

    private static func people(_ raw: [String]?, field: String, members: Set<UUID>, into errors: inout FieldErrorList) -> Set<UUID> {
        var ids: Set<UUID> = []
        for text in raw ?? [] where !TextRules.trimmed(text).isEmpty {
            guard let id = UUID(uuidString: TextRules.trimmed(text)), members.contains(id) else {
                errors.add(field, "Choose people from the list of members and council staff")
                continue
            }
            ids.insert(id)
        }
        return ids
    }
}
