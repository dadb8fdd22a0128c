import Foundation
import Testing
@testable import RebalanceCore

@Suite struct CommitmentStateMachineTests {
    static let legal: Set<String> = [
        "proposed>agreed", "proposed>withdrawn",
        "agreed>in_progress", "agreed>delivered", "agreed>missed", "agreed>withdrawn",
        "in_progress>delivered", "in_progress>missed", "in_progress>withdrawn",
    ]

    static var everyPair: [(CommitmentState, CommitmentState)] {
        CommitmentState.allCases.flatMap { a in CommitmentState.allCases.map { (a, $0) } }
    }

    @Test func everyPairIsLegalExactlyWhenListed() {
        #expect(Self.everyPair.count == 36)
        for (from, to) in Self.everyPair {
            #expect(from.canMove(to: to) == Self.legal.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) to \(to)")
        }
    }

    @Test(arguments: CommitmentState.allCases)
    func validationAcceptsLegalAndRefusesIllegalMovesNamingTheField(_ from: CommitmentState) throws {
        let day = Day("2026-05-01")!
        for to in CommitmentState.allCases {
            let input = CommitmentTransition.Input(state: to.rawValue, reason: "Budget cut", on: day.description)
            if from.canMove(to: to) {
                let t = try CommitmentTransition.validate(input, current: from, createdOn: day, today: day)
                #expect(t.from == from && t.to == to)
            } else {
                let error = #expect(throws: ValidationFailure.self) {
                    try CommitmentTransition.validate(input, current: from, createdOn: day, today: day)
                }
                #expect(error?.errors.first?.field == "state")
            }
        }
    }

    @Test func finalStatesAreFinalAndOpenStatesAreOpen() {
        #expect(CommitmentState.allCases.filter(\.isOpen) == [.proposed, .agreed, .inProgress])
        #expect(CommitmentState.delivered.next.isEmpty && CommitmentState.missed.next.isEmpty && CommitmentState.withdrawn.next.isEmpty)
    }

    @Test func withdrawingNeedsAReason() {
        let day = Day("2026-05-01")!
        let error = #expect(throws: ValidationFailure.self) {
            try CommitmentTransition.validate(.init(state: "withdrawn", reason: "  "), current: .agreed, createdOn: day, today: day)
        }
        #expect(error?.message(for: "reason") == "Enter why the commitment is being withdrawn")
    }

    @Test func deliveryDateCannotBeInTheFutureNorBeforeTheCommitment() {
        let made = Day("2026-05-01")!, today = Day("2026-06-01")!
        #expect(throws: ValidationFailure.self) {
            try CommitmentTransition.validate(.init(state: "delivered", on: "2026-06-02"), current: .agreed, createdOn: made, today: today)
        }
        #expect(throws: ValidationFailure.self) {
            try CommitmentTransition.validate(.init(state: "delivered", on: "2026-04-30"), current: .agreed, createdOn: made, today: today)
        }
        let t = try? CommitmentTransition.validate(.init(state: "delivered"), current: .agreed, createdOn: made, today: today)
        #expect(t?.on == today)
    }

    @Test func renegotiationNeedsAReasonAFutureDifferentDateAndAnOpenCommitment() throws {
        let today = Day("2026-05-01")!, due = Day("2026-05-10")!
        let noReason = #expect(throws: ValidationFailure.self) {
            try Renegotiation.validate(.init(dueOn: "2026-06-01", reason: ""), state: .agreed, currentDue: due, today: today)
        }
        #expect(noReason?.message(for: "reason") == "Enter why the date is changing")
        let past = #expect(throws: ValidationFailure.self) {
            try Renegotiation.validate(.init(dueOn: "2026-04-01", reason: "x"), state: .agreed, currentDue: due, today: today)
        }
        #expect(past?.errors.first?.field == "dueOn")
        #expect(throws: ValidationFailure.self) {
            try Renegotiation.validate(.init(dueOn: "2026-05-10", reason: "x"), state: .agreed, currentDue: due, today: today)
        }
        #expect(throws: ValidationFailure.self) {
            try Renegotiation.validate(.init(dueOn: "2026-06-01", reason: "x"), state: .delivered, currentDue: due, today: today)
        }
        let r = try Renegotiation.validate(.init(dueOn: "2026-06-01", reason: "Contractor delayed"), state: .inProgress, currentDue: due, today: today)
        #expect(r.from == due && r.to == Day("2026-06-01")! && r.reason == "Contractor delayed")
    }
}

@Suite struct CommitmentDraftTests {
    let team = CommitmentParty(kind: .councilTeam, id: UUID(), name: "Parks", organisationID: UUID())
    let partnership = CommitmentParty(kind: .partnership, id: nil, name: "Fernhill")
    var parties: [CommitmentParty] { [team, partnership] }

