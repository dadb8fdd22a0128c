import Foundation

/// The funder's award to a partnership and when it pays it: tranches, each to one LTO.
public struct Tranche: Hashable, Sendable, Codable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case expected
        case received
        /// The funder is holding it back (for example until a plan review is done).
        case heldBack = "held_back"

        public var label: String {
            switch self {
            case .expected: return "Expected"
            case .received: return "Received"
            case .heldBack: return "Held back"
            }
        }
    }

    public var id: UUID
    public var due: Day
    public var amount: Pence
    public var ltoID: UUID
    public var state: State
    public var receivedOn: Day?

    public init(id: UUID, due: Day, amount: Pence, ltoID: UUID, state: State = .expected, receivedOn: Day? = nil) {
        self.id = id; self.due = due; self.amount = amount; self.ltoID = ltoID; self.state = state; self.receivedOn = receivedOn
    }

    /// Expected and its date has passed.
    public func isLate(today: Day) -> Bool { state == .expected && due < today }

    public func label(today: Day) -> String { isLate(today: today) ? "Late" : state.label }
}

public enum FundingRules {
    /// Big Local's award to each area; any amount may be recorded.
    public static let usualAward = Pence.pounds(1_100_000)

    /// The schedule's tranches against the award: the same total, or a gap to show.
    public static func scheduleGap(award: Pence, tranches: [Tranche]) -> Pence { award - tranches.map(\.amount).sum() }

    public static func tranche(due rawDue: String?, amount rawAmount: String?, lto rawLTO: String?, ltos: Set<UUID>,
                               programme: ClosedRange<Day>, id: UUID) throws -> Tranche {
        var errors = FieldErrorList()
        let due = DayRules.required(rawDue, field: "due", label: "Date due", into: &errors)
        if let due, !programme.contains(due) {
            errors.add("due", "Date due must be within the programme, \(programme.lowerBound.readable) to \(programme.upperBound.readable)")
        }
        let amount = Pence.parse(rawAmount, field: "amount", label: "the amount", into: &errors)
        if amount == .zero { errors.add("amount", "The amount must be more than £0.00") }
        var lto: UUID?
        if let id = UUID(uuidString: TextRules.trimmed(rawLTO)), ltos.contains(id) { lto = id }
        else if ltos.count == 1, TextRules.trimmed(rawLTO).isEmpty { lto = ltos.first }
        else { errors.add("lto", "Choose the LTO this tranche is paid to") }
        try errors.throwIfAny()
        return Tranche(id: id, due: due!, amount: amount!, ltoID: lto!)
    }
}
