import Foundation

extension DotVoteTally {
    /// Counts dot-vote ballots (already checked: no negatives, within the allowance).
    static func count(_ poll: Poll, ballots: [[PollOptionID: Int]]) -> DotVoteTally {
        let lines = poll.options.enumerated().map { index, option -> (Int, DotVoteLine) in
            let given = ballots.compactMap { $0[option.id] }.filter { $0 > 0 }
            return (index, DotVoteLine(option: option.id, label: option.label,
                                       points: given.reduce(0, +), supporters: given.count))
        }
        .sorted { ($0.1.points, $0.1.supporters, -$0.0) > ($1.1.points, $1.1.supporters, -$1.0) }
        .map(\.1)
        let blank = ballots.filter { $0.values.allSatisfy { $0 <= 0 } }.count
        let given = lines.map(\.points).reduce(0, +)
        let top = lines.first
        let leaders = given == 0 ? [] : lines.filter { $0.points == top?.points && $0.supporters == top?.supporters }.map(\.option)
        let explanation: String
        if ballots.isEmpty {
            explanation = "No ballots were cast."
        } else if leaders.isEmpty {
            explanation = ballots.count == 1 ? "The only ballot gave no points." : "None of the \(ballots.count) ballots gave any points."
        } else {
            let names = DecisionWording.andList(leaders.map { "\"\(poll.label($0))\"" })
            let share = "\(top!.points) of the \(given) points given, from \(DecisionWording.count(top!.supporters, "voter"))"
            explanation = leaders.count > 1
                ? "\(names) tied, each with \(share)."
                : "\(names) received the most points: \(share)."
        }
        return DotVoteTally(ballots: ballots.count, blankBallots: blank, allowance: poll.settings.dotAllowance,
                            pointsGiven: given, lines: lines, leaders: leaders, explanation: explanation)
    }
}
