import Foundation

/// Ballots moving from a knocked-out option to their next preference still in the count, or
/// leaving the count (`to` nil: exhausted, no preference left).
public struct RunoffTransfer: Hashable, Sendable, Codable {
    public let to: PollOptionID?
    /// The option's label, or "Exhausted".
    public let label: String
    public let ballots: Int
}

/// One round of an instant-runoff count.
public struct RunoffRound: Hashable, Sendable, Codable {
    public let number: Int
    /// Options still in the count and their votes, most first; ties in the poll's order.
    public let tallies: [PollOptionCount]
    /// Ballots whose top remaining preference is an option still in the count.
    public let continuingBallots: Int
    /// Non-blank ballots that, by this round, preferred none of the options still in the count.
    public let exhaustedBallots: Int
    /// More than half of the continuing ballots.
    public let majorityNeeded: Int
    /// Set in the round an option reaches a majority.
    public let elected: PollOptionID?
    /// The options knocked out at the end of this round: one, or every option with no votes at
    /// all (knocking those out together moves no ballot, so it cannot change the result).
    public let eliminated: [PollOptionID]
    /// Why those options went out, tie-breaks included.
    public let eliminationReason: String?
    /// Where the knocked-out options' ballots went, ready for the next round.
    public let transfers: [RunoffTransfer]
    public let explanation: String
}

/// A ranked-choice poll counted by instant-runoff.
public struct RunoffTally: Hashable, Sendable, Codable {
    public let ballots: Int
    public let blankBallots: Int
    public let rounds: [RunoffRound]
    /// Nil when no ballot ranked anything, or when the count ended in a tie.
    public let winner: PollOptionID?
    /// Set when the last options standing could not be separated by any vote-based tie-break.
    public let tiedAtEnd: [PollOptionID]
    public let explanation: String
}

/// Instant-runoff: each ballot counts for its most preferred option still in the count. If an
/// option has more than half of the ballots still in the count (the continuing ballots), it
/// wins. Otherwise the option with the fewest votes is knocked out and its ballots move to
/// their next preference still in the count, or are exhausted if they have none.
///
/// Ties for fewest votes are broken, never at random, by:
/// 1. fewest first-preference votes (round 1);
/// 2. fewest votes in the previous round, then the round before, back to round 2;
/// 3. the option listed last on the poll.
/// Options with no votes at all are knocked out together. If every option still in the count is
/// level after tie-breaks 1 and 2, the count stops in a tie rather than letting the list order
/// choose between all the remaining options.
enum InstantRunoff {
    static func count(_ poll: Poll, ballots: [[PollOptionID]]) -> RunoffTally {
        let ranked = ballots.filter { !$0.isEmpty }
        let blank = ballots.count - ranked.count
        let order = poll.options.map(\.id)
        var continuing = Set(order)
        var history: [[PollOptionID: Int]] = []
        var rounds: [RunoffRound] = []
        var exhausted = 0

        func top(_ ballot: [PollOptionID]) -> PollOptionID? { ballot.first { continuing.contains($0) } }

        guard !ranked.isEmpty else {
            return RunoffTally(ballots: ballots.count, blankBallots: blank, rounds: [], winner: nil, tiedAtEnd: [],
                               explanation: ballots.isEmpty ? "No ballots were cast." : "No ballot ranked any option, so there is no winner.")
        }

        while true {
            var votes = Dictionary(uniqueKeysWithValues: continuing.map { ($0, 0) })
            for ballot in ranked {
                if let choice = top(ballot) { votes[choice, default: 0] += 1 }
            }
            history.append(votes)
            let number = history.count
            let continuingBallots = votes.values.reduce(0, +)
            exhausted = ranked.count - continuingBallots
            let majority = continuingBallots / 2 + 1
            let tallies = order.enumerated().filter { continuing.contains($0.element) }
                .sorted { (votes[$0.element]!, -$0.offset) > (votes[$1.element]!, -$1.offset) }
                .map { PollOptionCount(option: $0.element, label: poll.label($0.element), count: votes[$0.element]!) }
            let header = "Round \(number): \(DecisionWording.count(continuingBallots, "ballot")) in the count"
                + (exhausted == 0 ? "" : " (\(exhausted) exhausted)") + "; \(majority) needed for a majority."

            if let leader = tallies.first, leader.count >= majority {
                rounds.append(RunoffRound(
                    number: number, tallies: tallies, continuingBallots: continuingBallots, exhaustedBallots: exhausted,
                    majorityNeeded: majority, elected: leader.option, eliminated: [], eliminationReason: nil, transfers: [],
                    explanation: "\(header) \"\(leader.label)\" has \(leader.count), a majority, and wins."))
                return RunoffTally(ballots: ballots.count, blankBallots: blank, rounds: rounds, winner: leader.option, tiedAtEnd: [],
                                   explanation: winnerExplanation(leader: leader, round: number, continuing: continuingBallots,
                                                                  exhausted: exhausted, ranked: ranked.count, blank: blank))
            }

            let (out, reason) = chooseElimination(poll: poll, votes: votes, history: history, order: order)
            guard let out else {
                let names = DecisionWording.andList(tallies.map { "\"\($0.label)\"" })
                rounds.append(RunoffRound(
                    number: number, tallies: tallies, continuingBallots: continuingBallots, exhaustedBallots: exhausted,
                    majorityNeeded: majority, elected: nil, eliminated: [], eliminationReason: reason, transfers: [],
                    explanation: "\(header) \(reason)"))
                return RunoffTally(ballots: ballots.count, blankBallots: blank, rounds: rounds, winner: nil,
                                   tiedAtEnd: tallies.map(\.option),
                                   explanation: "The count ended in a tie between \(names) in round \(number): they were level on votes in every round, so the partnership needs to choose between them.")
            }

            // Where the knocked-out options' ballots go next.
            let leaving = Set(out)
            var moved: [PollOptionID?: Int] = [:]
            for ballot in ranked {
                guard let current = top(ballot), leaving.contains(current) else { continue }
                let next = ballot.first { continuing.contains($0) && !leaving.contains($0) }
                moved[next, default: 0] += 1
            }
            let transfers = order.compactMap { id in moved[id].map { RunoffTransfer(to: id, label: poll.label(id), ballots: $0) } }
                + (moved[nil].map { [RunoffTransfer(to: nil, label: "Exhausted", ballots: $0)] } ?? [])
            let movedText = transfers.isEmpty ? "no ballots move."
                : DecisionWording.andList(transfers.map { t in
                    t.to == nil ? "\(DecisionWording.count(t.ballots, "ballot")) exhausted"
                                : "\(DecisionWording.count(t.ballots, "ballot")) to \"\(t.label)\""
                }) + "."
            rounds.append(RunoffRound(
                number: number, tallies: tallies, continuingBallots: continuingBallots, exhaustedBallots: exhausted,
                majorityNeeded: majority, elected: nil, eliminated: out, eliminationReason: reason, transfers: transfers,
                explanation: "\(header) No option has a majority. \(reason) \(out.count == 1 ? "Its" : "Their") ballots move: \(movedText)"))
            continuing.subtract(out)
        }
    }

