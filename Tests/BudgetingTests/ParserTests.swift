import Foundation
import Testing
@testable import Budgeting

/// Parses text that must fail and returns the error.
func parseFailure(_ text: String) -> PabulibError? {
    do {
        _ = try PabulibParser.parse(string: text)
        return nil
    } catch let error as PabulibError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// A small valid approval file; tests break it in one place at a time.
let validFile = #"""
META
key;value
description;hand-made
num_projects;3
num_votes;4
budget;1000
vote_type;approval
max_length;2
PROJECTS
project_id;cost;name
A;300;"Park; with ""quotes"""
B;200.50;Bench
C;450;Library
VOTES
voter_id;vote;age
1;A,B;30
2;A,C;41
3;C;
4;B;52

"""#

@Suite struct ParserTests {
    @Test func readsAValidFile() throws {
        let election = try PabulibParser.parse(string: validFile)
        #expect(election.voteType == .approval)
        #expect(election.budget == Amount(1000))
        #expect(election.projects.map(\.id) == ["A", "B", "C"])
        #expect(election.projects[0].fields["name"] == "Park; with \"quotes\"")
        #expect(election.projects[1].cost == Amount(units: 20050, scale: 2))
        #expect(election.voterCount == 4)
        #expect(election.ballot(at: 1).projects == [0, 2])
        #expect(election.voteField("age", voter: 3) == "52")
        #expect(election.rules.maxLength == 2)
        #expect(election.warnings.isEmpty)
    }

    @Test func handlesCRLFByteOrderMarkAndMultilineQuotes() throws {
        let text = "\u{FEFF}" + validFile.replacingOccurrences(of: "Bench", with: "\"Bench\nwith two lines\"")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let election = try PabulibParser.parse(string: text)
        #expect(election.projects[1].fields["name"] == "Bench\r\nwith two lines")
        #expect(election.voterCount == 4)
    }

    @Test func writerRoundTrips() throws {
        let election = try PabulibParser.parse(string: validFile)
        let again = try PabulibParser.parse(string: PabulibWriter.write(election))
        #expect(again.projects == election.projects)
        #expect((0..<4).map { again.ballot(at: $0) } == (0..<4).map { election.ballot(at: $0) })
        #expect(again.voteField("age", voter: 0) == "30")
        #expect(again.metaValue("description") == "hand-made")
    }

    @Test func writerRoundTripsPoints() throws {
        var election = try Election(voteType: .cumulative, budget: Amount(100),
                                    projects: [Project(id: "p1", cost: Amount(40)), Project(id: "p2", cost: Amount(60))],
                                    rules: BallotRules(maxSumPoints: Amount(5)))
        try election.addBallot(voterID: "v1", projects: ["p1", "p2"], points: [Amount(3), Amount(units: 15, scale: 1)])
        try election.addBallot(voterID: "v2", projects: ["p2"], points: [Amount(5)])
        let again = try PabulibParser.parse(string: PabulibWriter.write(election))
        #expect(again.ballot(at: 0).points == [Amount(3), Amount(units: 15, scale: 1)])
        #expect(again.rules.maxSumPoints == Amount(5))
        #expect(throws: PabulibError.self) {
            try election.addBallot(voterID: "v3", projects: ["p1"], points: [Amount(6)])
        }
    }

    @Test func duplicateProjectOnOneBallotIsAWarningNotAnError() throws {
        let election = try PabulibParser.parse(string: validFile.replacingOccurrences(of: "4;B;52", with: "4;B,B;52"))
        #expect(election.ballot(at: 3).projects == [1])
        #expect(election.warnings.count == 1)
        #expect(election.warnings[0].line == 19)
    }

    @Test func missingSection() {
        let noVotes = String(validFile[..<validFile.range(of: "VOTES")!.lowerBound])
        #expect(parseFailure(noVotes)?.message.contains("no VOTES section") == true)
        let noMeta = String(validFile[validFile.range(of: "PROJECTS")!.lowerBound...])
        #expect(parseFailure(noMeta)?.line == 1)
    }

    @Test func unknownProjectInAVote() {
        let error = parseFailure(validFile.replacingOccurrences(of: "2;A,C;41", with: "2;A,Z;41"))
        #expect(error?.line == 17)
        #expect(error?.message.contains("'Z'") == true)
    }

    @Test func duplicateVoter() {
        let error = parseFailure(validFile.replacingOccurrences(of: "4;B;52", with: "1;B;52"))
        #expect(error?.line == 19)
        #expect(error?.message.contains("appears twice") == true)
    }

    @Test func costNotANumber() {
        let error = parseFailure(validFile.replacingOccurrences(of: "C;450;", with: "C;4x0;"))
        #expect(error?.line == 13)
        #expect(error?.message.contains("not a number") == true)
    }

    @Test func ballotOverTheAllowedLength() {
        let error = parseFailure(validFile.replacingOccurrences(of: "2;A,C;41", with: "2;A,B,C;41"))
        #expect(error?.line == 17)
        #expect(error?.message.contains("max_length") == true)
    }

    @Test func otherBrokenFiles() {
        let cases: [(String, String, Int, String)] = [
            ("budget;1000", "budget;lots", 6, "budget"),
            ("vote_type;approval", "vote_type;plurality", 7, "unknown vote_type"),
            ("A;300;", "A;300;x;y", 11, "fields"),
            ("C;450;", "A;450;", 13, "listed twice"),
            ("num_votes;4", "num_votes;5", 5, "num_votes"),
            ("num_projects;3", "num_projects;2", 4, "num_projects"),
            ("project_id;cost;name", "project_id;price;name", 10, "no cost column"),
            ("voter_id;vote;age", "voter_id;ballot;age", 15, "no vote column"),
            ("max_length;2", "max_length;two", 8, "whole number"),
            ("B;200.50;", "B;-5;", 12, "negative"),
            ("4;B;52", "4;B;52;extra", 19, "fields"),
        ]
        for (from, to, line, words) in cases {
            let error = parseFailure(validFile.replacingOccurrences(of: from, with: to))
            #expect(error?.line == line, "\(to)")
            #expect(error?.message.contains(words) == true, "\(to): \(error?.message ?? "no error")")
        }
    }

    @Test func sectionsOutOfOrderAndEmptyFiles() {
        let swapped = validFile.replacingOccurrences(of: "META", with: "TEMP").replacingOccurrences(of: "PROJECTS", with: "META")
        #expect(parseFailure(swapped) != nil)
        #expect(parseFailure("")?.message.contains("META") == true)
        #expect(parseFailure("META\nkey;value\nbudget;10\n")?.message.contains("PROJECTS") == true)
        #expect(parseFailure("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n")?.message.contains("vote_type") == true)
        #expect(parseFailure(validFile + "\"unterminated")?.message.contains("quoted") == true)
    }

    @Test func pointsBallots() {
        let file = """
        META
        key;value
        budget;100
        vote_type;cumulative
        max_sum_points;5
        PROJECTS
        project_id;cost
        p1;40
        p2;50
        VOTES
        voter_id;vote;points
        v1;p1,p2;3,2
        v2;p2;5

        """
        #expect(parseFailure(file) == nil)
        let tooMany = parseFailure(file.replacingOccurrences(of: "v2;p2;5", with: "v2;p2;6"))
        #expect(tooMany?.line == 13)
        #expect(tooMany?.message.contains("max_sum_points") == true)
        #expect(parseFailure(file.replacingOccurrences(of: "3,2", with: "3"))?.message.contains("numbers of points") == true)
        #expect(parseFailure(file.replacingOccurrences(of: "3,2", with: "3,x"))?.message.contains("not a number") == true)
        #expect(parseFailure(file.replacingOccurrences(of: "3,2", with: "3,-1"))?.message.contains("negative") == true)
    }

    @Test func choose1AllowsOneProject() {
        let file = validFile.replacingOccurrences(of: "vote_type;approval", with: "vote_type;choose-1")
            .replacingOccurrences(of: "max_length;2", with: "note;x")
        let error = parseFailure(file)
        #expect(error?.line == 16)
        #expect(error?.message.contains("choose-1") == true)
    }

    @Test func amounts() {
        #expect(Amount(parsing: "7000.0") == Amount(7000))
        #expect(Amount(parsing: "102533.36")?.description == "102533.36")
        #expect(Amount(parsing: "12,5") == Amount(units: 125, scale: 1))
        #expect(Amount(parsing: "1e5") == nil)
        #expect(Amount(parsing: "") == nil)
        #expect(Amount(parsing: "99999999999999999999") == nil)
        #expect(Amount(units: 5, scale: 2).description == "0.05")
    }
}
