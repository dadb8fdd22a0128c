import Foundation

extension MeetingTimeTally {
    /// Counts meeting-time ballots. The best slot is the one the most people can make; among
    /// those, the one the most can make if need be; then the earliest; then the poll's order.
    static func count(_ poll: Poll, ballots: [[PollOptionID: MeetingAvailability]]) -> MeetingTimeTally {
        let lines = poll.options.enumerated().map { index, option -> (Int, MeetingTimeLine) in
            let answers = ballots.map { $0[option.id] ?? .no }
            return (index, MeetingTimeLine(option: option.id, label: option.label, slot: option.slot,
                                           yes: answers.filter { $0 == .yes }.count,
                                           ifNeedBe: answers.filter { $0 == .ifNeedBe }.count,
                                           no: answers.filter { $0 == .no }.count))
        }
        .sorted { a, b in
            if a.1.yes != b.1.yes { return a.1.yes > b.1.yes }
            if a.1.ifNeedBe != b.1.ifNeedBe { return a.1.ifNeedBe > b.1.ifNeedBe }
            let (sa, sb) = (a.1.slot?.startsAt ?? .distantFuture, b.1.slot?.startsAt ?? .distantFuture)
            if sa != sb { return sa < sb }
            return a.0 < b.0
        }
        .map(\.1)
        // A slot no one can make is no answer, however the others compare.
        let best = lines.first.flatMap { $0.yes + $0.ifNeedBe > 0 ? $0 : nil }
        var explanation = ballots.isEmpty ? "No one has answered yet." : "No one can come at any of the times offered: offer some other times."
        if let best {
            explanation = "The best time is \(best.label): \(best.yes) can come, \(best.ifNeedBe) if need be, \(best.no) cannot."
            let level = lines.dropFirst().filter { $0.yes == best.yes && $0.ifNeedBe == best.ifNeedBe }
            if !level.isEmpty {
                explanation += " \(DecisionWording.andList(level.map(\.label))) \(level.count == 1 ? "has" : "have") the same answers; the earliest time is chosen."
            }
        }
        return MeetingTimeTally(ballots: ballots.count, lines: lines, best: best?.option, explanation: explanation)
    }
}
