import Foundation
import Testing
@testable import RebalanceCore

@Suite struct RecurrenceTests {
    static func d(_ s: String) -> Day { Day(s)! }
    static func t(_ s: String) -> TimeOfDay { TimeOfDay(s)! }

    static func schedule(_ pattern: RecurrencePattern, from: String, at: String = "19:00", minutes: Int = 120,
                         end: RecurrenceEnd = .never) -> MeetingSchedule {
        MeetingSchedule(startsOn: d(from), startTime: t(at), durationMinutes: minutes,
                        repeats: RecurrenceRule(pattern: pattern, end: end))
    }

    static func days(_ occurrences: [MeetingOccurrence]) -> [String] { occurrences.map(\.day.description) }

    static func utcHour(_ date: Date) -> Int {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c.component(.hour, from: date)
    }

    // MARK: UK time

    @Test func clockChangeDaysFollowTheLastSundayRule() {
        #expect(LondonTime.summerTimeStarts(in: 2026) == Self.d("2026-03-29"))
        #expect(LondonTime.summerTimeEnds(in: 2026) == Self.d("2026-10-25"))
        #expect(LondonTime.summerTimeStarts(in: 2027) == Self.d("2027-03-28"))
        #expect(LondonTime.summerTimeEnds(in: 2027) == Self.d("2027-10-31"))
    }

