import Foundation
import Testing
@testable import RebalanceCore

/// The pieces around the decision rules: rules written into the agreement, proposals put to a
/// meeting, who may answer a poll, anonymous ballots, and when the reminder goes.
@Suite struct DecisionSupportTests {
    let officer = UUID()
    let today = Day("2026-05-01")!

    func agreement(_ rules: DecisionRules.Input?) -> AgreementDraft.Input {
        .init(aims: "A safer park", roles: "Chair convenes", priorities: "The park", liabilities: "LTO insures events",
              decisionMaking: "Consensus first", decisionRules: rules, reviewOn: "2027-04-01", changeSummary: "First version",
              councilOfficer: officer.uuidString)
    }

    @Test func rulesWrittenIntoTheAgreementAreCheckedAndShownAsSentences() throws {
        let rules = DecisionRules.Input(consensusAgreement: "at least 2/3", majority: "more than 1/2", quorum: "5",
                                        excludedRoles: ["funding": ["councillor"], "membership": ["lto_representative"]])
        let d = try AgreementDraft.validate(agreement(rules), today: today, officers: [officer])
        #expect(d.content.decisionRules?.consensusAgreement == .twoThirds)
        #expect(d.content.rulesInEffect.quorum == .members(5))
        let lines = d.content.lines(of: .decisionMaking)
        #expect(lines.first == "Consensus first")
        #expect(lines.contains("Quorum for consensus and majority votes: 5 members."))
        #expect(lines.contains("Councillors take no part in funding proposals."))
        #expect(lines.contains("LTO representatives take no part in membership proposals."))
        // A change of rule shows in the diff between versions, as any changed line does.
        var changed = rules
        changed.quorum = "1/2"
        let later = try AgreementDraft.validate(agreement(changed), today: today, officers: [officer])
        #expect(later.content.lines(of: .decisionMaking) != lines)
        // The form round trip keeps the rules.
        let again = try AgreementDraft.validate(.init(d.content, changeSummary: "x", councilOfficer: officer), today: today, officers: [officer])
        #expect(again.content == d.content)
    }

