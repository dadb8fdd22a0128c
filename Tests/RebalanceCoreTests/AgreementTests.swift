import Foundation
import Testing
@testable import RebalanceCore

@Suite struct AgreementSignOffTests {
    let partnership = UUID(), officer = UUID(), otherOfficer = UUID(), council = UUID()
    var chair: Actor { Actor(personID: UUID(), name: "Chair", memberships: [partnership: [.chair]]) }
    var named: Actor { Actor(personID: officer, name: "Officer", memberships: [partnership: [.councilOfficer]], councilsStaffed: [council]) }
    var colleague: Actor { Actor(personID: otherOfficer, name: "Colleague", councilsStaffed: [UUID()]) }
    var member: Actor { Actor(personID: UUID(), name: "Member", memberships: [partnership: [.resident]]) }

    func facts(number: Int = 2, latest: Int = 2, p: UUID? = nil, c: UUID? = nil) -> AgreementVersionFacts {
        AgreementVersionFacts(number: number, councilOfficerID: officer, partnershipSignedBy: p, councilSignedBy: c, latestNumber: latest)
    }

    @Test func bothSidesSignAndTheVersionTakesEffect() throws {
        var v = facts()
        #expect(AgreementVersionStatus.of([v])[2] == .draft)
        #expect(try AgreementSignOff.check("partnership", version: v, actor: chair, partnershipID: partnership, councilIDs: [council]) == .partnership)
        v.partnershipSignedBy = chair.personID
        #expect(AgreementVersionStatus.of([v])[2] == .partlySigned)
        #expect(try AgreementSignOff.check("council", version: v, actor: named, partnershipID: partnership, councilIDs: [council]) == .council)
        v.councilSignedBy = officer
        #expect(v.isSignedByBoth)
        #expect(AgreementVersionStatus.of([v])[2] == .inForce)
    }

    @Test func nonPartiesAreRefusedWithAReason() {
        let v = facts()
        let byMember = #expect(throws: ValidationFailure.self) {
            try AgreementSignOff.check("partnership", version: v, actor: member, partnershipID: partnership, councilIDs: [council])
        }
        #expect(byMember?.message(for: "side") == "Only the partnership's chair can sign for the partnership")
        let byColleague = #expect(throws: ValidationFailure.self) {
            try AgreementSignOff.check("council", version: v, actor: colleague, partnershipID: partnership, councilIDs: [council])
        }
        #expect(byColleague?.message(for: "side") == "Only the council officer named on this version can sign for the council")
        // The chair cannot sign for the council, nor the officer for the partnership.
        #expect(throws: ValidationFailure.self) { try AgreementSignOff.check("council", version: v, actor: chair, partnershipID: partnership, councilIDs: [council]) }
        #expect(throws: ValidationFailure.self) { try AgreementSignOff.check("partnership", version: v, actor: named, partnershipID: partnership, councilIDs: [council]) }
        #expect(throws: ValidationFailure.self) { try AgreementSignOff.check("both", version: v, actor: chair, partnershipID: partnership, councilIDs: [council]) }
    }

    @Test func aSeatAsCouncilOfficerIsNotEnoughToSignForTheCouncil() {
        // Named on the version and seated as council officer by the chair, but not the council's staff.
        let seatedOnly = Actor(personID: officer, name: "Friend of the chair", memberships: [partnership: [.councilOfficer]])
        let refused = #expect(throws: ValidationFailure.self) {
            try AgreementSignOff.check("council", version: facts(), actor: seatedOnly, partnershipID: partnership, councilIDs: [council])
        }
        #expect(refused?.message(for: "side")?.contains("Only staff of this area's council") == true)
        let otherCouncil = Actor(personID: officer, name: "Elsewhere", councilsStaffed: [UUID()])
        #expect(throws: ValidationFailure.self) {
            try AgreementSignOff.check("council", version: facts(), actor: otherCouncil, partnershipID: partnership, councilIDs: [council])
        }
    }

    @Test func outdatedAndAlreadySignedVersionsAreRefused() {
        let old = facts(number: 1, latest: 2)
        let error = #expect(throws: ValidationFailure.self) {
            try AgreementSignOff.check("partnership", version: old, actor: chair, partnershipID: partnership, councilIDs: [council])
        }
        #expect(error?.message(for: "side")?.contains("out of date") == true)
        let signed = facts(p: UUID())
        #expect(throws: ValidationFailure.self) { try AgreementSignOff.check("partnership", version: signed, actor: chair, partnershipID: partnership, councilIDs: [council]) }
        #expect(throws: VersionConflict.self) { try AgreementSignOff.checkDraftBase(seenLatest: 1, actualLatest: 2) }
        #expect(throws: Never.self) { try AgreementSignOff.checkDraftBase(seenLatest: 2, actualLatest: 2) }
    }

    @Test func statusesOfAHistory() {
        let s = AgreementVersionStatus.of([
            facts(number: 1, latest: 4, p: UUID(), c: UUID()),
            facts(number: 2, latest: 4, p: UUID()),
            facts(number: 3, latest: 4, p: UUID(), c: UUID()),
            facts(number: 4, latest: 4),
        ])
        #expect(s == [1: .superseded, 2: .abandoned, 3: .inForce, 4: .draft])
    }
}

