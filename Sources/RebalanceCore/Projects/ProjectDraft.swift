import Foundation

public struct ProjectDraft: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var planPriority: String?
    public var communityLead: String
    public var councilContact: String
    public var stage: ProjectStage
    /// What "finished" means, agreed up front, so a project does not drift on for ever.
    public var endpoint: String
    public var endsOn: Day?
    public var councilResponsibilities: String?
    public var lastingImpact: String?

    public init(title: String, description: String?, planPriority: String?, communityLead: String, councilContact: String,
                stage: ProjectStage, endpoint: String, endsOn: Day?, councilResponsibilities: String?, lastingImpact: String?) {
        self.title = title; self.description = description; self.planPriority = planPriority; self.communityLead = communityLead
        self.councilContact = councilContact; self.stage = stage; self.endpoint = endpoint; self.endsOn = endsOn
        self.councilResponsibilities = councilResponsibilities; self.lastingImpact = lastingImpact
    }

    public struct Input: Sendable, Codable {
        public var title: String?
        public var description: String?
        public var planPriority: String?
        public var communityLead: String?
        public var councilContact: String?
        public var stage: String?
        public var endpoint: String?
        public var endsOn: String?
        public var councilResponsibilities: String?
        public var lastingImpact: String?
        public init(title: String? = nil, description: String? = nil, planPriority: String? = nil, communityLead: String? = nil,
                    councilContact: String? = nil, stage: String? = nil, endpoint: String? = nil, endsOn: String? = nil,
                    councilResponsibilities: String? = nil, lastingImpact: String? = nil) {
            self.title = title; self.description = description; self.planPriority = planPriority
            self.communityLead = communityLead; self.councilContact = councilContact; self.stage = stage
            self.endpoint = endpoint; self.endsOn = endsOn; self.councilResponsibilities = councilResponsibilities
            self.lastingImpact = lastingImpact
        }
    }

    public static func validate(_ input: Input) throws -> ProjectDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "the project's title", max: 200, into: &errors)
        let description = TextRules.optional(input.description, field: "description", label: "description", max: 8000, into: &errors)
        let priority = TextRules.optional(input.planPriority, field: "planPriority", label: "plan priority", max: 200, into: &errors)
        let lead = TextRules.required(input.communityLead, field: "communityLead", label: "the community lead", max: 200, into: &errors)
        let contact = TextRules.required(input.councilContact, field: "councilContact", label: "the council contact", max: 200, into: &errors)
        var stage = ProjectStage.idea
        let stageText = TextRules.trimmed(input.stage)
        if stageText.isEmpty { errors.add("stage", "Select the project's stage") }
        else if let s = ProjectStage(rawValue: stageText) { stage = s }
        else { errors.add("stage", "Stage must be one of: \(ProjectStage.allCases.map(\.rawValue).joined(separator: ", "))") }
        let endpoint = TextRules.required(input.endpoint, field: "endpoint", label: "the agreed endpoint", max: 2000, into: &errors)
        let endsOn = DayRules.optional(input.endsOn, field: "endsOn", label: "End date", into: &errors)
        let duties = TextRules.optional(input.councilResponsibilities, field: "councilResponsibilities", label: "council's responsibilities", max: 4000, into: &errors)
        let impact = TextRules.optional(input.lastingImpact, field: "lastingImpact", label: "lasting impact", max: 4000, into: &errors)
        try errors.throwIfAny()
        return ProjectDraft(title: title, description: description, planPriority: priority, communityLead: lead,
                            councilContact: contact, stage: stage, endpoint: endpoint, endsOn: endsOn,
                            councilResponsibilities: duties, lastingImpact: impact)
    }
}

public struct MilestoneDraft: Sendable, Equatable {
    public var title: String
    public var dueOn: Day
    public var doneOn: Day?

    public struct Input: Sendable, Codable {
        public var title: String?
        public var dueOn: String?
        public var doneOn: String?
        public init(title: String? = nil, dueOn: String? = nil, doneOn: String? = nil) {
            self.title = title; self.dueOn = dueOn; self.doneOn = doneOn
        }
    }

    public static func validate(_ input: Input, today: Day) throws -> MilestoneDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "the milestone", max: 200, into: &errors)
        let due = DayRules.required(input.dueOn, field: "dueOn", label: "Milestone date", into: &errors)
        let done = DayRules.optional(input.doneOn, field: "doneOn", label: "Date reached", into: &errors)
        if let done, done > today { errors.add("doneOn", "Date reached must be today (\(today.readable)) or earlier") }
        try errors.throwIfAny()
        return MilestoneDraft(title: title, dueOn: due!, doneOn: done)
    }
}

public struct ProjectPermissionDraft: Sendable, Equatable {
    public var kind: ProjectPermissionKind
    public var status: ProjectPermissionStatus
    public var note: String?

    public struct Input: Sendable, Codable {
        public var kind: String?
        public var status: String?
        public var note: String?
        public init(kind: String? = nil, status: String? = nil, note: String? = nil) {
            self.kind = kind; self.status = status; self.note = note
        }
    }

    public static func validate(_ input: Input) throws -> ProjectPermissionDraft {
        var errors = FieldErrorList()
        let kind = ProjectPermissionKind(rawValue: TextRules.trimmed(input.kind))
        if kind == nil { errors.add("kind", "Select which permission this is") }
        let status = ProjectPermissionStatus(rawValue: TextRules.trimmed(input.status))
        if status == nil { errors.add("status", "Select where the permission stands") }
        let note = TextRules.optional(input.note, field: "note", label: "note", max: 1000, into: &errors)
        try errors.throwIfAny()
        return ProjectPermissionDraft(kind: kind!, status: status!, note: note)
    }
}
