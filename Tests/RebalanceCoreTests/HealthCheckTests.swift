import Foundation
import Testing
@testable import RebalanceCore

/// Builders shared by the health-check suites.
fileprivate enum Make {
    static let set = QuestionSet.rebalance2026

    /// The same answer to every statement of the given principles.
    static func sheet(_ value: AnswerValue, on principles: [Principle] = Principle.allCases,
                      in set: QuestionSet = set) -> AnswerSheet {
        var answers: [String: AnswerValue] = [:]
        for s in set.statements where principles.contains(s.principle) { answers[s.id] = value }
        return AnswerSheet(answers: answers)
    }

    static func people(_ n: Int, _ role: RespondentRole, _ value: AnswerValue,
                       on principles: [Principle] = Principle.allCases) -> [HealthCheckResponse] {
        (0..<n).map { _ in HealthCheckResponse(role: role, sheet: sheet(value, on: principles)) }
    }

    static let resident = RespondentRole.member(.resident)
    static let officer = RespondentRole.councilStaff
    static let councillor = RespondentRole.member(.councillor)
    static let rep = RespondentRole.member(.rep)

    static func day(_ text: String) -> Day { Day(text)! }

    static func input(_ set: QuestionSet = set) -> QuestionSet.Input { QuestionSet.Input(set) }
}

// MARK: - The questionnaire

@Suite struct HealthCheckQuestionSetTests {
    @Test func fivePrinciplesInTheReportsOrderEachExplained() {
        #expect(Principle.allCases.count == 5)
        #expect(Principle.allCases.map(\.number) == [1, 2, 3, 4, 5])
        for p in Principle.allCases {
            #expect(!p.title.isEmpty && p.title.count < 45)
            #expect(p.explanation.count > 150 && p.explanation.contains("Rebalancing the Power"))
            #expect(p.source.contains("NLGN / Local Trust, 2018"))
        }
    }

    @Test func theDefaultSetIsValidAndBalanced() throws {
        let set = QuestionSet.rebalance2026
        #expect(set.id == "rebalance-2026-1" && set.version == 1)
        #expect(try QuestionSet.validate(Make.input()) == set)
        for p in Principle.allCases {
            #expect(QuestionSet.statementsPerPrinciple.contains(set.statements(for: p).count))
            #expect(set.freeTextQuestion(for: p) != nil)
        }
        let ids = set.statements.map(\.id) + set.freeText.map(\.id)
        #expect(Set(ids).count == ids.count)
        // Positively worded throughout: higher is healthier without flipping anything.
        #expect(set.statements.allSatisfy { !$0.reverseScored })
        #expect(set.statement(id: "trust-1")?.text == "When the council says it will do something, it happens.")
        #expect(set.statement(id: "dialogue-2")?.text == "We hear about staff changes before they happen.")
    }

    @Test func theDefaultSetRoundTripsThroughJSON() throws {
        let data = try QuestionSet.rebalance2026.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"id\" : \"rebalance-2026-1\""))
        #expect(text.contains("\"principle\" : \"shared_ownership\""))
        #expect(try QuestionSet.fromJSON(data) == QuestionSet.rebalance2026)
        // Stable bytes: the same set always writes the same JSON.
        #expect(try QuestionSet.rebalance2026.jsonData() == data)
    }

    @Test func anAdaptedSetLoadsFromJSON() throws {
        var input = Make.input()
        input.id = "north-programme-2027"
        input.version = 3
        input.statements?[0].text = "The council values local knowledge."
        let data = try JSONEncoder().encode(input)
        let set = try QuestionSet.fromJSON(data)
        #expect(set.key == QuestionSetKey(id: "north-programme-2027", version: 3))
        #expect(set.statements[0].text == "The council values local knowledge.")
    }

    @Test func validationNamesEveryProblem() throws {
        var input = Make.input()
        input.id = "Not A Slug"
        input.version = 0
        input.title = "  "
        // Trust loses four statements (four left), one statement is renamed to a duplicate id,
        // one has no text, one has an unknown principle, and an open question goes missing.
        input.statements = input.statements!.filter { !["trust-5", "trust-6", "trust-7", "trust-8"].contains($0.id ?? "") }
        input.statements![1].id = "recognition-1"
        input.statements![2].text = ""
        input.statements![3].principle = "honesty"
        input.freeText!.removeLast()
        let failure = try #require(throws: ValidationFailure.self) { try QuestionSet.validate(input) }
        #expect(failure.message(for: "id")?.contains("lower-case letters") == true)
        #expect(failure.message(for: "version") == "Version must be a whole number of 1 or more")
        #expect(failure.message(for: "title") == "Enter a title for the question set")
        #expect(failure.message(for: "statements[1].id") == "The id recognition-1 is used twice (statements[0] and statements[1]): every question needs its own id")
        #expect(failure.message(for: "statements[2].text") == "Enter the wording of statements[2]")
        #expect(failure.message(for: "statements[3].principle")?.hasPrefix("The principle of statements[3] must be one of recognition, trust") == true)
        #expect(failure.message(for: "principles.trust") == "Principle 2 (trust) has 4 statements: each principle needs 5 to 8")
        // recognition-4 moved out by the unknown principle: 6 left, still fine.
        #expect(failure.message(for: "principles.recognition") == nil)
        #expect(failure.message(for: "freeText.shared_ownership") == "Principle 5 (shared_ownership) has 0 open questions: each principle needs exactly one")
    }

    @Test func tooManyStatementsOrOverlongTextIsRefused() throws {
        var input = Make.input()
        for n in 0..<2 {
            input.statements!.append(.init(id: "trust-extra-\(n)", principle: "trust", text: "Another trust statement."))
        }
        input.statements![0].text = String(repeating: "x", count: 301)
        let failure = try #require(throws: ValidationFailure.self) { try QuestionSet.validate(input) }
        #expect(failure.message(for: "principles.trust") == "Principle 2 (trust) has 10 statements: each principle needs 5 to 8")
        #expect(failure.message(for: "statements[0].text")?.hasSuffix("must be 300 characters or fewer") == true)
    }

    @Test func unreadableJSONIsExplained() throws {
        let failure = try #require(throws: ValidationFailure.self) { try QuestionSet.fromJSON(Data("{\"version\": \"two\"}".utf8)) }
        #expect(failure.message(for: "json")?.contains("a value at version has the wrong type") == true)
        let broken = try #require(throws: ValidationFailure.self) { try QuestionSet.fromJSON(Data("{".utf8)) }
        #expect(broken.message(for: "json")?.contains("not valid JSON") == true)
    }

    @Test func versionsAreComparedByIdAndVersion() {
        let a = QuestionSetKey(id: "rebalance-2026-1", version: 1)
        #expect(a.incomparability(with: a) == nil)
        #expect(a.incomparability(with: QuestionSetKey(id: "rebalance-2026-1", version: 2))?.contains("different versions") == true)
        #expect(a.incomparability(with: QuestionSetKey(id: "other", version: 1))?.contains("different questionnaires") == true)
    }
}

