import Foundation
import Testing
@testable import RebalanceCore

@Suite struct HandoverTests {
    static func d(_ s: String) -> Day { Day(s)! }
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }
    static let leaver = HandoverLeaver(personID: id(1), role: .councilOfficer, councilID: id(50), partnershipID: id(60))
    static let colleague = id(2), councillor = id(3), outsider = id(4), alsoLeaving = id(5)
    static let councilPeople: Set<UUID> = [id(1), colleague, councillor, alsoLeaving]

    static func input(_ change: (inout HandoverNoteDraft.Input) -> Void = { _ in }) -> HandoverNoteDraft.Input {
        var i = HandoverNoteDraft.Input(successor: colleague.uuidString, openCommitments: "Play area lease: with Legal.",
                                        keyContacts: "Legal: Jo Smith.", history: "Two years of monthly meetings.",
                                        pending: "Answer on the old works site.", lastDay: "2026-05-29")
        change(&i)
        return i
    }

    static func problems(_ input: HandoverNoteDraft.Input, leaver: HandoverLeaver = leaver) -> [String: String] {
        do {
            _ = try HandoverNoteDraft.validate(input, leaver: leaver, councilPeople: councilPeople, departing: [alsoLeaving],
                                               membershipStartedOn: d("2024-01-08"), today: d("2026-05-20"))
            return [:]
        } catch let f as ValidationFailure {
            return Dictionary(uniqueKeysWithValues: f.errors.map { ($0.field, $0.message) })
        } catch { return ["?": "\(error)"] }
    }

    @Test func onlyCouncilSideLeaversHandOver() {
        #expect(HandoverRules.isRequired(for: .councilOfficer) && HandoverRules.isRequired(for: .councillor))
        #expect(!HandoverRules.isRequired(for: .resident) && !HandoverRules.isRequired(for: .chair))
        #expect(HandoverRules.steps(for: .councillor) == [.tellThePartnership, .writeTheNote, .nameASuccessor, .moveOpenCommitments])
        #expect(HandoverRules.steps(for: .rep).isEmpty)
    }

    @Test func outstandingStepsInOrder() {
        #expect(HandoverRules.outstanding(for: .councilOfficer, partnershipTold: true, noteWritten: false, successorNamed: false,
                                          openCommitmentsLeft: 2) == [.writeTheNote, .nameASuccessor, .moveOpenCommitments])
        #expect(HandoverRules.outstanding(for: .councilOfficer, partnershipTold: true, noteWritten: true, successorNamed: true,
                                          openCommitmentsLeft: 0).isEmpty)
    }

    @Test func aCompleteNote() throws {
        let note = try HandoverNoteDraft.validate(Self.input(), leaver: Self.leaver, councilPeople: Self.councilPeople, today: Self.d("2026-05-20"))
        #expect(note.successorID == Self.colleague && note.lastDay == Self.d("2026-05-29"))
        #expect(note.successorStartsOn == Self.d("2026-05-30"))
        // A councillor of the same council can take over too.
        #expect(Self.problems(Self.input { $0.successor = Self.councillor.uuidString }).isEmpty)
        // The last day defaults to today.
        #expect(try HandoverNoteDraft.validate(Self.input { $0.lastDay = nil }, leaver: Self.leaver, councilPeople: Self.councilPeople,
                                               today: Self.d("2026-05-20")).lastDay == Self.d("2026-05-20"))
    }

    @Test func everySectionIsRequired() {
        let p = Self.problems(Self.input { $0.openCommitments = " "; $0.keyContacts = nil; $0.history = ""; $0.pending = "\n" })
        #expect(p["openCommitments"] == "Enter the open commitments and where each stands")
        #expect(p["keyContacts"] == "Enter the key contacts")
        #expect(p["history"] == "Enter the history of the relationship")
        #expect(p["pending"] == "Enter what is pending")
    }

    @Test func theSuccessorMustBeSomeoneElseFromTheSameCouncilWhoIsStaying() {
        #expect(Self.problems(Self.input { $0.successor = nil })["successor"] == "Select who takes over from the person leaving")
        #expect(Self.problems(Self.input { $0.successor = Self.id(1).uuidString })["successor"] == "Select someone other than the person leaving")
        #expect(Self.problems(Self.input { $0.successor = Self.outsider.uuidString })["successor"] == "Select someone who works for the same council as the person leaving")
        #expect(Self.problems(Self.input { $0.successor = Self.alsoLeaving.uuidString })["successor"] == "Select someone who is staying: this person is leaving too")
        #expect(Self.problems(Self.input { $0.successor = "bob" })["successor"] == "Select a person from the list: the one given is not known")
        #expect(Self.problems(Self.input { $0.lastDay = "2023-12-31" })["lastDay"] == "Last day must be the same as or after the day they joined (8 January 2024)")
        var resident = Self.leaver
        resident.role = .resident
        #expect(Self.problems(Self.input(), leaver: resident)["leaver"] == "Only council officers and councillors write a handover note: a resident can simply leave")
    }

    @Test func thePlanMovesEachOpenCommitmentOnceWithAHistoryNote() throws {
        let note = try HandoverNoteDraft.validate(Self.input(), leaver: Self.leaver, councilPeople: Self.councilPeople, today: Self.d("2026-05-20"))
        let plan = HandoverReassignmentPlan.make(note: note, openCommitmentIDs: [Self.id(22), Self.id(21), Self.id(22), Self.id(23)],
                                                 heldBySuccessor: [Self.id(23)], leaverName: "Sam Patel", successorName: "Alex Kaur")
        #expect(plan.reassignments.map(\.commitmentID) == [Self.id(21), Self.id(22)])
        #expect(plan.alreadyWithSuccessor == [Self.id(23)])
        #expect(plan.reassignments.allSatisfy {
            $0.fromPersonID == Self.id(1) && $0.toPersonID == Self.colleague && $0.on == Self.d("2026-05-30")
                && $0.historyNote == "Handed over from Sam Patel to Alex Kaur when Sam Patel left the partnership"
        })
        #expect(HandoverReassignmentPlan.make(note: note, openCommitmentIDs: [], leaverName: "A", successorName: "B").isEmpty)
    }
}
