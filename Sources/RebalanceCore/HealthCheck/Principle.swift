/// The five principles of "Rebalancing the Power" (NLGN / Local Trust, 2018), in the report's
/// order. The report presents them as building on one another (mutual recognition makes trust
/// possible, trust needs honest dialogue, and so on up to shared ownership), which is why that
/// order is also used to break ties.
///
/// Titles and explanations are our own summaries, not the report's wording.
public enum Principle: String, CaseIterable, Codable, Sendable, Comparable {
    case recognition
    case trust
    case dialogue
    case flexibility
    case sharedOwnership = "shared_ownership"

    /// 1 to 5, as numbered in the report.
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public static func < (a: Principle, b: Principle) -> Bool { a.number < b.number }

    public var title: String {
        switch self {
        case .recognition: return "Recognise what each side brings"
        case .trust: return "Build trust on purpose"
        case .dialogue: return "Keep talking, honestly"
        case .flexibility: return "Be flexible and ready to compromise"
        case .sharedOwnership: return "Own it together, starting small"
        }
    }

    /// A paragraph a resident or an officer can read in half a minute.
    public var explanation: String {
        switch self {
        case .recognition:
            return "Each side understands what the other is trying to achieve and values what it brings: residents know how life is lived in the area, the council has powers, budgets and specialist teams. The report found that disrespect at the start, such as ignoring residents or treating the community's money as a council budget, does damage that takes years to mend (Rebalancing the Power, section 1 and key principle 1)."
        case .trust:
            return "Trust is built by deliberate steps, not by time alone: realistic promises that are kept, roles written down, projects with a timeline and an end, and handovers when people move on. The report recommends small early wins over ambitious promises that are not delivered (Rebalancing the Power, section 2 and key principle 2)."
        case .dialogue:
            return "The two sides keep in touch on a rhythm they agreed at the start, not only when something goes wrong. Bad news and staff changes are shared early, and meetings look honestly at failures as well as successes (Rebalancing the Power, section 3 and key principle 3)."
        case .flexibility:
            return "Both sides try to understand each other's position and are ready to give ground for the good of the area. For the council this often means separating what the law requires from habits of procedure; for the community, letting go of old grievances (Rebalancing the Power, section 4 and key principle 4)."
        case .sharedOwnership:
            return "Residents lead, the council supports, and both are clear who answers for what. Successes are presented as joint work, small actions come first and grow when they work, and both sides plan for what lasts after the funding (Rebalancing the Power, section 5 and key principle 5)."
        }
    }

    /// Where the principle comes from, for a footnote or a "read more" line.
    public var source: String {
        "Rebalancing the Power: five principles for a successful relationship between councils and communities (NLGN / Local Trust, 2018), section \(number) and key principle \(number)"
    }
}
