import Foundation

extension PollChoiceTally {
    /// Counts approval or single-choice ballots (already checked against the poll).
    static func count(_ poll: Poll, ballots: [[PollOptionID]]) -> PollChoiceTally {
        var counts: [PollOptionID: Int] = [:]
        for ballot in ballots {
            for id in Set(ballot) { counts[id, default: 0] += 1 }
        }
        let lines = poll.options
            .map { PollOptionCount(option: $0.id, label: $0.label, count: counts[$0.id] ?? 0) }
            .enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
            .map(\.element)
        let blank = ballots.filter(\.isEmpty).count
        let top = lines.first?.count ?? 0
        let leaders = top == 0 ? [] : lines.filter { $0.count == top }.map(\.option)
        return PollChoiceTally(ballots: ballots.count, blankBallots: blank, counts: lines, leaders: leaders,
                               explanation: explain(poll, ballots: ballots.count, blank: blank, top: top, leaders: leaders))
    }

    private static func explain(_ poll: Poll, ballots: Int, blank: Int, top: Int, leaders: [PollOptionID]) -> String {
        if ballots == 0 { return "No ballots were cast." }
        if leaders.isEmpty {
            return ballots == 1 ? "The only ballot was blank." : "All \(ballots) ballots were blank."
        }
        let blankNote = blank == 0 ? "" : " \(DecisionWording.count(blank, "ballot was", "ballots were")) blank."
        let names = DecisionWording.andList(leaders.map { "\"\(poll.label($0))\"" })
        let verb = poll.kind == .approval ? "approved on" : "chosen on"
        if leaders.count > 1 {
            return "\(names) tied, each \(verb) \(top) of the \(DecisionWording.count(ballots, "ballot")).\(blankNote)"
        }
        let majority = poll.kind == .singleChoice
            ? (top * 2 > ballots ? ", a majority" : ", not a majority") : ""
        let lead = poll.kind == .approval ? "had the most support" : "was chosen most"
        return "\(names) \(lead): \(verb) \(top) of the \(DecisionWording.count(ballots, "ballot"))\(majority).\(blankNote)"
    }
}
