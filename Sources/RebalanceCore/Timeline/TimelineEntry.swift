/// One dated event in the history of a partnership's relationship with its council.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case agreement, commitment, project, milestone, decision
        /// The plan accepted and reviewed, money received from the funder, large payments.
        case money

        public var label: String {
            switch self {
            case .agreement: return "Agreement"
            case .commitment: return "Commitments"
            case .project: return "Projects"
            case .milestone: return "Milestones"
            case .decision: return "Decisions"
            case .money: return "Plan and money"
            }
        }
    }

    public var on: Day
    public var kind: Kind
    public var title: String
    public var detail: String?
    /// Where to read more (a page path), if anywhere.
    public var link: String?

    public init(on: Day, kind: Kind, title: String, detail: String? = nil, link: String? = nil) {
        self.on = on; self.kind = kind; self.title = title; self.detail = detail; self.link = link
    }
}

public enum Timeline {
    /// Entries of the chosen kinds (all kinds when none are chosen) in date order, oldest
    /// first; events of one day keep the order they were given in.
    public static func arrange(_ entries: [TimelineEntry], kinds: Set<TimelineEntry.Kind>) -> [TimelineEntry] {
        let chosen = kinds.isEmpty ? Set(TimelineEntry.Kind.allCases) : kinds
        return entries.enumerated().filter { chosen.contains($0.element.kind) }
            .sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }
            .map(\.element)
    }

    /// Reads `kind` values from a query string; unknown ones are ignored.
    public static func kinds(from values: [String]) -> Set<TimelineEntry.Kind> {
        Set(values.compactMap { TimelineEntry.Kind(rawValue: $0) })
    }
}