// MARK: - Answers

@Suite struct HealthCheckAnswerTests {
    @Test func theScaleMapsOneToZeroAndFiveToAHundred() {
        #expect(Agreement.allCases.map { $0.score() } == [0, 25, 50, 75, 100])
        #expect(Agreement.allCases.map { $0.score(reversed: true) } == [100, 75, 50, 25, 0])
    }

    @Test func answerValuesParseNamesAndPoints() {
        #expect(AnswerValue(key: "agree") == .scale(.agree))
        #expect(AnswerValue(key: " Strongly_Agree ") == .scale(.stronglyAgree))
        #expect(AnswerValue(key: "1") == .scale(.stronglyDisagree))
        #expect(AnswerValue(key: "dont_know") == .dontKnow)
        for bad in ["0", "6", "-1", "maybe", "3.5"] { #expect(AnswerValue(key: bad) == nil) }
        #expect(AnswerValue.allValues.map(\.key) == ["strongly_disagree", "disagree", "neither", "agree", "strongly_agree", "dont_know"])
    }

    @Test func aSheetIsCheckedAgainstTheQuestionSet() throws {
        let input = AnswerSheet.Input(answers: ["trust-1": "agree", "trust-2": "7", "nonsense": "agree", "trust-3": ""],
                                      comments: ["trust-open": String(repeating: "a", count: 2001), "other-open": "hi"])
        let failure = try #require(throws: ValidationFailure.self) { try AnswerSheet.validate(input, against: Make.set) }
        #expect(failure.message(for: "trust-2") == "Choose an answer from strongly disagree to strongly agree, or don't know")
        #expect(failure.message(for: "nonsense")?.hasPrefix("nonsense is not a statement in this questionnaire") == true)
        #expect(failure.message(for: "trust-open") == "Your comment must be 2000 characters or fewer")
        #expect(failure.message(for: "other-open")?.contains("not an open question") == true)
        #expect(failure.message(for: "trust-1") == nil)
    }

    @Test func blankAnswersAreSkippedButAnEmptySheetIsRefused() throws {
        let sheet = try AnswerSheet.validate(.init(answers: ["trust-1": "dont_know", "trust-2": " ", "trust-3": "5"],
                                                   comments: ["trust-open": "  More notice, please.  "]), against: Make.set)
        #expect(sheet.answers == ["trust-1": .dontKnow, "trust-3": .scale(.stronglyAgree)])
        #expect(sheet.comments == ["trust-open": "More notice, please."])
        #expect(sheet.orderedAnswers(in: Make.set).map(\.statementID) == ["trust-1", "trust-3"])
        let empty = try #require(throws: ValidationFailure.self) {
            try AnswerSheet.validate(.init(answers: ["trust-1": ""], comments: ["trust-open": " "]), against: Make.set)
        }
        #expect(empty.errors == [FieldError("recognition-1", "Answer at least one statement before you send your answers")])
    }

    @Test func rolesDecideTheSideAndTheGroup() {
        #expect(RespondentRole.member(.resident).side == .community)
        #expect(RespondentRole.member(.chair).group == .residents)
        #expect(RespondentRole.member(.ltoRepresentative).group == .otherMembers)
        #expect(RespondentRole.member(.councillor).side == .council)
        #expect(RespondentRole.councillorStakeholder.group == .councillors)
        #expect(RespondentRole.member(.councilOfficer).group == .councilOfficers)
        #expect(RespondentRole.councilStaff.side == .council)
        for role in RespondentRole.allCases {
            #expect(RespondentRole(rawValue: role.rawValue) == role)
            #expect(role.group.side == role.side)
        }
        #expect(RespondentRole(rawValue: "mayor") == nil)
    }
}

// MARK: - Rounds

@Suite struct HealthCheckRoundTests {
    let today = Make.day("2026-03-02")

    @Test func aRoundOpensTodayAndClosesOnALaterDay() throws {
        let round = try HealthCheckRound.open(.init(closesOn: "2026-03-30"), today: today, otherRounds: [])
        #expect(round.opensOn == today && round.closesOn == Make.day("2026-03-30"))
        #expect(round.questionSet == QuestionSet.rebalance2026.key)
        #expect(round.state(on: today) == .open)
        #expect(round.state(on: Make.day("2026-03-30")) == .open)
        #expect(round.state(on: Make.day("2026-03-31")) == .closed)
    }

