import Foundation

/// The outcome rule for every process, as one pure function: no clock, no store, the same
/// answer for the same inputs. `Proposal.outcome(members:at:)` is the usual way in; this is the
/// rule itself, for tests and for recounting a stored decision.
///
/// Order of questions (the first that applies decides):
/// 1. withdrawn → withdrawn;
/// 2. before the deadline and not closed early → open, with what it would be if it closed now;
/// 3. no eligible member, or every eligible member recused → no quorum (no one could decide);
/// 4. consent: any objection → not passed; otherwise passed (silence is consent, no quorum);
/// 5. consensus: any block → blocked (a block stops the proposal whatever else happened);
/// 6. consensus and majority: quorum not met → no quorum;
/// 7. no one took a side (all abstained) → not passed;
/// 8. the threshold, exactly: agree of agree + disagree, or yes of yes + no. A tie passes only
///    if the threshold allows it, which valid rules never do.
public enum DecisionOutcomeRule {
    /// - Parameters:
    ///   - eligible: voting members allowed to take part in the proposal's topic, before recusals.
    ///   - recused: members who declared an interest (anyone not in `eligible` is ignored).
    ///   - positions: each member's latest position. Positions of people not eligible or recused,
    ///     and positions that do not belong to `process`, are not counted.
    ///   - deadline: when positions stop being accepted.
    ///   - closedEarlyAt: set when the proposal was closed before its deadline.
    ///   - withdrawnAt: set when the proposer withdrew it.
    public static func decide(process: DecisionProcess, rules: DecisionRules,
                              eligible: Set<UUID>, recused: Set<UUID>,
                              positions: [UUID: ProposalPosition],
                              deadline: Date, closedEarlyAt: Date? = nil, withdrawnAt: Date? = nil,
                              now: Date) -> DecisionOutcome {
        let stoodAside = recused.intersection(eligible)
        let allowed = Set(process.positions)
        let counted = positions.filter { eligible.contains($0.key) && !stoodAside.contains($0.key) && allowed.contains($0.value) }
        let couldTakePart = eligible.count - stoodAside.count
        let quorumNeeded: Int? = process.usesQuorum && rules.quorum != .none
            ? rules.quorum.needed(outOf: couldTakePart) : nil
        let counts = DecisionCounts(
            eligible: eligible.count, recused: stoodAside.count, tookPart: counted.count,
            positions: process.positions.map { p in PositionCount(position: p, count: counted.values.filter { $0 == p }.count) },
            quorumNeeded: quorumNeeded)
        let threshold: DecisionThreshold? = switch process {
        case .consensus: rules.consensusAgreement
        case .majorityVote: rules.majority
        case .consent: nil
        }

        if let withdrawnAt {
            return DecisionOutcome(
                kind: .withdrawn, process: process, counts: counts, threshold: threshold,
                explanation: "Withdrawn by the proposer at \(DecisionTime.readable(withdrawnAt)), before it closed, so no decision was made.",
                ifClosedNow: nil, decidedAt: withdrawnAt)
        }

        let verdict = settle(process: process, rules: rules, counts: counts)
        guard let closedAt = closedEarlyAt ?? (now >= deadline ? deadline : nil) else {
            let soFar = process.positions.map { "\(counts.count($0)) \($0.label.lowercased())" }.joined(separator: ", ")
            var text = "Open until \(DecisionTime.readable(deadline)). So far \(counts.tookPart) of the \(DecisionWording.count(couldTakePart, "member")) who can take part \(counts.tookPart == 1 ? "has" : "have") responded (\(soFar))."
            text += " If it closed now, \(openPhrase(verdict.kind, process: process))."
            return DecisionOutcome(kind: .open, process: process, counts: counts, threshold: threshold,
                                   explanation: text, ifClosedNow: verdict.kind, decidedAt: nil)
        }
        return DecisionOutcome(kind: verdict.kind, process: process, counts: counts, threshold: threshold,
                               explanation: verdict.explanation, ifClosedNow: nil, decidedAt: closedAt)
    }

    private static func openPhrase(_ kind: DecisionOutcomeKind, process: DecisionProcess) -> String {
        switch kind {
        case .passed: return process == .consent ? "it would pass, since no one has objected" : "it would pass"
        case .notPassed: return "it would not pass"
        case .blocked: return "it would be blocked"
        case .noQuorum: return "it would fail for lack of a quorum"
        case .open, .withdrawn: return "nothing would be decided"
        }
    }

