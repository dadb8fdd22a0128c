import Foundation
import Testing
@testable import RebalanceCore

/// Choosing who holds the money rests on a decision the partnership made, and one organisation
/// cannot be chosen twice for the same days; a plan's annual review is asked for once a year.
@Suite struct LTOChoiceTests {
    let trust = UUID(), foundation = UUID(), passed = UUID(), blocked = UUID()
    var holders: [UUID: String] { [trust: "Fernhill Community Trust", foundation: "Harbourside Community Foundation"] }
    var decisions: [UUID: LTOChoice.DecisionFact] {
        [passed: .init(title: "Work with the Foundation", result: .passed), blocked: .init(title: "Spend it all on CCTV", result: .blocked)]
    }

    func fields(_ input: LTOChoice.Input, periods: [LTOPeriod] = []) -> [String] {
        do {
            _ = try LTOChoice.validate(input, holders: holders, decisions: decisions, periods: periods)
            return []
        } catch let failure as ValidationFailure { return failure.errors.map(\.field) } catch { return ["?"] }
    }

    @Test func aChoiceNeedsAHolderADateAndADecisionThatCarried() throws {
        let choice = try LTOChoice.validate(.init(organisation: foundation.uuidString, startsOn: "2026-04-01", decision: passed.uuidString),
                                            holders: holders, decisions: decisions, periods: [])
        #expect(choice == LTOChoice(organisationID: foundation, startsOn: Day("2026-04-01")!, endsOn: nil, decisionID: passed))
        #expect(fields(.init()) == ["organisation", "startsOn", "decision"])
        #expect(fields(.init(organisation: UUID().uuidString, startsOn: "2026-04-01", decision: passed.uuidString)) == ["organisation"])
        #expect(fields(.init(organisation: trust.uuidString, startsOn: "2026-04-01", endsOn: "2026-03-31", decision: passed.uuidString)) == ["endsOn"])
        #expect(fields(.init(organisation: trust.uuidString, startsOn: "2026-04-01", decision: blocked.uuidString)) == ["decision"])
        #expect(fields(.init(organisation: trust.uuidString, startsOn: "2026-04-01", decision: UUID().uuidString)) == ["decision"])
    }

    @Test func theSameOrganisationCannotBeChosenForDaysItAlreadyHolds() {
        let held = [LTOPeriod(id: UUID(), organisationID: trust, startsOn: Day("2020-01-01")!, endsOn: Day("2025-12-31")!, decisionID: nil)]
        func input(_ org: UUID, _ from: String, _ to: String? = nil) -> LTOChoice.Input {
            .init(organisation: org.uuidString, startsOn: from, endsOn: to, decision: passed.uuidString)
        }
        #expect(fields(input(trust, "2025-12-31"), periods: held) == ["startsOn"])
        #expect(fields(input(trust, "2019-01-01", "2020-01-01"), periods: held) == ["startsOn"])
        #expect(fields(input(trust, "2026-01-01"), periods: held).isEmpty)
        #expect(fields(input(trust, "2018-01-01", "2019-12-31"), periods: held).isEmpty)
        #expect(fields(input(foundation, "2021-01-01"), periods: held).isEmpty)
        #expect(held[0].isCurrent(on: Day("2025-12-31")!) && !held[0].isCurrent(on: Day("2026-01-01")!))
    }

    @Test func anEndingIsOnOrAfterTheStartAndRestsOnADecision() throws {
        let period = LTOPeriod(id: UUID(), organisationID: trust, startsOn: Day("2020-01-01")!, endsOn: nil, decisionID: nil)
        let ending = try LTOChoice.validateEnding(period, endsOn: "2026-03-31", decision: passed.uuidString, decisions: decisions)
        #expect(ending.endsOn == Day("2026-03-31")! && ending.decisionID == passed)
        #expect(throws: ValidationFailure.self) { try LTOChoice.validateEnding(period, endsOn: "2019-12-31", decision: passed.uuidString, decisions: decisions) }
        #expect(throws: ValidationFailure.self) { try LTOChoice.validateEnding(period, endsOn: "2026-03-31", decision: blocked.uuidString, decisions: decisions) }
    }

    @Test func lastYearsReviewIsAskedForOnlyWhileTheProgrammeRuns() {
        let today = Day("2026-12-05")!
        #expect(PlanReviewSchedule.waitingYear(startYear: 2013, endYear: 2028, reviewed: [2019, 2023], today: today) == 2025)
        #expect(PlanReviewSchedule.waitingYear(startYear: 2013, endYear: 2028, reviewed: [2025], today: today) == nil)
        #expect(PlanReviewSchedule.waitingYear(startYear: 2026, endYear: 2040, reviewed: [], today: today) == nil)
        #expect(PlanReviewSchedule.waitingYear(startYear: 2010, endYear: 2024, reviewed: [], today: today) == nil)
        #expect(PlanReviewSchedule.due(for: 2025) == Day("2026-06-30")!)
    }
}