    @Test func closingDatesMustBeAfterTodayAndWithinNinetyDays() throws {
        for (raw, message) in [("2026-03-02", "Closing date must be after today (2 March 2026)"),
                               ("2026-02-20", "Closing date must be after today (2 March 2026)"),
                               ("2026-06-01", "Closing date must be within 90 days of today, on or before 31 May 2026"),
                               ("", "Enter closing date"),
                               ("next week", "Closing date must be a real date, written like 2026-03-27")] {
            let failure = try #require(throws: ValidationFailure.self) {
                try HealthCheckRound.open(.init(closesOn: raw), today: today, otherRounds: [])
            }
            #expect(failure.message(for: "closesOn") == message)
        }
        #expect(throws: Never.self) { try HealthCheckRound.open(.init(closesOn: "2026-05-31"), today: today, otherRounds: []) }
    }

    @Test func onlyOneRoundIsOpenAtATimeAndTheSetMustBeKnown() throws {
        let running = try HealthCheckRound.open(.init(closesOn: "2026-03-20"), today: today, otherRounds: [])
        let failure = try #require(throws: ValidationFailure.self) {
            try HealthCheckRound.open(.init(closesOn: "2026-03-30", questionSet: "unknown-set"), today: today, otherRounds: [running])
        }
        #expect(failure.message(for: "round") == "A health check is already open until 20 March 2026: close it before opening another")
        #expect(failure.message(for: "questionSet") == "Choose a questionnaire from the list: unknown-set is not one we know")
        // Once it has closed, a new one may open.
        let later = Make.day("2026-03-21")
        #expect(throws: Never.self) { try HealthCheckRound.open(.init(closesOn: "2026-04-10"), today: later, otherRounds: [running]) }
    }

    @Test func theNewestVersionOfTheChosenSetIsUsed() throws {
        var v2 = QuestionSet.rebalance2026
        v2.version = 2
        let round = try HealthCheckRound.open(.init(closesOn: "2026-03-30", questionSet: "rebalance-2026-1"), today: today,
                                              knownSets: [QuestionSet.rebalance2026, v2], otherRounds: [])
        #expect(round.questionSet.version == 2)
    }

    @Test func closingIsFinal() throws {
        let round = try HealthCheckRound.open(.init(closesOn: "2026-03-30"), today: today, otherRounds: [])
        let closeDay = Make.day("2026-03-10")
        let closed = try round.closing(today: closeDay)
        #expect(closed.state(on: closeDay) == .closed && closed.endedOn == closeDay)
        let twice = try #require(throws: ValidationFailure.self) { try closed.closing(today: closeDay) }
        #expect(twice.message(for: "round") == "This health check already closed on 10 March 2026")
        let reopen = try #require(throws: ValidationFailure.self) { try closed.reopening(today: closeDay) }
        #expect(reopen.message(for: "round") == "A closed health check cannot be reopened, so its results stay as people saw them. Open a new round instead.")
        // A round that closed by reaching its date cannot be reopened or extended either.
        let lapsed = Make.day("2026-04-02")
        #expect(throws: ValidationFailure.self) { try round.reopening(today: lapsed) }
        let extend = try #require(throws: ValidationFailure.self) { try round.extending(to: "2026-04-20", today: lapsed) }
        #expect(extend.message(for: "closesOn") == "This health check closed on 30 March 2026; a closed round cannot be changed")
    }

    @Test func anOpenRoundCanBeExtendedWithinItsLimit() throws {
        let round = try HealthCheckRound.open(.init(closesOn: "2026-03-30"), today: today, otherRounds: [])
        #expect(try round.extending(to: "2026-04-15", today: Make.day("2026-03-20")).closesOn == Make.day("2026-04-15"))
        let tooLate = try #require(throws: ValidationFailure.self) { try round.extending(to: "2026-06-01", today: today) }
        #expect(tooLate.message(for: "closesOn")?.hasPrefix("Closing date must be within 90 days of the opening") == true)
    }

    @Test func whoMayAnswerWhen() throws {
        let round = try HealthCheckRound.open(.init(closesOn: "2026-03-30"), today: today, otherRounds: [])
        #expect(round.answerDecision(invited: true, alreadyAnswered: false, today: today) == .firstAnswer)
        #expect(round.answerDecision(invited: true, alreadyAnswered: true, today: Make.day("2026-03-30")) == .update)
        #expect(round.answerDecision(invited: false, alreadyAnswered: false, today: today)
                == .refused("You were not invited to answer this health check. Ask the partnership's chair to add you to it."))
        let late = round.answerDecision(invited: true, alreadyAnswered: true, today: Make.day("2026-03-31"))
        #expect(late == .refused("This health check closed on 30 March 2026, so answers are no longer accepted."))
        #expect(!late.isAllowed)
        let closedEarly = try round.closing(today: Make.day("2026-03-12"))
        let failure = try #require(throws: ValidationFailure.self) {
            try closedEarly.admitAnswer(invited: true, alreadyAnswered: false, today: Make.day("2026-03-12"))
        }
        #expect(failure.message(for: "round") == "This health check was closed on 12 March 2026, so answers are no longer accepted.")
        #expect(try round.admitAnswer(invited: true, alreadyAnswered: false, today: today) == .firstAnswer)
    }
}

// MARK: - HealthCheckScoring

@Suite struct HealthCheckScoringTests {
    /// Six residents answer the trust statements in different ways; see each line.
    static func trustAnswers() -> [HealthCheckResponse] {
        func r(_ answers: [String: AnswerValue]) -> HealthCheckResponse {
            HealthCheckResponse(role: Make.resident, sheet: AnswerSheet(answers: answers))
        }
        let allTrust = QuestionSet.rebalance2026.statements(for: .trust).map(\.id)
        return [
            r(Dictionary(uniqueKeysWithValues: allTrust.map { ($0, AnswerValue.scale(.agree)) })),   // 75
            r(["trust-1": .scale(.stronglyAgree), "trust-2": .dontKnow]),                             // 100
            r(Dictionary(uniqueKeysWithValues: allTrust.map { ($0, AnswerValue.dontKnow) })),         // no score
            r(["trust-1": .scale(.disagree), "trust-2": .scale(.neither)]),                           // 37.5
            r(["trust-1": .scale(.stronglyDisagree)]),                                                // 0
            r(["trust-1": .scale(.agree)]),                                                           // 75
        ]
    }

    @Test func eachPersonCountsOnceAndDontKnowAndBlanksAreLeftOut() throws {
        let results = HealthCheckResults.compute(set: Make.set, responses: Self.trustAnswers())
        let community = try #require(results.side(.community).scores.value)
        let trust = try #require(community.result(for: .trust))
        // Mean of personal means (75, 100, 37.5, 0, 75); the person who only said "don't know"
        // has no score. Pooling every answer instead would give 850 / 13 = 65.4.
        #expect(trust.score.value?.score == 57.5)
        #expect(trust.counts == AnswerCounts(respondents: 6, answered: 5, scaleAnswers: 13, dontKnowAnswers: 9, missingAnswers: 26))
        #expect(trust.score.value?.standardDeviation == 35)
        #expect(trust.score.value?.spread == .divided)
        #expect(trust.score.value?.positiveShare == 10.0 / 13)
        #expect(trust.score.value?.negativeShare == 2.0 / 13)
        // Nobody answered the other principles: hidden, and the overall uses trust alone.
        #expect(community.result(for: .dialogue)?.score.suppression?.reason == "No people on the community side answered about \u{201C}Keep talking, honestly\u{201D}.")
        #expect(community.overall == 57.5 && community.principlesInOverall == 1)
    }

