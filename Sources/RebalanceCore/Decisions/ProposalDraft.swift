import Foundation

/// A proposal as its proposer writes it, checked before it opens.
public struct ProposalDraft: Hashable, Sendable {
    public var title: String
    public var details: String?
    public var process: DecisionProcess
    public var topic: ProposalTopic
    public var deadline: Date
    /// The proposal this one revises, for example after a block: the record links them.
    public var revisionOf: UUID?
    /// Set when the proposal is put to those attending one meeting rather than to the whole
    /// partnership.
    public var meeting: ProposalMeeting? = nil

    public static let titleMaxLength = 140
    public static let detailsMaxLength = 10_000
    /// A decision left open longer than a year has stopped being a decision.
    public static let longestOpenPeriod: TimeInterval = 366 * 24 * 3600

    public struct Input: Sendable, Codable, Equatable {
        public var title: String?
        public var details: String?
        /// `consensus`, `consent` or `majority_vote`.
        public var process: String?
        /// `general`, `funding`, `membership` or `agreement`; blank means general.
        public var topic: String?
        /// `2026-03-27T18:00` (UK time, what a `datetime-local` input sends) or ISO 8601 with a zone.
        public var deadline: String?
        public var revisionOf: String?
        /// Blank for the whole partnership, or a meeting as `<series id>/<day>` to put the
        /// proposal to those recorded as attending it.
        public var meeting: String?

        public init(title: String? = nil, details: String? = nil, process: String? = nil, topic: String? = nil,
                    deadline: String? = nil, revisionOf: String? = nil, meeting: String? = nil) {
            self.title = title; self.details = details; self.process = process
            self.topic = topic; self.deadline = deadline; self.revisionOf = revisionOf; self.meeting = meeting
        }
    }

    /// `proposalExists` answers whether a proposal id (for `revisionOf`) names a proposal of the
    /// same partnership.
    /// `meetingHasAttendees` answers whether a meeting of the same partnership exists and has
    /// its attendance recorded (without it, no one could take part).
    public static func validate(_ input: Input, now: Date, proposalExists: (UUID) -> Bool = { _ in true },
                                meetingHasAttendees: (ProposalMeeting) -> Bool = { _ in true }) throws -> ProposalDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "a title for the proposal", max: titleMaxLength, into: &errors)
        let details = TextRules.optional(input.details, field: "details", label: "details", max: detailsMaxLength, into: &errors)

        let process = DecisionInput.choice(
            input.process, field: "process", label: "Process", blank: nil,
            missing: "Select how the proposal will be decided: consensus, consent or majority vote",
            fallback: DecisionProcess.consensus, into: &errors)
        let topic = DecisionInput.choice(input.topic, field: "topic", label: "Topic", blank: ProposalTopic.general,
                                         missing: "", fallback: .general, into: &errors)
        let deadline = DecisionInput.futureTime(input.deadline, field: "deadline", label: "Deadline",
                                                missing: "Enter the deadline for taking positions", now: now, into: &errors)

        var revisionOf: UUID?
        let revisionText = TextRules.trimmed(input.revisionOf)
        if !revisionText.isEmpty {
            if let id = UUID(uuidString: revisionText), proposalExists(id) {
                revisionOf = id
            } else {
                errors.add("revisionOf", "Select the proposal this one revises from the list: the one given is not known")
            }
        }
        var meeting: ProposalMeeting?
        let meetingText = TextRules.trimmed(input.meeting)
        if !meetingText.isEmpty {
            if let m = ProposalMeeting(meetingText), meetingHasAttendees(m) {
                meeting = m
            } else {
                errors.add("meeting", "Select a meeting from the list: the one given is not a meeting of this partnership with its attendance recorded")
            }
        }
        try errors.throwIfAny()
        // `deadline` is nil only after a reported problem, and then throwIfAny has thrown.
        return ProposalDraft(title: title, details: details, process: process, topic: topic,
                             deadline: deadline!, revisionOf: revisionOf, meeting: meeting)
    }
}

/// A meeting a proposal is put to: the series and the day it was first scheduled for, which
/// names one meeting even after it moves.
public struct ProposalMeeting: Hashable, Sendable, Codable, CustomStringConvertible {
    public let seriesID: UUID
    public let day: Day

    public init(seriesID: UUID, day: Day) {
        self.seriesID = seriesID
        self.day = day
    }

    /// Reads `<series id>/<YYYY-MM-DD>`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let day = Day(String(parts[1])) else { return nil }
        self.init(seriesID: id, day: day)
    }

    public var description: String { "\(seriesID.uuidString.lowercased())/\(day)" }
}
