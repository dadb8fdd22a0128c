/// What a proposal is about. The decision rules can keep some roles out of some topics: the
/// report describes councillors who "deliberately excluded themselves from voting on key
/// decisions in order to give residents the ultimate say" ("Rebalancing the Power", NLGN /
/// Local Trust, 2018, chapter 5).
public enum ProposalTopic: String, CaseIterable, Codable, Sendable, Comparable {
    /// Anything not covered below: events, projects, how the partnership works day to day.
    case general
    /// Spending the area's money: grants, budgets, contracts, the plan's allocations.
    case funding
    /// Who sits on the partnership: admitting, removing or changing members' roles.
    case membership
    /// The partnership's agreement with the council, its decision rules included.
    case agreement

    public var label: String {
        switch self {
        case .general: return "General"
        case .funding: return "Funding"
        case .membership: return "Membership"
        case .agreement: return "Agreement"
        }
    }

    /// Lower-case, for the middle of a sentence: "funding proposals".
    public var phrase: String { rawValue }

    public static func < (a: ProposalTopic, b: ProposalTopic) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
