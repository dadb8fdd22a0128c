import Foundation

/// One line of a council's responsibility directory: which team answers enquiries on a topic,
/// and how many working days it promises to take.
public struct ResponsibilityEntry: Hashable, Sendable, Codable {
    public var topic: String
    public var teamID: UUID
    public var targetWorkingDays: Int

    public static let maximumTargetWorkingDays = 60

    public init(topic: String, teamID: UUID, targetWorkingDays: Int) {
        self.topic = topic
        self.teamID = teamID
        self.targetWorkingDays = targetWorkingDays
    }

    public struct Input: Sendable, Codable {
        public var topic: String?
        public var team: String?
        public var targetWorkingDays: String?
        public init(topic: String? = nil, team: String? = nil, targetWorkingDays: String? = nil) {
            self.topic = topic; self.team = team; self.targetWorkingDays = targetWorkingDays
        }
    }

    /// `councilTeams` are the ids of the council's own teams; `takenTopics` the topics already in
    /// its directory (leave out the entry being edited). Topics are compared ignoring case.
    public static func validate(_ input: Input, councilTeams: Set<UUID>, takenTopics: [String]) throws -> ResponsibilityEntry {
        var errors = FieldErrorList()
        let topic = TextRules.required(input.topic, field: "topic", label: "the topic", max: 120, into: &errors)
        if !topic.isEmpty, takenTopics.contains(where: { $0.caseInsensitiveCompare(topic) == .orderedSame }) {
            errors.add("topic", "The directory already has a topic called “\(topic)”: change that entry instead")
        }
        var team: UUID?
        let teamText = TextRules.trimmed(input.team)
        if teamText.isEmpty {
            errors.add("team", "Select the team that answers enquiries on this topic")
        } else if let id = UUID(uuidString: teamText), councilTeams.contains(id) {
            team = id
        } else {
            errors.add("team", "Select one of the council’s teams: the one given is not known")
        }
        var target = 0
        let targetText = TextRules.trimmed(input.targetWorkingDays)
        if targetText.isEmpty {
            errors.add("targetWorkingDays", "Enter the target response time in working days")
        } else if let n = Int(targetText), (1...maximumTargetWorkingDays).contains(n) {
            target = n
        } else {
            errors.add("targetWorkingDays", "Target response time must be a whole number of working days from 1 to \(maximumTargetWorkingDays)")
        }
        try errors.throwIfAny()
        return ResponsibilityEntry(topic: topic, teamID: team!, targetWorkingDays: target)
    }
}
