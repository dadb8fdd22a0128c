import Foundation

/// The published response figures for a set of enquiries (a council, a team, a period).
///
/// Conventions (see docs/decisions/0013):
/// - A set of enquiries is chosen by the day each was received; the figures then describe
///   what has happened to those enquiries so far.
/// - Working days to answer count from the day after receipt to the answer day
///   (`WorkingDayCalendar.workingDays(from:to:)`); an answer the same day took 0.
/// - The median of an even number of answers is the mean of the middle two, so it can be a
///   half (4 and 7 give 5.5).
/// - Share within target = answered within target ÷ (answered + still open and already
///   overdue). An enquiry left unanswered past its due day counts against the share at once,
///   not only when it is finally answered; open enquiries not yet due, and withdrawn ones,
///   are left out because their outcome is not known (or never will be).
/// - Average hand-offs = all hand-offs ÷ enquiries received (open, answered and withdrawn).
public struct EnquiryFigures: Hashable, Sendable, Codable {
    public var received = 0
    public var answered = 0
    public var withdrawn = 0
    /// Still open, overdue or not.
    public var open = 0
    /// Still open and past the due day.
    public var openOverdue = 0
    public var answeredWithinTarget = 0
    /// Enquiries handed to another team at least once.
    public var redirected = 0
    public var handOffs = 0
    public var medianWorkingDaysToAnswer: Double?

    public init() {}

    public var answeredLate: Int { answered - answeredWithinTarget }

    /// Answered within target as a share (0 to 1) of those whose timeliness is known; nil when
    /// there are none.
    public var shareWithinTarget: Double? {
        let known = answered + openOverdue
        return known == 0 ? nil : Double(answeredWithinTarget) / Double(known)
    }

    /// Nil when nothing was received.
    public var averageHandOffs: Double? {
        received == 0 ? nil : Double(handOffs) / Double(received)
    }

    /// Computes the figures for exactly these enquiries.
    public init(_ enquiries: [Enquiry], today: Day, calendar: WorkingDayCalendar = .englandAndWales) {
        var times: [Int] = []
        for e in enquiries {
            received += 1
            handOffs += e.handOffs.count
            if !e.handOffs.isEmpty { redirected += 1 }
            switch e.closure {
            case .answered:
                answered += 1
                let days = e.workingDaysToAnswer(in: calendar)!
                times.append(days)
                if days <= e.targetWorkingDays { answeredWithinTarget += 1 }
            case .withdrawn:
                withdrawn += 1
            case nil:
                open += 1
                if e.isOverdue(on: today, in: calendar) { openOverdue += 1 }
            }
        }
        medianWorkingDaysToAnswer = Self.median(times)
    }

    /// The middle value; for an even count, the mean of the middle two. Nil for no values.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// One team's line in a council's statistics.
///
/// Attribution: every enquiry counts, in `figures`, for exactly one team, the team that
/// answered it (or that holds it now, if open; or held it when it was withdrawn). The
/// answering team owns the outcome, and because each enquiry belongs to one team, the teams'
/// figures add up to the council's. The clock still runs from the council's receipt, so a
/// team handed an enquiry late inherits the delay: `handedOn` shows the other side, the
/// hand-offs each team made, so passing enquiries around is visible too.
public struct TeamEnquiryFigures: Hashable, Sendable, Codable {
    public let teamID: UUID
    /// Enquiries this team answered, holds, or held when withdrawn.
    public let figures: EnquiryFigures
    /// Enquiries the directory sent to this team first.
    public let receivedFirst: Int
    /// Hand-offs this team made to other teams.
    public let handedOn: Int
}

/// One point of a time series: a period and the figures for enquiries received in it.
public struct EnquiryPeriodFigures: Hashable, Sendable {
    public let period: EnquiryPeriod
    public let figures: EnquiryFigures
}
