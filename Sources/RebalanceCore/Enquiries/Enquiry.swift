import Foundation

/// Where an enquiry stands. `handedOff` is still open: it is with a team other than the one
/// that first received it.
public enum EnquiryState: String, CaseIterable, Codable, Sendable {
    case open
    case handedOff = "handed_off"
    case answered
    case withdrawn

    public var isClosed: Bool { self == .answered || self == .withdrawn }

    public var label: String {
        switch self {
        case .open: return "Open"
        case .handedOff: return "Handed to another team"
        case .answered: return "Answered"
        case .withdrawn: return "Withdrawn"
        }
    }
}

/// One hand-off: the team holding an enquiry passed it to another, saying why.
public struct EnquiryHandOff: Hashable, Sendable, Codable {
    public var on: Day
    public var fromTeamID: UUID
    public var toTeamID: UUID
    public var reason: String

    public init(on: Day, fromTeamID: UUID, toTeamID: UUID, reason: String) {
        self.on = on
        self.fromTeamID = fromTeamID
        self.toTeamID = toTeamID
        self.reason = reason
    }
}

/// How an enquiry was closed. The answering team is always the team holding it, so it is not
/// stored twice.
public enum EnquiryClosure: Hashable, Sendable, Codable {
    case answered(on: Day)
    case withdrawn(on: Day)

    public var day: Day {
        switch self {
        case .answered(let d), .withdrawn(let d): return d
        }
    }
}

/// A partnership's question to its council, as the rules see it: when it arrived, the promise
/// made (target working days, fixed when it arrived), where it has been and how it ended.
///
/// Hand-offs never restart the clock: the partnership asked the council, not a team, so the
/// time runs from the day the council received it, whoever holds it now.
public struct Enquiry: Hashable, Sendable, Identifiable {
    public let id: UUID
    public var councilID: UUID
    public var partnershipID: UUID
    public var topic: String
    public var receivedOn: Day
    public var targetWorkingDays: Int
    /// The team the responsibility directory sent it to.
    public var firstTeamID: UUID
    /// In the order they happened.
    public var handOffs: [EnquiryHandOff]
    public var closure: EnquiryClosure?
    /// The last day a reminder about it was sent, if any.
    public var lastRemindedOn: Day?

    public init(id: UUID, councilID: UUID, partnershipID: UUID, topic: String, receivedOn: Day, targetWorkingDays: Int,
                firstTeamID: UUID, handOffs: [EnquiryHandOff] = [], closure: EnquiryClosure? = nil, lastRemindedOn: Day? = nil) {
        self.id = id
        self.councilID = councilID
        self.partnershipID = partnershipID
        self.topic = topic
        self.receivedOn = receivedOn
        self.targetWorkingDays = targetWorkingDays
        self.firstTeamID = firstTeamID
        self.handOffs = handOffs
        self.closure = closure
        self.lastRemindedOn = lastRemindedOn
    }

    public var state: EnquiryState {
        switch closure {
        case .answered: return .answered
        case .withdrawn: return .withdrawn
        case nil: return handOffs.isEmpty ? .open : .handedOff
        }
    }

    public var isOpen: Bool { closure == nil }

    /// The team holding it now (or, once closed, the team that held it at the end: the one
    /// that answered).
    public var holdingTeamID: UUID { handOffs.last?.toTeamID ?? firstTeamID }

    /// The pure permission rule: only the team holding an open enquiry may answer it or hand it
    /// on. Pass the teams the person works in.
    public func mayBeAnswered(byMemberOf teams: Set<UUID>) -> Bool {
        isOpen && teams.contains(holdingTeamID)
    }

    /// The last working day on which an answer is on time: `targetWorkingDays` working days
    /// after the day it was received (which is day zero).
    public func dueOn(in calendar: WorkingDayCalendar = .englandAndWales) -> Day {
        calendar.adding(workingDays: targetWorkingDays, to: receivedOn)
    }

    /// Working days from receipt to answer (receipt day is day zero; an answer on the day it
    /// arrived took 0). Nil unless answered.
    public func workingDaysToAnswer(in calendar: WorkingDayCalendar = .englandAndWales) -> Int? {
        guard case .answered(let day) = closure else { return nil }
        return calendar.workingDays(from: receivedOn, to: day)
    }

    /// Whether the answer came within the target. Nil unless answered.
    public func wasAnsweredWithinTarget(in calendar: WorkingDayCalendar = .englandAndWales) -> Bool? {
        workingDaysToAnswer(in: calendar).map { $0 <= targetWorkingDays }
    }

    /// Open, and more working days have passed than were promised (so from the first working
    /// day after the due day). Closed enquiries are never overdue.
    public func isOverdue(on today: Day, in calendar: WorkingDayCalendar = .englandAndWales) -> Bool {
        isOpen && calendar.workingDays(from: receivedOn, to: today) > targetWorkingDays
    }

    /// Working days past the due day (0 when not overdue).
    public func workingDaysOverdue(on today: Day, in calendar: WorkingDayCalendar = .englandAndWales) -> Int {
        isOpen ? max(0, calendar.workingDays(from: receivedOn, to: today) - targetWorkingDays) : 0
    }

    /// The latest day anything happened to it; a new event cannot be dated before it.
    public var lastEventOn: Day { [receivedOn, handOffs.last?.on, closure?.day].compactMap { $0 }.max()! }
}
