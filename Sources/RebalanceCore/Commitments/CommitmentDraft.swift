import Foundation

/// A new promise, checked: what, by whom, to whom, by when, how big, and what it belongs to.
public struct CommitmentDraft: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var owner: CommitmentParty
    public var recipient: CommitmentParty
    public var dueOn: Day
    public var size: CommitmentSize
    public var projectID: UUID?
    /// Free references to a meeting or decision until those features link them properly.
    public var meetingReference: String?
    public var decisionReference: String?
    public var state: CommitmentState

    public init(title: String, description: String?, owner: CommitmentParty, recipient: CommitmentParty, dueOn: Day,
                size: CommitmentSize, projectID: UUID?, meetingReference: String?, decisionReference: String?, state: CommitmentState) {
        self.title = title; self.description = description; self.owner = owner; self.recipient = recipient; self.dueOn = dueOn
        self.size = size; self.projectID = projectID; self.meetingReference = meetingReference
        self.decisionReference = decisionReference; self.state = state
    }

    public struct Input: Sendable, Codable {
        public var title: String?
        public var description: String?
        public var owner: String?
        public var recipient: String?
        public var dueOn: String?
        public var size: String?
        public var project: String?
        public var meeting: String?
        public var decision: String?
        public var state: String?
        public init(title: String? = nil, description: String? = nil, owner: String? = nil, recipient: String? = nil,
                    dueOn: String? = nil, size: String? = nil, project: String? = nil, meeting: String? = nil,
                    decision: String? = nil, state: String? = nil) {
            self.title = title; self.description = description; self.owner = owner; self.recipient = recipient
            self.dueOn = dueOn; self.size = size; self.project = project; self.meeting = meeting
            self.decision = decision; self.state = state
        }
    }

    /// `parties` are the ones this partnership can name; `projects` its project ids. `today`
    /// is the day the promise is made: a due date before it would be a promise already broken.
    public static func validate(_ input: Input, today: Day, parties: [CommitmentParty], projects: Set<UUID>) throws -> CommitmentDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "what is promised", max: 200, into: &errors)
        let description = TextRules.optional(input.description, field: "description", label: "details", max: 4000, into: &errors)
        func party(_ raw: String?, field: String, label: String) -> CommitmentParty? {
            let key = TextRules.trimmed(raw).lowercased()
            if key.isEmpty { errors.add(field, "Select \(label)"); return nil }
            guard let found = parties.first(where: { $0.key == key }) else {
                errors.add(field, "Select \(label) from the list: the one given is not a party to this partnership")
                return nil
            }
            return found
        }
        let owner = party(input.owner, field: "owner", label: "who makes the promise")
        let recipient = party(input.recipient, field: "recipient", label: "who the promise is made to")
        if let owner, let recipient, owner == recipient {
            errors.add("recipient", "A promise is made to someone else: choose a different party from the one making it")
        }
        let due = DayRules.required(input.dueOn, field: "dueOn", label: "Due date", into: &errors)
        if let due, due < today {
            errors.add("dueOn", "Due date must be today (\(today.readable)) or later")
        }
        var size = CommitmentSize.earlyWin
        let sizeText = TextRules.trimmed(input.size)
        if sizeText.isEmpty {
            errors.add("size", "Select the size of the promise")
        } else if let s = CommitmentSize(rawValue: sizeText) {
            size = s
        } else {
            errors.add("size", "Size must be one of: \(CommitmentSize.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var project: UUID?
        let projectText = TextRules.trimmed(input.project)
        if !projectText.isEmpty {
            if let id = UUID(uuidString: projectText), projects.contains(id) { project = id }
            else { errors.add("project", "Select a project of this partnership: the one given is not known") }
        }
        let meeting = TextRules.optional(input.meeting, field: "meeting", label: "meeting", max: 200, into: &errors)
        let decision = TextRules.optional(input.decision, field: "decision", label: "decision", max: 200, into: &errors)
        // A promise starts as proposed, or as agreed when both sides settled it in the room.
        var state = CommitmentState.proposed
        let stateText = TextRules.trimmed(input.state)
        if !stateText.isEmpty {
            if let s = CommitmentState(rawValue: stateText), s == .proposed || s == .agreed { state = s }
            else { errors.add("state", "A new commitment is either proposed or agreed") }
        }
        try errors.throwIfAny()
        return CommitmentDraft(title: title, description: description, owner: owner!, recipient: recipient!, dueOn: due!,
                               size: size, projectID: project, meetingReference: meeting, decisionReference: decision, state: state)
    }
}
