/// A meeting or series as typed into the scheduling form or API, checked before it is stored.
public struct MeetingDraft: Hashable, Sendable {
    public var kind: MeetingKind
    public var title: String
    public var location: String?
    public var description: String?
    public var schedule: MeetingSchedule

    public init(kind: MeetingKind, title: String, location: String?, description: String?, schedule: MeetingSchedule) {
        self.kind = kind
        self.title = title
        self.location = location
        self.description = description
        self.schedule = schedule
    }

    /// How the form says the meeting repeats.
    public enum Repeats: String, CaseIterable, Codable, Sendable {
        /// A single meeting.
        case never
        case weekly
        /// The Nth (or last) weekday of the month.
        case monthlyOnWeekday = "monthly_weekday"
        /// A day of the month.
        case monthlyOnDay = "monthly_day"

        public var label: String {
            switch self {
            case .never: return "Does not repeat"
            case .weekly: return "Every week or every few weeks"
            case .monthlyOnWeekday: return "Monthly, on a weekday (like the second Tuesday)"
            case .monthlyOnDay: return "Monthly, on a date (like the 15th)"
            }
        }
    }

    /// Form or API fields, all text as typed. Field names are the error keys.
    public struct Input: Sendable, Codable {
        public var kind: String?
        public var title: String?
        public var location: String?
        public var description: String?
        /// The meeting's day, or the first day a series may meet.
        public var startsOn: String?
        public var startTime: String?
        public var endTime: String?
        public var repeats: String?
        /// Weeks or months between meetings; blank means 1.
        public var interval: String?
        public var weekday: String?
        public var weekOfMonth: String?
        public var dayOfMonth: String?
        /// Last day of the series; give this or `count`, not both (or neither, for a series
        /// that runs until further notice).
        public var until: String?
        public var count: String?
        /// Recording a meeting that has already taken place, rather than calling one.
        public var alreadyHappened: Bool?

        public init(kind: String? = nil, title: String? = nil, location: String? = nil, description: String? = nil,
                    startsOn: String? = nil, startTime: String? = nil, endTime: String? = nil, repeats: String? = nil,
                    interval: String? = nil, weekday: String? = nil, weekOfMonth: String? = nil,
                    dayOfMonth: String? = nil, until: String? = nil, count: String? = nil, alreadyHappened: Bool? = nil) {
            self.kind = kind; self.title = title; self.location = location; self.description = description
            self.startsOn = startsOn; self.startTime = startTime; self.endTime = endTime; self.repeats = repeats
            self.interval = interval; self.weekday = weekday; self.weekOfMonth = weekOfMonth
            self.dayOfMonth = dayOfMonth; self.until = until; self.count = count
            self.alreadyHappened = alreadyHappened
        }
    }

