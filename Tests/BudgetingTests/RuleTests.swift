import Foundation
import Testing
@testable import Budgeting

func ids(_ outcome: Outcome) -> Set<String> { Set(outcome.selected) }

func count(_ text: String, _ rule: Rule, _ kind: SatisfactionKind, exact: Bool = false) throws -> Set<String> {
    let election = try PabulibParser.parse(string: text)
    return ids(try Counting.count(election, rule: rule, satisfaction: kind, options: CountingOptions(exactOnly: exact)))
}

/// Hand-made elections; expected outcomes come from pabutools 1.2.3 (checked by hand too).
enum HandMade {
    /// Two projects tie exactly under every rule; "10" comes before "2" in Python's string order.
    static let tie = """
    META
    key;value
    budget;100
    vote_type;approval
    PROJECTS
    project_id;cost
    2;60
    10;60
    VOTES
    voter_id;vote
    a;2,10
    b;10,2

    """

    static let small = #"""
    META
    key;value
    budget;1000
    vote_type;approval
    PROJECTS
    project_id;cost;name
    A;300;"Park; with ""quotes"""
    B;200;Bench
    C;450;Library
    D;120;Lights
    E;0;Free mural
    VOTES
    voter_id;vote
    1;A,B
    2;A,C
    3;A,C,D
    4;C
    5;B,D,E
    6;C,D

    """#

    static let cumulative = """
    META
    key;value
    budget;100
    vote_type;cumulative
    max_sum_points;5
    PROJECTS
    project_id;cost
    p1;40
    p2;50
    p3;30
    p4;60
    VOTES
    voter_id;vote;points
    v1;p1,p2;3,2
    v2;p2;5
    v3;p3,p4,p1;1,1,3
    v4;p4;5
    v5;p1,p3;2,3

    """

    static let ordinal = """
    META
    key;value
    budget;90
    vote_type;ordinal
    PROJECTS
    project_id;cost
    x;40
    y;30
    z;50
    w;20
    VOTES
    voter_id;vote
    1;x,y,z
    2;y,x
    3;z,w,x,y
    4;w,z
    5;x,z,w