    @Test func statementTalliesCountEachAnswer() throws {
        let results = HealthCheckResults.compute(set: Make.set, responses: Self.trustAnswers())
        let tallies = try #require(results.side(.community).scores.value?.statements)
        let first = try #require(tallies.first { $0.statementID == "trust-1" })
        #expect(first.answered == 5 && first.dontKnow == 1 && first.missing == 0)
        #expect(first.distribution.value == [1, 1, 0, 2, 1])
        #expect(first.count(of: .agree) == 2)
        // trust-2: two on the scale, so the distribution is hidden; counts of blanks stay.
        let second = try #require(tallies.first { $0.statementID == "trust-2" })
        #expect(second.answered == 2 && second.dontKnow == 2 && second.missing == 2)
        #expect(second.distribution.suppression?.respondents == 2)
    }

    @Test func reverseScoredStatementsAreFlipped() throws {
        var input = Make.input()
        input.statements![0] = .init(id: "recognition-x", principle: "recognition",
                                     text: "The council ignores what residents say.", reverseScored: true)
        let set = try QuestionSet.validate(input)
        let responses = (0..<5).map { _ in
            HealthCheckResponse(role: Make.resident, sheet: AnswerSheet(answers: ["recognition-x": .scale(.stronglyDisagree),
                                                                                  "recognition-2": .scale(.neither)]))
        }
        let results = HealthCheckResults.compute(set: set, responses: responses)
        let recognition = try #require(results.side(.community).scores.value?.result(for: .recognition)?.score.value)
        #expect(recognition.score == 75)   // (100 + 50) / 2
        #expect(recognition.positiveShare == 0.5 && recognition.negativeShare == 0)
    }

    @Test func theSpreadLabelFollowsTheStandardDeviation() {
        #expect(SpreadLabel(standardDeviation: 0) == .similar)
        #expect(SpreadLabel(standardDeviation: 14.9) == .similar)
        #expect(SpreadLabel(standardDeviation: 15) == .mixed)
        #expect(SpreadLabel(standardDeviation: 25) == .divided)
        #expect(HealthCheckScoring.standardDeviation([50, 50, 50]) == 0)
        #expect(HealthCheckScoring.standardDeviation([0, 100]) == 50)
    }

    @Test func perceptionGapIsCommunityMinusCouncil() throws {
        let responses = Make.people(5, Make.resident, .scale(.agree))
            + Make.people(5, Make.officer, .scale(.stronglyAgree), on: [.trust, .dialogue])
            + Make.people(5, Make.councillor, .scale(.neither), on: [.recognition, .flexibility, .sharedOwnership])
        let results = HealthCheckResults.compute(set: Make.set, responses: responses)
        let trust = try #require(results.gap(for: .trust))
        #expect(trust.community == 75 && trust.council == 100)
        #expect(trust.difference == -25 && trust.size == 25 && trust.label == .wide)
        #expect(trust.morePositive == .council)
        #expect(trust.summary == "The council sees this 25 points more positively than the community (wide gap).")
        let recognition = try #require(results.gap(for: .recognition))
        #expect(recognition.difference == 25 && recognition.morePositive == .community)
        #expect(results.gaps.count == 5)
        // Council overall: (100 + 100 + 50 + 50 + 50) / 5 = 70; community 75.
        #expect(results.overallGap?.difference == 5)
        #expect(results.overallGap?.label == .close)
    }

    @Test func gapLabelsUseTheRoundedSize() {
        #expect(GapLabel(size: 9.4) == .close)
        #expect(GapLabel(size: 9.5) == .someDifference)
        #expect(GapLabel(size: -12) == .someDifference)
        #expect(GapLabel(size: 19.49) == .someDifference)
        #expect(GapLabel(size: 19.5) == .wide)
        #expect(GapLabel(size: 40) == .wide)
        #expect(PerceptionGap(principle: nil, community: 60.2, council: 60).summary == "Both sides see this the same way.")
        #expect(PerceptionGap(principle: nil, community: 61, council: 60).summary == "The community sees this 1 point more positively than the council (close).")
    }
}

// MARK: - Confidentiality

@Suite struct HealthCheckConfidentialityTests {
    @Test func theRuleIsFive() {
        #expect(Confidentiality.minimumGroupSize == 5)
        #expect(Confidentiality.suppression(count: 5, group: "councillors") == nil)
        let four = Confidentiality.suppression(count: 4, group: "councillors")
        #expect(four?.respondents == 4)
        #expect(four?.reason == "Fewer than 5 councillors answered (4), so this is not shown: with so few people, answers could be traced back to someone.")
        #expect(Confidentiality.suppression(count: 0, group: "councillors")?.reason == "No councillors answered.")
    }

    @Test func aSideOfFourIsHiddenAndAsideOfFiveIsShown() throws {
        let four = HealthCheckResults.compute(set: Make.set, responses: Make.people(6, Make.resident, .scale(.agree))
                                                                  + Make.people(4, Make.officer, .scale(.disagree)))
        #expect(four.side(.council).respondents == 4)
        #expect(four.side(.council).scores.suppression?.reason.hasPrefix("Fewer than 5 people on the council side answered (4)") == true)
        #expect(four.side(.community).scores.isShown)
        // Without the council side there is no gap; combined scores use the community alone.
        #expect(four.gaps.isEmpty && four.overallGap == nil)
        #expect(four.combined.allSatisfy { $0.sidesIncluded == 1 && $0.score == 75 })

        let five = HealthCheckResults.compute(set: Make.set, responses: Make.people(6, Make.resident, .scale(.agree))
                                                                  + Make.people(5, Make.officer, .scale(.disagree)))
        #expect(five.side(.council).scores.value?.overall == 25)
        #expect(five.overallGap?.difference == 50)
        #expect(five.combined.allSatisfy { $0.sidesIncluded == 2 && $0.score == 50 })
    }

