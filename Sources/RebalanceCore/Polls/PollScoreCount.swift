import Foundation

extension PollScoreTally {
    /// Counts score ballots (already checked: every option scored, within the range).
    static func count(_ poll: Poll, ballots: [[PollOptionID: Int]]) -> PollScoreTally {
        let low = poll.settings.scoreMinimum, high = poll.settings.scoreMaximum
        let lines = poll.options.enumerated().map { index, option -> (Int, PollScoreLine) in
            let scores = ballots.compactMap { $0[option.id] }
            let total = scores.reduce(0, +)
            var distribution = Array(repeating: 0, count: high - low + 1)
            for s in scores where (low...high).contains(s) { distribution[s - low] += 1 }
            return (index, PollScoreLine(
                option: option.id, label: option.label, total: total,
                mean: scores.isEmpty ? 0 : Double(total) / Double(scores.count),
                meanText: DecisionWording.decimal(total, over: scores.count),
                distribution: distribution))
        }
        .sorted { ($0.1.total, -$0.0) > ($1.1.total, -$1.0) }
        .map(\.1)
        let top = lines.first?.total
        let leaders = ballots.isEmpty ? [] : lines.filter { $0.total == top }.map(\.option)
        let explanation: String
        if ballots.isEmpty {
            explanation = "No ballots were cast."
        } else {
            let first = lines[0]
            let names = DecisionWording.andList(leaders.map { "\"\(poll.label($0))\"" })
            let from = "from \(DecisionWording.count(ballots.count, "ballot")) (average \(first.meanText) out of \(high))"
            explanation = leaders.count > 1
                ? "\(names) tied on the highest total, \(first.total) each \(from)."
                : "\(names) scored highest: a total of \(first.total) \(from)."
        }
        return PollScoreTally(ballots: ballots.count, minimum: low, maximum: high, lines: lines,
                              leaders: leaders, explanation: explanation)
    }
}
