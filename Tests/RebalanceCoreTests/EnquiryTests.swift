import Foundation
import Testing
@testable import RebalanceCore

@Suite struct EnquiryTests {
    static func d(_ s: String) -> Day { Day(s)! }
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }
    static let council = id(1), otherCouncil = id(2), partnership = id(3)
    static let planning = id(10), parks = id(11), estates = id(12)
    static let names = [planning: "Planning", parks: "Parks and Open Spaces", estates: "Estates"]

    static func enquiry(_ n: Int, received: String, target: Int = 10, team: UUID = planning,
                        handOffs: [(String, UUID, UUID)] = [], closure: EnquiryClosure? = nil, council: UUID = council) -> Enquiry {
        var from = team
        let moves = handOffs.map { h -> EnquiryHandOff in
            defer { from = h.2 }
            return EnquiryHandOff(on: d(h.0), fromTeamID: h.1, toTeamID: h.2, reason: "Not ours")
        }
        _ = from
        return Enquiry(id: id(100 + n), councilID: council, partnershipID: partnership, topic: "Land", receivedOn: d(received),
                       targetWorkingDays: target, firstTeamID: team, handOffs: moves, closure: closure)
    }

    // MARK: Directory and raising

    @Test func directoryEntriesAreChecked() throws {
        let entry = try ResponsibilityEntry.validate(.init(topic: " Green spaces ", team: Self.parks.uuidString, targetWorkingDays: "10"),
                                                     councilTeams: [Self.parks], takenTopics: ["Planning"])
        #expect(entry == ResponsibilityEntry(topic: "Green spaces", teamID: Self.parks, targetWorkingDays: 10))
        do {
            _ = try ResponsibilityEntry.validate(.init(topic: "planning", team: Self.estates.uuidString, targetWorkingDays: "0"),
                                                 councilTeams: [Self.parks], takenTopics: ["Planning"])
            Issue.record("expected a failure")
        } catch let f as ValidationFailure {
            #expect(f.message(for: "topic") == "The directory already has a topic called “planning”: change that entry instead")
            #expect(f.message(for: "team") == "Select one of the council’s teams: the one given is not known")
            #expect(f.message(for: "targetWorkingDays") == "Target response time must be a whole number of working days from 1 to 60")
        }
    }

    @Test func aNewEnquiryGoesToTheDirectorysTeamWithItsTarget() throws {
        let directory = [ResponsibilityEntry(topic: "Green spaces", teamID: Self.parks, targetWorkingDays: 15)]
        let draft = try EnquiryDraft.validate(.init(topic: "green spaces", title: "Can the old works site be built on?",
                                                    question: "Residents want to know whether the land is protected."), directory: directory)
        let e = draft.enquiry(id: Self.id(5), councilID: Self.council, partnershipID: Self.partnership, receivedOn: Self.d("2026-03-02"))
        #expect(e.firstTeamID == Self.parks && e.targetWorkingDays == 15 && e.state == .open)
        #expect(e.dueOn() == Self.d("2026-03-23"))
        #expect(throws: ValidationFailure.self) { try EnquiryDraft.validate(.init(topic: "Bins", title: "x", question: "y"), directory: directory) }
    }

    // MARK: States and who may act

    @Test func handOffAnswerAndTheHoldingTeamRule() throws {
        let e = Self.enquiry(1, received: "2026-03-02")
        #expect(e.mayBeAnswered(byMemberOf: [Self.planning]))
        #expect(!e.mayBeAnswered(byMemberOf: [Self.parks]))
        let moved = try e.handingOff(.init(toTeam: Self.parks.uuidString, reason: "Parks manage the green"), on: Self.d("2026-03-04"),
                                     actingTeams: [Self.planning], councilTeams: [Self.planning, Self.parks, Self.estates])
        #expect(moved.state == .handedOff && moved.holdingTeamID == Self.parks)
        #expect(moved.handOffs == [EnquiryHandOff(on: Self.d("2026-03-04"), fromTeamID: Self.planning, toTeamID: Self.parks, reason: "Parks manage the green")])
        // Planning no longer holds it, so it cannot answer it.
        #expect(!moved.mayBeAnswered(byMemberOf: [Self.planning]))
        #expect(throws: ValidationFailure("enquiry", "This enquiry is with Parks and Open Spaces: only that team can answer it. Ask them to hand it to your team if it is yours to answer")) {
            try moved.answering("Yes", on: Self.d("2026-03-05"), actingTeams: [Self.planning], teamNames: Self.names)
        }
        let (answered, text) = try moved.answering("  It is protected open space.  ", on: Self.d("2026-03-09"), actingTeams: [Self.parks])
        #expect(text == "It is protected open space.")
        #expect(answered.state == .answered && answered.closure == .answered(on: Self.d("2026-03-09")))
        #expect(answered.workingDaysToAnswer() == 5 && answered.wasAnsweredWithinTarget() == true)
        #expect(!answered.mayBeAnswered(byMemberOf: [Self.parks]))
        #expect(throws: ValidationFailure("enquiry", "This enquiry was answered on 9 March 2026 and is closed")) {
            try answered.withdrawing(on: Self.d("2026-03-10"))
        }
    }

    @Test func handOffMistakes() throws {
        let e = Self.enquiry(1, received: "2026-03-02")
        do {
            _ = try e.handingOff(.init(toTeam: Self.planning.uuidString, reason: " "), on: Self.d("2026-03-01"),
                                 actingTeams: [Self.planning], councilTeams: [Self.planning, Self.parks], teamNames: Self.names)
            Issue.record("expected a failure")
        } catch let f as ValidationFailure {
            #expect(f.message(for: "toTeam") == "This enquiry is already with Planning: choose another team")
            #expect(f.message(for: "reason") == "Enter why this enquiry belongs with the other team")
            #expect(f.message(for: "on") == "Date must be on or after 2 March 2026, the last time this enquiry changed")
        } catch { Issue.record("\(error)") }
        #expect(throws: ValidationFailure("toTeam", "Select one of the council’s teams: the one given is not known")) {
            try e.handingOff(.init(toTeam: Self.estates.uuidString, reason: "Estates"), on: Self.d("2026-03-03"),
                             actingTeams: [Self.planning], councilTeams: [Self.planning, Self.parks])
        }
        #expect(throws: ValidationFailure.self) {
            try e.handingOff(.init(toTeam: Self.parks.uuidString, reason: "x"), on: Self.d("2026-03-03"),
                             actingTeams: [Self.estates], councilTeams: [Self.planning, Self.parks])
        }
        #expect(throws: ValidationFailure("answer", "Enter the answer")) {
            try e.answering("", on: Self.d("2026-03-03"), actingTeams: [Self.planning])
        }
        #expect(try e.withdrawing(on: Self.d("2026-03-03")).state == .withdrawn)
    }

    // MARK: Due days, overdue, reminders

    @Test func dueDayOverdueAndHandOffsDoNotRestartTheClock() throws {
        let e = Self.enquiry(1, received: "2026-03-02")       // Monday; 10 working days
        #expect(e.dueOn() == Self.d("2026-03-16"))
        #expect(!e.isOverdue(on: Self.d("2026-03-16")))
        #expect(e.isOverdue(on: Self.d("2026-03-17")))
        #expect(e.workingDaysOverdue(on: Self.d("2026-03-20")) == 4)
        let moved = try e.handingOff(.init(toTeam: Self.parks.uuidString, reason: "Theirs"), on: Self.d("2026-03-13"),
                                     actingTeams: [Self.planning], councilTeams: [Self.planning, Self.parks])
        #expect(moved.dueOn() == Self.d("2026-03-16"))
        // Over Easter: received Tuesday 31 March 2026, 5 working days skip Good Friday and Easter Monday.
        #expect(Self.enquiry(2, received: "2026-03-31", target: 5).dueOn() == Self.d("2026-04-09"))
        // Due Friday: a Saturday answer is still within target; an open one is overdue from Monday.
        let friday = Self.enquiry(3, received: "2026-03-06", target: 5)
        #expect(friday.dueOn() == Self.d("2026-03-13"))
        #expect(!friday.isOverdue(on: Self.d("2026-03-14")) && friday.isOverdue(on: Self.d("2026-03-16")))
        var saturday = friday
        saturday.closure = .answered(on: Self.d("2026-03-14"))
        #expect(saturday.wasAnsweredWithinTarget() == true)
    }

    @Test func remindersOnTheDueDayThenEveryFewWorkingDays() {
        let policy = EnquiryReminderPolicy(everyWorkingDays: 5)
        var e = Self.enquiry(1, received: "2026-03-02")          // due Monday 16 March
        #expect(policy.reminder(for: e, today: Self.d("2026-03-13")) == nil)
        let first = policy.reminder(for: e, today: Self.d("2026-03-16"))
        #expect(first?.number == 1 && first?.summary == "Due today" && first?.teamID == Self.planning)
        e.lastRemindedOn = Self.d("2026-03-16")
        #expect(policy.reminder(for: e, today: Self.d("2026-03-16")) == nil)   // twice the same day: nothing
        #expect(policy.reminder(for: e, today: Self.d("2026-03-20")) == nil)
        let second = policy.reminder(for: e, today: Self.d("2026-03-23"))
        #expect(second?.number == 2 && second?.summary == "5 working days overdue")
        // A worker that was off catches up with one reminder, on a working day.
        #expect(policy.reminder(for: e, today: Self.d("2026-04-04")) == nil)     // Saturday
        // Tuesday 7 April: 14 working days overdue (Good Friday and Easter Monday skipped); the
        // latest reminder day was 30 March, so this is the third reminder, not a burst of them.
        let late = policy.reminder(for: e, today: Self.d("2026-04-07"))
        #expect(late?.number == 3 && late?.workingDaysOverdue == 14)
        // Closed enquiries are never reminded.
        e.closure = .answered(on: Self.d("2026-03-30"))
        #expect(policy.reminder(for: e, today: Self.d("2026-04-08")) == nil)
        let list = policy.reminders(for: [Self.enquiry(2, received: "2026-03-03"), Self.enquiry(1, received: "2026-03-02")],
                                    today: Self.d("2026-03-18"))
        #expect(list.map(\.enquiryID) == [Self.id(101), Self.id(102)])
    }

    // MARK: Statistics

    static func sample() -> [Enquiry] {
        [
            // Received Mon 2 March 2026, 10-day target. Planning answered in 3.
            enquiry(1, received: "2026-03-02", closure: .answered(on: d("2026-03-05"))),
            // Planning -> Parks, Parks answered in 12 (late).
            enquiry(2, received: "2026-03-02", handOffs: [("2026-03-09", planning, parks)], closure: .answered(on: d("2026-03-18"))),
            // Planning -> Parks -> Estates, Estates answered in 7.
            enquiry(3, received: "2026-03-03", handOffs: [("2026-03-04", planning, parks), ("2026-03-05", parks, estates)],
                    closure: .answered(on: d("2026-03-12"))),
            // Parks, answered in 4.
            enquiry(4, received: "2026-03-10", team: parks, closure: .answered(on: d("2026-03-16"))),
            // Open, overdue by "today" (received 2 Feb).
            enquiry(5, received: "2026-02-02", team: parks),
            // Open, not yet due.
            enquiry(6, received: "2026-04-20"),
            // Withdrawn after one hand-off.
            enquiry(7, received: "2026-04-01", handOffs: [("2026-04-02", planning, estates)], closure: .withdrawn(on: d("2026-04-08"))),
            // Another council's: never mixed in.
            enquiry(8, received: "2026-03-02", closure: .answered(on: d("2026-06-30")), council: otherCouncil),
        ]
    }

    static let today = d("2026-04-22")

    @Test func medianOfOddAndEvenCounts() {
        #expect(EnquiryFigures.median([]) == nil)
        #expect(EnquiryFigures.median([7]) == 7)
        #expect(EnquiryFigures.median([12, 3, 7]) == 7)
        #expect(EnquiryFigures.median([3, 12, 7, 4]) == 5.5)
        #expect(EnquiryFigures.median([0, 0]) == 0)
    }

    @Test func councilTotals() {
        let stats = EnquiryStatistics(enquiries: Self.sample(), today: Self.today)
        let f = stats.figures(council: Self.council)
        #expect(f.received == 7 && f.answered == 4 && f.withdrawn == 1 && f.open == 2 && f.openOverdue == 1)
        #expect(f.medianWorkingDaysToAnswer == 5.5)            // 3, 4, 7, 12
        #expect(f.answeredWithinTarget == 3 && f.answeredLate == 1)
        // 3 on time out of 4 answered + 1 open and overdue; the open one not yet due is left out.
        #expect(f.shareWithinTarget == 0.6)
        #expect(f.handOffs == 4 && f.redirected == 3)
        #expect(f.averageHandOffs == 4.0 / 7.0)
        let none = stats.figures(council: Self.id(999))
        #expect(none.received == 0 && none.medianWorkingDaysToAnswer == nil && none.shareWithinTarget == nil && none.averageHandOffs == nil)
    }

    @Test func teamsAreCreditedWithWhatTheyFinallyHeldAndWhatTheyHandedOn() {
        let stats = EnquiryStatistics(enquiries: Self.sample(), today: Self.today)
        let rows = Dictionary(uniqueKeysWithValues: stats.teams(council: Self.council).map { ($0.teamID, $0) })
        #expect(rows.count == 3)
        // Planning: answered #1, holds #6; received 5 first; handed on #2, #3 and #7.
        #expect(rows[Self.planning]?.figures.received == 2)
        #expect(rows[Self.planning]?.figures.medianWorkingDaysToAnswer == 3)
        #expect(rows[Self.planning]?.receivedFirst == 5 && rows[Self.planning]?.handedOn == 3)
        // Parks: answered #2 (late, after 1 hand-off) and #4, holds #5 (overdue); passed #3 on.
        let parks = rows[Self.parks]!
        #expect(parks.figures.received == 3 && parks.figures.answered == 2 && parks.figures.openOverdue == 1)
        #expect(parks.figures.medianWorkingDaysToAnswer == 8)  // 4 and 12
        #expect(parks.figures.shareWithinTarget == 1.0 / 3.0)
        #expect(parks.figures.averageHandOffs == 1.0 / 3.0)
        #expect(parks.receivedFirst == 2 && parks.handedOn == 1)
        // Estates: answered #3 after 2 hand-offs; #7 withdrawn while with Estates.
        let estates = rows[Self.estates]!
        #expect(estates.figures.received == 2 && estates.figures.answered == 1 && estates.figures.withdrawn == 1)
        #expect(estates.figures.averageHandOffs == 1.5 && estates.receivedFirst == 0 && estates.handedOn == 0)
        // Each enquiry counts for exactly one team, so the teams add up to the council.
        let total = stats.figures(council: Self.council)
        #expect(rows.values.map(\.figures.received).reduce(0, +) == total.received)
        #expect(rows.values.map(\.figures.handOffs).reduce(0, +) == total.handOffs)
        #expect(rows.values.map(\.handedOn).reduce(0, +) == total.handOffs)
        // Most enquiries first.
        #expect(stats.teams(council: Self.council).first?.teamID == Self.parks)
    }

    @Test func periodsAndTimeSeriesForCharts() {
        let stats = EnquiryStatistics(enquiries: Self.sample(), today: Self.today)
        let march = stats.figures(council: Self.council, period: .month(year: 2026, month: 3))
        #expect(march.received == 4 && march.answered == 4 && march.shareWithinTarget == 0.75)
        let months = stats.series(council: Self.council, granularity: .month, from: Self.d("2026-01-15"), through: Self.d("2026-05-01"))
        #expect(months.map(\.period.description) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"])
        #expect(months.map(\.figures.received) == [0, 1, 4, 2, 0])
        #expect(months[1].figures.shareWithinTarget == 0)      // the one February enquiry is overdue
        let quarters = stats.series(council: Self.council, team: Self.parks, granularity: .quarter,
                                    from: Self.d("2026-01-01"), through: Self.d("2026-06-30"))
        #expect(quarters.map(\.period.label) == ["January to March 2026", "April to June 2026"])
        #expect(quarters.map(\.figures.received) == [3, 0])
        #expect(EnquiryPeriod("2026-Q2") == .quarter(year: 2026, quarter: 2))
        #expect(EnquiryPeriod("2026-02")?.lastDay == Self.d("2026-02-28"))
        #expect(EnquiryPeriod("2026-13") == nil && EnquiryPeriod("2026-Q5") == nil)
        #expect(EnquiryPeriod.month(year: 2026, month: 12).next == .month(year: 2027, month: 1))
    }
}
