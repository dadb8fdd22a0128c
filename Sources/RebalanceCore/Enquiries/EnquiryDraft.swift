import Foundation

/// A new enquiry as the partnership types it. The topic picks the directory entry, and so the
/// team it goes to and the target it is held to.
public struct EnquiryDraft: Hashable, Sendable {
    public var topic: ResponsibilityEntry
    public var title: String
    public var question: String

    public struct Input: Sendable, Codable {
        public var topic: String?
        public var title: String?
        public var question: String?
        public init(topic: String? = nil, title: String? = nil, question: String? = nil) {
            self.topic = topic; self.title = title; self.question = question
        }
    }

    public static func validate(_ input: Input, directory: [ResponsibilityEntry]) throws -> EnquiryDraft {
        var errors = FieldErrorList()
        var entry: ResponsibilityEntry?
        let topicText = TextRules.trimmed(input.topic)
        if topicText.isEmpty {
            errors.add("topic", "Select the topic your question is about")
        } else if let e = directory.first(where: { $0.topic.caseInsensitiveCompare(topicText) == .orderedSame }) {
            entry = e
        } else {
            errors.add("topic", "Select a topic from the council’s list: the one given is not in it")
        }
        let title = TextRules.required(input.title, field: "title", label: "a short title for your question", max: 120, into: &errors)
        let question = TextRules.required(input.question, field: "question", label: "your question", max: 4000, into: &errors)
        try errors.throwIfAny()
        return EnquiryDraft(topic: entry!, title: title, question: question)
    }

    /// The enquiry as the rules see it, on the day the council receives it.
    public func enquiry(id: UUID, councilID: UUID, partnershipID: UUID, receivedOn: Day) -> Enquiry {
        Enquiry(id: id, councilID: councilID, partnershipID: partnershipID, topic: topic.topic, receivedOn: receivedOn,
                targetWorkingDays: topic.targetWorkingDays, firstTeamID: topic.teamID)
    }
}
