import Foundation

extension ICalendarFeed {
    /// The instant the sample is stamped with: 2026-01-05 09:30:00 UTC.
    public static let sampleGeneratedAt = Date(timeIntervalSince1970: 1_767_605_400)

    /// A feed that exercises everything awkward, for tests in any language to parse:
    /// meetings on both sides of both 2026 clock changes, a cancellation with a reason, a move,
    /// a one-off, text needing every kind of escaping, and lines long enough to fold with
    /// multi-byte characters (Welsh, an em dash, an emoji) near the fold.
    /// `ICalendarFeed.sample().text(generatedAt: ICalendarFeed.sampleGeneratedAt)` is stable.
    public static func sample() -> ICalendarFeed {
        let partnership = UUID(uuidString: "6F1D2C3B-4A59-4E68-9D7C-0B1A2F3E4D5C")!
        let monthly = try! MeetingSchedule(
            startsOn: Day(year: 2026, month: 1, day: 1)!, startTime: TimeOfDay(hour: 19, minute: 0)!, durationMinutes: 120,
            repeats: RecurrenceRule(pattern: .monthlyOnWeekday(.second, .tuesday, everyMonths: 1), end: .count(12)))
            .cancelling(Day(year: 2026, month: 4, day: 14)!, reason: "The hall is closed for repairs; we meet again in May.")
            .moving(Day(year: 2026, month: 6, day: 9)!,
                    input: MeetingMoveInput(day: "2026-06-16", startTime: "18:30", endTime: "20:30",
                                            location: "Marsh Lane Library, upstairs room"))
        let liaison = MeetingSchedule(
            startsOn: Day(year: 2026, month: 3, day: 12)!, startTime: TimeOfDay(hour: 10, minute: 0)!, durationMinutes: 90,
            repeats: RecurrenceRule(pattern: .weekly(everyWeeks: 2, on: .thursday), end: .until(Day(year: 2026, month: 4, day: 30)!)))
        let open = MeetingSchedule(startsOn: Day(year: 2026, month: 10, day: 24)!, startTime: TimeOfDay(hour: 11, minute: 0)!,
                                   durationMinutes: 150)
        let series = [
            MeetingSeries(id: UUID(uuidString: "1B9E6A52-7C3D-4F10-8A2B-5D6E7F809A1B")!, partnershipID: partnership,
                          kind: .partnership, title: "Partnership meeting — Cyfarfod y bartneriaeth, Môn",
                          location: "Marsh Lane Community Centre, Room 2; use the side door",
                          description: "Agenda: minutes; budget (£12,500); the play area\\skate park.\nAll welcome ✨ — tea provided. Dewch â ffrind: croeso i bawb i’r cyfarfod hwn yn Gymraeg neu yn Saesneg.",
                          schedule: monthly, revision: 2),
            MeetingSeries(id: UUID(uuidString: "2C8F7B63-8D4E-4021-9B3C-6E7F8091AB2C")!, partnershipID: partnership,
                          kind: .councilLiaison, title: "Council liaison: Neighbourhoods team",
                          location: "Town Hall, Committee Room B", description: nil, schedule: liaison),
            MeetingSeries(id: UUID(uuidString: "3D907C74-9E5F-4132-AC4D-7F8091A2BC3D")!, partnershipID: partnership,
                          kind: .openCommunity, title: "Open community meeting: what next for the green?",
                          location: nil,
                          description: "Come and tell us what you think. Résumé of the year’s work, with a crèche — ask at the door 😊",
                          schedule: open),
        ]
        return meetings(name: "Marsh Lane Big Local, meetings", description: "Meetings of the Marsh Lane partnership; dates, times & places",
                        series: series, from: Day(year: 2026, month: 1, day: 1)!, through: Day(year: 2026, month: 12, day: 31)!,
                        url: { s, o in "https://rebalance.example.org/partnerships/marsh-lane/meetings/\(s.id.uuidString.lowercased())?on=\(o.originalDay)" })
    }
}