    @Test func aPrincipleAnsweredByFourIsHiddenEvenOnALargeSide() throws {
        // Eight residents; four answer "don't know" to everything about trust.
        let responses = Make.people(4, Make.resident, .scale(.agree))
            + (0..<4).map { _ in
                var sheet = Make.sheet(.scale(.agree))
                for s in Make.set.statements(for: .trust) { sheet.answers[s.id] = .dontKnow }
                return HealthCheckResponse(role: Make.resident, sheet: sheet)
            }
        let side = try #require(HealthCheckResults.compute(set: Make.set, responses: responses).side(.community).scores.value)
        let trust = try #require(side.result(for: .trust))
        #expect(trust.counts.answered == 4 && trust.counts.dontKnowAnswers == 32)
        #expect(!trust.score.isShown)
        #expect(side.result(for: .dialogue)?.score.value?.score == 75)
        #expect(side.principlesInOverall == 4)
        // With one more person answering, it is shown.
        let more = responses + Make.people(1, Make.resident, .scale(.stronglyAgree))
        #expect(HealthCheckResults.compute(set: Make.set, responses: more).score(.trust, on: .community) == 80)
    }

    @Test func groupsOfFourAreHiddenAndOfFiveShown() throws {
        let shown = HealthCheckResults.compute(set: Make.set, responses:
            Make.people(5, Make.resident, .scale(.agree)) + Make.people(5, Make.rep, .scale(.neither))
            + Make.people(5, Make.councillor, .scale(.disagree)) + Make.people(5, Make.officer, .scale(.stronglyAgree)))
        #expect(shown.groups.map(\.group) == [.residents, .otherMembers, .councillors, .councilOfficers])
        #expect(shown.groups.map { $0.scores.value?.overall } == [75, 50, 25, 100])
        #expect(shown.group(.councillors).scores.value?.principles.allSatisfy { $0.score.value == 25 } == true)

        let hidden = HealthCheckResults.compute(set: Make.set, responses:
            Make.people(5, Make.resident, .scale(.agree)) + Make.people(4, Make.rep, .scale(.neither))
            + Make.people(5, Make.councillor, .scale(.disagree)) + Make.people(4, Make.officer, .scale(.stronglyAgree)))
        let others = hidden.group(.otherMembers)
        #expect(others.respondents == 4)
        #expect(others.scores.suppression?.reason.hasPrefix("Fewer than 5 other partnership members answered (4)") == true)
        #expect(hidden.group(.councilOfficers).scores.suppression?.respondents == 4)
        // The sides (9 people each) are shown; showing residents or councillors alongside them
        // would let the hidden group be worked out by subtraction, so they are hidden too.
        #expect(hidden.side(.community).scores.isShown && hidden.side(.council).scores.isShown)
        #expect(hidden.group(.residents).scores.suppression?.reason.contains("worked out") == true)
        #expect(hidden.group(.councillors).scores.suppression?.reason.contains("worked out") == true)
    }

    @Test func aGroupThatIsTheWholeSideNeedsNoProtection() {
        let results = HealthCheckResults.compute(set: Make.set, responses:
            Make.people(7, Make.resident, .scale(.agree)) + Make.people(5, Make.officer, .scale(.agree)))
        #expect(results.group(.residents).scores.isShown)
        #expect(results.group(.otherMembers).scores.suppression?.reason == "No other partnership members answered.")
        #expect(results.group(.councilOfficers).scores.isShown)
    }

    @Test func complementaryHidingWorksPrincipleByPrinciple() throws {
        // Both groups have five people, but one rep says "don't know" to every trust statement:
        // other members' trust score rests on four people, so it is hidden, and residents' trust
        // score with it; the other principles stay visible for both.
        var responses = Make.people(5, Make.resident, .scale(.agree)) + Make.people(4, Make.rep, .scale(.neither))
        var sheet = Make.sheet(.scale(.neither))
        for s in Make.set.statements(for: .trust) { sheet.answers[s.id] = .dontKnow }
        responses.append(HealthCheckResponse(role: Make.rep, sheet: sheet))
        let results = HealthCheckResults.compute(set: Make.set, responses: responses)
        let residents = try #require(results.group(.residents).scores.value)
        let others = try #require(results.group(.otherMembers).scores.value)
        let residentTrust = try #require(residents.principles.first { $0.principle == .trust })
        let otherTrust = try #require(others.principles.first { $0.principle == .trust })
        #expect(otherTrust.score.suppression?.respondents == 4)
        #expect(residentTrust.score.suppression?.reason.contains("worked out") == true)
        #expect(residents.principles.filter { $0.score.isShown }.count == 4)
        #expect(residents.overall == 75 && others.overall == 50)
    }

    @Test func partsToHideStopsOnceTheHiddenTotalIsSafe() {
        #expect(Confidentiality.partsToHide(wholeShown: true, counts: [6, 4]) == [true, true])
        #expect(Confidentiality.partsToHide(wholeShown: true, counts: [5, 5]) == [false, false])
        #expect(Confidentiality.partsToHide(wholeShown: true, counts: [9, 0]) == [false, true])
        #expect(Confidentiality.partsToHide(wholeShown: true, counts: [8, 2, 3]) == [false, true, true])   // 2 + 3 = 5
        #expect(Confidentiality.partsToHide(wholeShown: true, counts: [6, 6, 1]) == [false, true, true])   // ties: the later one
        #expect(Confidentiality.partsToHide(wholeShown: false, counts: [3, 1]) == [true, true])
    }

    @Test func resultsHoldNoIndividualAnswersOrComments() throws {
        var responses = Make.people(5, Make.resident, .scale(.agree)) + Make.people(5, Make.officer, .scale(.neither))
        responses[0].sheet.comments["trust-open"] = "A very identifiable remark about Mrs Jones"
        let results = HealthCheckResults.compute(set: Make.set, responses: responses)
        let json = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
        #expect(!json.contains("Mrs Jones"))
        #expect(!json.contains("\"answers\""))
        // The encoded form says plainly what is hidden.
        #expect(json.contains("\"shown\":false") && json.contains("\"shown\":true"))
        let decoded = try JSONDecoder().decode(HealthCheckResults.self, from: Data(json.utf8))
        #expect(decoded == results)
    }
}

// MARK: - Change and weakest principles