    /// The outcome as if the proposal had closed with these counts.
    private static func settle(process: DecisionProcess, rules: DecisionRules,
                               counts: DecisionCounts) -> (kind: DecisionOutcomeKind, explanation: String) {
        let member = { (n: Int) in DecisionWording.count(n, "member") }
        if counts.eligible == 0 {
            return (.noQuorum, "No decision: no member was eligible to take part, so there was no one to decide.")
        }
        if counts.couldTakePart == 0 {
            let all = counts.eligible == 1 ? "the only eligible member" : "all \(counts.eligible) eligible members"
            return (.noQuorum, "No decision: \(all) declared an interest and stood aside, so there was no one left to decide.")
        }
        let recusedNote = counts.recused == 0 ? ""
            : " \(member(counts.recused)) declared an interest and stood aside."

        switch process {
        case .consent:
            let objections = counts.count(.object)
            if objections > 0 {
                return (.notPassed, "Not passed: \(member(objections)) objected, and under consent one reasoned objection is enough to stop a proposal until it is revised to meet it.\(recusedNote)")
            }
            let consented = counts.count(.consent)
            let silent = counts.notResponded
            let detail: String
            if silent == 0 {
                detail = counts.couldTakePart == 1 ? "the only member who could take part consented" : "all \(counts.couldTakePart) members who could take part consented"
            } else if consented == 0 {
                detail = "none of the \(member(counts.couldTakePart)) who could take part responded, and silence counts as consent"
            } else {
                detail = "\(consented) consented and \(silent) said nothing, which counts as consent"
            }
            return (.passed, "Passed by consent: no one objected; \(detail).\(recusedNote)")

        case .consensus, .majorityVote:
            let (forPosition, againstPosition) = process == .consensus
                ? (ProposalPosition.agree, ProposalPosition.disagree) : (.yes, .no)
            let inFavour = counts.count(forPosition)
            let against = counts.count(againstPosition)
            let abstained = counts.count(.abstain)
            let abstainedNote = abstained == 0 ? "" : ", with \(abstained) \(abstained == 1 ? "abstention" : "abstentions")"

            if process == .consensus, counts.count(.block) > 0 {
                let blocks = counts.count(.block)
                return (.blocked, "Blocked: \(member(blocks)) blocked the proposal, and under consensus a block stops it whatever the level of agreement (\(inFavour) agreed, \(against) disagreed, \(abstained) abstained). Revise the proposal to meet the \(blocks == 1 ? "block's reason" : "blocks' reasons") and put it again.\(recusedNote)")
            }
            if let needed = counts.quorumNeeded, counts.tookPart < needed {
                let impossible = needed > counts.couldTakePart
                    ? " (more than could take part, so the quorum could not be reached)" : ""
                return (.noQuorum, "No quorum: only \(counts.tookPart) of the \(member(counts.couldTakePart)) who could take part responded, and the quorum is \(rules.quorum.words(outOf: counts.couldTakePart))\(impossible). The proposal was not decided.\(recusedNote)")
            }
            let sides = inFavour + against
            if sides == 0 {
                let who = counts.tookPart == 1 ? "the only member who took part" : "everyone who took part"
                return (.notPassed, "Not passed: \(who) abstained, so there was no \(process == .consensus ? "agreement" : "vote for or against") to count.\(recusedNote)")
            }
            let threshold = process == .consensus ? rules.consensusAgreement : rules.majority
            let needed = threshold.smallestCount(of: sides)
            let line = "\(threshold.words) (\(needed) of \(sides))"
            if process == .consensus {
                if threshold.isMet(by: inFavour, of: sides) {
                    return (.passed, "Passed by consensus: no one blocked, and \(inFavour) of the \(member(sides)) who took a side agreed, meeting the threshold of \(line)\(abstainedNote).\(recusedNote)")
                }
                let tie = inFavour == against ? " Agreement and disagreement were tied." : ""
                return (.notPassed, "Not passed: no one blocked, but only \(inFavour) of the \(member(sides)) who took a side agreed, short of the threshold of \(line)\(abstainedNote).\(tie)\(recusedNote)")
            }
            let score = "\(inFavour) yes to \(against) no\(abstainedNote)"
            if threshold.isMet(by: inFavour, of: sides) {
                return (.passed, "Passed: \(score); it needed \(threshold.words) of the \(sides) votes cast (\(needed)).\(recusedNote)")
            }
            if inFavour == against {
                return (.notPassed, "Not passed: the vote was tied at \(score), and a tie does not pass: it needed \(threshold.words) of the \(sides) votes cast (\(needed)).\(recusedNote)")
            }
            return (.notPassed, "Not passed: \(score); it needed \(threshold.words) of the \(sides) votes cast (\(needed)).\(recusedNote)")
        }
    }
}