    @Test func aValidDraftAndEveryProblemNamed() throws {
        let today = Day("2026-05-01")!
        let d = try CommitmentDraft.validate(.init(title: "Fix the park gate", owner: team.key, recipient: "partnership",
                                                   dueOn: "2026-05-01", size: "early_win"),
                                             today: today, parties: parties, projects: [])
        #expect(d.owner == team && d.recipient == partnership && d.state == .proposed && d.size == .earlyWin)

        let error = #expect(throws: ValidationFailure.self) {
            try CommitmentDraft.validate(.init(title: "", owner: "team:\(UUID())", recipient: "", dueOn: "2026-04-30", size: "huge",
                                               project: UUID().uuidString),
                                         today: today, parties: parties, projects: [])
        }
        #expect(Set(error?.errors.map(\.field) ?? []) == ["title", "owner", "recipient", "dueOn", "size", "project"])
        #expect(error?.message(for: "dueOn") == "Due date must be today (1 May 2026) or later")
    }

    @Test func aPartyCannotPromiseItself() {
        let error = #expect(throws: ValidationFailure.self) {
            try CommitmentDraft.validate(.init(title: "x", owner: "partnership", recipient: "partnership", dueOn: "2026-06-01", size: "larger"),
                                         today: Day("2026-05-01")!, parties: parties, projects: [])
        }
        #expect(error?.errors.map(\.field) == ["recipient"])
    }

    @Test func partyKeysRoundTrip() {
        #expect(CommitmentParty.parse(team.key)?.id == team.id)
        #expect(CommitmentParty.parse("partnership")?.kind == .partnership)
        #expect(CommitmentParty.parse("team:nonsense") == nil)
        #expect(CommitmentParty.parse("council") == nil)
    }
}

@Suite struct TrackRecordTests {
    func d(_ s: String) -> Day { Day(s)! }

    @Test func onTimeIsJudgedAgainstTheLatestAgreedDate() {
        let asOf = d("2026-06-01")
        let facts = [
            CommitmentFacts(state: .delivered, originalDueOn: d("2026-03-01"), dueOn: d("2026-03-01"), deliveredOn: d("2026-02-20")),
            CommitmentFacts(state: .delivered, originalDueOn: d("2026-03-01"), dueOn: d("2026-03-01"), deliveredOn: d("2026-03-01")),
            CommitmentFacts(state: .delivered, originalDueOn: d("2026-03-01"), dueOn: d("2026-03-01"), deliveredOn: d("2026-03-02")),
            // Renegotiated to April and delivered in April: on time, but after renegotiation.
            CommitmentFacts(state: .delivered, originalDueOn: d("2026-03-01"), dueOn: d("2026-04-15"), deliveredOn: d("2026-04-10"), renegotiations: 1),
            // Renegotiated and still late.
            CommitmentFacts(state: .delivered, originalDueOn: d("2026-03-01"), dueOn: d("2026-04-15"), deliveredOn: d("2026-05-01"), renegotiations: 2),
            CommitmentFacts(state: .missed, originalDueOn: d("2026-01-01"), dueOn: d("2026-01-01"), deliveredOn: nil),
            CommitmentFacts(state: .withdrawn, originalDueOn: d("2026-01-01"), dueOn: d("2026-01-01"), deliveredOn: nil),
            CommitmentFacts(state: .agreed, originalDueOn: d("2026-05-31"), dueOn: d("2026-05-31"), deliveredOn: nil),
            CommitmentFacts(state: .inProgress, originalDueOn: d("2026-05-01"), dueOn: d("2026-07-01"), deliveredOn: nil, renegotiations: 1),
            CommitmentFacts(state: .proposed, originalDueOn: d("2026-06-01"), dueOn: d("2026-06-01"), deliveredOn: nil),
        ]
        let r = TrackRecord(facts, asOf: asOf)
        #expect(r.onTime == 3)
        #expect(r.late == 2)
        #expect(r.missed == 1)
        #expect(r.withdrawn == 1)
        #expect(r.overdue == 1)          // due 31 May, still agreed on 1 June
        #expect(r.open == 2)             // renegotiated to July; due today is not yet overdue
        #expect(r.renegotiated == 3)
        #expect(r.onTimeAfterRenegotiation == 1)
        #expect(r.total == 9 && r.delivered == 5 && r.settled == 6)
        #expect(r.sentence == "3 delivered on time, 2 delivered late, 1 missed, 2 open, 1 overdue")
    }