    @Test func badRulesAreNamedByFieldAndBlankRulesMeanTheDefaults() throws {
        let error = #expect(throws: ValidationFailure.self) {
            try AgreementDraft.validate(agreement(.init(consensusAgreement: "most", majority: "at least 1/2", quorum: "0",
                                                        excludedRoles: ["funding": ["resident"]])),
                                        today: today, officers: [officer])
        }
        #expect(error?.message(for: "consensusAgreement")?.contains("must be written like") == true)
        #expect(error?.message(for: "majority")?.contains("would let a tie pass") == true)
        #expect(error?.message(for: "quorum") != nil)
        let blank = try AgreementDraft.validate(agreement(.init(consensusAgreement: " ", majority: "", quorum: "", excludedRoles: [:])),
                                                today: today, officers: [officer])
        #expect(blank.content.decisionRules == nil)
        #expect(blank.content.rulesInEffect == .bigLocalDefault)
        // Versions stored before rules existed still read, with no rules of their own.
        let old = #"{"aims":"a","roles":"r","priorities":"p","fixedItems":[],"negotiable":[],"liabilities":"l","decisionMaking":"d"}"#
        let content = try JSONDecoder().decode(AgreementContent.self, from: Data(old.utf8))
        #expect(content.decisionRules == nil && content.rulesInEffect == .bigLocalDefault)
    }

    @Test func theDefaultRulesReadAsSentences() {
        #expect(DecisionRules.bigLocalDefault.summaryLines == [
            "Consensus proposals pass when no one blocks and at least three quarters of those who agree or disagree agree; abstaining is standing aside.",
            "Majority votes pass with more than half of the yes and no votes cast; abstentions are not votes cast.",
            "Consent proposals pass unless someone objects with a reason; silence counts as consent.",
            "Quorum for consensus and majority votes: at least half of the members who can take part.",
            "Councillors and council officers take no part in funding proposals.",
        ])
    }

    @Test func aProposalCanBePutToAMeetingWithItsAttendanceRecorded() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let series = UUID()
        let known = ProposalMeeting(seriesID: series, day: Day("2026-09-10")!)
        let input = ProposalDraft.Input(title: "Paint the hall", process: "consent", deadline: "2026-12-01T18:00",
                                        meeting: known.description)
        let draft = try ProposalDraft.validate(input, now: now, meetingHasAttendees: { $0 == known })
        #expect(draft.meeting == known)
        #expect(ProposalMeeting(known.description) == known)
        var other = input
        other.meeting = ProposalMeeting(seriesID: UUID(), day: known.day).description
        let refused = #expect(throws: ValidationFailure.self) {
            try ProposalDraft.validate(other, now: now, meetingHasAttendees: { $0 == known })
        }
        #expect(refused?.message(for: "meeting")?.hasPrefix("Select a meeting from the list") == true)
        other.meeting = "not a meeting"
        #expect(throws: ValidationFailure.self) { try ProposalDraft.validate(other, now: now) }
    }

    @Test func pollsAreAnsweredByMembersWithAVoteUnlessEveryMemberIsAsked() throws {
        let voter = UUID(), rep = UUID(), councillor = UUID(), stranger = UUID()
        let members = [DecisionMember(personID: voter, role: .resident, votes: true),
                       DecisionMember(personID: rep, role: .rep, votes: false),
                       DecisionMember(personID: councillor, role: .councillor, votes: true),
                       DecisionMember(personID: councillor, role: .observer, votes: false)]
        #expect(Set(PollAudience.votingMembers.voters(among: members)) == [voter, councillor])
        #expect(Set(PollAudience.allMembers.voters(among: members)) == [voter, rep, councillor])
        #expect(PollAudience.votingMembers.refusal(for: rep, among: members)?.contains("members with a vote") == true)
        #expect(PollAudience.allMembers.refusal(for: rep, among: members) == nil)
        #expect(PollAudience.votingMembers.refusal(for: councillor, among: members) == nil)
        #expect(PollAudience.allMembers.refusal(for: stranger, among: members) == "Only members of the partnership can answer this poll")
        let bad = #expect(throws: ValidationFailure.self) {
            try PollDraft.validate(.init(title: "When?", kind: "approval", options: ["a", "b"], closesAt: "2099-01-01T18:00",
                                         audience: "everyone"), now: PollTests.opened)
        }
        #expect(bad?.message(for: "audience") == "Who may answer must be one of: voting_members, all_members")
    }

    @Test func anAnonymousVoteCannotBeChangedButANamedOneCan() {
        let named = PollTests.poll(.approval)
        let anonymous = PollTests.poll(.approval, anonymous: true)
        #expect(named.castRefusal(hasVoted: true, at: PollTests.during) == nil)
        #expect(anonymous.castRefusal(hasVoted: false, at: PollTests.during) == nil)
        #expect(anonymous.castRefusal(hasVoted: true, at: PollTests.during)?.hasPrefix("You have already voted") == true)
        #expect(named.castRefusal(hasVoted: false, at: PollTests.after)?.contains("closed") == true)
    }

    @Test func theReminderGoesOnceADayBeforeTheDeadline() {
        let opened = Date(timeIntervalSince1970: 1_790_000_000)
        let deadline = opened.addingTimeInterval(7 * 86400)
        let sendAt = deadline.addingTimeInterval(-DecisionReminder.lead)
        #expect(!DecisionReminder.isDue(openedAt: opened, closesAt: deadline, now: sendAt.addingTimeInterval(-1), alreadySent: false))
        #expect(DecisionReminder.isDue(openedAt: opened, closesAt: deadline, now: sendAt, alreadySent: false))
        #expect(!DecisionReminder.isDue(openedAt: opened, closesAt: deadline, now: sendAt, alreadySent: true))
        #expect(!DecisionReminder.isDue(openedAt: opened, closesAt: deadline, now: deadline, alreadySent: false))
        // Opened with less than a day to run: the opening notice is enough.
        let late = deadline.addingTimeInterval(-3600 * 20)
        #expect(!DecisionReminder.isDue(openedAt: late, closesAt: deadline, now: deadline.addingTimeInterval(-60), alreadySent: false))
    }
}
