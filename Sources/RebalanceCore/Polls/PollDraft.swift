import Foundation

/// A poll as its author sets it up, checked before it opens.
public struct PollDraft: Hashable, Sendable {
    public var title: String
    public var details: String?
    public var kind: PollKind
    public var options: [PollOption]
    public var settings: PollSettings
    public var isAnonymous: Bool
    public var resultsVisibility: PollResultsVisibility
    public var closesAt: Date
    public var audience: PollAudience = .votingMembers

    public static let titleMaxLength = 140
    public static let optionMaxLength = 200
    public static let maximumOptions = 50

    public struct Input: Sendable, Codable, Equatable {
        public var title: String?
        public var details: String?
        /// `approval`, `single_choice`, `ranked_choice`, `score`, `dot_vote` or `meeting_time`.
        public var kind: String?
        /// Option labels in the order they are shown. For a meeting-time poll, each is a start
        /// time (`2026-03-27T18:00`, UK time); blank lines are skipped.
        public var options: [String]?
        /// Meeting time: how long each slot is, in minutes; blank for no length.
        public var slotMinutes: String?
        public var anonymous: Bool?
        /// `always`, `after_voting` or `after_closing`; blank means always.
        public var resultsVisibility: String?
        public var closesAt: String?
        public var allowsBlankBallots: Bool?
        /// Approval and ranked choice; blank means no limit.
        public var maximumChoices: String?
        /// Score; blank means 0 and 5.
        public var scoreMinimum: String?
        public var scoreMaximum: String?
        /// Dot vote; blank means 10.
        public var dotAllowance: String?
        /// `voting_members` or `all_members`; blank means voting members.
        public var audience: String?

        public init(title: String? = nil, details: String? = nil, kind: String? = nil, options: [String]? = nil,
                    slotMinutes: String? = nil, anonymous: Bool? = nil, resultsVisibility: String? = nil,
                    closesAt: String? = nil, allowsBlankBallots: Bool? = nil, maximumChoices: String? = nil,
                    scoreMinimum: String? = nil, scoreMaximum: String? = nil, dotAllowance: String? = nil,
                    audience: String? = nil) {
            self.title = title; self.details = details; self.kind = kind; self.options = options
            self.slotMinutes = slotMinutes; self.anonymous = anonymous; self.resultsVisibility = resultsVisibility
            self.closesAt = closesAt; self.allowsBlankBallots = allowsBlankBallots; self.maximumChoices = maximumChoices
            self.scoreMinimum = scoreMinimum; self.scoreMaximum = scoreMaximum; self.dotAllowance = dotAllowance
            self.audience = audience
        }
    }

    public static func validate(_ input: Input, now: Date) throws -> PollDraft {
        var errors = FieldErrorList()
        let title = TextRules.required(input.title, field: "title", label: "the question the poll asks", max: titleMaxLength, into: &errors)
        let details = TextRules.optional(input.details, field: "details", label: "details", max: ProposalDraft.detailsMaxLength, into: &errors)

        let kind = DecisionInput.choice(input.kind, field: "kind", label: "Kind", blank: nil,
                                        missing: "Select the kind of poll", fallback: PollKind.singleChoice, into: &errors)

        let texts = (input.options ?? []).map { TextRules.trimmed($0) }.filter { !$0.isEmpty }
        var options: [PollOption] = []
        if texts.count < 2 {
            errors.add("options", "Enter at least 2 options")
        } else if texts.count > maximumOptions {
            errors.add("options", "A poll can have at most \(maximumOptions) options")
        } else if kind == .meetingTime {
            options = slots(texts, minutes: input.slotMinutes, into: &errors)
        } else {
            var seen = Set<String>()
            for (i, text) in texts.enumerated() {
                if text.count > optionMaxLength {
                    errors.add("options", "Option \(i + 1) must be \(optionMaxLength) characters or fewer")
                } else if !seen.insert(text.lowercased()).inserted {
                    errors.add("options", "Option \(i + 1) (\"\(text)\") repeats an earlier option: give each option once")
                }
                options.append(PollOption(id: PollOptionID(String(i + 1)), label: text))
            }
        }

        let visibility = DecisionInput.choice(input.resultsVisibility, field: "resultsVisibility", label: "Results visibility",
                                              blank: PollResultsVisibility.always, missing: "", fallback: .always, into: &errors)
        let closesAt = DecisionInput.futureTime(input.closesAt, field: "closesAt", label: "Closing time",
                                                missing: "Enter when the poll closes", now: now, into: &errors)
        let audience = DecisionInput.choice(input.audience, field: "audience", label: "Who may answer",
                                            blank: PollAudience.votingMembers, missing: "", fallback: .votingMembers, into: &errors)

        var settings = PollSettings(allowsBlankBallots: input.allowsBlankBallots ?? false)
        if kind == .approval || kind == .rankedChoice,
           let n = whole(input.maximumChoices, field: "maximumChoices", label: "Most options a voter may choose",
                         range: 1...max(1, options.count), into: &errors) {
            settings.maximumChoices = n
        }
        if kind == .score {
            let low = whole(input.scoreMinimum, field: "scoreMinimum", label: "Lowest score",
                            range: 0...PollSettings.scoreLimit, into: &errors) ?? 0
            let high = whole(input.scoreMaximum, field: "scoreMaximum", label: "Highest score",
                             range: 1...PollSettings.scoreLimit, into: &errors) ?? 5
            if high <= low {
                errors.add("scoreMaximum", "Highest score must be more than the lowest score (\(low))")
            }
            settings.scoreMinimum = low
            settings.scoreMaximum = high
        }
        if kind == .dotVote {
            settings.dotAllowance = whole(input.dotAllowance, field: "dotAllowance", label: "Points each voter has",
                                          range: 1...PollSettings.dotAllowanceLimit, into: &errors) ?? 10
        }
        try errors.throwIfAny()
        // `closesAt` is nil only after a reported problem, and then throwIfAny has thrown.
        return PollDraft(title: title, details: details, kind: kind, options: options, settings: settings,
                         isAnonymous: input.anonymous ?? false, resultsVisibility: visibility, closesAt: closesAt!,
                         audience: audience)
    }

    /// A blank optional whole number is nil; anything else must be a whole number in `range`.
    private static func whole(_ raw: String?, field: String, label: String, range: ClosedRange<Int>,
                              into errors: inout FieldErrorList) -> Int? {
        let text = TextRules.trimmed(raw)
        if text.isEmpty { return nil }
        guard let n = Int(text), range.contains(n) else {
            errors.add(field, "\(label) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    private static func slots(_ texts: [String], minutes: String?, into errors: inout FieldErrorList) -> [PollOption] {
        let length = whole(minutes, field: "slotMinutes", label: "Length of each time", range: 5...(24 * 60), into: &errors)
        var options: [PollOption] = []
        var seen = Set<Date>()
        for (i, text) in texts.enumerated() {
            guard let start = DecisionTime.parse(text) else {
                errors.add("options", "Time \(i + 1) must be a real date and time, written like 2026-03-27T18:00")
                continue
            }
            if !seen.insert(start).inserted {
                errors.add("options", "Time \(i + 1) (\(DecisionTime.readable(start))) repeats an earlier time: give each time once")
                continue
            }
            let end = length.map { start.addingTimeInterval(TimeInterval($0 * 60)) }
            options.append(PollOption(id: PollOptionID(String(i + 1)), label: DecisionTime.readable(start),
                                      slot: PollTimeSlot(startsAt: start, endsAt: end)))
        }
        return options
    }
}