    """
}

@Suite struct RuleTests {
    @Test func lexicographicTieBreaking() throws {
        for exact in [false, true] {
            #expect(try count(HandMade.tie, .greedy, .cost, exact: exact) == ["10"])
            #expect(try count(HandMade.tie, .equalShares, .cost, exact: exact) == ["10"])
            #expect(try count(HandMade.tie, .equalShares, .cardinality, exact: exact) == ["10"])
            #expect(try count(HandMade.tie, .equalSharesCompleted, .cost, exact: exact) == ["10"])
        }
    }

    @Test func approvalElection() throws {
        #expect(try count(HandMade.small, .greedy, .cost) == ["A", "C", "D", "E"])
        #expect(try count(HandMade.small, .equalShares, .cost) == ["B", "C", "D"])
        #expect(try count(HandMade.small, .equalSharesCompleted, .cost) == ["B", "C", "D", "E"])
        #expect(try count(HandMade.small, .greedy, .cardinality) == ["A", "B", "D", "E"])
        #expect(try count(HandMade.small, .equalShares, .cardinality) == ["A", "D", "E"])
        #expect(try count(HandMade.small, .equalSharesCompleted, .cardinality) == ["A", "B", "D", "E"])
    }

    @Test func cumulativeElection() throws {
        #expect(try count(HandMade.cumulative, .greedy, .points) == ["p1", "p2"])
        #expect(try count(HandMade.cumulative, .equalShares, .points) == ["p1"])
        #expect(try count(HandMade.cumulative, .equalSharesCompleted, .points) == ["p1", "p3"])
        #expect(try count(HandMade.cumulative, .greedy, .cardinality) == ["p1", "p3"])
        #expect(try count(HandMade.cumulative, .equalSharesCompleted, .cost) == ["p1", "p3"])
    }

    @Test func ordinalElection() throws {
        #expect(try count(HandMade.ordinal, .greedy, .borda) == ["w", "x", "y"])
        #expect(try count(HandMade.ordinal, .equalShares, .borda) == ["w", "x"])
        #expect(try count(HandMade.ordinal, .equalSharesCompleted, .borda) == ["w", "x", "y"])
        #expect(try count(HandMade.ordinal, .equalShares, .cost) == ["w", "x"])
        #expect(try count(HandMade.ordinal, .greedy, .cost) == ["x", "z"])
    }

    @Test func satisfactionMustFitTheBallots() throws {
        let election = try PabulibParser.parse(string: HandMade.small)
        #expect(throws: CountingError.self) { try Counting.count(election, rule: .greedy, satisfaction: .borda) }
        #expect(throws: CountingError.self) { try Counting.count(election, rule: .equalShares, satisfaction: .points) }
    }

    @Test func explanationsSayWhoPaidAndWhatWasLost() throws {
        let election = try PabulibParser.parse(string: HandMade.small)
        let outcome = try Counting.count(election, rule: .equalShares, satisfaction: .cost,
                                         options: CountingOptions(voterPayments: true))
        // Budget 1000 over 6 voters: C (450) has 4 supporters at 112.50 each.
        let c = try #require(outcome.projects.first { $0.id == "C" })
        #expect(c.selected)
        #expect(c.payment?.round == 1)
        #expect(c.payment?.payers == 4)
        #expect(abs((c.payment?.pricePerSupporter ?? 0) - 112.5) < 1e-9)
        #expect(c.voterPayments?.count == 4)
        let a = try #require(outcome.projects.first { $0.id == "A" })
        #expect(!a.selected)
        #expect(a.rejection?.affordableAtStart == true)
        #expect(a.rejection?.lostTo.first == "C")
        #expect(!a.reason.isEmpty)
        let json = try JSONEncoder().encode(outcome)
        let back = try JSONDecoder().decode(Outcome.self, from: json)
        #expect(back.selected == outcome.selected)
    }

    @Test func noVoters() throws {
        let text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n"
        #expect(try count(text, .equalShares, .cost).isEmpty)
        #expect(try count(text, .greedy, .cost) == ["a"])
        #expect(try count(text, .equalSharesCompleted, .cost) == ["a"])
    }

    /// Random small elections full of ties: the fast engine, the exact-only engine and the naive
    /// rational implementation must all agree.
    @Test func randomElectionsAgreeWithNaiveExactRules() throws {
        var random = SplitMix(seed: 2024)
        for round in 0..<120 {
            let text = randomElection(&random, index: round)
            let election = try PabulibParser.parse(string: text)
            let kinds: [SatisfactionKind]
            switch election.voteType {
            case .cumulative: kinds = [.points, .cost]
            case .ordinal: kinds = [.borda, .cardinality]
            default: kinds = [.cost, .cardinality]
            }
            for kind in kinds {
                let name = { (ps: [Int]) in Set(ps.map { election.projects[$0].id }) }
                let expectedMES = name(NaiveRules.equalShares(election, kind))
                let expectedGreedy = name(NaiveRules.greedy(election, kind))
                #expect(try count(text, .equalShares, kind) == expectedMES, "\(text)")
                #expect(try count(text, .equalShares, kind, exact: true) == expectedMES, "\(text)")
                #expect(try count(text, .greedy, kind) == expectedGreedy, "\(text)")
                if round % 3 == 0 {
                    let expectedComplete = name(NaiveRules.completed(election, kind))
                    #expect(try count(text, .equalSharesCompleted, kind) == expectedComplete, "\(text)")
                }
            }
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Small numbers on purpose: equal costs and equal supporter counts make exact ties common.
func randomElection(_ r: inout SplitMix, index: Int) -> String {
    let types = ["approval", "cumulative", "ordinal"]
    let type = types[index % 3]
    let projects = 2 + r.next(5)
    let voters = 1 + r.next(8)
    let budget = [30, 60, 100, 120][r.next(4)]
    var text = "META\nkey;value\nbudget;\(budget)\nvote_type;\(type)\nPROJECTS\nproject_id;cost\n"
    let names = ["a", "b", "10", "9", "B", "aa", "Z"]
    for p in 0..<projects {
        let cost = [0, 10, 20, 20, 30, 30, 40, 60][r.next(8)]
        text += "\(names[p]);\(cost)\n"
    }
    text += type == "cumulative" ? "VOTES\nvoter_id;vote;points\n" : "VOTES\nvoter_id;vote\n"
    for v in 0..<voters {
        var chosen: [String] = []
        for p in 0..<projects where r.next(2) == 0 { chosen.append(names[p]) }
        if chosen.count > 1 && r.next(2) == 0 { chosen.swapAt(0, chosen.count - 1) }
        text += "v\(v);\(chosen.joined(separator: ","))"
        if type == "cumulative" { text += ";" + chosen.map { _ in String(1 + r.next(3)) }.joined(separator: ",") }
        text += "\n"
    }
    return text
}
