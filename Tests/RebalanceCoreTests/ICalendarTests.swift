import Foundation
import Testing
@testable import RebalanceCore

@Suite struct ICalendarTests {
    static let sampleText = ICalendarFeed.sample().text(generatedAt: ICalendarFeed.sampleGeneratedAt)

    /// The logical lines of a feed, unfolded.
    static func lines(_ text: String) -> [String] {
        ICalendarText.unfold(text).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func events(_ text: String) -> [[String]] {
        var out: [[String]] = []
        var current: [String]?
        for line in lines(text) {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" { out.append(current!); current = nil } else { current?.append(line) }
        }
        return out
    }

    static func value(_ event: [String], _ name: String) -> String? {
        event.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }.map { String($0[$0.index(after: $0.firstIndex(of: ":")!)...]) }
    }

    /// Writes the sample where `REBALANCE_ICS_SAMPLE` says, for the Python check
    /// (`REBALANCE_ICS_SAMPLE=/tmp/sample.ics swift test --filter ICalendarTests`). A tool rather
    /// than a test: without the variable it is reported as skipped, not as passed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REBALANCE_ICS_SAMPLE"] != nil, "REBALANCE_ICS_SAMPLE is not set"))
    func writesTheSampleForOtherParsers() throws {
        let url = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["REBALANCE_ICS_SAMPLE"]))
        try Data(Self.sampleText.utf8).write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == Self.sampleText)
    }

    @Test func escapesBackslashSemicolonCommaAndEveryKindOfLineBreak() {
        #expect(ICalendarText.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarText.escape("one\r\ntwo\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarText.escape("tab\there\u{7}bell") == "tab\there" + "bell")
        #expect(ICalendarText.escape("Môn: £5 — ✨") == "Môn: £5 — ✨")
    }

    @Test func foldsAt75OctetsWithASpaceOnEachContinuation() {
        let line = "DESCRIPTION:" + String(repeating: "a", count: 200)
        let folded = ICalendarText.fold(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count == 3)
        #expect(physical[0].utf8.count == 75)
        #expect(physical[1].utf8.count == 75 && physical[1].hasPrefix(" "))
        #expect(ICalendarText.unfold(folded) == line)
        #expect(ICalendarText.fold("SHORT:line") == "SHORT:line")
        #expect(ICalendarText.fold(String(repeating: "x", count: 75)) == String(repeating: "x", count: 75))
    }

    @Test func neverSplitsAMultiByteCharacterAtTheFold() {
        // 73 ASCII octets then a 2-octet "ô" (ends at 75: fits), then 4-octet emoji that would
        // straddle the next limit: every physical line must stay valid UTF-8 and <= 75 octets.
        for prefix in 70...76 {
            let line = String(repeating: "x", count: prefix) + "ô✨😊é" + String(repeating: "😊", count: 30)
            let folded = ICalendarText.fold(line)
            // Split the raw octets at CRLF: each physical line must decode as UTF-8 on its own.
            for bytes in Array(folded.utf8).split(separator: 0x0D).map({ Array($0.drop { $0 == 0x0A }) }) {
                #expect(bytes.count <= 75)
                #expect(String(validating: bytes, as: UTF8.self) != nil)
                // A continuation never begins with a UTF-8 continuation byte.
                if bytes.count > 1, bytes[0] == 0x20 { #expect(bytes[1] & 0xC0 != 0x80) }
            }
            #expect(ICalendarText.unfold(folded) == line)
        }
        // The 4-octet emoji would end at octet 76, so it starts the next line instead.
        let line = String(repeating: "x", count: 72) + "😊"
        let physical = ICalendarText.fold(line).components(separatedBy: "\r\n")
        #expect(physical == [String(repeating: "x", count: 72), " 😊"])
    }

    @Test func everyLineEndsWithCRLFAndNoPhysicalLineIsTooLong() {
        let text = Self.sampleText
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        for (i, b) in bytes.enumerated() where b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        for physical in text.components(separatedBy: "\r\n") { #expect(physical.utf8.count <= 75) }
        // Long descriptions really were folded.
        #expect(text.contains("\r\n "))
    }

    @Test func calendarHeaderAndLondonTimeZone() {
        let lines = Self.lines(Self.sampleText)
        #expect(Array(lines.prefix(4)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rebalance//Meetings 1.0//EN", "CALSCALE:GREGORIAN"])
        #expect(lines.contains("METHOD:PUBLISH"))
        #expect(lines.contains(#"X-WR-CALNAME:Marsh Lane Big Local\, meetings"#))
        #expect(lines.contains("TZID:Europe/London"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        // The VTIMEZONE parts start on days their own rule produces.
        #expect(LondonTime.summerTimeStarts(in: 1981) == Day("1981-03-29"))
        #expect(LondonTime.summerTimeEnds(in: 1996) == Day("1996-10-27"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
    }

    @Test func eventsKeepLocalTimesAcrossTheClockChangeWithStableUIDs() {
        let events = Self.events(Self.sampleText)
        // 12 monthly + 4 fortnightly liaison meetings (12 and 26 March, 9 and 23 April) + 1 one-off.
        #expect(events.count == 17)
        let liaison = events.filter { Self.value($0, "SUMMARY")!.hasPrefix("Council liaison") }
        #expect(liaison.map { Self.value($0, "DTSTART")! } == ["20260312T100000", "20260326T100000", "20260409T100000", "20260423T100000"])
        #expect(liaison.allSatisfy { $0.contains { $0.hasPrefix("DTSTART;TZID=Europe/London:") } })
        #expect(Self.value(liaison[2], "UID") == "2c8f7b63-8d4e-4021-9b3c-6e7f8091ab2c-20260409@rebalance")
        #expect(liaison.allSatisfy { Self.value($0, "DTSTAMP") == "20260105T093000Z" })
        #expect(Self.value(liaison[0], "DTEND") == "20260312T113000")
        // The one-off on the day before the clocks go back.
        let open = events.first { Self.value($0, "SUMMARY")!.hasPrefix("Open community") }!
        #expect(Self.value(open, "DTSTART") == "20261024T110000")
        #expect(Self.value(open, "LOCATION") == nil)
        #expect(Self.value(open, "STATUS") == "CONFIRMED")
    }

    @Test func cancelledMeetingsStayInTheFeedMarkedCancelledWithAHigherSequence() {
        let events = Self.events(Self.sampleText)
        let april = events.first { Self.value($0, "UID")!.hasSuffix("-20260414@rebalance") }!
        #expect(Self.value(april, "STATUS") == "CANCELLED")
        #expect(Self.value(april, "SEQUENCE") == "3")  // series revision 2 + first change
        #expect(Self.value(april, "SUMMARY")!.hasPrefix("Cancelled: Partnership meeting"))
        #expect(Self.value(april, "DESCRIPTION")!.hasPrefix(#"This meeting has been cancelled. Reason: The hall is closed for repairs\; we meet again in May."#))
        #expect(Self.value(april, "TRANSP") == "TRANSPARENT")
        let may = events.first { Self.value($0, "UID")!.hasSuffix("-20260512@rebalance") }!
        #expect(Self.value(may, "SEQUENCE") == "2" && Self.value(may, "STATUS") == "CONFIRMED")
    }

    @Test func movedMeetingsKeepTheirUIDAndShowTheNewTimeAndPlace() {
        let events = Self.events(Self.sampleText)
        let june = events.first { Self.value($0, "UID")!.hasSuffix("-20260609@rebalance") }!
        #expect(Self.value(june, "DTSTART") == "20260616T183000")
        #expect(Self.value(june, "DTEND") == "20260616T203000")
        #expect(Self.value(june, "LOCATION") == #"Marsh Lane Library\, upstairs room"#)
        #expect(Self.value(june, "DESCRIPTION")!.hasPrefix("This meeting has been moved from 9 June 2026 at 7pm."))
        #expect(Self.value(june, "SEQUENCE") == "3")
    }

    @Test func textFieldsAreEscapedAndURLsAreNot() {
        let events = Self.events(Self.sampleText)
        let jan = events.first { Self.value($0, "UID")!.hasSuffix("-20260113@rebalance") }!
        #expect(Self.value(jan, "LOCATION") == #"Marsh Lane Community Centre\, Room 2\; use the side door"#)
        #expect(Self.value(jan, "DESCRIPTION")!.hasPrefix(#"Agenda: minutes\; budget (£12\,500)\; the play area\\skate park.\nAll welcome ✨"#))
        #expect(Self.value(jan, "URL") == "https://rebalance.example.org/partnerships/marsh-lane/meetings/1b9e6a52-7c3d-4f10-8a2b-5d6e7f809a1b?on=2026-01-13")
    }

    @Test func unsafeURLsAreLeftOut() {
        #expect(ICalendarFeed.uri("javascript:alert(1)") == nil)
        #expect(ICalendarFeed.uri("https://example.org/a b") == nil)
        #expect(ICalendarFeed.uri(" https://example.org/a,b ") == "https://example.org/a,b")
    }

    @Test func utcStampsAndParameterValues() {
        #expect(ICalendarFeed.utcStamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(ICalendarFeed.utcStamp(Date(timeIntervalSince1970: 1_774_746_000)) == "20260329T010000Z")
        #expect(ICalendarText.parameterValue("Europe/London") == "Europe/London")
        #expect(ICalendarText.parameterValue("a;b\"c") == "\"a;bc\"")
    }

    @Test func anEmptyFeedIsStillAValidCalendar() {
        let text = ICalendarFeed(name: "Nothing yet", events: []).text(generatedAt: ICalendarFeed.sampleGeneratedAt)
        let lines = Self.lines(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(!lines.contains("BEGIN:VEVENT"))
    }
}