    /// Checks every field and reports every problem at once. Overrides are not part of the form:
    /// pass the series' existing ones in `keeping` when editing, so they survive.
    public static func validate(_ input: Input, keeping overrides: [OccurrenceOverride] = []) throws -> MeetingDraft {
        var errors = FieldErrorList()
        var kind = MeetingKind.partnership
        let kindText = TextRules.trimmed(input.kind)
        if kindText.isEmpty {
            errors.add("kind", "Select the kind of meeting")
        } else if let k = MeetingKind(rawValue: kindText) {
            kind = k
        } else {
            errors.add("kind", "Kind must be one of: \(MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let title = TextRules.required(input.title, field: "title", label: "the meeting's title", max: 120, into: &errors)
        let location = TextRules.optional(input.location, field: "location", label: "location", max: 300, into: &errors)
        let description = TextRules.optional(input.description, field: "description", label: "description", max: 4000, into: &errors)

        let startsOn = DayRules.required(input.startsOn, field: "startsOn", label: "Date", into: &errors)
        if let startsOn, startsOn < MeetingSchedule.firstSupportedDay || startsOn > MeetingSchedule.lastSupportedDay {
            errors.add("startsOn", "Date must be between 2000 and 2100")
        }
        let times = MeetingTimes.check(start: input.startTime, end: input.endTime, into: &errors)

        var repeats = Repeats.never
        let repeatsText = TextRules.trimmed(input.repeats)
        if !repeatsText.isEmpty {
            if let r = Repeats(rawValue: repeatsText) {
                repeats = r
            } else {
                errors.add("repeats", "Repeats must be one of: \(Repeats.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        var rule: RecurrenceRule?
        if repeats != .never {
            let pattern = Self.pattern(repeats, input, startsOn: startsOn, into: &errors)
            let end = Self.end(input, startsOn: startsOn, into: &errors)
            if let pattern, let end {
                rule = RecurrenceRule(pattern: pattern, end: end)
            }
        } else {
            for (field, value, label) in [("until", input.until, "an end date"), ("count", input.count, "a number of meetings")]
            where !TextRules.trimmed(value).isEmpty {
                errors.add(field, "A meeting that does not repeat cannot have \(label): choose how it repeats, or clear this field")
            }
        }

        var schedule: MeetingSchedule?
        if let startsOn, let times, errors.isEmpty {
            let s = MeetingSchedule(startsOn: startsOn, startTime: times.start, durationMinutes: times.duration,
                                    repeats: rule, overrides: overrides)
            if rule != nil, s.originalDays(through: MeetingSchedule.lastSupportedDay).isEmpty {
                errors.add("until", "There are no meetings between the start date and the end date: check the dates and the day of the week")
            }
            schedule = s
        }
        try errors.throwIfAny()
        return MeetingDraft(kind: kind, title: title, location: location, description: description, schedule: schedule!)
    }

    /// A new meeting is called for today or later. One in the past can only be recorded as having
    /// happened, as a single meeting: announcing it would tell members about a meeting they missed.
    public static func checkNew(_ input: Input, _ draft: MeetingDraft, today: Day) throws {
        let start = draft.schedule.startsOn
        if input.alreadyHappened == true {
            if draft.schedule.repeats != nil {
                throw ValidationFailure("repeats", "A meeting that has already happened is recorded on its own: choose “Does not repeat”")
            }
            if start > today {
                throw ValidationFailure("startsOn", "Date is after today, so the meeting has not happened yet: untick “This meeting has already happened” to call it")
            }
        } else if start < today {
            throw ValidationFailure("startsOn", "Date must be today or later for a new meeting. To record one that has already happened, tick “This meeting has already happened”")
        }
    }

    private static func pattern(_ repeats: Repeats, _ input: Input, startsOn: Day?,
                                into errors: inout FieldErrorList) -> RecurrencePattern? {
        var interval = 1
        let intervalText = TextRules.trimmed(input.interval)
        let unit = repeats == .weekly ? "weeks" : "months"
        let maximum = repeats == .weekly ? RecurrencePattern.maximumWeeks : RecurrencePattern.maximumMonths
        if !intervalText.isEmpty {
            if let n = Int(intervalText), (1...maximum).contains(n) {
                interval = n
            } else {
                errors.add("interval", "Number of \(unit) between meetings must be a whole number from 1 to \(maximum)")
                return nil
            }
        }
        // The weekday defaults to the start date's, which is what someone setting up
        // "every Tuesday" from a Tuesday means.
        func weekday() -> DayOfWeek? {
            let text = TextRules.trimmed(input.weekday)
            if text.isEmpty {
                if let startsOn { return startsOn.dayOfWeek }
                errors.add("weekday", "Select the day of the week")
                return nil
            }
            guard let d = DayOfWeek(text: text) else {
                errors.add("weekday", "Day of the week must be one of Monday to Sunday")
                return nil
            }
            return d
        }
        switch repeats {
        case .never:
            return nil
        case .weekly:
            guard let d = weekday() else { return nil }
            return .weekly(everyWeeks: interval, on: d)
        case .monthlyOnWeekday:
            let d = weekday()
            let text = TextRules.trimmed(input.weekOfMonth)
            guard let week = WeekOfMonth(rawValue: text.lowercased()) else {
                errors.add("weekOfMonth", text.isEmpty ? "Select which week of the month"
                           : "Week of the month must be one of: first, second, third, fourth, last")
                return nil
            }
            guard let d else { return nil }
            return .monthlyOnWeekday(week, d, everyMonths: interval)
        case .monthlyOnDay:
            let text = TextRules.trimmed(input.dayOfMonth)
            var day = startsOn?.day
            if !text.isEmpty { day = Int(text) ?? 0 }
            guard let day else {
                errors.add("dayOfMonth", "Enter the day of the month")
                return nil
            }
            let pattern = RecurrencePattern.monthlyOnDay(day, everyMonths: interval)
            for problem in pattern.problems() { errors.add(problem.field, problem.message) }
            return pattern.problems().isEmpty ? pattern : nil
        }
    }

    private static func end(_ input: Input, startsOn: Day?, into errors: inout FieldErrorList) -> RecurrenceEnd? {
        let untilText = TextRules.trimmed(input.until)
        let countText = TextRules.trimmed(input.count)
        if !untilText.isEmpty && !countText.isEmpty {
            errors.add("count", "Give either an end date or a number of meetings, not both")
            return nil
        }
        if !untilText.isEmpty {
            guard let until = DayRules.optional(untilText, field: "until", label: "End date", into: &errors) else { return nil }
            if let startsOn, until < startsOn {
                errors.add("until", "End date must be the same as or after the start date (\(startsOn.readable))")
                return nil
            }
            if until > MeetingSchedule.lastSupportedDay {
                errors.add("until", "End date must be before 2101")
                return nil
            }
            return .until(until)
        }
        if !countText.isEmpty {
            guard let n = Int(countText), (1...RecurrenceEnd.maximumCount).contains(n) else {
                errors.add("count", "Number of meetings must be a whole number from 1 to \(RecurrenceEnd.maximumCount)")
                return nil
            }
            return .count(n)
        }
        return .never
    }
}