@Suite struct AgreementDraftAndDiffTests {
    let officer = UUID()
    let today = Day("2026-05-01")!

    var input: AgreementDraft.Input {
        .init(aims: "Residents: a safer park\nCouncil: fewer complaints", roles: "Chair convenes", priorities: "The park",
              fixedLegal: "Due diligence on grants\nUK GDPR", fixedHabit: "Invoices paid in 30 days",
              negotiable: "Meeting times\nWho takes minutes", liabilities: "LTO insures events", decisionMaking: "Consensus first",
              reviewOn: "2027-04-01", changeSummary: "First version", councilOfficer: officer.uuidString)
    }

    @Test func fixedItemsKeepTheirBasis() throws {
        let d = try AgreementDraft.validate(input, today: today, officers: [officer])
        #expect(d.content.fixedItems == [FixedItem("Due diligence on grants", .legalDuty), FixedItem("UK GDPR", .legalDuty),
                                         FixedItem("Invoices paid in 30 days", .habit)])
        #expect(d.content.negotiable == ["Meeting times", "Who takes minutes"])
        // Round trip through the form's input gives the same content.
        let again = try AgreementDraft.validate(.init(d.content, changeSummary: "x", councilOfficer: officer), today: today, officers: [officer])
        #expect(again.content == d.content)
    }

    @Test func everyMissingSectionIsNamed() {
        let error = #expect(throws: ValidationFailure.self) {
            try AgreementDraft.validate(.init(reviewOn: "2026-04-01", councilOfficer: UUID().uuidString), today: today, officers: [officer])
        }
        #expect(Set(error?.errors.map(\.field) ?? []) ==
                ["aims", "roles", "priorities", "liabilities", "decisionMaking", "reviewOn", "changeSummary", "councilOfficer"])
        #expect(error?.message(for: "reviewOn") == "Review date must be in the future")
    }

    @Test func diffShowsWhatChangedSectionBySection() throws {
        let a = try AgreementDraft.validate(input, today: today, officers: [officer]).content
        var changed = input
        changed.fixedHabit = ""
        changed.negotiable = "Meeting times\nInvoices paid in 30 days\nWho takes minutes"
        changed.reviewOn = "2027-10-01"
        let b = try AgreementDraft.validate(changed, today: today, officers: [officer]).content
        let diff = AgreementDiff(from: a, to: b)
        #expect(diff.changedSections.map(\.section) == [.fixedHabit, .negotiable, .review])
        #expect(diff.changedSections[0].lines == [DiffLine(.removed, "Invoices paid in 30 days")])
        #expect(diff.changedSections[1].lines == [DiffLine(.same, "Meeting times"), DiffLine(.added, "Invoices paid in 30 days"),
                                                  DiffLine(.same, "Who takes minutes")])
        #expect(diff.changedSections[2].lines == [DiffLine(.removed, "Review by 1 April 2027"), DiffLine(.added, "Review by 1 October 2027")])
        #expect(AgreementDiff(from: a, to: a).changedSections.isEmpty)
    }

    @Test func lineDiffKeepsTheLongestCommonRun() {
        #expect(TextDiff.lines(["a", "b", "c"], ["a", "x", "c"]) ==
                [DiffLine(.same, "a"), DiffLine(.removed, "b"), DiffLine(.added, "x"), DiffLine(.same, "c")])
        #expect(TextDiff.lines([], ["a"]) == [DiffLine(.added, "a")])
        #expect(TextDiff.lines(["a"], []) == [DiffLine(.removed, "a")])
    }
}

@Suite struct ProjectAndTimelineTests {
    @Test func projectDraftNamesEveryProblem() throws {
        let error = #expect(throws: ValidationFailure.self) { try ProjectDraft.validate(.init(stage: "giant", endsOn: "soon")) }
        #expect(Set(error?.errors.map(\.field) ?? []) == ["title", "communityLead", "councilContact", "stage", "endpoint", "endsOn"])
        let p = try ProjectDraft.validate(.init(title: "Park gate", communityLead: "Gwen", councilContact: "Beth", stage: "pilot",
                                                endpoint: "Gate fixed and locked at dusk"))
        #expect(p.stage == .pilot && p.stage.step == 3)
        #expect(throws: ValidationFailure.self) {
            try MilestoneDraft.validate(.init(title: "Opened", dueOn: "2026-05-01", doneOn: "2026-06-01"), today: Day("2026-05-15")!)
        }
        #expect(throws: ValidationFailure.self) { try ProjectPermissionDraft.validate(.init(kind: "planning", status: "maybe")) }
    }

    @Test func timelineIsInDateOrderAndFilters() {
        let entries = [
            TimelineEntry(on: Day("2026-03-01")!, kind: .commitment, title: "c"),
            TimelineEntry(on: Day("2025-01-01")!, kind: .agreement, title: "a"),
            TimelineEntry(on: Day("2026-03-01")!, kind: .project, title: "p"),
            TimelineEntry(on: Day("2025-06-01")!, kind: .milestone, title: "m"),
        ]
        #expect(Timeline.arrange(entries, kinds: []).map(\.title) == ["a", "m", "c", "p"])
        #expect(Timeline.arrange(entries, kinds: [.project, .agreement]).map(\.title) == ["a", "p"])
        #expect(Timeline.kinds(from: ["project", "bogus"]) == [.project])
    }
}
