import Foundation

/// One thing the community's plan sets out to change, with what it should achieve, how people
/// were asked about it, and the money set aside for it in each programme year.
public struct PlanPriority: Hashable, Sendable, Codable {
    /// Stable across versions, so ledger lines keep pointing at the same priority.
    public var key: String
    public var title: String
    public var outcomes: String
    public var consultation: String
    /// Programme year (the calendar year) to the budget for it.
    public var budgets: [Int: Pence]

    public init(key: String, title: String, outcomes: String, consultation: String, budgets: [Int: Pence]) {
        self.key = key; self.title = title; self.outcomes = outcomes; self.consultation = consultation; self.budgets = budgets
    }

    public var total: Pence { budgets.values.sum() }
}

/// The community's plan: vision, priorities and their budgets over a programme of 10 to 15
/// years. Versioned like the agreement: the partnership signs off a version, the funder accepts it.
public struct PlanContent: Hashable, Sendable, Codable {
    public var vision: String
    public var startYear: Int
    public var endYear: Int
    public var priorities: [PlanPriority]

    public static let programmeYears = 10...15

    public init(vision: String, startYear: Int, endYear: Int, priorities: [PlanPriority]) {
        self.vision = vision; self.startYear = startYear; self.endYear = endYear; self.priorities = priorities
    }

    public var years: ClosedRange<Int> { startYear...endYear }
    public var programme: ClosedRange<Day> { Day(year: startYear, month: 1, day: 1)!...Day(year: endYear, month: 12, day: 31)! }
    public var total: Pence { priorities.map(\.total).sum() }
    public func budget(year: Int) -> Pence { priorities.compactMap { $0.budgets[year] }.sum() }
    public func priority(_ key: String) -> PlanPriority? { priorities.first { $0.key == key } }
    public var titles: [String: String] { Dictionary(uniqueKeysWithValues: priorities.map { ($0.key, $0.title) }) }

    /// Budgets that do not add up to the award are shown as a gap, never refused.
    public func gap(award: Pence) -> Pence { award - total }

    /// The plan form: the vision, the programme's years, and one block of lines per priority.
    public struct Input: Sendable, Codable {
        public var vision: String?
        public var startYear: String?
        public var endYear: String?
        public var priorities: [PriorityInput]
        public init(vision: String? = nil, startYear: String? = nil, endYear: String? = nil, priorities: [PriorityInput] = []) {
            self.vision = vision; self.startYear = startYear; self.endYear = endYear; self.priorities = priorities
        }
    }

    public struct PriorityInput: Sendable, Codable {
        public var key: String?
        public var title: String?
        public var outcomes: String?
        public var consultation: String?
        /// Year to amount as typed.
        public var budgets: [String: String]
        public init(key: String? = nil, title: String? = nil, outcomes: String? = nil, consultation: String? = nil, budgets: [String: String] = [:]) {
            self.key = key; self.title = title; self.outcomes = outcomes; self.consultation = consultation; self.budgets = budgets
        }
    }

    /// Field names of priority `n` (from 0) are `priorities[n].title` and so on, so each error
    /// points at its own line of the form.
    public static func validate(_ input: Input) throws -> PlanContent {
        var errors = FieldErrorList()
        let vision = TextRules.required(input.vision, field: "vision", label: "the plan's vision", max: 4000, into: &errors)
        let start = Int(TextRules.trimmed(input.startYear))
        let end = Int(TextRules.trimmed(input.endYear))
        if start == nil || !(2000...2100).contains(start!) { errors.add("startYear", "First year must be a year, like 2014") }
        if end == nil || !(2000...2100).contains(end!) { errors.add("endYear", "Last year must be a year, like 2028") }
        if let start, let end, (2000...2100).contains(start), (2000...2100).contains(end), !programmeYears.contains(end - start) {
            errors.add("endYear", "A programme runs for \(programmeYears.lowerBound) to \(programmeYears.upperBound) years: the last year must be \(start + programmeYears.lowerBound) to \(start + programmeYears.upperBound)")
        }
        if input.priorities.isEmpty { errors.add("priorities[0].title", "Add at least one priority") }
        var priorities: [PlanPriority] = []
        var keys: Set<String> = []
        for (n, p) in input.priorities.enumerated() {
            let f = "priorities[\(n)]"
            let title = TextRules.required(p.title, field: "\(f).title", label: "the priority's title", max: 120, into: &errors)
            let outcomes = TextRules.required(p.outcomes, field: "\(f).outcomes", label: "the outcomes it seeks", max: 2000, into: &errors)
            let consultation = TextRules.required(p.consultation, field: "\(f).consultation",
                                                  label: "how the community was consulted about it", max: 2000, into: &errors)
            var key = Slug.make(from: TextRules.trimmed(p.key).isEmpty ? title : TextRules.trimmed(p.key))
            if key.isEmpty { key = "priority-\(n + 1)" }
            if keys.contains(key) { errors.add("\(f).title", "Two priorities have the same title: give each its own") }
            keys.insert(key)
            var budgets: [Int: Pence] = [:]
            for (yearText, amountText) in p.budgets where !TextRules.trimmed(amountText).isEmpty {
                guard let year = Int(yearText), let start, let end, (start...end).contains(year) else {
                    errors.add("\(f).budget.\(yearText)", "Budgets can only be set for the programme's years")
                    continue
                }
                if let amount = Pence.parse(amountText, field: "\(f).budget.\(year)", label: "the \(year) budget", into: &errors), amount > .zero {
                    budgets[year] = amount
                }
            }
            priorities.append(PlanPriority(key: key, title: title, outcomes: outcomes, consultation: consultation, budgets: budgets))
        }
        try errors.throwIfAny()
        return PlanContent(vision: vision, startYear: start!, endYear: end!, priorities: priorities)
    }
}
