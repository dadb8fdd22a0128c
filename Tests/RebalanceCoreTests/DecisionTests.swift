import Foundation
import Testing
@testable import RebalanceCore

/// Proposals: thresholds, quorum, eligibility and recusal, positions and their history, and the
/// outcome rule at each of its edges.
@Suite struct DecisionTests {
    // MARK: - Fixtures

    static let opened = Date(timeIntervalSince1970: 1_790_000_000)
    static let deadline = opened.addingTimeInterval(7 * 24 * 3600)
    static let during = opened.addingTimeInterval(3600)
    static let after = deadline.addingTimeInterval(60)

    /// Rules with a simple quorum so counts are easy to read; the defaults are tested apart.
    static func rules(consensus: DecisionThreshold = .threeQuarters, majority: DecisionThreshold = .simpleMajority,
                      quorum: DecisionQuorum = .none,
                      excluded: [ProposalTopic: Set<MembershipRole>] = [.funding: [.councillor, .councilOfficer]]) -> DecisionRules {
        try! DecisionRules(consensusAgreement: consensus, majority: majority, quorum: quorum, excludedRoles: excluded)
    }

    static func residents(_ n: Int) -> [DecisionMember] {
        (0..<n).map { _ in DecisionMember(personID: UUID(), role: .resident, votes: true) }
    }

    static func proposal(_ process: DecisionProcess, topic: ProposalTopic = .general,
                         rules: DecisionRules = rules()) -> Proposal {
        let draft = ProposalDraft(title: "Fund the summer fair", details: nil, process: process, topic: topic,
                                  deadline: deadline, revisionOf: nil)
        return Proposal.open(draft, id: UUID(), proposerID: UUID(), rules: rules, at: opened)
    }

    /// Records `positions` in order, one member each, during the open period.
    static func take(_ proposal: inout Proposal, _ positions: [ProposalPosition], members: [DecisionMember]) throws {
        for (member, position) in zip(members, positions) {
            try proposal.recordPosition(PositionInput(position, reason: position.needsReason ? "Because" : nil),
                                        by: member.personID, members: members, at: during)
        }
    }

    static func outcome(_ process: DecisionProcess, _ positions: [ProposalPosition], members: Int,
                        rules: DecisionRules = rules()) throws -> DecisionOutcome {
        var p = proposal(process, rules: rules)
        let people = residents(members)
        try take(&p, positions, members: people)
        return p.outcome(members: people, at: after)
    }

    static func failure(_ body: () throws -> Void) -> ValidationFailure? {
        do { try body() } catch let f as ValidationFailure { return f } catch { return nil }
        return nil
    }

    // MARK: - Thresholds

    @Test func thresholdsAreDecidedExactly() {
        let twoThirds = DecisionThreshold.twoThirds
        #expect(twoThirds.isMet(by: 2, of: 3))
        #expect(twoThirds.isMet(by: 4, of: 6))
        #expect(!twoThirds.isMet(by: 3, of: 5))
        #expect(!twoThirds.isMet(by: 66, of: 100))
        #expect(twoThirds.isMet(by: 67, of: 100))
        let majority = DecisionThreshold.simpleMajority
        #expect(!majority.isMet(by: 2, of: 4))
        #expect(majority.isMet(by: 3, of: 5))
        #expect(!majority.isMet(by: 0, of: 0))
        #expect(majority.smallestCount(of: 4) == 3)
        #expect(majority.smallestCount(of: 5) == 3)
        #expect(twoThirds.smallestCount(of: 6) == 4)
        #expect(twoThirds.smallestCount(of: 7) == 5)
        for total in 1...30 {
            for threshold in [majority, twoThirds, .threeQuarters, .unanimous] {
                let k = threshold.smallestCount(of: total)
                #expect(threshold.isMet(by: k, of: total))
                #expect(!threshold.isMet(by: k - 1, of: total))
            }
        }
    }

