import Foundation
import Testing
@testable import RebalanceCore

/// Polls: ballot checks, every kind of count, instant-runoff round by round, and anonymity.
@Suite struct PollTests {
    static let opened = Date(timeIntervalSince1970: 1_790_000_000)
    static let closes = opened.addingTimeInterval(7 * 24 * 3600)
    static let during = opened.addingTimeInterval(3600)
    static let after = closes.addingTimeInterval(60)

    /// A poll whose options have ids "A", "B"... and labels "Option A"...
    static func poll(_ kind: PollKind, _ ids: [String] = ["A", "B", "C"], anonymous: Bool = false,
                     settings: PollSettings = PollSettings(), slots: [Date]? = nil) -> Poll {
        let options = ids.enumerated().map { i, id in
            PollOption(id: PollOptionID(id), label: slots.map { DecisionTime.readable($0[i]) } ?? "Option \(id)",
                       slot: slots.map { PollTimeSlot(startsAt: $0[i], endsAt: nil) })
        }
        return Poll(id: UUID(), title: "What next?", details: nil, kind: kind, options: options, settings: settings,
                    isAnonymous: anonymous, resultsVisibility: .always, createdBy: UUID(),
                    openedAt: opened, closesAt: closes, closedEarlyAt: nil)
    }

    /// `count` copies of one ranking.
    static func ranked(_ count: Int, _ ids: String...) -> [PollBallot] {
        Array(repeating: .choices(ids.map { PollOptionID($0) }), count: count)
    }

    static func runoff(_ poll: Poll, _ ballots: [PollBallot]) throws -> RunoffTally {
        guard case .runoff(let tally) = poll.totals(ballots: ballots, at: after).tally else {
            Issue.record("not a runoff tally")
            throw CancellationError()
        }
        return tally
    }

