import Foundation
import Testing
@testable import Budgeting

/// The shortcuts taken for speed must give what the plain way gives.
@Suite struct FastPathTests {
    func file(voterIDs: [String]) -> String {
        var text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;40\nB;60\n"
        text += "VOTES\nvoter_id;vote;district\n"
        for (i, id) in voterIDs.enumerated() { text += "\(id);\(i % 2 == 0 ? "A" : "A,B");d\(i)\n" }
        return text
    }

    /// While ids rise as plain numbers no table is kept; a repeat must still be caught after the
    /// pattern breaks, whichever earlier id it repeats.
    @Test func repeatedVoterIDsAreCaughtWhetherOrNotTheyRise() {
        #expect((try? PabulibParser.parse(string: file(voterIDs: ["1", "2", "10", "11"]))) != nil)
        #expect(parseFailure(file(voterIDs: ["1", "2", "10", "10"]))?.message.contains("appears twice") == true)
        #expect(parseFailure(file(voterIDs: ["1", "2", "10", "3", "2"]))?.message.contains("'2' appears twice") == true)
        #expect(parseFailure(file(voterIDs: ["5", "x", "7", "x"]))?.message.contains("'x' appears twice") == true)
        // "01" and "1" are different texts, as pabutools sees them.
        #expect((try? PabulibParser.parse(string: file(voterIDs: ["1", "01", "001", "2"]))) != nil)
        // Many ids, so the table has to grow after the pattern breaks.
        let many = (0..<5000).map { String($0) } + ["a"] + (0..<3000).map { "b\($0)" }
        #expect((try? PabulibParser.parse(string: file(voterIDs: many))) != nil)
        #expect(parseFailure(file(voterIDs: many + ["4321"]))?.message.contains("'4321' appears twice") == true)
        #expect(parseFailure(file(voterIDs: many + ["b2999"]))?.message.contains("'b2999' appears twice") == true)
    }

    @Test func extraVoteColumnsAreKeptPerVoter() throws {
        let ids = (0..<300).map { String(1000 - $0) }
        let election = try PabulibParser.parse(string: file(voterIDs: ids))
        #expect(election.voterCount == 300)
        #expect(election.voteField("district", voter: 0) == "d0")
        #expect(election.voteField("district", voter: 299) == "d299")
        #expect(election.voteField("nothing", voter: 0) == nil)
        // A refused ballot leaves nothing behind: the next one is stored as if it never came.
        var built = try Election(voteType: .approval, budget: Amount(10), projects: [Project(id: "A", cost: Amount(5))],
                                 rules: BallotRules(maxLength: 1), voteColumns: ["age"])
        try built.addBallot(voterID: "1", projects: ["A"], fields: ["age": "30"])
        #expect(throws: PabulibError.self) { try built.addBallot(voterID: "2", projects: ["A", "A", "B"]) }
        #expect(throws: PabulibError.self) { try built.addBallot(voterID: "1", projects: ["A"]) }
        try built.addBallot(voterID: "2", projects: ["A"], fields: ["age": "41"])
        #expect(built.voterCount == 2)
        #expect(built.voteField("age", voter: 1) == "41")
    }

    /// Counting several increments side by side gives each run's own outcome, in order.
    @Test func incrementsCountedTogetherMatchOneByOne() throws {
        var random = SplitMix(seed: 77)
        for round in 0..<30 {
            let text = randomElection(&random, index: round * 3)
            let election = try PabulibParser.parse(string: text)
            let engine = EqualSharesEngine(profile: try SatisfactionProfile(election: election, kind: .cost))
            let together = SpeculativeRuns.outcomes(engine, increments: 0..<5)
            let alone = (0..<5).map { engine.run(increment: $0).selected }
            #expect(together == alone, "\(text)")
        }
    }

    /// The estimate started from a lower bound decides nothing by itself: the fast engine and
    /// the exact-only one agree on elections whose prices tie and whose amounts are huge.
    @Test func fastAndExactEnginesAgreeOnTiesAndHugeAmounts() throws {
        let huge = "META\nkey;value\nbudget;9000000000000000\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            + "a;3000000000000001\nb;3000000000000001\nc;2999999999999999\nd;7\n"
            + "VOTES\nvoter_id;vote\n1;a,b\n2;a,c\n3;b,c\n4;d\n5;a,b,c,d\n6;c\n7;a\n"
        for kind in [SatisfactionKind.cost, .cardinality] {
            for rule in [Rule.equalShares, .greedy] {
                let election = try PabulibParser.parse(string: huge)
                let fast = try Counting.count(election, rule: rule, satisfaction: kind, options: CountingOptions(explain: false))
                let exact = try Counting.count(election, rule: rule, satisfaction: kind,
                                               options: CountingOptions(explain: false, exactOnly: true))
                #expect(fast.selected == exact.selected, "\(rule) \(kind)")
            }
        }
    }
}
