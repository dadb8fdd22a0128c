import Testing
@testable import RebalanceCore

@Suite struct CompositionCheckTests {
    typealias M = CompositionCheck.Member
    static func resident() -> M { M(role: .resident, votes: true, livesInArea: true) }

    static func healthy() -> [M] {
        [M(role: .chair, votes: true, livesInArea: true)]
            + Array(repeating: resident(), count: 5)
            + [M(role: .councillor, votes: true, livesInArea: false),
               M(role: .ltoRepresentative, votes: true, livesInArea: false),
               M(role: .rep, votes: false, livesInArea: false)]
    }

    @Test func aHealthyPartnershipPassesEveryItem() {
        let check = CompositionCheck(members: Self.healthy(), hasLTO: true)
        #expect(check.allPassed)
        #expect(check.items.count == 5)
        #expect(check.items.allSatisfy { $0.nextStep == nil })
    }

    @Test func sevenMembersIsTooFewAndSaysHowManyToRecruit() {
        let check = CompositionCheck(members: Array(Self.healthy().prefix(7)), hasLTO: true)
        let item = check.items[0]
        #expect(!item.passed)
        #expect(item.detail == "The partnership has 7 current members.")
        #expect(item.nextStep?.contains("Recruit 1 more member,") == true)
        #expect(CompositionCheck(members: Array(Self.healthy().prefix(8)), hasLTO: true).items[0].passed)
    }

    @Test func residentsNeedAStrictMajorityOfVotingMembers() {
        // 4 residents (with the chair) of 8 voters is half, not a majority.
        var members = [M(role: .chair, votes: true, livesInArea: true)] + Array(repeating: Self.resident(), count: 3)
        members += Array(repeating: M(role: .localOrganisation, votes: true, livesInArea: false), count: 3)
        members += [M(role: .councillor, votes: true, livesInArea: false)]
        let check = CompositionCheck(members: members, hasLTO: true)
        #expect(!check.items[1].passed)
        #expect(check.items[1].detail == "4 of 8 voting members are residents.")
        #expect(check.items[1].nextStep?.hasPrefix("Bring in 1 more voting resident,") == true)
        // Non-voting members do not count either way.
        members[4] = M(role: .localOrganisation, votes: false, livesInArea: false)
        #expect(CompositionCheck(members: members, hasLTO: true).items[1].passed)
    }

    @Test func residentsNeededIsTheSmallestNumberThatTipsTheBalance() {
        for residents in 0...6 {
            for voting in residents...12 {
                let k = CompositionCheck.residentsNeeded(residents: residents, voting: voting)
                if residents * 2 <= voting {
                    #expect((residents + k) * 2 > voting + k)
                    #expect(k == 1 || (residents + k - 1) * 2 <= voting + k - 1)
                }
            }
        }
    }

    @Test func theChairMustLiveInTheAreaAndBeTheOnlyChair() {
        var members = Self.healthy()
        members[0] = M(role: .chair, votes: true, livesInArea: false)
        var check = CompositionCheck(members: members, hasLTO: true)
        #expect(!check.items[2].passed)
        #expect(check.items[2].detail == "The chair is not recorded as living in the area.")

        members[0] = Self.resident()
        check = CompositionCheck(members: members, hasLTO: true)
        #expect(check.items[2].detail == "No one is recorded as chair.")

        members[0] = M(role: .chair, votes: true, livesInArea: true)
        members[1] = M(role: .chair, votes: true, livesInArea: true)
        check = CompositionCheck(members: members, hasLTO: true)
        #expect(!check.items[2].passed)
        #expect(check.items[2].detail == "2 members are recorded as chair.")
    }

    @Test func councillorsAtHalfTheVotesAreNotAMinority() {
        let members = [M(role: .chair, votes: true, livesInArea: true), Self.resident(), Self.resident(),
                       M(role: .councillor, votes: true, livesInArea: false),
                       M(role: .councillor, votes: true, livesInArea: false),
                       M(role: .councillor, votes: true, livesInArea: false)]
        let check = CompositionCheck(members: members, hasLTO: true)
        #expect(!check.items[3].passed)
        #expect(check.items[3].detail == "3 of 6 voting members are councillors.")
        // Councillors who step out of the vote are no longer counted.
        var stepped = members
        stepped[5] = M(role: .councillor, votes: false, livesInArea: false)
        #expect(CompositionCheck(members: stepped, hasLTO: true).items[3].passed)
    }

    @Test func noLTOIsFlaggedWithANextStep() {
        let check = CompositionCheck(members: Self.healthy(), hasLTO: false)
        #expect(!check.items[4].passed)
        #expect(check.failures == 1)
        #expect(check.items[4].nextStep != nil)
    }

    @Test func anEmptyPartnershipFailsWithoutCrashing() {
        let check = CompositionCheck(members: [], hasLTO: false)
        // No councillors at all is trivially a minority; everything else fails.
        #expect(check.failures == 4)
        #expect(check.items[3].passed)
        #expect(check.items[1].detail == "0 of 0 voting members are residents.")
    }
}
