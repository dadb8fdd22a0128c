/// When a meeting, or a series of meetings, happens: the first day, the time and length in UK
/// local time, how it repeats (nil for a one-off meeting) and the changes to single meetings.
///
/// All times are wall-clock times in the UK, so a 7pm meeting is at 7pm on both sides of the
/// change between GMT and BST; `MeetingOccurrence.start` turns them into instants.
public struct MeetingSchedule: Hashable, Sendable, Codable {
    /// The first day the series may meet: its first meeting is the first day from here on that
    /// fits the pattern. For a one-off meeting, the day of the meeting.
    public var startsOn: Day
    public var startTime: TimeOfDay
    public var durationMinutes: Int
    /// nil for a single meeting.
    public var repeats: RecurrenceRule?
    /// Changes to single meetings, at most one per original day.
    public private(set) var overrides: [OccurrenceOverride]

    /// Meetings are planned up to the end of 2100, like the working-day calendar.
    public static let lastSupportedDay = Day(year: 2100, month: 12, day: 31)!
    public static let firstSupportedDay = Day(year: 2000, month: 1, day: 1)!
    /// Up to 24 hours.
    public static let maximumDurationMinutes = 24 * 60

    /// For schedules loaded from the store or built from a checked rhythm; anything a person
    /// typed goes through `MeetingDraft.validate`, which checks what this does not.
    public init(startsOn: Day, startTime: TimeOfDay, durationMinutes: Int,
                repeats: RecurrenceRule? = nil, overrides: [OccurrenceOverride] = []) {
        self.startsOn = startsOn
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.repeats = repeats
        self.overrides = []
        for o in overrides { setOverride(o) }
    }

    public func override(for originalDay: Day) -> OccurrenceOverride? {
        overrides.first { $0.originalDay == originalDay }
    }

    // MARK: Expansion

    /// Every meeting whose day (after any move) lies from `from` to `through`, both included,
    /// in time order. Cancelled meetings are included, marked, so listings and calendar feeds can
    /// show them; filter on `isCancelled` to hide them. A meeting moved into the window appears;
    /// one moved out of it does not.
    public func occurrences(from: Day, through: Day) -> [MeetingOccurrence] {
        guard from <= through else { return [] }
        let movedOriginals = overrides.compactMap { o -> Day? in
            if case .moved = o.change { return o.originalDay } else { return nil }
        }
        let limit = ([through] + movedOriginals).max()!
        var out: [MeetingOccurrence] = []
        for original in originalDays(through: limit) {
            let occurrence = self.occurrence(original)
            if occurrence.day >= from && occurrence.day <= through { out.append(occurrence) }
        }
        return out.sorted { ($0.start, $0.originalDay) < ($1.start, $1.originalDay) }
    }

    /// The next meeting that goes ahead starting on or after `day`, if any within `lookAheadDays`.
    public func nextOccurrence(onOrAfter day: Day, lookAheadDays: Int = 800) -> MeetingOccurrence? {
        occurrences(from: day, through: day.adding(days: lookAheadDays)).first { !$0.isCancelled }
    }

    /// Whether the series as scheduled (before any move) has a meeting on this day.
    public func isScheduled(on original: Day) -> Bool {
        originalDays(through: original).last == original
    }

    /// The meeting originally scheduled for `original`, with its override applied, or nil if
    /// the series has no meeting that day.
    public func occurrence(originallyOn original: Day) -> MeetingOccurrence? {
        isScheduled(on: original) ? occurrence(original) : nil
    }

    /// The series' days as scheduled, up to and including `limit`, honouring UNTIL and COUNT.
    func originalDays(through limit: Day) -> [Day] {
        let cap = min(limit, Self.lastSupportedDay)
        guard let rule = repeats else { return startsOn <= cap ? [startsOn] : [] }
        let first = rule.pattern.firstFit(onOrAfter: startsOn)
        var days: [Day] = []
        var index = 0
        while true {
            if case .count(let n) = rule.end, index >= n { break }
            let d = rule.pattern.day(at: index, after: first)
            if d > cap { break }
            if case .until(let u) = rule.end, d > u { break }
            days.append(d)
            index += 1
        }
        return days
    }

    private func occurrence(_ original: Day) -> MeetingOccurrence {
        let o = override(for: original)
        switch o?.change {
        case .moved(let move):
            return MeetingOccurrence(originalDay: original, day: move.day, startTime: move.startTime,
                                     durationMinutes: move.durationMinutes, status: .moved,
                                     locationOverride: move.location, cancellationReason: nil, revision: o!.revision)
        case .cancelled(let reason):
            return MeetingOccurrence(originalDay: original, day: original, startTime: startTime,
                                     durationMinutes: durationMinutes, status: .cancelled,
                                     locationOverride: nil, cancellationReason: reason, revision: o!.revision)
        case .reinstated, nil:
            return MeetingOccurrence(originalDay: original, day: original, startTime: startTime,
                                     durationMinutes: durationMinutes, status: .scheduled,
                                     locationOverride: nil, cancellationReason: nil, revision: o?.revision ?? 0)
        }
    }

