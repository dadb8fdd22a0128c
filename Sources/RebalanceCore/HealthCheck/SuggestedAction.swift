/// A next step one side could promise, ready to become a commitment: it carries what a
/// commitment needs (title, description, who promises, size, a due date).
public struct SuggestedAction: Sendable, Equatable, Codable, Identifiable {
    /// Stable, so a page can say which suggestion a commitment came from and stop offering it.
    public var id: String
    public var principle: Principle
    /// The side that would make the promise: `.council`, or `.community` for the partnership.
    public var promisedBy: Side
    public var title: String
    public var description: String
    public var size: Size
    /// A suggested deadline, counted from the day the commitment is made.
    public var dueInDays: Int

    public init(id: String, principle: Principle, promisedBy: Side, title: String, description: String,
                size: Size, dueInDays: Int) {
        self.id = id; self.principle = principle; self.promisedBy = promisedBy; self.title = title
        self.description = description; self.size = size; self.dueInDays = dueInDays
    }

    /// The due date of a commitment made from this suggestion on `day`.
    public func dueOn(from day: Day) -> Day { day.adding(days: dueInDays) }
}

/// The suggestions for one principle, split by the side that would act.
public struct PrincipleSuggestions: Sendable, Equatable, Codable {
    public var principle: Principle
    public var forCouncil: [SuggestedAction]
    public var forPartnership: [SuggestedAction]

    public func suggestions(for side: Side) -> [SuggestedAction] {
        side == .council ? forCouncil : forPartnership
    }
}

extension SuggestedAction {
    /// How big a step a suggestion is. Small steps are the report's "early wins": deliverable in
    /// weeks, by the people already involved.
    public enum Size: String, Sendable, Codable, CaseIterable {
        case small
        case larger

        public var label: String { self == .small ? "Small step" : "Larger step" }
    }
}

public enum NextSteps {
    public static let perSide = 3

    /// Suggestions for the weakest principles (weakest first): up to `perSide` for each side on
    /// each principle, in the catalogue's order, which lists the most broadly useful first.
    ///
    /// When trust is one of the principles, small steps come before larger ones on both: the
    /// report's advice is that trust grows from small deliverables kept, not from ambitious
    /// promises (Rebalancing the Power, section 2 and key principle 5). Suggestions already
    /// taken up (`excluding`, by id) are skipped so the next ones move up.
    public static func suggestions(for weakest: [Principle], excluding taken: Set<String> = [],
                                   catalogue: [SuggestedAction] = SuggestionCatalogue.all,
                                   perSide: Int = perSide) -> [PrincipleSuggestions] {
        let smallFirst = weakest.contains(.trust)
        return weakest.map { principle in
            func pick(_ side: Side) -> [SuggestedAction] {
                let candidates = catalogue.filter { $0.principle == principle && $0.promisedBy == side && !taken.contains($0.id) }
                let ordered = smallFirst ? candidates.filter { $0.size == .small } + candidates.filter { $0.size == .larger } : candidates
                return Array(ordered.prefix(max(0, perSide)))
            }
            return PrincipleSuggestions(principle: principle, forCouncil: pick(.council), forPartnership: pick(.community))
        }
    }

    /// The same, straight from a round's results.
    public static func suggestions(for results: HealthCheckResults, excluding taken: Set<String> = []) -> [PrincipleSuggestions] {
        suggestions(for: results.weakest, excluding: taken)
    }
}
