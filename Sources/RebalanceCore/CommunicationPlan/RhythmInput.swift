import Foundation

extension MeetingRhythm {
    /// Reads a rhythm from the same fields as the meeting form (repeats, interval, weekday,
    /// week of month, day of month, start and end time): a rhythm is a repeating meeting without
    /// a first date or an end, so the meeting rules check it.
    public static func validate(_ input: MeetingDraft.Input, kind: MeetingKind, from today: Day) throws -> MeetingRhythm {
        var copy = input
        copy.kind = kind.rawValue
        copy.title = kind.label
        copy.startsOn = today.description
        copy.until = nil
        copy.count = nil
        if TextRules.trimmed(copy.repeats).isEmpty || copy.repeats == MeetingDraft.Repeats.never.rawValue {
            throw ValidationFailure("repeats", "Choose how often this kind of meeting happens")
        }
        let draft = try MeetingDraft.validate(copy)
        guard let rule = draft.schedule.repeats else { throw ValidationFailure("repeats", "Choose how often this kind of meeting happens") }
        return MeetingRhythm(pattern: rule.pattern, startTime: draft.schedule.startTime, durationMinutes: draft.schedule.durationMinutes)
    }
}