    @Test func overdueDependsOnTheDayAsked() {
        let c = CommitmentFacts(state: .agreed, originalDueOn: d("2026-05-31"), dueOn: d("2026-05-31"), deliveredOn: nil)
        #expect(TrackRecord([c], asOf: d("2026-05-31")).overdue == 0)
        #expect(TrackRecord([c], asOf: d("2026-06-01")).overdue == 1)
        #expect(TrackRecord([], asOf: d("2026-06-01")) == TrackRecord())
    }

    @Test func overPromiseWarningFromTwoOverdue() {
        #expect(OverPromiseRule.warning(partyName: "Parks", overdue: 1) == nil)
        #expect(OverPromiseRule.warning(partyName: "Parks", overdue: 2)?.hasPrefix("Parks already has 2 overdue commitments") == true)
        let error = #expect(throws: ValidationFailure.self) { try OverPromiseRule.check(partyName: "Parks", overdue: 3, confirmed: false) }
        #expect(error?.errors.first?.field == "confirmOverPromise")
        #expect(throws: Never.self) { try OverPromiseRule.check(partyName: "Parks", overdue: 3, confirmed: true) }
        #expect(throws: Never.self) { try OverPromiseRule.check(partyName: "Parks", overdue: 1, confirmed: false) }
    }

    @Test func chartCarriesTheNumbersAsText() {
        var r = TrackRecord(); r.onTime = 2; r.late = 1; r.overdue = 1
        let chart = TrackRecordChart.make(title: "Track records", parties: [("Parks team", r), ("Nobody", TrackRecord())])
        #expect(chart.categories == ["Parks team"])
        #expect(chart.summary == "Parks team: 2 delivered on time, 1 delivered late, 0 missed, 0 open, 1 overdue.")
        #expect(chart.svg().contains("<desc"))
        // The chart goes into pages unescaped, so names must be escaped inside it.
        let hostile = TrackRecordChart.make(title: "T", parties: [("<script>x</script>", r)]).svg()
        #expect(!hostile.contains("<script>") && hostile.contains("&lt;script&gt;"))
    }

    @Test func csvQuotesAndGuardsFormulas() {
        #expect(CSVWriter.line(["a", "b,c", "say \"hi\"", "=SUM(A1)", "-12", "@x", " pad"]) ==
                "a,\"b,c\",\"say \"\"hi\"\"\",'=SUM(A1),-12,'@x,\" pad\"\r\n")
        #expect(CSVWriter.document(header: ["h"], rows: [["1"], ["line\nbreak"]]) == "h\r\n1\r\n\"line\nbreak\"\r\n")
    }
}

@Suite struct CommitmentPermissionTests {
    let partnership = UUID(), council = UUID(), lto = UUID()
    var scope: PartnershipScope { PartnershipScope(partnershipID: partnership, councilIDs: [council]) }

    @Test func thePartyResponsibleOrTheChairMayMoveIt() {
        let person = UUID()
        let chair = Actor(personID: UUID(), name: "C", memberships: [partnership: [.chair]])
        let member = Actor(personID: person, name: "M", memberships: [partnership: [.resident]])
        let otherMember = Actor(personID: UUID(), name: "O", memberships: [partnership: [.resident]])
        let staff = Actor(personID: UUID(), name: "S", staffOf: [council], councilsStaffed: [council])
        let ltoStaff = Actor(personID: UUID(), name: "L", staffOf: [lto])
        let owners: [CommitmentParty?] = [
            CommitmentParty(kind: .person, id: person, name: "M"),
            CommitmentParty(kind: .councilTeam, id: UUID(), name: "Parks", organisationID: council),
            CommitmentParty(kind: .lto, id: lto, name: "Trust"),
            CommitmentParty(kind: .partnership, id: nil, name: "P"),
            nil,
        ]
        let expected: [[Bool]] = [  // chair, member, otherMember, staff, ltoStaff
            [true, true, false, false, false],
            [true, false, false, true, false],
            [true, false, false, false, true],
            [true, false, false, false, false],
            [true, false, false, false, false],
        ]
        for (owner, row) in zip(owners, expected) {
            let p = Permission.commitment(.change(CommitmentScope(partnership: scope, owner: owner)))
            #expect([chair, member, otherMember, staff, ltoStaff].map { Policy.allows($0, p) } == row, "\(String(describing: owner))")
        }
        #expect(Policy.allows(member, .commitment(.create(scope))))
        #expect(Policy.allows(staff, .commitment(.create(scope))))
        #expect(!Policy.allows(ltoStaff, .commitment(.create(scope))))
        #expect(!Policy.allows(.visitor, .project(.edit(scope))))
        #expect(Policy.allows(staff, .project(.edit(scope))))
        #expect(Policy.allows(member, .agreement(.draft(scope))))
        #expect(!Policy.allows(member, .agreement(.sign(scope))))
        #expect(Policy.allows(chair, .agreement(.sign(scope))))
    }
}
