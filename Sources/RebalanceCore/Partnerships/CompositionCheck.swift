/// The checklist that tells a partnership whether its make-up matches what Big Local asks of it:
/// resident-led, with councillors as a minority voice ("Rebalancing the Power", NLGN / Local
/// Trust, 2018, glossary and chapter 2). It warns; it never blocks a change.
public struct CompositionCheck: Sendable, Equatable, Codable {
    public struct Member: Sendable, Equatable {
        public var role: MembershipRole
        public var votes: Bool
        public var livesInArea: Bool
        public init(role: MembershipRole, votes: Bool, livesInArea: Bool) {
            self.role = role; self.votes = votes; self.livesInArea = livesInArea
        }
        /// Residents steer the partnership; a chair who lives in the area counts as one.
        var isResident: Bool { role == .resident || (role == .chair && livesInArea) }
    }

    public struct Item: Sendable, Equatable, Codable {
        public var rule: String
        public var passed: Bool
        public var detail: String
        /// What to do when the item fails; nil when it passes.
        public var nextStep: String?
    }

    public static let minimumMembers = 8

    public var items: [Item]
    public var allPassed: Bool { items.allSatisfy(\.passed) }
    public var failures: Int { items.filter { !$0.passed }.count }

    /// `members` are the current memberships (started, not ended).
    public init(members: [Member], hasLTO: Bool) {
        let voting = members.filter(\.votes)
        let residents = voting.filter(\.isResident).count
        let councillors = voting.filter { $0.role == .councillor }.count
        let chairs = members.filter { $0.role == .chair }
        var items: [Item] = []

        let count = members.count
        items.append(Item(
            rule: "At least \(Self.minimumMembers) members",
            passed: count >= Self.minimumMembers,
            detail: "The partnership has \(count) current \(count == 1 ? "member" : "members").",
            nextStep: count >= Self.minimumMembers ? nil
                : "Recruit \(Self.minimumMembers - count) more \(Self.minimumMembers - count == 1 ? "member" : "members"), for example at an open community meeting."))

        let majority = voting.count > 0 && residents * 2 > voting.count
        items.append(Item(
            rule: "Residents are a majority of voting members",
            passed: majority,
            detail: "\(residents) of \(voting.count) voting members \(residents == 1 ? "is a resident" : "are residents").",
            nextStep: majority ? nil
                : "Bring in \(Self.residentsNeeded(residents: residents, voting: voting.count)) more voting \(Self.residentsNeeded(residents: residents, voting: voting.count) == 1 ? "resident" : "residents"), or make some non-resident seats non-voting."))

        let chairPassed: Bool
        let chairDetail: String
        let chairNext: String?
        switch chairs.count {
        case 0:
            chairPassed = false
            chairDetail = "No one is recorded as chair."
            chairNext = "Elect a chair from among the resident members and record them here."
        case 1 where chairs[0].livesInArea:
            chairPassed = true
            chairDetail = "The chair lives in the area."
            chairNext = nil
        case 1:
            chairPassed = false
            chairDetail = "The chair is not recorded as living in the area."
            chairNext = "Elect a resident as chair, or correct the chair's record if they do live in the area."
        default:
            chairPassed = false
            chairDetail = "\(chairs.count) members are recorded as chair."
            chairNext = "Keep one chair (others can be vice-chairs, recorded as residents) and end the other chair memberships."
        }
        items.append(Item(rule: "The chair is a resident", passed: chairPassed, detail: chairDetail, nextStep: chairNext))

        let minority = councillors * 2 < max(voting.count, 1)
        items.append(Item(
            rule: "Councillors are a minority",
            passed: minority,
            detail: "\(councillors) of \(voting.count) voting members \(councillors == 1 ? "is a councillor" : "are councillors").",
            nextStep: minority ? nil
                : "Make some councillor seats non-voting, or recruit more residents, so councillors are fewer than half the votes."))

        items.append(Item(
            rule: "An LTO is named",
            passed: hasLTO,
            detail: hasLTO ? "A Locally Trusted Organisation holds the money." : "No Locally Trusted Organisation is recorded.",
            nextStep: hasLTO ? nil
                : "Agree which local organisation will receive and account for the money, and name it as the partnership's LTO."))
        self.items = items
    }

    /// Smallest number of extra voting residents that gives residents a strict majority.
    static func residentsNeeded(residents: Int, voting: Int) -> Int {
        // residents + k > (voting + k) / 2  <=>  k > voting - 2 * residents
        max(1, voting - 2 * residents + 1)
    }
}