@Suite struct HealthCheckComparisonTests {
    static func round(community: AnswerValue, council: AnswerValue, set: QuestionSet = Make.set) -> HealthCheckResults {
        HealthCheckResults.compute(set: set, responses: Make.people(5, Make.resident, community) + Make.people(5, Make.officer, council))
    }

    @Test func changeIsMeasuredWithinTheSameVersion() throws {
        let first = Self.round(community: .scale(.disagree), council: .scale(.agree))          // 25 vs 75
        #expect(first.change.status == .noPreviousRound)
        let second = HealthCheckResults.compute(set: Make.set,
            responses: Make.people(5, Make.resident, .scale(.neither)) + Make.people(5, Make.officer, .scale(.agree)),
            previous: first)                                                                    // 50 vs 75
        #expect(second.change.status == .compared)
        let trust = try #require(second.change.change(for: .trust))
        #expect(trust.community == 25 && trust.council == 0 && trust.gapSize == -25)
        #expect(second.change.overallGapSize == -25)
        #expect(ChangeSincePrevious.describe(trust.community) == "up 25 points")
        #expect(ChangeSincePrevious.describe(-0.4) == "no change")
        #expect(ChangeSincePrevious.describe(-1) == "down 1 point")
        #expect(ChangeSincePrevious.describeGap(trust.gapSize) == "The gap narrowed by 25 points")
        #expect(ChangeSincePrevious.describeGap(3) == "The gap widened by 3 points")
    }

    @Test func roundsOnDifferentVersionsAreNotCompared() throws {
        var v2 = Make.set
        v2.version = 2
        let first = Self.round(community: .scale(.disagree), council: .scale(.agree))
        let second = HealthCheckResults.compute(set: v2, responses: Make.people(5, Make.resident, .scale(.agree)), previous: first)
        #expect(second.change.status == .notComparable)
        #expect(second.change.principles.isEmpty && second.change.overallCommunity == nil)
        #expect(second.change.explanation == "These rounds used different versions of the questionnaire (rebalance-2026-1 version 1 and rebalance-2026-1 version 2). The statements changed between versions, so their scores cannot be compared.")
    }

    @Test func theWeakestAreTheTwoLowestCombinedScores() {
        var responses = Make.people(5, Make.resident, .scale(.agree)) + Make.people(5, Make.officer, .scale(.agree))
        for n in 0..<5 {   // residents rate dialogue and flexibility lower
            for s in Make.set.statements(for: .dialogue) { responses[n].sheet.answers[s.id] = .scale(.disagree) }
            for s in Make.set.statements(for: .flexibility) { responses[n].sheet.answers[s.id] = .scale(.neither) }
        }
        let results = HealthCheckResults.compute(set: Make.set, responses: responses)
        #expect(results.weakest == [.dialogue, .flexibility])
        #expect(results.combined.first { $0.principle == .dialogue }?.score == 50)
    }

    static func combined(_ scores: [Principle: Double]) -> [CombinedScore] {
        Principle.allCases.compactMap { p in scores[p].map { CombinedScore(principle: p, score: $0, sidesIncluded: 2) } }
    }

    @Test func tiesGoToTheWiderGapThenToTheReportsOrder() {
        let scores = Self.combined([.recognition: 70, .trust: 55, .dialogue: 55, .flexibility: 55, .sharedOwnership: 80])
        // No gaps known: report order among the three tied.
        #expect(HealthCheckResults.weakestPrinciples(combined: scores, gaps: []) == [.trust, .dialogue])
        // A wider gap on flexibility puts it first.
        let gaps = [PerceptionGap(principle: .flexibility, community: 45, council: 65),
                    PerceptionGap(principle: .trust, community: 50, council: 60),
                    PerceptionGap(principle: .dialogue, community: 50, council: 60)]
        #expect(HealthCheckResults.weakestPrinciples(combined: scores, gaps: gaps) == [.flexibility, .trust])
        // Differences below a tenth of a point are ties; a tenth is not.
        let close = Self.combined([.recognition: 60.04, .trust: 60.01, .dialogue: 60.2, .flexibility: 90, .sharedOwnership: 90])
        #expect(HealthCheckResults.weakestPrinciples(combined: close, gaps: []) == [.recognition, .trust])
        #expect(HealthCheckResults.weakestPrinciples(combined: [], gaps: []) == [])
        #expect(HealthCheckResults.weakestPrinciples(combined: Self.combined([.dialogue: 10]), gaps: []) == [.dialogue])
    }
}

// MARK: - Next steps

@Suite struct HealthCheckNextStepsTests {
    @Test func theCatalogueCoversEveryPrincipleForEachSide() {
        let all = SuggestionCatalogue.all
        #expect(Set(all.map(\.id)).count == all.count)
        for p in Principle.allCases {
            for side in Side.allCases {
                let mine = all.filter { $0.principle == p && $0.promisedBy == side }
                #expect(mine.count >= 3, "\(p) \(side)")
                #expect(mine.contains { $0.size == .small }, "\(p) \(side) needs an early win")
            }
        }
        for action in all {
            #expect(!action.title.isEmpty && action.title.count <= 60)
            #expect(action.description.hasSuffix(".") && action.description.count <= 200)
            #expect((7...120).contains(action.dueInDays))
        }
    }

    @Test func suggestionsFollowTheCatalogueOrder() throws {
        let steps = NextSteps.suggestions(for: [.dialogue, .flexibility])
        #expect(steps.map(\.principle) == [.dialogue, .flexibility])
        #expect(steps[0].forCouncil.map(\.id) == ["dialogue-council-review-meetings", "dialogue-council-communication-plan", "dialogue-council-staff-changes"])
        #expect(steps[0].forPartnership.map(\.id) == ["dialogue-partnership-senior", "dialogue-partnership-residents", "dialogue-partnership-ground-rules"])
        #expect(steps[1].suggestions(for: .council).first?.id == "flexibility-council-procedure")
        #expect(steps.allSatisfy { $0.forCouncil.allSatisfy { $0.promisedBy == .council } && $0.forPartnership.allSatisfy { $0.promisedBy == .community } })
    }