    @Test func thresholdsReadWhatPeopleWrite() {
        #expect(DecisionThreshold(parsing: "more than 1/2") == .simpleMajority)
        #expect(DecisionThreshold(parsing: "Simple majority") == .simpleMajority)
        #expect(DecisionThreshold(parsing: "at least 2/3") == .twoThirds)
        #expect(DecisionThreshold(parsing: "2/3") == .twoThirds)
        #expect(DecisionThreshold(parsing: "two-thirds") == .twoThirds)
        #expect(DecisionThreshold(parsing: "75%") == .threeQuarters)
        #expect(DecisionThreshold(parsing: "at least 66.7%")?.share == DecisionFraction(667, 1000))
        #expect(DecisionThreshold(parsing: "4/6") == .twoThirds)
        for bad in ["", "most", "3/2", "-5%", "at least 0", "more than 1/1", "1/0", "66.67%", "1/2000"] {
            #expect(DecisionThreshold(parsing: bad) == nil, "\(bad)")
        }
        #expect(DecisionThreshold.simpleMajority.words == "more than half")
        #expect(DecisionThreshold.twoThirds.words == "at least two thirds")
        #expect(DecisionThreshold(parsing: DecisionThreshold.twoThirds.description) == .twoThirds)
    }

    // MARK: - Decision rules

    @Test func defaultRulesSuitABigLocalPartnership() {
        let rules = DecisionRules.bigLocalDefault
        #expect(rules.consensusAgreement == .threeQuarters)
        #expect(rules.majority == .simpleMajority)
        #expect(rules.quorum == .share(DecisionThreshold(.atLeast, .half)!))
        #expect(rules.excludedRoles(for: .funding) == [.councillor, .councilOfficer])
        #expect(rules.excludedRoles(for: .general).isEmpty)
    }

    @Test func rulesValidateFromAForm() throws {
        let rules = try DecisionRules.validate(.init(consensusAgreement: "80%", majority: "at least 2/3", quorum: "5",
                                                     excludedRoles: ["funding": ["councillor"], "agreement": []]))
        #expect(rules.consensusAgreement == DecisionThreshold(.atLeast, DecisionFraction(4, 5)!))
        #expect(rules.majority == .twoThirds)
        #expect(rules.quorum == .members(5))
        #expect(rules.excludedRoles == [.funding: [.councillor]])
        // The input built from rules validates back to the same rules.
        #expect(try DecisionRules.validate(.init(rules)) == rules)
        #expect(try DecisionRules.validate(.init(.bigLocalDefault)) == .bigLocalDefault)
    }

    @Test func rulesReportEveryProblemByField() {
        let f = Self.failure {
            _ = try DecisionRules.validate(.init(consensusAgreement: "", majority: "at least 1/2", quorum: "lots",
                                                 excludedRoles: ["funding": ["mayor"]]))
        }
        #expect(f?.message(for: "consensusAgreement") == "Enter the share of positions that must agree, like more than 1/2 or at least 3/4")
        #expect(f?.message(for: "majority") == "Majority must be more than half or higher, like more than 1/2 or at least 2/3 (at least half would let a tie pass)")
        #expect(f?.message(for: "quorum") == "Quorum must be a number of members like 5, a share like 1/2 or 50%, or none")
        #expect(f?.message(for: "excludedRoles")?.hasPrefix("Role must be one of: resident, chair, councillor") == true)
        #expect(f?.errors.count == 4)
    }