    @Test func londonTimeAgreesWithTheSystemTimeZone() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        for year in 2000...2037 {
            for (month, day) in [(1, 15), (3, LondonTime.summerTimeStarts(in: year).day), (7, 1),
                                 (10, LondonTime.summerTimeEnds(in: year).day), (12, 31)] {
                for (hour, minute) in [(0, 30), (2, 30), (12, 0), (19, 0), (23, 59)] {
                    let day = Day(year: year, month: month, day: day)!
                    let ours = LondonTime.instant(on: day, at: TimeOfDay(hour: hour, minute: minute)!)
                    let system = calendar.date(from: DateComponents(year: year, month: month, day: day.day, hour: hour, minute: minute))!
                    #expect(ours == system, "\(day) \(hour):\(minute)")
                    #expect(LondonTime.local(ours).day == day)
                    #expect(LondonTime.isSummerTime(at: ours) == (calendar.timeZone.secondsFromGMT(for: ours) == 3600))
                }
            }
        }
    }

    @Test func theTwoAwkwardHoursFollowRFC5545() {
        // 01:30 on the spring-forward day does not exist: read with GMT, it is 02:30 BST.
        let gap = LondonTime.instant(on: Self.d("2026-03-29"), at: Self.t("01:30"))
        #expect(LondonTime.local(gap).time == Self.t("02:30"))
        // 01:30 on the fall-back day happens twice: the first (BST) one, 00:30 UTC.
        let twice = LondonTime.instant(on: Self.d("2026-10-25"), at: Self.t("01:30"))
        #expect(Self.utcHour(twice) == 0)
        #expect(LondonTime.abbreviation(at: twice) == "BST")
        #expect(LondonTime.abbreviation(at: twice.addingTimeInterval(3600)) == "GMT")
    }

    // MARK: Patterns

    @Test func aSevenPMMeetingStaysSevenPMAcrossBothClockChanges() {
        let s = Self.schedule(.weekly(everyWeeks: 1, on: .tuesday), from: "2026-03-17")
        let spring = s.occurrences(from: Self.d("2026-03-17"), through: Self.d("2026-04-07"))
        #expect(Self.days(spring) == ["2026-03-17", "2026-03-24", "2026-03-31", "2026-04-07"])
        #expect(spring.allSatisfy { $0.startTime == Self.t("19:00") })
        #expect(spring.map { Self.utcHour($0.start) } == [19, 19, 18, 18])
        let autumn = s.occurrences(from: Self.d("2026-10-20"), through: Self.d("2026-10-27"))
        #expect(autumn.map { Self.utcHour($0.start) } == [18, 19])
        #expect(autumn.allSatisfy { $0.end.timeIntervalSince($0.start) == 7200 })
    }

    @Test func everyTwoWeeksCountsFromTheFirstMeeting() {
        // Start on a Friday; first Thursday after is 2026-01-08, then every 14 days.
        let s = Self.schedule(.weekly(everyWeeks: 2, on: .thursday), from: "2026-01-02")
        #expect(Self.days(s.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-02-28")))
                == ["2026-01-08", "2026-01-22", "2026-02-05", "2026-02-19"])
        // A window that starts mid-series keeps the same rhythm.
        #expect(Self.days(s.occurrences(from: Self.d("2026-02-10"), through: Self.d("2026-02-28"))) == ["2026-02-19"])
    }

    @Test func monthlyOnTheLastWeekday() {
        let s = Self.schedule(.monthlyOnWeekday(.last, .thursday, everyMonths: 1), from: "2026-01-01")
        #expect(Self.days(s.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-06-30")))
                == ["2026-01-29", "2026-02-26", "2026-03-26", "2026-04-30", "2026-05-28", "2026-06-25"])
        // Last Friday of a month with five Fridays.
        let f = Self.schedule(.monthlyOnWeekday(.last, .friday, everyMonths: 1), from: "2026-05-01")
        #expect(f.occurrences(from: Self.d("2026-05-01"), through: Self.d("2026-05-31")).first?.day == Self.d("2026-05-29"))
    }

    @Test func monthlyOnTheNthWeekdayEveryFewMonths() {
        // Second Tuesday every 3 months, starting after January's second Tuesday has gone:
        // the first meeting is February's, then May, August, November.
        let s = Self.schedule(.monthlyOnWeekday(.second, .tuesday, everyMonths: 3), from: "2026-01-20")
        #expect(Self.days(s.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-12-31")))
                == ["2026-02-10", "2026-05-12", "2026-08-11", "2026-11-10"])
        let first = Self.schedule(.monthlyOnWeekday(.first, .monday, everyMonths: 1), from: "2026-06-01")
        #expect(Self.days(first.occurrences(from: Self.d("2026-06-01"), through: Self.d("2026-08-31")))
                == ["2026-06-01", "2026-07-06", "2026-08-03"])
        let fourth = Self.schedule(.monthlyOnWeekday(.fourth, .sunday, everyMonths: 1), from: "2026-02-01")
        #expect(fourth.nextOccurrence(onOrAfter: Self.d("2026-02-01"))?.day == Self.d("2026-02-22"))
    }

    @Test func monthlyOnADayOfTheMonth() {
        let s = Self.schedule(.monthlyOnDay(15, everyMonths: 2), from: "2026-11-16", end: .count(3))
        #expect(Self.days(s.occurrences(from: Self.d("2026-01-01"), through: Self.d("2028-01-01")))
                == ["2026-12-15", "2027-02-15", "2027-04-15"])
    }

    @Test func untilIncludesItsOwnDayAndCountIncludesCancelledMeetings() throws {
        let until = Self.schedule(.weekly(everyWeeks: 1, on: .monday), from: "2026-06-01", end: .until(Self.d("2026-06-15")))
        #expect(Self.days(until.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-12-31")))
                == ["2026-06-01", "2026-06-08", "2026-06-15"])
        let counted = try Self.schedule(.weekly(everyWeeks: 1, on: .monday), from: "2026-06-01", end: .count(3))
            .cancelling(Self.d("2026-06-08"), reason: nil)
        let all = counted.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-12-31"))
        #expect(Self.days(all) == ["2026-06-01", "2026-06-08", "2026-06-15"])
        #expect(all.map(\.status) == [.scheduled, .cancelled, .scheduled])
    }

    // MARK: Exceptions

    @Test func cancelledMeetingsStayListedButMarked() throws {
        let s = try Self.schedule(.monthlyOnWeekday(.second, .tuesday, everyMonths: 1), from: "2026-01-01")
            .cancelling(Self.d("2026-04-14"), reason: "Hall closed")
        let april = s.occurrences(from: Self.d("2026-04-01"), through: Self.d("2026-04-30"))
        #expect(april.count == 1 && april[0].isCancelled && april[0].cancellationReason == "Hall closed")
        #expect(!april[0].acceptsAgendaItems)
        #expect(april[0].revision == 1)
        #expect(s.nextOccurrence(onOrAfter: Self.d("2026-04-01"))?.day == Self.d("2026-05-12"))
        #expect(throws: ValidationFailure("occurrence", "The meeting on 14 April 2026 is already cancelled")) {
            try s.cancelling(Self.d("2026-04-14"), reason: nil)
        }
        #expect(throws: ValidationFailure("occurrence", "This series has no meeting on 15 April 2026")) {
            try s.cancelling(Self.d("2026-04-15"), reason: nil)
        }
    }

    @Test func movedMeetingsFollowTheirNewDayInAndOutOfWindows() throws {
        let s = try Self.schedule(.monthlyOnWeekday(.second, .tuesday, everyMonths: 1), from: "2026-01-01")
            .moving(Self.d("2026-03-10"), input: MeetingMoveInput(day: "2026-04-01", startTime: "18:30", endTime: "20:00", location: "Library"))
        #expect(Self.days(s.occurrences(from: Self.d("2026-03-01"), through: Self.d("2026-03-31"))).isEmpty)
        let april = s.occurrences(from: Self.d("2026-04-01"), through: Self.d("2026-04-30"))
        #expect(Self.days(april) == ["2026-04-01", "2026-04-14"])
        #expect(april[0].status == .moved && april[0].originalDay == Self.d("2026-03-10"))
        #expect(april[0].durationMinutes == 90 && april[0].locationOverride == "Library")
        #expect(Self.utcHour(april[0].start) == 17)   // 18:30 BST
        // Reinstating puts it back and raises its revision again.
        let back = try s.reinstating(Self.d("2026-03-10"))
        let march = back.occurrences(from: Self.d("2026-03-01"), through: Self.d("2026-03-31"))
        #expect(march.map(\.status) == [.scheduled] && march[0].revision == 2)
        #expect(back.overrides.count == 1)
    }

    @Test func movingChecksTheNewTimeAndClashes() throws {
        let s = Self.schedule(.weekly(everyWeeks: 1, on: .monday), from: "2026-06-01")
        do {
            _ = try s.moving(Self.d("2026-06-01"), input: MeetingMoveInput(day: "2026-06-08", startTime: "20:00", endTime: "19:00"))
            Issue.record("expected a failure")
        } catch let failure as ValidationFailure {
            #expect(failure.message(for: "endTime") == "End time must be after the start time (20:00)")
        }
        do {
            _ = try s.moving(Self.d("2026-06-01"), input: MeetingMoveInput(day: "2026-06-08", startTime: "19:00", endTime: "21:00"))
            Issue.record("expected a failure")
        } catch let failure as ValidationFailure {
            #expect(failure.message(for: "day") == "There is already a meeting in this series on 8 June 2026: choose another date")
        }
        let cancelled = try s.cancelling(Self.d("2026-06-01"), reason: nil)
        #expect(throws: ValidationFailure.self) {
            try cancelled.moving(Self.d("2026-06-01"), input: MeetingMoveInput(day: "2026-06-03", startTime: "19:00", endTime: "21:00"))
        }
        // A moved meeting can still be cancelled; it is cancelled on its original day.
        let moved = try s.moving(Self.d("2026-06-01"), input: MeetingMoveInput(day: "2026-06-03", startTime: "19:00", endTime: "21:00"))
        let gone = try moved.cancelling(Self.d("2026-06-01"), reason: nil)
        #expect(gone.occurrence(originallyOn: Self.d("2026-06-01"))?.status == .cancelled)
        #expect(gone.occurrence(originallyOn: Self.d("2026-06-01"))?.revision == 2)
    }

    @Test func aOneOffMeetingIsASingleOccurrence() throws {
        let s = MeetingSchedule(startsOn: Self.d("2026-10-24"), startTime: Self.t("11:00"), durationMinutes: 150)
        #expect(Self.days(s.occurrences(from: Self.d("2026-01-01"), through: Self.d("2026-12-31"))) == ["2026-10-24"])
        #expect(s.occurrences(from: Self.d("2026-10-25"), through: Self.d("2026-12-31")).isEmpty)
        #expect(s.occurrences(from: Self.d("2026-12-31"), through: Self.d("2026-01-01")).isEmpty)
        #expect(try s.cancelling(Self.d("2026-10-24"), reason: nil).occurrences(from: Self.d("2026-10-24"), through: Self.d("2026-10-24"))[0].isCancelled)
    }

    @Test func sequenceAndUIDsComeFromTheSeriesAndTheOriginalDay() throws {
        let id = UUID(uuidString: "00000000-0000-4000-8000-0000000000AB")!
        let schedule = try Self.schedule(.weekly(everyWeeks: 1, on: .monday), from: "2026-06-01")
            .moving(Self.d("2026-06-08"), input: MeetingMoveInput(day: "2026-06-09", startTime: "19:00", endTime: "21:00"))
        let series = MeetingSeries(id: id, partnershipID: id, kind: .partnership, title: "T", location: "Hall",
                                   description: nil, schedule: schedule, revision: 4)
        let o = series.occurrences(from: Self.d("2026-06-09"), through: Self.d("2026-06-09"))[0]
        #expect(series.uid(of: o) == "00000000-0000-4000-8000-0000000000ab-20260608@rebalance")
        #expect(series.sequence(of: o) == 5)
        #expect(series.location(of: o) == "Hall")
    }

    @Test func patternsRoundTripThroughTheirRRULEText() throws {
        let patterns: [RecurrencePattern] = [.weekly(everyWeeks: 2, on: .thursday), .monthlyOnWeekday(.last, .friday, everyMonths: 1),
                                             .monthlyOnWeekday(.second, .tuesday, everyMonths: 3), .monthlyOnDay(28, everyMonths: 12)]
        for p in patterns {
            #expect(RecurrencePattern(rrule: p.rrule) == p)
            let data = try JSONEncoder().encode(p)
            #expect(try JSONDecoder().decode(RecurrencePattern.self, from: data) == p)
        }
        #expect(RecurrencePattern.monthlyOnWeekday(.last, .friday, everyMonths: 1).rrule == "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR")
        #expect(RecurrencePattern(rrule: "FREQ=WEEKLY;INTERVAL=0;BYDAY=MO") == nil)
        #expect(RecurrencePattern(rrule: "FREQ=MONTHLY;BYMONTHDAY=31") == nil)
        #expect(RecurrencePattern(rrule: "FREQ=DAILY") == nil)
        #expect(RecurrencePattern.weekly(everyWeeks: 2, on: .thursday).label == "Every 2 weeks on Thursday")
        #expect(RecurrencePattern.monthlyOnWeekday(.last, .thursday, everyMonths: 1).label == "Monthly on the last Thursday")
        #expect(RecurrencePattern.monthlyOnDay(22, everyMonths: 3).label == "Every 3 months on the 22nd")
        #expect(MeetingKind.partnership.suggestedRhythm.label == "Monthly on the second Tuesday, 7pm to 9pm")
    }

    // MARK: Validation of the scheduling form

    static func input(_ change: (inout MeetingDraft.Input) -> Void) -> MeetingDraft.Input {
        var i = MeetingDraft.Input(kind: "partnership", title: "Partnership meeting", location: "Hall", startsOn: "2026-01-13",
                                   startTime: "19:00", endTime: "21:00", repeats: "monthly_weekday", weekday: "tuesday",
                                   weekOfMonth: "second")
        change(&i)
        return i
    }

    static func problems(_ input: MeetingDraft.Input) -> [String: String] {
        do {
            _ = try MeetingDraft.validate(input)
            return [:]
        } catch let f as ValidationFailure {
            return Dictionary(uniqueKeysWithValues: f.errors.map { ($0.field, $0.message) })
        } catch {
            return ["?": "\(error)"]
        }
    }

    @Test func aGoodFormMakesASeries() throws {
        let draft = try MeetingDraft.validate(Self.input { _ in })
        #expect(draft.schedule.repeats == RecurrenceRule(pattern: .monthlyOnWeekday(.second, .tuesday, everyMonths: 1)))
        #expect(draft.schedule.durationMinutes == 120)
        let once = try MeetingDraft.validate(Self.input { $0.repeats = "never" })
        #expect(once.schedule.repeats == nil)
        // The weekday defaults to the start date's.
        let weekly = try MeetingDraft.validate(Self.input { $0.repeats = "weekly"; $0.weekday = nil; $0.interval = "2"; $0.count = "6" })
        #expect(weekly.schedule.repeats == RecurrenceRule(pattern: .weekly(everyWeeks: 2, on: .tuesday), end: .count(6)))
    }

    /// Times as people type them: the meeting form refused "7pm" (issue 14).
    @Test func timesAreReadAsPeopleWriteThem() throws {
        let cases: [(String, String)] = [("19:00", "19:00"), ("7pm", "19:00"), ("7 pm", "19:00"), ("7.30pm", "19:30"), ("7:30 PM", "19:30"),
                                         ("12pm", "12:00"), ("12am", "00:00"), ("9am", "09:00"), ("19.30", "19:30"), ("noon", "12:00"),
                                         ("12 noon", "12:00"), ("midnight", "00:00"), ("7:00", "07:00")]
        for (typed, meant) in cases { #expect(TimeOfDay(typed: typed)?.description == meant, "\(typed)") }
        for nonsense in ["7", "", "pm", "25:00", "13pm", "0am", "7:5pm", "7:60", "seven"] { #expect(TimeOfDay(typed: nonsense) == nil, "\(nonsense)") }
        let draft = try MeetingDraft.validate(Self.input { $0.startTime = "7pm"; $0.endTime = "9pm" })
        #expect(draft.schedule.startTime.description == "19:00")
    }

    @Test func endingBeforeStartingAndOtherMistakesAreNamedByField() {
        #expect(Self.problems(Self.input { $0.endTime = "18:00" })["endTime"] == "End time must be after the start time (19:00)")
        #expect(Self.problems(Self.input { $0.endTime = "19:00" })["endTime"] == "End time must be after the start time (19:00)")
        #expect(Self.problems(Self.input { $0.startTime = "7" })["startTime"] == "Start time must be a time, like 19:00 or 7pm")
        #expect(Self.problems(Self.input { $0.startTime = "13pm" })["startTime"] == "Start time must be a time, like 19:00 or 7pm")
        #expect(Self.problems(Self.input { $0.until = "2026-01-01" })["until"] == "End date must be the same as or after the start date (13 January 2026)")
        #expect(Self.problems(Self.input { $0.interval = "0" })["interval"] == "Number of months between meetings must be a whole number from 1 to 12")
        #expect(Self.problems(Self.input { $0.repeats = "weekly"; $0.interval = "-2" })["interval"] == "Number of weeks between meetings must be a whole number from 1 to 52")
        #expect(Self.problems(Self.input { $0.until = "2026-12-31"; $0.count = "10" })["count"] == "Give either an end date or a number of meetings, not both")
        #expect(Self.problems(Self.input { $0.count = "0" })["count"] == "Number of meetings must be a whole number from 1 to 500")
        #expect(Self.problems(Self.input { $0.repeats = "monthly_day"; $0.dayOfMonth = "31" })["dayOfMonth"]?.hasPrefix("Day of the month must be between 1 and 28") == true)
        #expect(Self.problems(Self.input { $0.repeats = "never"; $0.count = "3" })["count"] == "A meeting that does not repeat cannot have a number of meetings: choose how it repeats, or clear this field")
        #expect(Self.problems(Self.input { $0.weekOfMonth = "fifth" })["weekOfMonth"] == "Week of the month must be one of: first, second, third, fourth, last")
        #expect(Self.problems(Self.input { $0.kind = "party" })["kind"] == "Kind must be one of: partnership, council_liaison, open_community")
        #expect(Self.problems(Self.input { $0.startsOn = "2026-02-30" })["startsOn"] == "Date must be a real date, written like 2026-03-27")
        // A series with no meeting at all between its start and end.
        #expect(Self.problems(Self.input { $0.startsOn = "2026-01-14"; $0.until = "2026-02-09" })["until"]?.hasPrefix("There are no meetings between") == true)
        // Every problem at once.
        let many = Self.problems(MeetingDraft.Input())
        #expect(Set(many.keys) == ["kind", "title", "startsOn", "startTime", "endTime"])
    }

    @Test func editingASeriesKeepsItsOverrides() throws {
        let o = OccurrenceOverride(originalDay: Self.d("2026-02-10"), change: .cancelled(reason: nil), revision: 1)
        let draft = try MeetingDraft.validate(Self.input { $0.location = "New hall" }, keeping: [o])
        #expect(draft.schedule.overrides == [o])
    }

    @Test func timesOfDay() {
        #expect(TimeOfDay("7:05")?.description == "07:05")
        #expect(TimeOfDay("19:00:00") == TimeOfDay(hour: 19, minute: 0))
        #expect(TimeOfDay("24:00") == nil && TimeOfDay("12:60") == nil && TimeOfDay("1900") == nil)
        #expect(TimeOfDay("19:00")!.readable == "7pm" && TimeOfDay("10:30")!.readable == "10:30am")
        #expect(TimeOfDay("12:00")!.readable == "12 noon")
    }
}
