import Foundation

/// Decides what one stakeholder should be sent now, from their contact level and what has been
/// published. Pure: the `rebalance deliver` worker calls it for each stakeholder on each run,
/// queues the messages, and records the items as sent (and `lastDigestOn`) in one transaction;
/// running it again straight after sends nothing.
///
/// Timing:
/// - close: each unsent item as its own message, at once.
/// - regular: one digest on the first working day of each month (England and Wales), of the
///   unsent items published before that month began. If the worker misses that day, the digest
///   goes on its next run that month; never twice in a month.
/// - informed: the same, quarterly, on the first working day of January, April, July and
///   October.
/// Only items published on or after the recipient's `since` day are ever sent; an item already
/// sent is never sent again; with nothing to send there is no message.
public struct DigestPlanner: Sendable {
    /// Names the sender in subjects ("Marsh Lane Big Local").
    public var partnershipName: String
    public var calendar: WorkingDayCalendar

    public init(partnershipName: String, calendar: WorkingDayCalendar = .englandAndWales) {
        self.partnershipName = partnershipName
        self.calendar = calendar
    }

    public func messages(for recipient: DigestRecipient, items: [DigestItem], today: Day) -> [DigestMessage] {
        var seen: Set<UUID> = []
        let candidates = items
            .filter { $0.publishedOn >= recipient.since && $0.publishedOn <= today && !recipient.alreadySent.contains($0.id) }
            .sorted { ($0.publishedOn, $0.title, $0.id.uuidString) < ($1.publishedOn, $1.title, $1.id.uuidString) }
            .filter { seen.insert($0.id).inserted }

        switch recipient.level.cadence {
        case .immediate:
            return candidates.map { item in
                DigestMessage(kind: .immediate, channel: recipient.channel,
                              subject: "\(partnershipName): \(item.kind.subjectPrefix): \(item.title)",
                              introduction: "\(partnershipName) has just published this.",
                              sections: Self.sections([item]), covers: nil)
            }
        case .monthly:
            return digest(.monthlyDigest, periodStart: today.firstOfMonth,
                          sendOn: calendar.firstWorkingDay(ofMonthContaining: today),
                          recipient: recipient, candidates: candidates, today: today)
        case .quarterly:
            return digest(.quarterlySummary, periodStart: today.firstOfQuarter,
                          sendOn: calendar.firstWorkingDay(ofQuarterContaining: today),
                          recipient: recipient, candidates: candidates, today: today)
        }
    }

    /// The first day a digest at this level could next go out, for showing "your next digest".
    public func nextDigestDay(for level: ContactLevel, after today: Day) -> Day? {
        switch level.cadence {
        case .immediate: return nil
        case .monthly: return calendar.firstWorkingDay(ofMonthContaining: today.firstOfMonth.addingMonthsToFirst(1))
        case .quarterly: return calendar.firstWorkingDay(ofQuarterContaining: today.firstOfQuarter.addingMonthsToFirst(3))
        }
    }

    private func digest(_ kind: DigestMessage.Kind, periodStart: Day, sendOn: Day, recipient: DigestRecipient,
                        candidates: [DigestItem], today: Day) -> [DigestMessage] {
        guard today >= sendOn else { return [] }
        if let last = recipient.lastDigestOn, last >= sendOn { return [] }
        // Items of the period now starting wait for the next digest, so each digest covers
        // whole months and its content does not depend on the hour the worker ran.
        let chosen = candidates.filter { $0.publishedOn < periodStart }
        guard let first = chosen.first else { return [] }
        let end = periodStart.adding(days: -1)
        let span = kind == .monthlyDigest ? 1 : 3
        // Normally the month (or quarter) just ended; longer if the worker was off for a while
        // or the recipient changed level, so the label never hides what is included.
        var start = periodStart.addingMonthsToFirst(-span)
        while first.publishedOn < start { start = start.addingMonthsToFirst(-span) }
        let label = Self.label(from: start, through: end)
        let subject = kind == .monthlyDigest
            ? "\(partnershipName): news for \(label)"
            : "\(partnershipName): summary for \(label)"
        let count = chosen.count
        let introduction = "What \(partnershipName) published in \(label): \(count) item\(count == 1 ? "" : "s")."
        return [DigestMessage(kind: kind, channel: recipient.channel, subject: subject, introduction: introduction,
                              sections: Self.sections(chosen), covers: start...end)]
    }

    static func sections(_ items: [DigestItem]) -> [DigestSection] {
        DigestItemKind.allCases.compactMap { kind in
            let these = items.filter { $0.kind == kind }
            return these.isEmpty ? nil : DigestSection(kind: kind, heading: kind.sectionHeading, items: these)
        }
    }

    /// "May 2026", "April to June 2026", "November 2025 to January 2026".
    static func label(from start: Day, through end: Day) -> String {
        if start.year == end.year && start.month == end.month { return "\(MonthName.of(start.month)) \(start.year)" }
        if start.year == end.year { return "\(MonthName.of(start.month)) to \(MonthName.of(end.month)) \(end.year)" }
        return "\(MonthName.of(start.month)) \(start.year) to \(MonthName.of(end.month)) \(end.year)"
    }
}