    @Test func residentsCannotBeExcluded() {
        let f = Self.failure {
            _ = try DecisionRules.validate(.init(consensusAgreement: "3/4", majority: "more than 1/2", quorum: "none",
                                                 excludedRoles: ["funding": ["resident", "councillor"]]))
        }
        #expect(f?.message(for: "excludedRoles") == "Residents cannot be excluded from funding proposals: the partnership is resident-led")
        #expect(Self.failure { _ = try DecisionRules(consensusAgreement: .threeQuarters, majority: .simpleMajority,
                                                     quorum: .members(0)) }?.message(for: "quorum") != nil)
    }

    @Test func rulesRoundTripThroughStorageAndRefuseDamagedCopies() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(DecisionRules.bigLocalDefault)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""excludedRoles":{"funding":["councillor","council_officer"]}"#))
        #expect(json.contains(#""majority":{"comparison":"more_than","denominator":2,"numerator":1}"#))
        #expect(try JSONDecoder().decode(DecisionRules.self, from: data) == .bigLocalDefault)
        // Encoding twice gives the same bytes, so a stored agreement only changes when its rules do.
        #expect(try encoder.encode(DecisionRules.bigLocalDefault) == data)

        let tampered = json.replacingOccurrences(of: #""comparison":"more_than","denominator":2,"numerator":1"#,
                                                 with: #""comparison":"at_least","denominator":3,"numerator":1"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DecisionRules.self, from: Data(tampered.utf8)) }
        let excludingResidents = json.replacingOccurrences(of: #"["councillor","council_officer"]"#, with: #"["resident"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DecisionRules.self, from: Data(excludingResidents.utf8)) }
    }

    @Test func quorumReadsMembersSharesOrNone() {
        #expect(DecisionQuorum(parsing: "none") == DecisionQuorum.none)
        #expect(DecisionQuorum(parsing: "") == DecisionQuorum.none)
        #expect(DecisionQuorum(parsing: "6") == .members(6))
        #expect(DecisionQuorum(parsing: "50%") == .share(DecisionThreshold(.atLeast, .half)!))
        #expect(DecisionQuorum(parsing: "0") == nil)
        #expect(DecisionQuorum.share(.simpleMajority).needed(outOf: 8) == 5)
        #expect(DecisionQuorum.share(DecisionThreshold(.atLeast, .half)!).needed(outOf: 8) == 4)
        #expect(DecisionQuorum.share(DecisionThreshold(.atLeast, .half)!).needed(outOf: 9) == 5)
    }

    // MARK: - Consensus

    @Test func consensusPassesExactlyAtTheThreshold() throws {
        // 3 agree of 4 taking a side is exactly three quarters; 2 abstentions stand aside.
        let o = try Self.outcome(.consensus, [.agree, .agree, .agree, .disagree, .abstain, .abstain], members: 6)
        #expect(o.kind == .passed)
        #expect(o.counts.count(.agree) == 3)
        #expect(o.counts.count(.abstain) == 2)
        #expect(o.counts.tookPart == 6)
        #expect(o.explanation == "Passed by consensus: no one blocked, and 3 of the 4 members who took a side agreed, meeting the threshold of at least three quarters (3 of 4), with 2 abstentions.")
        #expect(o.decidedAt == Self.deadline)
    }

    @Test func consensusJustUnderTheThresholdDoesNotPass() throws {
        // 5 of 7 is about 71%, under three quarters.
        let o = try Self.outcome(.consensus, [.agree, .agree, .agree, .agree, .agree, .disagree, .disagree], members: 7)
        #expect(o.kind == .notPassed)
        #expect(o.explanation == "Not passed: no one blocked, but only 5 of the 7 members who took a side agreed, short of the threshold of at least three quarters (6 of 7).")
    }

    @Test func oneBlockStopsConsensusWhateverTheAgreement() throws {
        let o = try Self.outcome(.consensus, [.agree, .agree, .agree, .agree, .agree, .block], members: 6)
        #expect(o.kind == .blocked)
        #expect(o.counts.count(.block) == 1)
        #expect(o.explanation.hasPrefix("Blocked: 1 member blocked the proposal"))
    }

    @Test func consensusTieAndAllAbstainingDoNotPass() throws {
        let tied = try Self.outcome(.consensus, [.agree, .agree, .disagree, .disagree], members: 4,
                                    rules: Self.rules(consensus: .simpleMajority))
        #expect(tied.kind == .notPassed)
        #expect(tied.explanation.contains("Agreement and disagreement were tied."))
        let abstained = try Self.outcome(.consensus, [.abstain, .abstain], members: 3)
        #expect(abstained.kind == .notPassed)
        #expect(abstained.explanation == "Not passed: everyone who took part abstained, so there was no agreement to count.")
    }

    @Test func blockAndDisagreementNeedAReason() throws {
        var p = Self.proposal(.consensus)
        let people = Self.residents(3)
        let block = Self.failure { try p.recordPosition(PositionInput(.block), by: people[0].personID, members: people, at: Self.during) }
        #expect(block?.message(for: "reason") == "Give a reason for blocking, so the proposal can be revised to meet it")
        let disagree = Self.failure { try p.recordPosition(PositionInput(.disagree, reason: "   "), by: people[0].personID, members: people, at: Self.during) }
        #expect(disagree?.message(for: "reason") == "Give a reason for disagreeing, so others can understand and respond")
        #expect(p.positions.isEmpty)
        #expect(try p.recordPosition(PositionInput(.agree), by: people[0].personID, members: people, at: Self.during) == .recorded)
    }

    @Test func positionsMustBelongToTheProcess() {
        var p = Self.proposal(.majorityVote)
        let people = Self.residents(2)
        let f = Self.failure { try p.recordPosition(PositionInput(.block, reason: "No"), by: people[0].personID, members: people, at: Self.during) }
        #expect(f?.message(for: "position") == "Position must be yes, no or abstain for a majority vote proposal")
        let blank = Self.failure { try p.recordPosition(PositionInput(), by: people[0].personID, members: people, at: Self.during) }
        #expect(blank?.message(for: "position") == "Choose yes, no or abstain")
    }

    // MARK: - Consent

    @Test func consentPassesOnSilence() throws {
        let o = try Self.outcome(.consent, [.consent], members: 5,
                                 rules: Self.rules(quorum: .members(5)))
        #expect(o.kind == .passed)
        #expect(o.counts.quorumNeeded == nil)
        #expect(o.counts.notResponded == 4)
        #expect(o.explanation == "Passed by consent: no one objected; 1 consented and 4 said nothing, which counts as consent.")
        let silent = try Self.outcome(.consent, [], members: 3)
        #expect(silent.kind == .passed)
    }

    @Test func oneReasonedObjectionStopsConsent() throws {
        let o = try Self.outcome(.consent, [.consent, .consent, .consent, .object], members: 8)
        #expect(o.kind == .notPassed)
        #expect(o.explanation.hasPrefix("Not passed: 1 member objected"))
        var p = Self.proposal(.consent)
        let people = Self.residents(2)
        let f = Self.failure { try p.recordPosition(PositionInput(.object), by: people[0].personID, members: people, at: Self.during) }
        #expect(f?.message(for: "reason") == "Give a reason for objecting, so the proposal can be revised to meet it")
    }

    // MARK: - Majority vote

    @Test func simpleMajorityTieDoesNotPass() throws {
        let o = try Self.outcome(.majorityVote, [.yes, .yes, .no, .no, .abstain], members: 5)
        #expect(o.kind == .notPassed)
        #expect(o.explanation == "Not passed: the vote was tied at 2 yes to 2 no, with 1 abstention, and a tie does not pass: it needed more than half of the 4 votes cast (3).")
        let won = try Self.outcome(.majorityVote, [.yes, .yes, .yes, .no, .no], members: 5)
        #expect(won.kind == .passed)
        #expect(won.explanation == "Passed: 3 yes to 2 no; it needed more than half of the 5 votes cast (3).")
    }

    @Test func twoThirdsAtAndJustUnder() throws {
        let rules = Self.rules(majority: .twoThirds)
        #expect(try Self.outcome(.majorityVote, [.yes, .yes, .yes, .yes, .no, .no], members: 6, rules: rules).kind == .passed)
        #expect(try Self.outcome(.majorityVote, [.yes, .yes, .yes, .no, .no], members: 5, rules: rules).kind == .notPassed)
    }

    @Test func abstentionsAreNotVotesCastButCountTowardsQuorum() throws {
        // 10 could take part; at least half (5) must. 1 yes and 4 abstentions: quorum met, and
        // 1 of 1 vote cast is yes.
        let rules = Self.rules(quorum: .share(DecisionThreshold(.atLeast, .half)!))
        let o = try Self.outcome(.majorityVote, [.yes, .abstain, .abstain, .abstain, .abstain], members: 10, rules: rules)
        #expect(o.counts.quorumNeeded == 5)
        #expect(o.counts.quorumMet == true)
        #expect(o.kind == .passed)
        let allAbstain = try Self.outcome(.majorityVote, [.abstain, .abstain, .abstain, .abstain, .abstain], members: 10, rules: rules)
        #expect(allAbstain.kind == .notPassed)
    }

    @Test func quorumMetExactlyAndMissedByOne() throws {
        let rules = Self.rules(quorum: .share(DecisionThreshold(.atLeast, .half)!))
        let met = try Self.outcome(.majorityVote, [.yes, .yes, .yes, .no], members: 8, rules: rules)
        #expect(met.kind == .passed)
        #expect(met.counts.quorumNeeded == 4)
        let missed = try Self.outcome(.majorityVote, [.yes, .yes, .yes], members: 8, rules: rules)
        #expect(missed.kind == .noQuorum)
        #expect(missed.counts.quorumMet == false)
        #expect(missed.explanation == "No quorum: only 3 of the 8 members who could take part responded, and the quorum is 4 (at least half). The proposal was not decided.")
        // Consensus is held to the quorum too.
        let consensus = try Self.outcome(.consensus, [.agree, .agree, .agree], members: 8, rules: rules)
        #expect(consensus.kind == .noQuorum)
    }

    @Test func aFixedQuorumLargerThanTheElectorateCannotBeMet() throws {
        let o = try Self.outcome(.majorityVote, [.yes, .yes, .yes], members: 3, rules: Self.rules(quorum: .members(5)))
        #expect(o.kind == .noQuorum)
        #expect(o.explanation.contains("more than could take part, so the quorum could not be reached"))
    }

    // MARK: - Eligibility and recusal

    @Test func councillorsStepOutOfFundingDecisions() throws {
        let councillor = DecisionMember(personID: UUID(), role: .councillor, votes: true)
        let people = Self.residents(3) + [councillor]
        let funding = Self.proposal(.majorityVote, topic: .funding)
        let refusal = funding.mayRecordPosition(councillor.personID, members: people, at: Self.during)
        #expect(refusal == .refused(.roleExcluded(.councillor, .funding)))
        #expect(refusal.message == "Councillors do not take part in funding proposals under this partnership's decision rules; you can still comment on the proposal")
        #expect(funding.electorate(members: people).eligible.count == 3)
        let general = Self.proposal(.majorityVote, topic: .general)
        #expect(general.mayRecordPosition(councillor.personID, members: people, at: Self.during) == .allowed)
    }

    @Test func anyExcludedRoleExcludesAndMembershipsMerge() {
        let id = UUID()
        // A councillor who also holds a resident seat is still an elected member.
        let people = [DecisionMember(personID: id, role: .resident, votes: true),
                      DecisionMember(personID: id, role: .councillor, votes: false)]
        let electorate = DecisionElectorate(members: people, topic: .funding, rules: Self.rules(), recusals: [])
        #expect(electorate.standing(of: id) == .roleExcluded(.councillor))
        #expect(electorate.eligible.isEmpty)
        let general = DecisionElectorate(members: people, topic: .general, rules: Self.rules(), recusals: [])
        #expect(general.standing(of: id) == .eligible)
    }

    @Test func onlyVotingMembersMayTakeAPosition() {
        let rep = DecisionMember(personID: UUID(), role: .rep, votes: false)
        let people = Self.residents(2) + [rep]
        var p = Self.proposal(.consensus)
        #expect(p.mayRecordPosition(rep.personID, members: people, at: Self.during) == .refused(.noVotingRight))
        #expect(p.mayRecordPosition(UUID(), members: people, at: Self.during) == .refused(.notAMember))
        let f = Self.failure { try p.recordPosition(PositionInput(.agree), by: rep.personID, members: people, at: Self.during) }
        #expect(f?.message(for: "position") == "Only members with a vote can take a position; you can still comment on the proposal")
    }

    @Test func aRecusedMembersPositionIsNotCountedAndCannotBeRecorded() throws {
        var p = Self.proposal(.majorityVote, rules: Self.rules(quorum: .share(DecisionThreshold(.atLeast, .half)!)))
        let people = Self.residents(5)
        try Self.take(&p, [.yes, .no, .no], members: people)
        #expect(p.outcome(members: people, at: Self.after).kind == .notPassed)
        // The first "no" runs the group asking for the money and steps aside.
        try p.recuse(people[1].personID, interest: "I chair the youth club that applied", members: people, at: Self.during)
        #expect(p.mayRecordPosition(people[1].personID, members: people, at: Self.during) == .refused(.recused))
        let f = Self.failure { try p.recordPosition(PositionInput(.yes), by: people[1].personID, members: people, at: Self.during) }
        #expect(f?.message(for: "position") == "You declared an interest in this proposal, so you cannot take a position on it")
        let o = p.outcome(members: people, at: Self.after)
        #expect(o.counts.recused == 1)
        #expect(o.counts.couldTakePart == 4)
        #expect(o.counts.tookPart == 2)
        #expect(o.counts.quorumNeeded == 2)
        #expect(o.kind == .notPassed)   // 1 yes to 1 no: tied
        #expect(o.explanation.hasSuffix("1 member declared an interest and stood aside."))
        // The record still shows what they said before stepping aside, and why they did.
        #expect(p.positions[people[1].personID]?.current == ProposalPosition.no)
        #expect(p.recusals[people[1].personID]?.interest == "I chair the youth club that applied")
    }

    @Test func recusalNeedsADeclaredInterestAndHappensOnce() throws {
        var p = Self.proposal(.consensus)
        let people = Self.residents(2)
        let f = Self.failure { try p.recuse(people[0].personID, interest: "  ", members: people, at: Self.during) }
        #expect(f?.message(for: "interest") == "Enter the interest you are declaring")
        try p.recuse(people[0].personID, interest: "My sister runs the café", members: people, at: Self.during)
        let again = Self.failure { try p.recuse(people[0].personID, interest: "Again", members: people, at: Self.during) }
        #expect(again?.message(for: "interest")?.hasPrefix("You already declared an interest at ") == true)
        let late = Self.failure { try p.recuse(people[1].personID, interest: "Late", members: people, at: Self.after) }
        #expect(late?.message(for: "interest")?.hasSuffix("so interests can no longer be declared on it") == true)
    }

    @Test func everyoneRecusedOrNoOneEligibleDecidesNothing() throws {
        var p = Self.proposal(.consent)
        let people = Self.residents(2)
        for person in people {
            try p.recuse(person.personID, interest: "We both run the bid", members: people, at: Self.during)
        }
        let o = p.outcome(members: people, at: Self.after)
        #expect(o.kind == .noQuorum)
        #expect(o.explanation == "No decision: all 2 eligible members declared an interest and stood aside, so there was no one left to decide.")

        let councillors = [DecisionMember(personID: UUID(), role: .councillor, votes: true)]
        let funding = Self.proposal(.consent, topic: .funding)
        let none = funding.outcome(members: councillors, at: Self.after)
        #expect(none.kind == .noQuorum)
        #expect(none.counts.eligible == 0)
        #expect(none.explanation == "No decision: no member was eligible to take part, so there was no one to decide.")
        #expect(funding.outcome(members: [], at: Self.after).kind == .noQuorum)
    }

    // MARK: - Changing positions, deadlines, withdrawal

    @Test func theLastPositionCountsAndTheHistoryIsKept() throws {
        var p = Self.proposal(.consensus)
        let people = Self.residents(4)
        let me = people[0].personID
        #expect(try p.recordPosition(PositionInput(.block, reason: "The budget has no contingency"), by: me, members: people, at: Self.during) == .recorded)
        for other in people.dropFirst() {
            try p.recordPosition(PositionInput(.agree), by: other.personID, members: people, at: Self.during)
        }
        #expect(p.outcome(members: people, at: Self.after).kind == .blocked)
        let later = Self.during.addingTimeInterval(600)
        #expect(try p.recordPosition(PositionInput(.agree, reason: "Contingency added"), by: me, members: people, at: later) == .changed)
        // A form submitted twice records one change.
        #expect(try p.recordPosition(PositionInput(.agree, reason: "Contingency added"), by: me, members: people, at: later) == .unchanged)
        let history = try #require(p.positions[me])
        #expect(history.changes.count == 2)
        #expect(history.changes[0] == PositionChange(at: Self.during, from: nil, to: .block, reason: "The budget has no contingency"))
        #expect(history.changes[1] == PositionChange(at: later, from: .block, to: .agree, reason: "Contingency added"))
        #expect(p.outcome(members: people, at: Self.after).kind == .passed)
    }

    @Test func positionsCloseAtTheDeadlineExactly() {
        var p = Self.proposal(.consensus)
        let people = Self.residents(2)
        #expect(p.mayRecordPosition(people[0].personID, members: people, at: Self.deadline.addingTimeInterval(-1)) == .allowed)
        #expect(p.mayRecordPosition(people[0].personID, members: people, at: Self.deadline) == .refused(.deadlinePassed(deadline: Self.deadline)))
        let f = Self.failure { try p.recordPosition(PositionInput(.agree), by: people[0].personID, members: people, at: Self.after) }
        #expect(f?.message(for: "position")?.hasPrefix("The deadline for this proposal passed at ") == true)
        #expect(f?.message(for: "position")?.hasSuffix(", so positions can no longer be taken or changed") == true)
        #expect(p.state(at: Self.deadline) == .closed)
        #expect(p.state(at: Self.during) == .open)
    }

    @Test func aWithdrawnProposalDecidesNothing() throws {
        var p = Self.proposal(.majorityVote)
        let people = Self.residents(3)
        try Self.take(&p, [.yes, .yes], members: people)
        try p.withdraw(by: p.proposerID, reason: "Superseded by the council's offer", at: Self.during)
        #expect(p.state(at: Self.during) == .withdrawn)
        let o = p.outcome(members: people, at: Self.after)
        #expect(o.kind == .withdrawn)
        #expect(o.decidedAt == Self.during)
        #expect(o.explanation.hasPrefix("Withdrawn by the proposer at "))
        #expect(p.mayRecordPosition(people[2].personID, members: people, at: Self.during) == .refused(.withdrawn(at: Self.during)))
        #expect(Self.failure { try p.withdraw(by: p.proposerID, reason: nil, at: Self.during) }?.message(for: "proposal") != nil)
        var late = Self.proposal(.consent)
        #expect(Self.failure { try late.withdraw(by: late.proposerID, reason: nil, at: Self.after) }?
            .message(for: "proposal")?.hasSuffix("so it can no longer be withdrawn") == true)
    }

    @Test func anOpenProposalSaysWhereItStands() throws {
        var p = Self.proposal(.consensus)
        let people = Self.residents(4)
        try Self.take(&p, [.agree, .block], members: people)
        let o = p.outcome(members: people, at: Self.during)
        #expect(o.kind == .open)
        #expect(o.ifClosedNow == .blocked)
        #expect(o.decidedAt == nil)
        #expect(o.explanation.hasPrefix("Open until "))
        #expect(o.explanation.contains("So far 2 of the 4 members who can take part have responded (1 agree, 0 abstain, 0 disagree, 1 block)."))
        #expect(o.explanation.hasSuffix("If it closed now, it would be blocked."))
    }

    @Test func closingEarlyWaitsForEveryone() throws {
        var p = Self.proposal(.consent)
        let people = Self.residents(3)
        try Self.take(&p, [.consent, .consent], members: people)
        #expect(p.notYetResponded(members: people) == [people[2].personID])
        let f = Self.failure { try p.closeEarly(members: people, at: Self.during) }
        #expect(f?.message(for: "proposal") == "The proposal can close early only when everyone who can take part has done so: 1 of 3 has not yet")
        try Self.take(&p, [.consent, .consent, .consent], members: people)
        try p.closeEarly(members: people, at: Self.during)
        let o = p.outcome(members: people, at: Self.during)
        #expect(o.kind == .passed)
        #expect(o.decidedAt == Self.during)
        #expect(p.mayRecordPosition(people[0].personID, members: people, at: Self.during) == .refused(.closedEarly(at: Self.during)))
    }

    // MARK: - The pure rule

    @Test func theRuleCountsOnlyEligibleNonRecusedPositionsOfTheProcess() {
        let a = UUID(), b = UUID(), c = UUID(), outsider = UUID()
        let o = DecisionOutcomeRule.decide(
            process: .majorityVote, rules: Self.rules(),
            eligible: [a, b, c], recused: [c, outsider],
            positions: [a: .yes, b: .block, c: .no, outsider: .no],
            deadline: Self.deadline, now: Self.after)
        #expect(o.counts.eligible == 3)
        #expect(o.counts.recused == 1)
        #expect(o.counts.tookPart == 1)
        #expect(o.counts.count(.yes) == 1)
        #expect(o.counts.count(.no) == 0)
        #expect(o.kind == .passed)
    }

    @Test func theRuleIsPureAndOrderFree() {
        let ids = (0..<9).map { _ in UUID() }
        let positions: [ProposalPosition] = [.agree, .agree, .disagree, .abstain, .agree, .agree, .agree, .agree, .agree]
        let all = Dictionary(uniqueKeysWithValues: zip(ids, positions))
        let first = DecisionOutcomeRule.decide(process: .consensus, rules: .bigLocalDefault, eligible: Set(ids), recused: [],
                                               positions: all, deadline: Self.deadline, now: Self.after)
        let again = DecisionOutcomeRule.decide(process: .consensus, rules: .bigLocalDefault, eligible: Set(ids.reversed()), recused: [],
                                               positions: all, deadline: Self.deadline, now: Self.after)
        #expect(first == again)
        #expect(first.kind == .passed)
    }

    // MARK: - Drafts, histories, the decision log

    @Test func proposalDraftsAreChecked() throws {
        let now = Self.opened
        let f = Self.failure { _ = try ProposalDraft.validate(.init(title: " ", process: "vote", topic: "money", deadline: "2020-01-01T10:00"), now: now) }
        #expect(f?.message(for: "title") == "Enter a title for the proposal")
        #expect(f?.message(for: "process") == "Process must be one of: consensus, consent, majority_vote")
        #expect(f?.message(for: "topic") == "Topic must be one of: general, funding, membership, agreement")
        #expect(f?.message(for: "deadline") == "Deadline must be in the future")
        let bad = Self.failure { _ = try ProposalDraft.validate(.init(title: "X", process: "consent", deadline: "next week"), now: now) }
        #expect(bad?.message(for: "deadline") == "Deadline must be a real date and time, written like 2026-03-27T18:00")
        // A datetime-local value is UK time: 18:00 in July is 17:00 UTC.
        let draft = try ProposalDraft.validate(.init(title: "Summer fair", process: "consensus", topic: "funding",
                                                     deadline: "2026-07-01T18:00"), now: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(draft.deadline == ISO8601DateFormatter().date(from: "2026-07-01T17:00:00Z"))
        #expect(draft.topic == .funding)
        #expect(DecisionTime.readable(draft.deadline) == "18:00 on 1 July 2026")
    }

    @Test func storedHistoriesMustFormOneChain() throws {
        let t = Self.during
        let id = UUID()
        #expect(PositionHistory(personID: id, changes: []) == nil)
        #expect(PositionHistory(personID: id, changes: [PositionChange(at: t, from: .agree, to: .block, reason: "x")]) == nil)
        #expect(PositionHistory(personID: id, changes: [PositionChange(at: t, from: nil, to: .agree, reason: nil),
                                                       PositionChange(at: t, from: .disagree, to: .block, reason: "x")]) == nil)
        let good = try #require(PositionHistory(personID: id, changes: [PositionChange(at: t, from: nil, to: .agree, reason: nil),
                                                                       PositionChange(at: t.addingTimeInterval(5), from: .agree, to: .block, reason: "x")]))
        let data = try JSONEncoder().encode(good)
        #expect(try JSONDecoder().decode(PositionHistory.self, from: data) == good)
    }

    @Test func closedProposalsEnterTheDecisionLog() throws {
        var blocked = Self.proposal(.consensus, topic: .funding)
        let people = Self.residents(3)
        try Self.take(&blocked, [.agree, .block], members: people)
        #expect(DecisionLogEntry(proposal: blocked, outcome: blocked.outcome(members: people, at: Self.during)) == nil)
        let entry = try #require(DecisionLogEntry(proposal: blocked, outcome: blocked.outcome(members: people, at: Self.after),
                                                  statement: "We will revise the budget and bring it back."))
        #expect(entry.result == .blocked)
        #expect(entry.method == "Consensus")
        #expect(entry.title == "Fund the summer fair")
        #expect(entry.decidedAt == Self.deadline)
        #expect(entry.counts?.count(.block) == 1)

        let revisedDraft = try ProposalDraft.validate(.init(title: "Fund the summer fair (revised)", process: "consensus",
                                                            topic: "funding", deadline: "2027-01-01T12:00",
                                                            revisionOf: blocked.id.uuidString),
                                                      now: Self.opened, proposalExists: { $0 == blocked.id })
        #expect(revisedDraft.revisionOf == blocked.id)
        #expect(Self.failure { _ = try DecisionLogEntry.validateStatement("") }?.message(for: "statement") == "Enter the outcome statement")
    }

    @Test func proposalsRoundTripThroughJSON() throws {
        var p = Self.proposal(.consensus, topic: .funding)
        let people = Self.residents(3)
        try Self.take(&p, [.agree, .block], members: people)
        try p.recuse(people[2].personID, interest: "Treasurer of the applicant", members: people, at: Self.during)
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(Proposal.self, from: data) == p)
    }

    @Test func outcomesEncodeForTheWebLayer() throws {
        let o = try Self.outcome(.majorityVote, [.yes, .yes, .no], members: 4)
        let data = try JSONEncoder().encode(o)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""kind":"passed""#))
        #expect(json.contains(#""couldTakePart":4"#))
        #expect(try JSONDecoder().decode(DecisionOutcome.self, from: data) == o)
    }
}
