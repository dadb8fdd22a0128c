import Foundation
import RebalanceCore

/// A poll's totals as tables, one shape per kind of count. Built from `PollTotals`, which holds
/// no voter, so it is safe on public pages and for anonymous polls.
struct PollResultsView: Encodable {
    let kind: String
    let explanation: String
    let ballots: Int
    let choice: [ChoiceLine]?
    let runoff: [Round]?
    let score: [ScoreLine]?
    let dotVote: [DotLine]?
    let meetingTime: [TimeLine]?
    let dotAllowance: Int?
    let scoreRange: String?

    struct ChoiceLine: Encodable { let label: String; let count: Int; let share: String; let leads: Bool }
    struct RoundLine: Encodable { let label: String; let votes: Int; let out: Bool; let elected: Bool }
    struct Round: Encodable {
        let number: Int
        let explanation: String
        let lines: [RoundLine]
        /// "Round 2: 5 votes needed for a majority, 1 ballot exhausted".
        let caption: String
    }
    struct ScoreLine: Encodable { let label: String; let total: Int; let mean: String; let distribution: String; let leads: Bool }
    struct DotLine: Encodable { let label: String; let points: Int; let supporters: Int; let leads: Bool }
    struct TimeLine: Encodable { let label: String; let yes: Int; let ifNeedBe: Int; let no: Int; let best: Bool }

    init(_ totals: PollTotals) {
        kind = totals.kind.rawValue
        explanation = totals.explanation
        ballots = totals.tally.ballots
        let leaders = Set(totals.tally.leaders)
        var choice: [ChoiceLine]?, runoff: [Round]?, score: [ScoreLine]?, dot: [DotLine]?, times: [TimeLine]?
        var allowance: Int?, range: String?
        switch totals.tally {
        case .choice(let t):
            let voting = max(1, t.ballots)
            choice = t.counts.map { ChoiceLine(label: $0.label, count: $0.count, share: "\(($0.count * 100 + voting / 2) / voting)%",
                                               leads: leaders.contains($0.option)) }
        case .runoff(let t):
            runoff = t.rounds.map { round in
                Round(number: round.number, explanation: round.explanation,
                      lines: round.tallies.map { RoundLine(label: $0.label, votes: $0.count, out: round.eliminated.contains($0.option),
                                                          elected: round.elected == $0.option) },
                      caption: "Round \(round.number): \(round.majorityNeeded) \(round.majorityNeeded == 1 ? "vote" : "votes") needed for a majority"
                        + (round.exhaustedBallots == 0 ? "" : ", \(round.exhaustedBallots) \(round.exhaustedBallots == 1 ? "ballot" : "ballots") exhausted"))
            }
        case .score(let t):
            range = "\(t.minimum) to \(t.maximum)"
            score = t.lines.map { line in
                ScoreLine(label: line.label, total: line.total, mean: line.meanText,
                          distribution: line.distribution.enumerated().filter { $0.element > 0 }
                              .map { "\($0.element) gave \($0.offset + t.minimum)" }.joined(separator: ", "),
                          leads: leaders.contains(line.option))
            }
        case .dotVote(let t):
            allowance = t.allowance
            dot = t.lines.map { DotLine(label: $0.label, points: $0.points, supporters: $0.supporters, leads: leaders.contains($0.option)) }
        case .meetingTime(let t):
            times = t.lines.map { TimeLine(label: $0.label, yes: $0.yes, ifNeedBe: $0.ifNeedBe, no: $0.no, best: t.best == $0.option) }
        }
        self.choice = choice
        self.runoff = runoff
        self.score = score
        self.dotVote = dot
        self.meetingTime = times
        self.dotAllowance = allowance
        self.scoreRange = range
    }
}

/// How one named ballot reads in the table of who voted how.
enum BallotWording {
    static func text(_ ballot: PollBallot, poll: Poll) -> String {
        let label = { (id: PollOptionID) in poll.option(id)?.label ?? id.rawValue }
        switch ballot {
        case .choices(let ids):
            if ids.isEmpty { return "None of these" }
            if poll.kind == .rankedChoice { return ids.enumerated().map { "\($0.offset + 1). \(label($0.element))" }.joined(separator: "  ") }
            return ids.map(label).joined(separator: ", ")
        case .scores(let scores), .points(let scores):
            let given = poll.options.compactMap { o in scores[o.id].map { "\(o.label): \($0)" } }
            return given.isEmpty ? "No points" : given.joined(separator: ", ")
        case .availability(let answers):
            return poll.options.compactMap { o in answers[o.id].map { "\(o.label): \($0.label.lowercased())" } }.joined(separator: "; ")
        }
    }
}
