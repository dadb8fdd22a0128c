import Foundation

/// When a meeting can have actions: once it has started, and only if it went ahead.
public enum MeetingAction {
    public static func check(_ occurrence: MeetingOccurrence, now: Date) throws {
        if occurrence.isCancelled {
            throw ValidationFailure("title", "The meeting on \(occurrence.originalDay.readable) was cancelled, so it has no actions")
        }
        if occurrence.start > now {
            throw ValidationFailure("title", "This meeting has not started yet: record its actions with the minutes, after it")
        }
    }
}
