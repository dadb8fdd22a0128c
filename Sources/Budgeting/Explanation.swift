/// Why each project won or lost, in a form both people and programs can read (Codable).
///
/// Amounts are Doubles in the file's currency: they explain, the decisions themselves were exact.

/// The result of counting one election with one rule.
public struct Outcome: Sendable, Codable {
    public var rule: Rule
    public var satisfaction: SatisfactionKind
    public var voteType: VoteType
    public var budget: Double
    public var voters: Int
    /// Winning project ids exactly as written in the file, in the order they were selected.
    public var selected: [String]
    public var totalCost: Double
    public var leftover: Double
    /// Present for the equal-shares rules.
    public var equalShares: EqualSharesSummary?
    /// One entry per project, in file order.
    public var projects: [ProjectExplanation]
}

public struct EqualSharesSummary: Sendable, Codable {
    /// Budget ÷ number of voters.
    public var startingBudgetPerVoter: Double
    /// The per-voter budget of the run whose outcome was kept (higher after completion).
    public var budgetPerVoter: Double
    /// Rounds of equal shares (projects it selected, free ones excluded).
    public var rounds: Int
    /// Completion only: how many one-unit raises of every voter's budget were kept.
    public var increments: Int?
    /// Completion only: how many runs of equal shares were needed.
    public var runs: Int?
    /// Completion only: "would-overspend" or "exhaustive".
    public var stoppedBecause: String?
    /// Completion only: projects the greedy fill added after equal shares.
    public var addedByGreedy: [String]?
}

public struct ProjectExplanation: Sendable, Codable {
    public var id: String
    public var name: String?
    public var cost: Double
    /// Voters with a positive satisfaction from the project.
    public var supporters: Int
    public var selected: Bool
    /// "equal-shares", "greedy" or "free" (a zero-cost project someone wanted).
    public var selectedBy: String?
    /// 1-based position in the selection order.
    public var position: Int?
    /// One or two sentences for a person.
    public var reason: String
    public var payment: EqualSharesPayment?
    public var rejection: EqualSharesRejection?
    public var greedy: GreedyDetail?
    /// Only when asked for: what each voter paid for this project.
    public var voterPayments: [VoterPayment]?
}

/// How the supporters of a project selected by equal shares paid for it.
public struct EqualSharesPayment: Sendable, Codable {
    /// Round of equal shares in which it was selected.
    public var round: Int
    /// Price per unit of satisfaction (per point, per unit of cost, or per approval).
    public var pricePerUnit: Double
    /// What each supporter who paid in full paid (same for all when satisfaction is uniform).
    public var pricePerSupporter: Double?
    public var payers: Int
    public var paidInFull: Int
    /// Supporters whose budget did not reach the price and who paid everything they had left.
    public var paidAllTheyHad: Int
    public var largestPayment: Double
    public var smallestPayment: Double
}

/// Why equal shares did not select a project.
public struct EqualSharesRejection: Sendable, Codable {
    /// Whether its supporters could pay for it with their starting budgets.
    public var affordableAtStart: Bool
    /// The lowest price per supporter (per unit for points/Borda) it would have needed, at the start.
    public var priceNeededAtStart: Double?
    /// The price it needed in the last round it was still affordable.
    public var lastPriceNeeded: Double?
    /// Round after which its supporters could no longer cover the cost (0 = never could).
    public var droppedAfterRound: Int?
    /// The project whose funding left its supporters short, then the projects its supporters spent most on.
    public var lostTo: [String]
    public var supportersMoneyAtStart: Double
    public var supportersMoneyLeft: Double
    public var supportersSpentOn: [Spending]
}

public struct Spending: Sendable, Codable {
    public var project: String
    public var amount: Double
}

public struct GreedyDetail: Sendable, Codable {
    /// 1-based rank by satisfaction per unit of cost.
    public var rank: Int
    /// Total satisfaction per unit of cost; nil for a free project someone wants (ranked first).
    public var satisfactionPerCost: Double?
    public var budgetLeftWhenConsidered: Double
    public var fitted: Bool
}

public struct VoterPayment: Sendable, Codable {
    public var voterID: String
    public var amount: Double
}