    static func votes(_ round: RunoffRound) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: round.tallies.map { ($0.option.rawValue, $0.count) })
    }

    static func failure(_ body: () throws -> Void) -> ValidationFailure? {
        do { try body() } catch let f as ValidationFailure { return f } catch { return nil }
        return nil
    }

    // MARK: - Instant-runoff

    @Test func aFirstRoundMajorityWinsAtOnce() throws {
        let t = try Self.runoff(Self.poll(.rankedChoice), Self.ranked(3, "A", "B") + Self.ranked(2, "B"))
        #expect(t.winner == "A")
        #expect(t.rounds.count == 1)
        #expect(t.rounds[0].majorityNeeded == 3)
        #expect(t.rounds[0].elected == "A")
    }

    @Test func aWinnerCanHaveAMajorityOfContinuingBallotsButNotOfAllBallots() throws {
        // 13 ballots. C's supporters mostly rank C alone, so their ballots exhaust when C goes.
        let ballots = Self.ranked(6, "A") + Self.ranked(4, "B") + Self.ranked(2, "C") + Self.ranked(1, "C", "B")
        let t = try Self.runoff(Self.poll(.rankedChoice), ballots)
        #expect(t.rounds.count == 2)
        let first = t.rounds[0]
        #expect(Self.votes(first) == ["A": 6, "B": 4, "C": 3])
        #expect(first.continuingBallots == 13)
        #expect(first.exhaustedBallots == 0)
        #expect(first.majorityNeeded == 7)
        #expect(first.eliminated == ["C"])
        #expect(first.eliminationReason == "\"Option C\" has the fewest votes (3) and is knocked out.")
        #expect(first.transfers == [RunoffTransfer(to: "B", label: "Option B", ballots: 1),
                                    RunoffTransfer(to: nil, label: "Exhausted", ballots: 2)])
        let second = t.rounds[1]
        #expect(Self.votes(second) == ["A": 6, "B": 5])
        #expect(second.continuingBallots == 11)
        #expect(second.exhaustedBallots == 2)
        #expect(second.majorityNeeded == 6)
        #expect(second.elected == "A")
        #expect(t.winner == "A")
        // 6 of 13 is not a majority of every ballot; 6 of 11 is a majority of those still counted.
        #expect(t.explanation == "\"Option A\" won in round 2 with 6 of the 11 ballots still in the count. 2 ballots ranked none of the options left by then, so the winner has 6 of all 13 ranked ballots: not a majority of every ballot, but a majority of those still in the count, which is what instant-runoff asks.")
    }

    @Test func eliminationTiesGoToFewestFirstPreferences() throws {
        let poll = Self.poll(.rankedChoice, ["A", "B", "C", "D"])
        let ballots = Self.ranked(6, "A") + Self.ranked(4, "B") + Self.ranked(3, "C", "B")
            + Self.ranked(1, "D", "C", "B") + Self.ranked(1, "D")
        let t = try Self.runoff(poll, ballots)
        #expect(Self.votes(t.rounds[0]) == ["A": 6, "B": 4, "C": 3, "D": 2])
        #expect(t.rounds[0].eliminated == ["D"])
        #expect(t.rounds[0].transfers.map(\.ballots) == [1, 1])
        #expect(Self.votes(t.rounds[1]) == ["A": 6, "B": 4, "C": 4])
        #expect(t.rounds[1].exhaustedBallots == 1)
        // B and C are level on 4; C had fewer first preferences (3 against 4).
        #expect(t.rounds[1].eliminated == ["C"])
        #expect(t.rounds[1].eliminationReason == "\"Option B\" and \"Option C\" are tied on the fewest votes (4). \"Option C\" had the fewest first-preference votes (3) and is knocked out.")
        #expect(t.rounds[1].transfers == [RunoffTransfer(to: "B", label: "Option B", ballots: 4)])
        #expect(Self.votes(t.rounds[2]) == ["A": 6, "B": 8])
        #expect(t.winner == "B")
    }

    @Test func thenToFewestVotesInThePreviousRound() throws {
        let poll = Self.poll(.rankedChoice, ["A", "B", "C", "D", "E"])
        let ballots = Self.ranked(7, "A") + Self.ranked(3, "B") + Self.ranked(3, "C")
            + Self.ranked(1, "D", "C") + Self.ranked(1, "D") + Self.ranked(1, "E", "B")
        let t = try Self.runoff(poll, ballots)
        #expect(t.rounds.map(\.eliminated) == [["E"], ["D"], ["C"], []])
        #expect(Self.votes(t.rounds[1]) == ["A": 7, "B": 4, "C": 3, "D": 2])
        #expect(Self.votes(t.rounds[2]) == ["A": 7, "B": 4, "C": 4])
        // Level now (4) and on first preferences (3); C had fewer in round 2.
        #expect(t.rounds[2].eliminationReason == "\"Option B\" and \"Option C\" are tied on the fewest votes (4). \"Option C\" had the fewest votes in round 2 (3) and is knocked out.")
        #expect(t.rounds[2].transfers == [RunoffTransfer(to: nil, label: "Exhausted", ballots: 4)])
        #expect(t.rounds[3].exhaustedBallots == 5)
        #expect(t.rounds[3].continuingBallots == 11)
        #expect(t.winner == "A")
    }

    @Test func thenToTheOptionListedLast() throws {
        let t = try Self.runoff(Self.poll(.rankedChoice), Self.ranked(4, "A") + Self.ranked(3, "B") + Self.ranked(3, "C"))
        #expect(t.rounds[0].eliminated == ["C"])
        #expect(t.rounds[0].eliminationReason == "\"Option B\" and \"Option C\" are tied on the fewest votes (3). There is no earlier round to separate them, so \"Option C\", listed last on the poll, is knocked out.")
        #expect(t.winner == "A")
    }

    @Test func optionsWithNoVotesGoTogether() throws {
        let poll = Self.poll(.rankedChoice, ["A", "B", "C", "D", "E"])
        let t = try Self.runoff(poll, Self.ranked(3, "A") + Self.ranked(2, "B") + Self.ranked(2, "C", "B"))
        #expect(t.rounds[0].eliminated == ["D", "E"])
        #expect(t.rounds[0].eliminationReason == "\"Option D\" and \"Option E\" have no votes and are knocked out together.")
        #expect(t.rounds[0].transfers.isEmpty)
        #expect(t.rounds[1].eliminated == ["C"])
        #expect(t.winner == "B")
        #expect(Self.votes(t.rounds[2]) == ["A": 3, "B": 4])
    }

    @Test func levelOptionsAtTheEndAreATieNotAListOrderWin() throws {
        let t = try Self.runoff(Self.poll(.rankedChoice, ["A", "B"]), Self.ranked(2, "A", "B") + Self.ranked(2, "B", "A"))
        #expect(t.winner == nil)
        #expect(t.tiedAtEnd == ["A", "B"])
        #expect(t.explanation.hasPrefix("The count ended in a tie between \"Option A\" and \"Option B\" in round 1"))
        #expect(PollTally.runoff(t).leaders == ["A", "B"])
    }

    @Test func theCountDoesNotDependOnBallotOrder() throws {
        let poll = Self.poll(.rankedChoice, ["A", "B", "C", "D"])
        let ballots = Self.ranked(6, "A") + Self.ranked(4, "B") + Self.ranked(3, "C", "B")
            + Self.ranked(1, "D", "C", "B") + Self.ranked(1, "D")
        let first = try Self.runoff(poll, ballots)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            #expect(try Self.runoff(poll, ballots.shuffled(using: &generator)) == first)
        }
    }

    @Test func blankRankedBallotsAreCountedApart() throws {
        let poll = Self.poll(.rankedChoice, settings: PollSettings(allowsBlankBallots: true))
        let t = try Self.runoff(poll, Self.ranked(2, "A") + Self.ranked(1, "B") + [.choices([])])
        #expect(t.ballots == 4)
        #expect(t.blankBallots == 1)
        #expect(t.rounds[0].continuingBallots == 3)
        #expect(t.rounds[0].exhaustedBallots == 0)
        #expect(t.winner == "A")
        let none = try Self.runoff(poll, [.choices([])])
        #expect(none.winner == nil)
        #expect(none.rounds.isEmpty)
        #expect(none.explanation == "No ballot ranked any option, so there is no winner.")
    }

    // MARK: - Ballot checks

    @Test func rankedBallotsRefuseRepeatsAndUnknownOptions() throws {
        let poll = Self.poll(.rankedChoice)
        let repeated = Self.failure { _ = try poll.ballot(from: PollBallotInput(choices: ["A", "B", "A"])) }
        #expect(repeated?.message(for: "choices") == "You ranked \"Option A\" more than once: give each option one place in your ranking")
        let unknown = Self.failure { _ = try poll.ballot(from: PollBallotInput(choices: ["A", "Z"])) }
        #expect(unknown?.message(for: "choices") == "Choose from the poll's options: \"Z\" is not one of them")
        let empty = Self.failure { _ = try poll.ballot(from: PollBallotInput(choices: ["", " "])) }
        #expect(empty?.message(for: "choices") == "Rank at least one option")
        // Unused drop-downs are skipped; a partial ranking is fine.
        #expect(try poll.ballot(from: PollBallotInput(choices: ["B", "", "A"])) == .choices(["B", "A"]))
        let limited = Self.poll(.rankedChoice, settings: PollSettings(maximumChoices: 2))
        #expect(Self.failure { _ = try limited.ballot(from: PollBallotInput(choices: ["A", "B", "C"])) }?
            .message(for: "choices") == "Rank no more than 2 options")
    }

    @Test func choiceBallotsAreChecked() throws {
        let single = Self.poll(.singleChoice)
        #expect(Self.failure { _ = try single.ballot(from: PollBallotInput(choices: ["A", "B"])) }?.message(for: "choices") == "Choose one option only")
        #expect(Self.failure { _ = try single.ballot(from: PollBallotInput()) }?.message(for: "choices") == "Choose an option")
        let approval = Self.poll(.approval)
        #expect(Self.failure { _ = try approval.ballot(from: PollBallotInput(choices: ["A", "A"])) }?.message(for: "choices") == "You chose \"Option A\" more than once")
        #expect(Self.failure { _ = try approval.ballot(from: PollBallotInput(choices: [])) }?.message(for: "choices") == "Choose at least one option")
        let blankAllowed = Self.poll(.approval, settings: PollSettings(allowsBlankBallots: true))
        #expect(try blankAllowed.ballot(from: PollBallotInput(choices: [])) == .choices([]))
        // A ballot of the wrong shape is refused, whatever it says.
        #expect(Self.failure { try approval.validate(.points(["A": 1])) }?.message(for: "ballot") == "Approval polls take choices: this ballot has something else")
    }

    @Test func dotVotesStayWithinTheAllowance() throws {
        let poll = Self.poll(.dotVote, settings: PollSettings(dotAllowance: 10))
        let over = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "7", "B": "5"])) }
        #expect(over?.message(for: "points") == "You have given 12 points but have 10: take away 2")
        let negative = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "-1", "B": "5"])) }
        #expect(negative?.message(for: "points[A]") == "Points for \"Option A\" cannot be negative")
        let words = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "lots"])) }
        #expect(words?.message(for: "points[A]") == "Points for \"Option A\" must be a whole number")
        let none = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "0"])) }
        #expect(none?.message(for: "points") == "Give at least one point to an option")
        // Exactly the allowance, and fewer, are both fine.
        #expect(try poll.ballot(from: PollBallotInput(values: ["A": "7", "B": "3"])) == .points(["A": 7, "B": 3]))
        #expect(try poll.ballot(from: PollBallotInput(values: ["C": "1", "A": ""])) == .points(["C": 1]))
    }

    @Test func scoresMustBeInRangeForEveryOption() {
        let poll = Self.poll(.score, ["A", "B"])
        let f = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "6", "Z": "2"])) }
        #expect(f?.message(for: "scores[A]") == "Score for \"Option A\" must be from 0 to 5")
        #expect(f?.message(for: "scores[B]") == "Give \"Option B\" a score from 0 to 5")
        #expect(f?.message(for: "scores[Z]") == "Score only the poll's options: \"Z\" is not one of them")
        #expect(Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["A": "2.5", "B": "1"])) }?
            .message(for: "scores[A]") == "Score for \"Option A\" must be a whole number")
    }

    @Test func meetingTimeBallotsAnswerEverySlot() throws {
        let start = Self.closes.addingTimeInterval(24 * 3600)
        let poll = Self.poll(.meetingTime, ["1", "2"], slots: [start, start.addingTimeInterval(3600)])
        let f = Self.failure { _ = try poll.ballot(from: PollBallotInput(values: ["1": "maybe"])) }
        #expect(f?.message(for: "answers[1]") == "Answer for \"\(DecisionTime.readable(start))\" must be yes, if need be or no")
        #expect(f?.message(for: "answers[2]") == "Say whether you can come at \(DecisionTime.readable(start.addingTimeInterval(3600))): yes, if need be or no")
        #expect(try poll.ballot(from: PollBallotInput(values: ["1": "yes", "2": "If need be"])) == .availability(["1": .yes, "2": .ifNeedBe]))
    }

    // MARK: - Other counts

    @Test func approvalAndSingleChoiceCountsAndTies() {
        let approval = Self.poll(.approval)
        let t = approval.totals(ballots: [.choices(["A", "B"]), .choices(["B"]), .choices(["C", "B", "A"])], at: Self.after)
        guard case .choice(let c) = t.tally else { Issue.record("wrong tally"); return }
        #expect(c.counts.map(\.count) == [3, 2, 1])
        #expect(c.leaders == ["B"])
        #expect(c.explanation == "\"Option B\" had the most support: approved on 3 of the 3 ballots.")
        let single = Self.poll(.singleChoice)
        let tied = single.totals(ballots: [.choices(["A"]), .choices(["C"]), .choices(["A"]), .choices(["C"])], at: Self.after)
        #expect(tied.tally.leaders == ["A", "C"])
        #expect(tied.tally.explanation == "\"Option A\" and \"Option C\" tied, each chosen on 2 of the 4 ballots.")
        let plurality = single.totals(ballots: [.choices(["A"]), .choices(["B"]), .choices(["A"]), .choices(["C"])], at: Self.after)
        #expect(plurality.tally.explanation == "\"Option A\" was chosen most: chosen on 2 of the 4 ballots, not a majority.")
    }

    @Test func scoresReportTotalAndMean() {
        let poll = Self.poll(.score, ["A", "B"])
        let t = poll.totals(ballots: [.scores(["A": 5, "B": 2]), .scores(["A": 3, "B": 4]), .scores(["A": 3, "B": 0])], at: Self.after)
        guard case .score(let s) = t.tally else { Issue.record("wrong tally"); return }
        #expect(s.lines.map(\.option) == ["A", "B"])
        #expect(s.lines[0].total == 11)
        #expect(s.lines[0].meanText == "3.67")
        #expect(abs(s.lines[0].mean - 11.0 / 3.0) < 1e-9)
        #expect(s.lines[0].distribution == [0, 0, 0, 2, 0, 1])
        #expect(s.lines[1].total == 6)
        #expect(s.lines[1].meanText == "2")
        #expect(s.leaders == ["A"])
        #expect(s.explanation == "\"Option A\" scored highest: a total of 11 from 3 ballots (average 3.67 out of 5).")
    }

    @Test func dotVotesAddUpPointsAndBreakTiesOnSupporters() {
        let poll = Self.poll(.dotVote, settings: PollSettings(dotAllowance: 5))
        let t = poll.totals(ballots: [.points(["A": 5]), .points(["B": 3, "C": 2]), .points(["B": 2, "C": 3])], at: Self.after)
        guard case .dotVote(let d) = t.tally else { Issue.record("wrong tally"); return }
        #expect(d.pointsGiven == 15)
        // All three have 5 points; B and C were supported by two voters each, A by one.
        #expect(d.lines.map(\.option) == ["B", "C", "A"])
        #expect(d.leaders == ["B", "C"])
        #expect(d.lines.first { $0.option == "A" }?.supporters == 1)
        // A ballot over the allowance is never counted, even if the store hands one over.
        let damaged = poll.totals(ballots: [.points(["A": 9]), .points(["A": 1])], at: Self.after)
        #expect(damaged.ballotsSetAside == 1)
        #expect(damaged.tally.ballots == 1)
    }

    @Test func theBestMeetingTimeHasMostYesThenMostIfNeedBe() {
        let start = Self.closes.addingTimeInterval(24 * 3600)
        let slots = (0..<4).map { start.addingTimeInterval(Double($0) * 3600) }
        let poll = Self.poll(.meetingTime, ["1", "2", "3", "4"], slots: slots)
        let ballots: [PollBallot] = [
            .availability(["1": .yes, "2": .yes, "3": .yes, "4": .no]),
            .availability(["1": .no, "2": .yes, "3": .yes, "4": .yes]),
            .availability(["1": .yes, "2": .ifNeedBe, "3": .ifNeedBe, "4": .yes]),
        ]
        let t = poll.totals(ballots: ballots, at: Self.after)
        guard case .meetingTime(let m) = t.tally else { Issue.record("wrong tally"); return }
        // Slots 1, 2, 3 and 4 each have two yes; 2 and 3 also have an if-need-be; 2 is earlier.
        #expect(m.lines.map(\.option) == ["2", "3", "1", "4"])
        #expect(m.best == "2")
        #expect(m.lines[0].yes == 2 && m.lines[0].ifNeedBe == 1 && m.lines[0].no == 0)
        #expect(m.explanation == "The best time is \(DecisionTime.readable(slots[1])): 2 can come, 1 if need be, 0 cannot. \(DecisionTime.readable(slots[2])) has the same answers; the earliest time is chosen.")
        let nobody = poll.totals(ballots: [.availability(["1": .no, "2": .no, "3": .no, "4": .no])], at: Self.after)
        #expect(nobody.tally.leaders.isEmpty)
    }

    // MARK: - Anonymity

    @Test func anAnonymousPollCarriesNoIdentities() throws {
        let poll = Self.poll(.rankedChoice, anonymous: true)
        let voters = (0..<3).map { _ in UUID() }
        let cast = zip(voters, [Self.ranked(1, "A", "B"), Self.ranked(1, "B"), Self.ranked(1, "A")])
            .map { PollVoterBallot(voterID: $0, ballot: $1[0]) }
        let result = poll.result(ballots: cast, at: Self.after)
        guard case .anonymous(let totals) = result else {
            Issue.record("an anonymous poll gave a named result")
            return
        }
        #expect(totals.tally.leaders == ["A"])
        // Nothing in the encoded result names a voter.
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for voter in voters {
            #expect(!json.contains(voter.uuidString))
        }
        // And the type has nowhere to put one: its only identifier is the poll's.
        let ids = Mirror(reflecting: totals).children.filter { $0.value is UUID }.map(\.label)
        #expect(ids == ["pollID"])
    }

    @Test func aNamedPollShowsEachVotersLastBallot() {
        let poll = Self.poll(.approval)
        let me = UUID(), you = UUID()
        let result = poll.result(ballots: [PollVoterBallot(voterID: me, ballot: .choices(["A"])),
                                           PollVoterBallot(voterID: you, ballot: .choices(["B"])),
                                           PollVoterBallot(voterID: me, ballot: .choices(["B", "C"]))], at: Self.after)
        guard case .named(let named) = result else { Issue.record("a named poll gave an anonymous result"); return }
        #expect(named.ballots.map(\.voterID) == [you, me])
        #expect(named.totals.tally.ballots == 2)
        #expect(named.totals.tally.leaders == ["B"])
    }

    // MARK: - Drafts, visibility, closing, the log

    @Test func pollDraftsAreChecked() throws {
        let now = Self.opened
        let f = Self.failure { _ = try PollDraft.validate(.init(title: "", kind: "ranked", options: ["Park"], closesAt: "2020-01-01T10:00"), now: now) }
        #expect(f?.message(for: "title") == "Enter the question the poll asks")
        #expect(f?.message(for: "kind") == "Kind must be one of: approval, single_choice, ranked_choice, score, dot_vote, meeting_time")
        #expect(f?.message(for: "options") == "Enter at least 2 options")
        #expect(f?.message(for: "closesAt") == "Closing time must be in the future")
        let repeated = Self.failure { _ = try PollDraft.validate(.init(title: "Q", kind: "approval", options: ["Park", "park"], closesAt: "2027-01-01T10:00"), now: now) }
        #expect(repeated?.message(for: "options") == "Option 2 (\"park\") repeats an earlier option: give each option once")
        let scores = Self.failure { _ = try PollDraft.validate(.init(title: "Q", kind: "score", options: ["A", "B"], closesAt: "2027-01-01T10:00",
                                                                   scoreMinimum: "5", scoreMaximum: "5"), now: now) }
        #expect(scores?.message(for: "scoreMaximum") == "Highest score must be more than the lowest score (5)")
        let dots = Self.failure { _ = try PollDraft.validate(.init(title: "Q", kind: "dot_vote", options: ["A", "B"], closesAt: "2027-01-01T10:00",
                                                                 dotAllowance: "0"), now: now) }
        #expect(dots?.message(for: "dotAllowance") == "Points each voter has must be a whole number from 1 to 1000")

        let meeting = try PollDraft.validate(.init(title: "When shall we meet?", kind: "meeting_time",
                                                   options: ["2027-01-05T18:30", "2027-01-06T18:30", ""], slotMinutes: "90",
                                                   anonymous: true, closesAt: "2027-01-01T10:00"), now: now)
        #expect(meeting.options.map(\.id) == ["1", "2"])
        #expect(meeting.options[0].label == "18:30 on 5 January 2027")
        #expect(meeting.options[0].slot?.endsAt == meeting.options[0].slot?.startsAt.addingTimeInterval(90 * 60))
        #expect(meeting.isAnonymous)
        let sameTime = Self.failure { _ = try PollDraft.validate(.init(title: "Q", kind: "meeting_time", options: ["2027-01-05T18:30", "2027-01-05T18:30"],
                                                                     closesAt: "2027-01-01T10:00"), now: now) }
        #expect(sameTime?.message(for: "options")?.hasPrefix("Time 2 (18:30 on 5 January 2027) repeats an earlier time") == true)
    }

    @Test func resultsCanBeHeldBackAndPollsCanCloseEarly() throws {
        var poll = Self.poll(.singleChoice)
        poll = Poll(id: poll.id, title: poll.title, details: nil, kind: poll.kind, options: poll.options, settings: poll.settings,
                    isAnonymous: false, resultsVisibility: .afterClosing, createdBy: poll.createdBy,
                    openedAt: poll.openedAt, closesAt: poll.closesAt, closedEarlyAt: nil)
        #expect(!poll.mayShowResults(viewerHasVoted: true, at: Self.during))
        #expect(poll.mayShowResults(viewerHasVoted: false, at: Self.after))
        #expect(poll.ballotRefusal(at: Self.during) == nil)
        #expect(poll.totals(ballots: [.choices(["A"])], at: Self.during).explanation.hasPrefix("Open until "))
        try poll.closeEarly(at: Self.during)
        #expect(poll.state(at: Self.during) == .closed)
        #expect(poll.ballotRefusal(at: Self.during)?.hasSuffix("so votes can no longer be cast or changed") == true)
        #expect(Self.failure { try poll.closeEarly(at: Self.during) }?.message(for: "poll")?.hasPrefix("This poll already closed at ") == true)
    }

    @Test func anAnonymousPollKeepsItsTotalsUntilItCloses() throws {
        let base = Self.poll(.singleChoice)
        let poll = Poll(id: base.id, title: base.title, details: nil, kind: base.kind, options: base.options, settings: base.settings,
                        isAnonymous: true, resultsVisibility: .always, createdBy: base.createdBy,
                        openedAt: base.openedAt, closesAt: base.closesAt, closedEarlyAt: nil)
        #expect(!poll.mayShowResults(viewerHasVoted: true, at: Self.during))
        #expect(!poll.mayShowResults(viewerHasVoted: false, at: Self.during))
        #expect(poll.mayShowResults(viewerHasVoted: false, at: Self.after))
    }

    @Test func closedPollsEnterTheDecisionLog() throws {
        let poll = Self.poll(.rankedChoice)
        #expect(DecisionLogEntry(poll: poll, totals: poll.totals(ballots: Self.ranked(1, "B"), at: Self.during)) == nil)
        let entry = try #require(DecisionLogEntry(poll: poll, totals: poll.totals(ballots: Self.ranked(2, "B") + Self.ranked(1, "A"), at: Self.after)))
        #expect(entry.result == .chosen)
        #expect(entry.headline == "Chosen: Option B")
        #expect(entry.method == "Ranked choice poll")
        #expect(entry.decidedAt == Self.closes)
        let tie = try #require(DecisionLogEntry(poll: poll, totals: poll.totals(ballots: Self.ranked(1, "B") + Self.ranked(1, "A"), at: Self.after)))
        #expect(tie.result == .tied)
        #expect(tie.headline == "Tied: Option A and Option B")
    }
}