    /// The option(s) to knock out this round and why; nil (with the reason) when every option
    /// still in the count is level after every vote-based tie-break.
    private static func chooseElimination(poll: Poll, votes: [PollOptionID: Int], history: [[PollOptionID: Int]],
                                          order: [PollOptionID]) -> ([PollOptionID]?, String) {
        let quote = { (id: PollOptionID) in "\"\(poll.label(id))\"" }
        let inListOrder = { (ids: [PollOptionID]) in ids.sorted { poll.listIndex($0) < poll.listIndex($1) } }
        let fewest = votes.values.min()!
        var tied = inListOrder(votes.filter { $0.value == fewest }.map(\.key))

        if fewest == 0, tied.count < votes.count {
            let names = DecisionWording.andList(tied.map(quote))
            return (tied, tied.count == 1 ? "\(names) has no votes and is knocked out."
                                          : "\(names) have no votes and are knocked out together.")
        }
        if tied.count == 1 {
            return (tied, "\(quote(tied[0])) has the fewest votes (\(fewest)) and is knocked out.")
        }

        var reason = "\(DecisionWording.andList(tied.map(quote))) are tied on the fewest votes (\(fewest))."
        // Tie-break 1, then 2: earlier rounds' votes, first preferences first, then going back
        // from the previous round.
        let current = history.count - 1
        let earlier = current >= 1 ? [0] + Array((1..<current).reversed()) : []
        for roundIndex in earlier {
            let counts = history[roundIndex]
            let least = tied.map { counts[$0] ?? 0 }.min()!
            let narrowed = tied.filter { (counts[$0] ?? 0) == least }
            if narrowed.count < tied.count {
                let basis = roundIndex == 0 ? "first-preference votes" : "votes in round \(roundIndex + 1)"
                tied = narrowed
                if tied.count == 1 {
                    return ([tied[0]], reason + " \(quote(tied[0])) had the fewest \(basis) (\(least)) and is knocked out.")
                }
                reason += " \(DecisionWording.andList(tied.map(quote))) also had the fewest \(basis) (\(least))."
            }
        }
        if tied.count == votes.count {
            return (nil, reason + " They were level in every earlier round too, so the count ends in a tie.")
        }
        // Tie-break 3: the option listed last goes.
        let last = tied.max { poll.listIndex($0) < poll.listIndex($1) }!
        let basis = current == 0 ? "There is no earlier round to separate them" : "They were level in every earlier round"
        return ([last], reason + " \(basis), so \(quote(last)), listed last on the poll, is knocked out.")
    }

    private static func winnerExplanation(leader: PollOptionCount, round: Int, continuing: Int, exhausted: Int,
                                          ranked: Int, blank: Int) -> String {
        var text = "\"\(leader.label)\" won in round \(round) with \(leader.count) of the \(DecisionWording.count(continuing, "ballot")) still in the count."
        if exhausted > 0 {
            text += " \(DecisionWording.count(exhausted, "ballot")) ranked none of the options left by then"
            if leader.count * 2 <= ranked {
                text += ", so the winner has \(leader.count) of all \(ranked) ranked ballots: not a majority of every ballot, but a majority of those still in the count, which is what instant-runoff asks."
            } else {
                text += "."
            }
        }
        if blank > 0 {
            text += " \(DecisionWording.count(blank, "blank ballot was", "blank ballots were")) not counted in any round."
        }
        return text
    }
}
