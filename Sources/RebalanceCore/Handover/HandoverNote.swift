import Foundation

/// The person leaving, as the handover rules need them.
public struct HandoverLeaver: Hashable, Sendable {
    public var personID: UUID
    public var role: MembershipRole
    /// The council they work for or represent.
    public var councilID: UUID
    public var partnershipID: UUID

    public init(personID: UUID, role: MembershipRole, councilID: UUID, partnershipID: UUID) {
        self.personID = personID
        self.role = role
        self.councilID = councilID
        self.partnershipID = partnershipID
    }
}

/// A handover note, written by the leaver or their manager: the four sections the successor
/// needs, and who the successor is. The successor's first page shows it.
public struct HandoverNoteDraft: Hashable, Sendable {
    public var leaverID: UUID
    public var successorID: UUID
    /// Each open commitment with where it stands (the commitments themselves move separately).
    public var openCommitments: String
    /// Who to talk to, inside and outside the council.
    public var keyContacts: String
    /// How the relationship got here: what went well, what did not.
    public var history: String
    /// Decisions, answers and money still awaited.
    public var pending: String
    /// The leaver's last day with the partnership; the successor takes over the next day.
    public var lastDay: Day

    public static let sectionMaximum = 8000

    public struct Input: Sendable, Codable {
        public var successor: String?
        public var openCommitments: String?
        public var keyContacts: String?
        public var history: String?
        public var pending: String?
        public var lastDay: String?

        public init(successor: String? = nil, openCommitments: String? = nil, keyContacts: String? = nil,
                    history: String? = nil, pending: String? = nil, lastDay: String? = nil) {
            self.successor = successor; self.openCommitments = openCommitments; self.keyContacts = keyContacts
            self.history = history; self.pending = pending; self.lastDay = lastDay
        }
    }

    /// Checks the note. `councilPeople` are the people who work for or represent the leaver's
    /// council (staff and councillors); `departing` are those whose own membership is ending,
    /// who cannot take over; `lastDay` defaults to today and may not be before
    /// `membershipStartedOn`.
    public static func validate(_ input: Input, leaver: HandoverLeaver, councilPeople: Set<UUID>,
                                departing: Set<UUID> = [], membershipStartedOn: Day? = nil, today: Day) throws -> HandoverNoteDraft {
        var errors = FieldErrorList()
        if !HandoverRules.isRequired(for: leaver.role) {
            errors.add("leaver", "Only council officers and councillors write a handover note: a \(leaver.role.label.lowercased()) can simply leave")
        }
        var successor: UUID?
        let text = TextRules.trimmed(input.successor)
        if text.isEmpty {
            errors.add("successor", "Select who takes over from the person leaving")
        } else if let id = UUID(uuidString: text) {
            if id == leaver.personID {
                errors.add("successor", "Select someone other than the person leaving")
            } else if !councilPeople.contains(id) {
                errors.add("successor", "Select someone who works for the same council as the person leaving")
            } else if departing.contains(id) {
                errors.add("successor", "Select someone who is staying: this person is leaving too")
            } else {
                successor = id
            }
        } else {
            errors.add("successor", "Select a person from the list: the one given is not known")
        }
        let sections: [(String, String?, String)] = [
            ("openCommitments", input.openCommitments, "the open commitments and where each stands"),
            ("keyContacts", input.keyContacts, "the key contacts"),
            ("history", input.history, "the history of the relationship"),
            ("pending", input.pending, "what is pending"),
        ]
        var values: [String: String] = [:]
        for (field, value, label) in sections {
            values[field] = TextRules.required(value, field: field, label: label, max: sectionMaximum, into: &errors)
        }
        let lastDay = DayRules.optional(input.lastDay, field: "lastDay", label: "Last day", into: &errors) ?? today
        if let started = membershipStartedOn, lastDay < started {
            errors.add("lastDay", "Last day must be the same as or after the day they joined (\(started.readable))")
        }
        try errors.throwIfAny()
        return HandoverNoteDraft(leaverID: leaver.personID, successorID: successor!,
                                 openCommitments: values["openCommitments"]!, keyContacts: values["keyContacts"]!,
                                 history: values["history"]!, pending: values["pending"]!, lastDay: lastDay)
    }

    /// The day the successor takes over.
    public var successorStartsOn: Day { lastDay.adding(days: 1) }
}
