import Foundation
import Testing
@testable import RebalanceCore

@Suite struct CommunicationPlanTests {
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }
    static let chair = StakeholderRef.person(id(1)), officer = StakeholderRef.person(id(2)), lto = StakeholderRef.organisation(id(3))
    static func lookup(_ s: StakeholderRef) -> Bool? {
        switch s {
        case chair, lto: return false
        case officer: return true
        default: return nil
        }
    }

    static func problems(_ input: CommunicationPlanEntry.Input) -> [String: String] {
        do {
            _ = try CommunicationPlanEntry.validate(input, speaksForCouncil: lookup)
            return [:]
        } catch let f as ValidationFailure {
            return Dictionary(uniqueKeysWithValues: f.errors.map { ($0.field, $0.message) })
        } catch { return ["?": "\(error)"] }
    }

    @Test func stakeholderKeysRoundTrip() {
        #expect(StakeholderRef(key: Self.lto.key) == Self.lto)
        #expect(Self.chair.key == "person:00000000-0000-4000-8000-000000000001")
        #expect(StakeholderRef(key: "team:00000000-0000-4000-8000-000000000001") == nil)
    }

    @Test func anEntryNeedsTheDetailItsChannelUses() throws {
        let e = try CommunicationPlanEntry.validate(.init(stakeholder: Self.officer.key, level: "close", channel: "email", email: " Jo@Council.GOV.uk "),
                                                    speaksForCouncil: Self.lookup)
        #expect(e.speaksForCouncil && e.email == "jo@council.gov.uk" && e.level == .close)
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "regular", channel: "email"))["email"]
                == "Enter an email address, or choose another way to get in touch")
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "regular", channel: "post"))["postalAddress"]
                == "Enter a postal address, or choose another way to get in touch")
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "regular", channel: "post", postalAddress: "12 Marsh Lane"))["postalAddress"]
                == "Enter the full postal address, including the postcode")
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "regular", channel: "post", postalAddress: "12 Marsh Lane\nLeeds LS1 1AA")).isEmpty)
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "informed", channel: "phone", phone: "call me"))["phone"]
                == "Enter a phone number, like 01632 960 001 or +44 7700 900 982")
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "informed", channel: "phone", phone: "+44 7700 900 982")).isEmpty)
        #expect(Self.problems(.init(stakeholder: Self.chair.key, level: "close", channel: "phone", email: "not-an-address", phone: "01632 960001"))["email"]
                == "Enter an email address in the correct format, like name@example.org")
    }

    @Test func unknownStakeholdersAndChoices() {
        let p = Self.problems(.init(stakeholder: StakeholderRef.person(Self.id(99)).key, level: "sometimes", channel: "pigeon"))
        #expect(p["stakeholder"] == "Select a person or organisation from the list: the one given is not known")
        #expect(p["level"] == "Level must be one of: close, regular, informed")
        #expect(p["channel"] == "Channel must be one of: email, post, phone")
        #expect(Set(Self.problems(.init()).keys) == ["stakeholder", "level", "channel"])
    }

    @Test func thePlanRejectsDuplicatesAndBadRhythmsAndNamesItsGaps() throws {
        let close = CommunicationPlanEntry(stakeholder: Self.chair, level: .close, channel: .email, speaksForCouncil: false, email: "c@x.org")
        let officer = CommunicationPlanEntry(stakeholder: Self.officer, level: .close, channel: .email, speaksForCouncil: true, email: "o@x.gov.uk")
        #expect(throws: ValidationFailure("entries[1].stakeholder", "This person or organisation is already in the plan: change their existing entry instead")) {
            try CommunicationPlan(entries: [close, close], rhythms: [:])
        }
        let late = MeetingRhythm(pattern: .weekly(everyWeeks: 1, on: .monday), startTime: TimeOfDay(hour: 23, minute: 0)!, durationMinutes: 120)
        #expect(throws: ValidationFailure("rhythms.partnership", "Partnership meeting: the meeting must end after it starts, on the same day")) {
            try CommunicationPlan(entries: [], rhythms: [.partnership: late])
        }
        let bad = MeetingRhythm(pattern: .weekly(everyWeeks: 0, on: .monday), startTime: TimeOfDay(hour: 19, minute: 0)!, durationMinutes: 60)
        #expect(throws: ValidationFailure("rhythms.council_liaison", "Council liaison meeting: Number of weeks between meetings must be between 1 and 52")) {
            try CommunicationPlan(entries: [], rhythms: [.councilLiaison: bad])
        }
        let partial = try CommunicationPlan(entries: [close], rhythms: [.partnership: MeetingKind.partnership.suggestedRhythm])
        #expect(partial.gaps.count == 2)
        #expect(partial.gaps[0].hasPrefix("Name at least one council officer or councillor as a close contact"))
        let full = try CommunicationPlan(entries: [close, officer],
                                         rhythms: Dictionary(uniqueKeysWithValues: MeetingKind.allCases.map { ($0, $0.suggestedRhythm) }))
        #expect(full.gaps.isEmpty)
        #expect(full.entries(at: .close).count == 2 && full.entry(for: Self.officer)?.speaksForCouncil == true)
    }

    @Test func aPlanStoredAsJSONIsCheckedAgainWhenRead() throws {
        let close = CommunicationPlanEntry(stakeholder: Self.chair, level: .close, channel: .email, speaksForCouncil: false, email: "c@x.org")
        let plan = try CommunicationPlan(entries: [close], rhythms: [.openCommunity: MeetingKind.openCommunity.suggestedRhythm])
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(json.contains(#""open_community":{"#) && json.contains(#""pattern":"FREQ=MONTHLY;INTERVAL=6;BYDAY=-1SA""#))
        #expect(try JSONDecoder().decode(CommunicationPlan.self, from: Data(json.utf8)) == plan)
        let twice = try JSONEncoder().encode(["entries": [close, close]])
        let withRhythms = String(decoding: twice, as: UTF8.self).dropLast() + #","rhythms":{}}"#
        #expect(throws: ValidationFailure.self) { try JSONDecoder().decode(CommunicationPlan.self, from: Data(withRhythms.utf8)) }
    }

    @Test func aRhythmSchedulesASeries() {
        let schedule = MeetingKind.councilLiaison.suggestedRhythm.schedule(from: Day("2026-01-01")!, end: .count(3))
        #expect(schedule.occurrences(from: Day("2026-01-01")!, through: Day("2026-12-31")!).map(\.day.description)
                == ["2026-01-07", "2026-03-04", "2026-05-06"])
    }
}
