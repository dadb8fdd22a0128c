import RebalanceCore
import Testing

@Suite struct TimelineYearsTests {
    @Test func aShortHistoryIsShownWholeUnlessAYearIsAsked() {
        #expect(TimelineYears.choose(requested: nil, span: 2024...2026, count: 40, thisYear: 2026) == .wholeHistory)
        #expect(TimelineYears.choose(requested: 2025, span: 2024...2026, count: 40, thisYear: 2026) == .year(2025))
        #expect(TimelineYears.choose(requested: nil, span: nil, count: 0, thisYear: 2026) == .wholeHistory)
    }

    @Test func aLongHistoryIsShownAYearAtATime() {
        let many = TimelineYears.wholeHistoryLimit + 1
        #expect(TimelineYears.choose(requested: nil, span: 2011...2027, count: many, thisYear: 2026) == .year(2026))
        #expect(TimelineYears.choose(requested: 2013, span: 2011...2027, count: many, thisYear: 2026) == .year(2013))
        // Ended before this year: its last year. A year outside the history is not offered.
        #expect(TimelineYears.choose(requested: nil, span: 2005...2019, count: many, thisYear: 2026) == .year(2019))
        #expect(TimelineYears.choose(requested: 1990, span: 2005...2019, count: many, thisYear: 2026) == .year(2019))
        #expect(TimelineYears.choose(requested: nil, span: 2030...2031, count: many, thisYear: 2026) == .year(2030))
    }
}
