import Foundation

/// One item on a meeting's agenda.
public struct AgendaItemDraft: Hashable, Sendable {
    public var title: String
    public var detail: String?
    /// Who introduces it, as typed ("Chair", "Beth from Highways").
    public var lead: String?

    public struct Input: Sendable, Codable {
        public var title: String?
        public var detail: String?
        public var lead: String?
        public init(title: String? = nil, detail: String? = nil, lead: String? = nil) {
            self.title = title; self.detail = detail; self.lead = lead
        }
    }

    /// An agenda belongs to a meeting that will happen: a cancelled one takes no items.
    public static func validate(_ input: Input, for occurrence: MeetingOccurrence) throws -> AgendaItemDraft {
        var errors = FieldErrorList()
        if !occurrence.acceptsAgendaItems {
            errors.add("title", "The meeting on \(occurrence.originalDay.readable) is cancelled: reinstate it before adding to its agenda")
        }
        let title = TextRules.required(input.title, field: "title", label: "the item's title", max: 200, into: &errors)
        let detail = TextRules.optional(input.detail, field: "detail", label: "detail", max: 4000, into: &errors)
        let lead = TextRules.optional(input.lead, field: "lead", label: "who leads it", max: 120, into: &errors)
        try errors.throwIfAny()
        return AgendaItemDraft(title: title, detail: detail, lead: lead)
    }
}