    @Test func whenTrustIsWeakSmallStepsComeFirst() {
        let steps = NextSteps.suggestions(for: [.flexibility, .trust])
        #expect(steps[0].forCouncil.map(\.id) == ["flexibility-council-negotiable", "flexibility-council-local-insight", "flexibility-council-procedure"])
        #expect(steps[1].forCouncil.map(\.id) == ["trust-council-small-promise", "trust-council-briefing", "trust-council-check-promises"])
        #expect(steps[1].forPartnership.map(\.id) == ["trust-partnership-link", "trust-partnership-checks", "trust-partnership-allies"])
        #expect(steps[1].forCouncil.allSatisfy { $0.size == .small })
    }

    @Test func takenSuggestionsMakeRoomForTheNext() {
        let steps = NextSteps.suggestions(for: [.trust], excluding: ["trust-council-small-promise", "trust-council-briefing",
                                                                     "trust-council-check-promises"])
        #expect(steps[0].forCouncil.map(\.id) == ["trust-council-timelines", "trust-council-handover", "trust-council-liabilities"])
        #expect(NextSteps.suggestions(for: [.dialogue], perSide: 1)[0].forCouncil.count == 1)
        #expect(NextSteps.suggestions(for: []).isEmpty)
    }

    @Test func tiedPrinciplesPickTheirSuggestionsDeterministically() {
        // Every principle scores the same on both sides: the report's order decides (1, then 2),
        // and with trust among them the small steps lead.
        let results = HealthCheckComparisonTests.round(community: .scale(.neither), council: .scale(.neither))
        #expect(results.weakest == [.recognition, .trust])
        let steps = NextSteps.suggestions(for: results)
        #expect(steps.map(\.principle) == [.recognition, .trust])
        #expect(steps[0].forCouncil.map(\.id) == ["recognition-council-responsibilities", "recognition-council-listen", "recognition-council-local-knowledge"])
        #expect(NextSteps.suggestions(for: results) == steps)
    }

    @Test func aSuggestionCarriesWhatACommitmentNeeds() throws {
        let action = try #require(SuggestionCatalogue.action(id: "dialogue-council-staff-changes"))
        #expect(action.title == "Give notice of staff changes")
        #expect(action.promisedBy == .council && action.promisedBy.partyName == "the council")
        #expect(action.size == .small && action.dueInDays == 14)
        #expect(action.dueOn(from: Make.day("2026-03-25")) == Make.day("2026-04-08"))
    }
}

// MARK: - Across areas

@Suite struct HealthCheckSummaryRowTests {
    static func row(_ name: String, community: Double?, council: Double?, ended: String? = "2026-03-01") -> HealthCheckSummaryRow {
        var row = HealthCheckSummaryRow(partnershipName: name, partnershipSlug: Slug.make(from: name),
                                        latestRoundEndedOn: ended.flatMap(Day.init), results: nil)
        row.principles = Principle.allCases.map { .init(principle: $0, community: community, council: council) }
        row.overallCommunity = community
        row.overallCouncil = council
        if let community, let council { row.overallGap = community - council }
        return row
    }

    static let rows = [
        row("Marsh Lane", community: 60, council: 70),
        row("Ashfield", community: 40, council: 80),
        row("brookside", community: 60, council: nil),
        row("Canal Side", community: nil, council: nil, ended: nil),
        row("Dale End", community: 75, council: 60),
    ]

    @Test func aRowIsBuiltFromResults() {
        let results = HealthCheckComparisonTests.round(community: .scale(.agree), council: .scale(.neither))
        let row = HealthCheckSummaryRow(partnershipName: "Marsh Lane", partnershipSlug: "marsh-lane",
                                        latestRoundEndedOn: Make.day("2026-03-30"), results: results)
        #expect(row.score(.trust, on: .community) == 75 && row.score(.trust, on: .council) == 50)
        #expect(row.overallGap == 25 && row.respondents == 10 && row.questionSet == Make.set.key)
        let empty = HealthCheckSummaryRow(partnershipName: "New", partnershipSlug: "new", latestRoundEndedOn: nil, results: nil)
        #expect(empty.overallCommunity == nil && empty.principles.count == 5)
    }

    @Test func sortingPutsBlanksLastAndBreaksTiesByName() {
        let byCommunity = HealthCheckSummaryRow.sorted(Self.rows, by: .score(.trust, .community))
        #expect(byCommunity.map(\.partnershipName) == ["Ashfield", "brookside", "Marsh Lane", "Dale End", "Canal Side"])
        let descending = HealthCheckSummaryRow.sorted(Self.rows, by: .score(.trust, .community), .descending)
        #expect(descending.map(\.partnershipName) == ["Dale End", "brookside", "Marsh Lane", "Ashfield", "Canal Side"])
        let byCouncil = HealthCheckSummaryRow.sorted(Self.rows, by: .overall(.council), .descending)
        #expect(byCouncil.map(\.partnershipName) == ["Ashfield", "Marsh Lane", "Dale End", "brookside", "Canal Side"])
    }

    @Test func theGapSortsBySizeAndNamesSortCaseInsensitively() {
        let byGap = HealthCheckSummaryRow.sorted(Self.rows, by: .overallGap, .descending)
        #expect(byGap.map(\.partnershipName) == ["Ashfield", "Dale End", "Marsh Lane", "brookside", "Canal Side"])
        #expect(HealthCheckSummaryRow.sorted(Self.rows, by: .partnership).map(\.partnershipName)
                == ["Ashfield", "brookside", "Canal Side", "Dale End", "Marsh Lane"])
        #expect(HealthCheckSummaryRow.sorted(Self.rows, by: .partnership, .descending).first?.partnershipName == "Marsh Lane")
        #expect(HealthCheckSummaryRow.sorted(Self.rows, by: .latestRound).last?.partnershipName == "Canal Side")
    }

    @Test func columnsHaveStableKeysForSortLinks() {
        #expect(HealthCheckSummaryRow.Column.allCases.count == 2 + 10 + 2 + 1)
        for column in HealthCheckSummaryRow.Column.allCases { #expect(HealthCheckSummaryRow.Column(rawValue: column.rawValue) == column) }
        #expect(HealthCheckSummaryRow.Column.score(.sharedOwnership, .council).rawValue == "shared-ownership-council")
        #expect(HealthCheckSummaryRow.Column(rawValue: "gap") == .overallGap)
        #expect(HealthCheckSummaryRow.Column(rawValue: "nonsense") == nil)
    }

    @Test func csvHasAHeaderAndSafeCells() {
        let header = HealthCheckSummaryRow.csvHeader
        #expect(header.first == "Partnership" && header.last == "Question set")
        #expect(header.contains("2. Build trust on purpose: council"))
        var row = Self.row("=HYPERLINK(\"x\"), \"quoted\"", community: 57.25, council: 70)
        row.respondents = 12
        let cells = row.csvCells
        #expect(cells.count == header.count)
        #expect(cells[1] == "2026-03-01" && cells[2] == "57.3" && cells[3] == "70.0")
        #expect(cells[cells.count - 3] == "-12.8")
        let line = HealthCheckSummaryRow.csvLine(cells)
        #expect(line.hasPrefix("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",2026-03-01,57.3,"))
        #expect(line.hasSuffix(",-12.8,12,\r\n"))
        let blank = Self.row("Canal Side", community: nil, council: nil, ended: nil).csvCells
        #expect(blank.dropFirst().dropLast(2).allSatisfy { $0.isEmpty })
        let document = HealthCheckSummaryRow.csv(Self.rows)
        #expect(document.components(separatedBy: "\r\n").count == Self.rows.count + 2)
    }
}

