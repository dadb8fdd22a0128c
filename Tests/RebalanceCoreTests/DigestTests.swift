import Foundation
import Testing
@testable import RebalanceCore

@Suite struct DigestTests {
    static func d(_ s: String) -> Day { Day(s)! }
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }
    static let planner = DigestPlanner(partnershipName: "Marsh Lane Big Local")

    static let items: [DigestItem] = [
        DigestItem(id: id(1), kind: .update, title: "Play area opens", summary: "The new play area is open.", publishedOn: d("2026-04-10")),
        DigestItem(id: id(2), kind: .meeting, title: "Partnership meeting, 12 May", publishedOn: d("2026-04-20")),
        DigestItem(id: id(3), kind: .staffChange, title: "Our council contact is changing", publishedOn: d("2026-04-28")),
        DigestItem(id: id(4), kind: .minutes, title: "Minutes of 14 April", publishedOn: d("2026-04-30")),
        DigestItem(id: id(5), kind: .update, title: "Litter pick on Saturday", publishedOn: d("2026-05-01")),
        DigestItem(id: id(6), kind: .update, title: "March news", publishedOn: d("2026-03-15")),
    ]

    static func recipient(_ level: ContactLevel, since: String = "2026-01-01", last: String? = nil, sent: Set<UUID> = []) -> DigestRecipient {
        DigestRecipient(level: level, channel: .email, since: d(since), lastDigestOn: last.map(d), alreadySent: sent)
    }

    // MARK: close

    @Test func closeContactsGetEachUnsentItemAtOnce() {
        let messages = Self.planner.messages(for: Self.recipient(.close, since: "2026-04-25", sent: [Self.id(3)]), items: Self.items,
                                             today: Self.d("2026-05-01"))
        #expect(messages.map(\.subject) == ["Marsh Lane Big Local: Minutes: Minutes of 14 April",
                                            "Marsh Lane Big Local: News: Litter pick on Saturday"])
        #expect(messages.allSatisfy { $0.kind == .immediate && !$0.isDigest && $0.sections.count == 1 && $0.covers == nil })
        #expect(messages.flatMap(\.itemIDs) == [Self.id(4), Self.id(5)])
    }

    @Test func nothingNewMeansNoMessage() {
        let all = Set(Self.items.map(\.id))
        #expect(Self.planner.messages(for: Self.recipient(.close, sent: all), items: Self.items, today: Self.d("2026-05-01")).isEmpty)
        #expect(Self.planner.messages(for: Self.recipient(.regular, sent: all), items: Self.items, today: Self.d("2026-05-01")).isEmpty)
        #expect(Self.planner.messages(for: Self.recipient(.close), items: [], today: Self.d("2026-05-01")).isEmpty)
    }

    @Test func theSameItemListedTwiceIsSentOnce() {
        let doubled = Self.items + [Self.items[4]]
        let messages = Self.planner.messages(for: Self.recipient(.close, since: "2026-05-01"), items: doubled, today: Self.d("2026-05-01"))
        #expect(messages.count == 1)
    }

    @Test func itemsPublishedAfterTodayWait() {
        let messages = Self.planner.messages(for: Self.recipient(.close, since: "2026-04-29"), items: Self.items, today: Self.d("2026-04-30"))
        #expect(messages.flatMap(\.itemIDs) == [Self.id(4)])
    }

    // MARK: regular

    @Test func aMonthlyDigestOnTheFirstWorkingDayCoversLastMonth() {
        // Friday 1 May 2026 is a working day.
        let messages = Self.planner.messages(for: Self.recipient(.regular, since: "2026-04-01", last: "2026-04-01"), items: Self.items,
                                             today: Self.d("2026-05-01"))
        #expect(messages.count == 1)
        let m = messages[0]
        #expect(m.kind == .monthlyDigest && m.isDigest)
        #expect(m.subject == "Marsh Lane Big Local: news for April 2026")
        #expect(m.introduction == "What Marsh Lane Big Local published in April 2026: 4 items.")
        #expect(m.covers == Self.d("2026-04-01")...Self.d("2026-04-30"))
        // Staff changes first, then meetings, minutes and news; 1 May's item waits for June.
        #expect(m.sections.map(\.heading) == ["Changes of council contact", "Meetings", "Minutes", "News"])
        #expect(m.itemIDs == [Self.id(3), Self.id(2), Self.id(4), Self.id(1)])
        #expect(!m.itemIDs.contains(Self.id(5)))
    }

    @Test func noDigestBeforeTheFirstWorkingDayNorTwiceInAMonth() {
        // August 2026 starts on a Saturday: the digest waits for Monday 3 August.
        let items = [DigestItem(id: Self.id(9), kind: .update, title: "Summer fair", publishedOn: Self.d("2026-07-20"))]
        let r = Self.recipient(.regular, last: "2026-07-01")
        #expect(Self.planner.messages(for: r, items: items, today: Self.d("2026-08-01")).isEmpty)
        #expect(Self.planner.messages(for: r, items: items, today: Self.d("2026-08-02")).isEmpty)
        #expect(Self.planner.messages(for: r, items: items, today: Self.d("2026-08-03")).count == 1)
        // Sent on the 3rd: a second run that day or later in the month sends nothing.
        let sent = Self.recipient(.regular, last: "2026-08-03")
        #expect(Self.planner.messages(for: sent, items: items, today: Self.d("2026-08-03")).isEmpty)
        #expect(Self.planner.messages(for: sent, items: items, today: Self.d("2026-08-20")).isEmpty)
        // A worker that was down on the 3rd sends it later in the month.
        #expect(Self.planner.messages(for: r, items: items, today: Self.d("2026-08-12")).count == 1)
        #expect(Self.planner.nextDigestDay(for: .regular, after: Self.d("2026-07-15")) == Self.d("2026-08-03"))
        #expect(Self.planner.nextDigestDay(for: .close, after: Self.d("2026-07-15")) == nil)
    }

    @Test func aNewcomerIsNotSentTheArchive() {
        let m = Self.planner.messages(for: Self.recipient(.regular, since: "2026-04-25"), items: Self.items, today: Self.d("2026-05-01"))
        #expect(m.first?.itemIDs == [Self.id(3), Self.id(4)])
    }

    @Test func aDigestAfterAGapSaysWhatItCovers() {
        let m = Self.planner.messages(for: Self.recipient(.regular, last: "2026-03-02"), items: Self.items, today: Self.d("2026-05-05"))
        #expect(m.first?.subject == "Marsh Lane Big Local: news for March to April 2026")
        #expect(m.first?.covers == Self.d("2026-03-01")...Self.d("2026-04-30"))
        #expect(m.first?.itemIDs.count == 5)
    }

    // MARK: informed

    @Test func aQuarterlySummaryOnTheFirstWorkingDayOfTheQuarter() {
        // April's summary (of January to March) went out on 1 April.
        let r = Self.recipient(.informed, last: "2026-04-01", sent: [Self.id(6)])
        // Nothing more in May or June.
        #expect(Self.planner.messages(for: r, items: Self.items, today: Self.d("2026-05-01")).isEmpty)
        #expect(Self.planner.messages(for: r, items: Self.items, today: Self.d("2026-06-30")).isEmpty)
        // Wednesday 1 July 2026: everything from April, May and June not yet sent.
        let m = Self.planner.messages(for: r, items: Self.items, today: Self.d("2026-07-01"))
        #expect(m.count == 1)
        #expect(m[0].kind == .quarterlySummary)
        #expect(m[0].subject == "Marsh Lane Big Local: summary for April to June 2026")
        #expect(Set(m[0].itemIDs) == [Self.id(1), Self.id(2), Self.id(3), Self.id(4), Self.id(5)])
        // The March item belonged to January to March and goes in April's summary instead.
        let april = Self.planner.messages(for: Self.recipient(.informed, last: "2026-01-02"), items: Self.items, today: Self.d("2026-04-01"))
        #expect(april.first?.itemIDs == [Self.id(6)] && april.first?.subject == "Marsh Lane Big Local: summary for January to March 2026")
    }

    @Test func theChannelIsCarriedForTheWorkerToRoute() {
        var r = Self.recipient(.informed, last: "2026-01-02")
        r.channel = .post
        #expect(Self.planner.messages(for: r, items: Self.items, today: Self.d("2026-07-01")).first?.channel == .post)
    }

    @Test func levelsMeanWhatThePlanSays() {
        #expect(ContactLevel.close.cadence == .immediate && ContactLevel.close.isInvitedToEveryMeeting)
        #expect(ContactLevel.regular.cadence == .monthly && !ContactLevel.regular.isInvitedToEveryMeeting)
        #expect(ContactLevel.informed.cadence == .quarterly)
        #expect(DigestPlanner.label(from: Self.d("2025-11-01"), through: Self.d("2026-01-31")) == "November 2025 to January 2026")
    }
}
