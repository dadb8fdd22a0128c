import Foundation

/// Money moved between priorities or years at an annual review, with the reason given.
public struct BudgetMove: Hashable, Sendable, Codable {
    public var fromPriority: String
    public var fromYear: Int
    public var toPriority: String
    public var toYear: Int
    public var amount: Pence
    public var reason: String

    public init(fromPriority: String, fromYear: Int, toPriority: String, toYear: Int, amount: Pence, reason: String) {
        self.fromPriority = fromPriority; self.fromYear = fromYear; self.toPriority = toPriority; self.toYear = toYear
        self.amount = amount; self.reason = reason
    }
}

/// The yearly look back at the plan: per priority what happened and what changed, and the
/// budget moved. Applying it gives the plan's next version.
public struct PlanReview: Hashable, Sendable, Codable {
    public struct PriorityNote: Hashable, Sendable, Codable {
        public var priority: String
        public var happened: String
        public var changed: String
        public init(priority: String, happened: String, changed: String) {
            self.priority = priority; self.happened = happened; self.changed = changed
        }
    }

    public var year: Int
    public var notes: [PriorityNote]
    public var moves: [BudgetMove]

    public init(year: Int, notes: [PriorityNote], moves: [BudgetMove]) {
        self.year = year; self.notes = notes; self.moves = moves
    }

    /// The plan with the moves made; refuses a move of more than the budget it comes from.
    public func applied(to plan: PlanContent) throws -> PlanContent {
        var next = plan
        var errors = FieldErrorList()
        for (n, move) in moves.enumerated() {
            guard let from = next.priorities.firstIndex(where: { $0.key == move.fromPriority }),
                  let to = next.priorities.firstIndex(where: { $0.key == move.toPriority }) else {
                errors.add("moves[\(n)].fromPriority", "Choose priorities of the plan")
                continue
            }
            guard plan.years.contains(move.fromYear), plan.years.contains(move.toYear) else {
                errors.add("moves[\(n)].fromYear", "Budgets can only move between the programme's years")
                continue
            }
            if move.fromPriority == move.toPriority, move.fromYear == move.toYear {
                errors.add("moves[\(n)].toPriority", "Money must move to another priority or another year")
                continue
            }
            let available = next.priorities[from].budgets[move.fromYear] ?? .zero
            if move.amount > available {
                errors.add("moves[\(n)].amount", "Only \(available) is budgeted for “\(next.priorities[from].title)” in \(move.fromYear)")
                continue
            }
            next.priorities[from].budgets[move.fromYear] = available - move.amount
            if next.priorities[from].budgets[move.fromYear] == .zero { next.priorities[from].budgets[move.fromYear] = nil }
            next.priorities[to].budgets[move.toYear, default: .zero] += move.amount
        }
        try errors.throwIfAny()
        return next
    }
}

public enum PlanReviewSchedule {
    /// Months into the next year by which a year's review is expected (the end of June).
    public static let dueMonth = 6

    /// The programme year whose annual review is waiting: last year, when it was a programme year
    /// and has no review yet. Only the latest finished year is asked for, so a partnership that
    /// skipped a year is not buried under old reviews.
    public static func waitingYear(startYear: Int, endYear: Int, reviewed: Set<Int>, today: Day) -> Int? {
        let last = today.year - 1
        guard (startYear...endYear).contains(last), !reviewed.contains(last) else { return nil }
        return last
    }

    public static func due(for year: Int) -> Day { Day(year: year + 1, month: dueMonth, day: 30)! }
}
