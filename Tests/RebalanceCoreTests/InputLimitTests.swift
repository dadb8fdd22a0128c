import Foundation
import Testing
@testable import RebalanceCore

/// Numbers a client sends can be anything an Int (or a string) holds; none may overflow.
/// Each case here used to stop the process (Swift traps on overflow, in release builds too).
@Suite struct InputLimitTests {
    @Test func pagingIsBoundedBeforeAnythingMultipliesIt() throws {
        for (page, per) in [("1000000000000000000", "20"), ("9223372036854775807", "100"), ("1000001", "1"),
                            ("0", "20"), ("-9223372036854775808", "20"), ("1e30", "20"), ("", "20")] {
            #expect(throws: ValidationFailure.self) { _ = try PageWindow.parse(page: page, per: per, defaultPer: 20) }
        }
        for per in ["0", "101", "9223372036854775807", "-1", "x"] {
            let failure = #expect(throws: ValidationFailure.self) { _ = try PageWindow.parse(page: "1", per: per, defaultPer: 20) }
            #expect(failure?.message(for: "per") == "per must be a whole number from 1 to 100")
        }
        let last = try PageWindow.parse(page: String(PageWindow.maxPage), per: "100", defaultPer: 20)
        #expect(last.offset == 99_999_900)
        #expect(last.range == 99_999_900..<100_000_000)
        #expect(try PageWindow.parse(page: nil, per: nil, defaultPer: 50).per == 50)
        #expect(PageWindow(page: 2, per: 3)!.slice(of: Array(1...10)) == [4, 5, 6])
        #expect(PageWindow(page: 5, per: 3)!.slice(of: Array(1...10)) == [])
        #expect(PageWindow(page: 1, per: 3)!.pages(of: 10) == 4)
        #expect(PageWindow(page: 1, per: 3)!.pages(of: 0) == 1)
        // A store query given unchecked numbers clamps instead of overflowing.
        #expect(PageWindow.clampedRange(page: Int.max, per: Int.max) == 99_999_900..<100_000_000)
        #expect(PageWindow.clampedRange(page: Int.min, per: Int.min) == 0..<1)
    }

    @Test func aPercentageTooLongForAnIntIsNotAShare() {
        #expect(DecisionFraction(parsing: "922337203685477581.0%") == nil)
        #expect(DecisionFraction(parsing: "9223372036854775807.9%") == nil)
        #expect(DecisionFraction(parsing: "922337203685477580.7%") == nil)
        #expect(DecisionFraction(parsing: "9223372036854775807%") == nil)
        #expect(DecisionFraction(parsing: "101%") == nil)
        #expect(DecisionThreshold(parsing: "more than 922337203685477580.7%") == nil)
        #expect(DecisionQuorum(parsing: "922337203685477580.7%") == nil)
        #expect(DecisionFraction(parsing: "66.7%") == DecisionFraction(667, 1000))
        #expect(DecisionFraction(parsing: "100%") == .all)
    }

    @Test func dotVotePointsThatWouldOverflowAreRefused() {
        let poll = Poll(id: UUID(), title: "Benches", details: nil, kind: .dotVote,
                        options: ["A", "B"].map { PollOption(id: PollOptionID($0), label: "Option \($0)", slot: nil) },
                        settings: PollSettings(dotAllowance: 10), isAnonymous: false, resultsVisibility: .always,
                        createdBy: UUID(), openedAt: Date(), closesAt: Date().addingTimeInterval(3600), closedEarlyAt: nil)
        let huge = String(Int.max)
        var failure = #expect(throws: ValidationFailure.self) { _ = try poll.ballot(from: PollBallotInput(values: ["A": huge, "B": huge])) }
        #expect(failure?.message(for: "points[A]") == "Points for \"Option A\" cannot be more than the 10 you have")
        #expect(failure?.message(for: "points") != nil)
        // Unknown options are counted too: their points must not overflow the sum either.
        failure = #expect(throws: ValidationFailure.self) { try poll.validate(.points(["A": Int.max, "Z": Int.max, "Y": Int.max])) }
        #expect(failure?.message(for: "points[Z]") != nil)
    }
}

extension InputLimitTests {
    @Test func aDayIsWrittenInASCIIDigitsOnly() {
        #expect(Day("+026-01-01") == nil)
        #expect(Day("-026-01-01") == nil)
        #expect(Day("2026-+1-01") == nil)
        #expect(Day("2026-01-01") == Day(year: 2026, month: 1, day: 1))
    }
}