    // MARK: Changing one meeting

    /// Cancels the meeting originally on `originalDay`; a moved meeting can be cancelled too.
    /// Throws `ValidationFailure` (field `occurrence`) if there is no such meeting or it is
    /// already cancelled.
    public func cancelling(_ originalDay: Day, reason: String?) throws -> MeetingSchedule {
        var errors = FieldErrorList()
        let current = try existing(originalDay)
        if current.isCancelled {
            errors.add("occurrence", "The meeting on \(originalDay.readable) is already cancelled")
        }
        let text = TextRules.optional(reason, field: "reason", label: "reason", max: 500, into: &errors)
        try errors.throwIfAny()
        var copy = self
        copy.setOverride(OccurrenceOverride(originalDay: originalDay, change: .cancelled(reason: text),
                                            revision: current.revision + 1))
        return copy
    }

    /// Moves the meeting originally on `originalDay` (field names as on the move form:
    /// `day`, `startTime`, `endTime`, `location`).
    public func moving(_ originalDay: Day, input: MeetingMoveInput) throws -> MeetingSchedule {
        let current = try existing(originalDay)
        var errors = FieldErrorList()
        if current.isCancelled {
            errors.add("occurrence", "The meeting on \(originalDay.readable) is cancelled: reinstate it before moving it")
        }
        let day = DayRules.required(input.day, field: "day", label: "New date", into: &errors)
        if let day, day < Self.firstSupportedDay || day > Self.lastSupportedDay {
            errors.add("day", "New date must be between 2000 and 2100")
        }
        let times = MeetingTimes.check(start: input.startTime, end: input.endTime, into: &errors)
        let location = TextRules.optional(input.location, field: "location", label: "location", max: 300, into: &errors)
        if let day, let times, errors.isEmpty {
            let clash = occurrences(from: day, through: day).contains {
                $0.originalDay != originalDay && !$0.isCancelled
            }
            if clash {
                errors.add("day", "There is already a meeting in this series on \(day.readable): choose another date")
            } else if day == originalDay, times.start == startTime, times.duration == durationMinutes, location == nil,
                      current.status == .scheduled {
                errors.add("day", "Change the date, time or place: this is when and where the meeting already is")
            }
        }
        try errors.throwIfAny()
        var copy = self
        copy.setOverride(OccurrenceOverride(
            originalDay: originalDay,
            change: .moved(MeetingMove(day: day!, startTime: times!.start, durationMinutes: times!.duration, location: location)),
            revision: current.revision + 1))
        return copy
    }

    /// Puts a cancelled or moved meeting back as the series schedules it.
    public func reinstating(_ originalDay: Day) throws -> MeetingSchedule {
        let current = try existing(originalDay)
        guard current.status != .scheduled else {
            throw ValidationFailure("occurrence", "The meeting on \(originalDay.readable) is already going ahead as planned")
        }
        var copy = self
        copy.setOverride(OccurrenceOverride(originalDay: originalDay, change: .reinstated, revision: current.revision + 1))
        return copy
    }

    private func existing(_ originalDay: Day) throws -> MeetingOccurrence {
        guard let occurrence = occurrence(originallyOn: originalDay) else {
            throw ValidationFailure("occurrence", "This series has no meeting on \(originalDay.readable)")
        }
        return occurrence
    }

    private mutating func setOverride(_ o: OccurrenceOverride) {
        overrides.removeAll { $0.originalDay == o.originalDay }
        overrides.append(o)
        overrides.sort { $0.originalDay < $1.originalDay }
    }
}

/// What the "move this meeting" form sends.
public struct MeetingMoveInput: Sendable, Codable {
    public var day: String?
    public var startTime: String?
    public var endTime: String?
    public var location: String?

    public init(day: String? = nil, startTime: String? = nil, endTime: String? = nil, location: String? = nil) {
        self.day = day
        self.startTime = startTime
        self.endTime = endTime
        self.location = location
    }
}

/// Start and end time fields, checked the same way wherever a meeting's time is typed.
enum MeetingTimes {
    /// Returns the start and the length in minutes; meetings end on the day they start.
    static func check(start: String?, end: String?, into errors: inout FieldErrorList) -> (start: TimeOfDay, duration: Int)? {
        let s = parse(start, field: "startTime", label: "Start time", into: &errors)
        let e = parse(end, field: "endTime", label: "End time", into: &errors)
        guard let s, let e else { return nil }
        guard e > s else {
            errors.add("endTime", "End time must be after the start time (\(s.description))")
            return nil
        }
        return (s, e.minutesSinceMidnight - s.minutesSinceMidnight)
    }

    private static func parse(_ raw: String?, field: String, label: String, into errors: inout FieldErrorList) -> TimeOfDay? {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            errors.add(field, "Enter the \(label.lowercased())")
            return nil
        }
        guard let t = TimeOfDay(typed: text) else {
            errors.add(field, "\(label) must be a time, like 19:00 or 7pm")
            return nil
        }
        return t
    }
}
