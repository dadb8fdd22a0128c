/// The kinds of meeting a communication plan sets a rhythm for.
public enum MeetingKind: String, CaseIterable, Codable, Sendable {
    /// The partnership's own meeting, where it steers the plan.
    case partnership
    /// The partnership's regular meeting with senior council officers, so that news (good and
    /// bad) is shared on a rhythm rather than only when something has gone wrong.
    case councilLiaison = "council_liaison"
    /// A meeting open to everyone in the area.
    case openCommunity = "open_community"

    public var label: String {
        switch self {
        case .partnership: return "Partnership meeting"
        case .councilLiaison: return "Council liaison meeting"
        case .openCommunity: return "Open community meeting"
        }
    }

    /// A starting point offered when a partnership writes its plan; every part can be changed.
    public var suggestedRhythm: MeetingRhythm {
        switch self {
        case .partnership:
            return MeetingRhythm(pattern: .monthlyOnWeekday(.second, .tuesday, everyMonths: 1),
                                 startTime: TimeOfDay(hour: 19, minute: 0)!, durationMinutes: 120)
        case .councilLiaison:
            return MeetingRhythm(pattern: .monthlyOnWeekday(.first, .wednesday, everyMonths: 2),
                                 startTime: TimeOfDay(hour: 10, minute: 0)!, durationMinutes: 90)
        case .openCommunity:
            return MeetingRhythm(pattern: .monthlyOnWeekday(.last, .saturday, everyMonths: 6),
                                 startTime: TimeOfDay(hour: 11, minute: 0)!, durationMinutes: 120)
        }
    }
}

/// Written as its raw value when it keys a dictionary (`{"partnership": ...}` in JSON).
extension MeetingKind: CodingKeyRepresentable {}

/// How often one kind of meeting happens, as agreed in the communication plan: the pattern,
/// the start time and the length. A meeting series is scheduled from it.
public struct MeetingRhythm: Hashable, Sendable, Codable {
    public var pattern: RecurrencePattern
    public var startTime: TimeOfDay
    public var durationMinutes: Int

    public init(pattern: RecurrencePattern, startTime: TimeOfDay, durationMinutes: Int) {
        self.pattern = pattern
        self.startTime = startTime
        self.durationMinutes = durationMinutes
    }

    /// "Monthly on the second Tuesday, 7pm to 9pm".
    public var label: String {
        let end = TimeOfDay(minutesSinceMidnight: min(startTime.minutesSinceMidnight + durationMinutes, 24 * 60 - 1))!
        return "\(pattern.label), \(startTime.readable) to \(end.readable)"
    }

    /// A schedule following this rhythm from a day on, open-ended unless an end is given.
    public func schedule(from startsOn: Day, end: RecurrenceEnd = .never) -> MeetingSchedule {
        MeetingSchedule(startsOn: startsOn, startTime: startTime, durationMinutes: durationMinutes,
                        repeats: RecurrenceRule(pattern: pattern, end: end))
    }
}