// MARK: - Charts from results

@Suite struct HealthCheckChartTests {
    @Test func chartsShowHiddenFiguresAsMissingNotZero() {
        let results = HealthCheckResults.compute(set: Make.set, responses:
            Make.people(5, Make.resident, .scale(.agree)) + Make.people(3, Make.officer, .scale(.neither)))
        let radar = HealthCheckCharts.radar(results)
        #expect(radar.series.map(\.name) == ["Community", "Council"])
        #expect(radar.series[0].values == [75, 75, 75, 75, 75])
        #expect(radar.series[1].values.allSatisfy { $0.isNaN })
        #expect(radar.summary.contains("Council scores out of 100: Recognise what each side brings not shown"))
        let gap = HealthCheckCharts.gap(results)
        #expect(gap.values.allSatisfy { $0.isNaN })
        #expect(gap.svg().contains("No data"))
        #expect(HealthCheckCharts.radar(results, side: .community).svg().contains("Community: 75"))
    }

    @Test func statementChartsLeaveOutHiddenStatements() {
        let results = HealthCheckResults.compute(set: Make.set, responses: HealthCheckScoringTests.trustAnswers())
        let chart = HealthCheckCharts.statements(results, set: Make.set, principle: .trust, side: .community)
        #expect(chart.categories == ["When the council says it will do something, it happens."])
        #expect(chart.series.map { $0.values } == [[3], [0], [2], [1]])
        #expect(chart.summary.hasSuffix("7 statements are not shown because fewer than 5 people answered them."))
    }

    @Test func theTrendKeepsOnlyRoundsOnTheLatestVersion() {
        var v2 = Make.set
        v2.version = 2
        let rounds = [("Spring 2025", HealthCheckComparisonTests.round(community: .scale(.disagree), council: .scale(.agree))),
                      ("Autumn 2025", HealthCheckComparisonTests.round(community: .scale(.neither), council: .scale(.agree), set: v2)),
                      ("Spring 2026", HealthCheckComparisonTests.round(community: .scale(.agree), council: .scale(.agree), set: v2))]
        let trend = HealthCheckCharts.trend(rounds.map { (label: $0.0, results: $0.1) })
        #expect(trend.chart.xLabels == ["Autumn 2025", "Spring 2026"])
        #expect(trend.chart.series[0].values == [50, 75])
        #expect(trend.note == "1 earlier round used a different questionnaire, so it is not in this chart: scores from different questionnaires cannot be compared.")
        #expect(trend.chart.summary == "Autumn 2025: community 50, council 75; Spring 2026: community 75, council 75.")
        #expect(HealthCheckCharts.trend([]).chart.svg().contains("No data"))
    }
}

// MARK: - Permissions

@Suite struct HealthCheckPermissionTests {
    static let partnership = UUID(), council = UUID(), otherCouncil = UUID()
    static let scope = PartnershipScope(partnershipID: partnership, councilIDs: [council])

    static func actor(_ roles: Set<MembershipRole> = [], councils: Set<UUID> = [], admin: Bool = false) -> Actor {
        Actor(personID: UUID(), name: "Someone", isAdmin: admin,
              memberships: roles.isEmpty ? [:] : [partnership: roles], staffOf: councils, councilsStaffed: councils)
    }

    @Test func theChairAndCouncilOfficersRunRounds() {
        #expect(HealthCheckPermission.runRounds(Self.scope).allows(Self.actor([.chair])))
        #expect(HealthCheckPermission.runRounds(Self.scope).allows(Self.actor([.councilOfficer])))
        #expect(HealthCheckPermission.runRounds(Self.scope).allows(Self.actor(councils: [Self.council])))
        #expect(!HealthCheckPermission.runRounds(Self.scope).allows(Self.actor([.resident])))
        #expect(!HealthCheckPermission.runRounds(Self.scope).allows(Self.actor(councils: [Self.otherCouncil])))
        #expect(HealthCheckPermission.adoptSuggestion(Self.scope).allows(Self.actor([.councillor])))
    }

    @Test func resultsAreForThePartnershipAndItsCouncils() {
        #expect(HealthCheckPermission.viewResults(Self.scope).allows(Self.actor([.resident])))
        #expect(HealthCheckPermission.viewResults(Self.scope).allows(Self.actor(councils: [Self.council])))
        #expect(!HealthCheckPermission.viewResults(Self.scope).allows(Actor.visitor))
        #expect(!HealthCheckPermission.answer(Self.scope).allows(Actor.visitor))
    }

    @Test func theCrossAreaTableIsForCouncilStaffAndAdministrators() {
        #expect(HealthCheckPermission.viewAcrossAreas(councilIDs: [Self.council]).allows(Self.actor(councils: [Self.council])))
        #expect(!HealthCheckPermission.viewAcrossAreas(councilIDs: []).allows(Self.actor(councils: [Self.council])))
        #expect(HealthCheckPermission.viewAcrossAreas(councilIDs: []).allows(Self.actor(admin: true)))
        #expect(!HealthCheckPermission.manageQuestionSets.allows(Self.actor([.chair])))
    }
}
