import Foundation

/// What a ledger line records. Money moves from the funder to the LTO (`received`), is set aside
/// in the plan for something (`allocated`), promised by contract, grant or order (`committed`),
/// and finally paid out (`paid`).
public enum LedgerEntryKind: String, CaseIterable, Codable, Sendable {
    case received, allocated, committed, paid

    public var label: String {
        switch self {
        case .received: return "Received from the funder"
        case .allocated: return "Allocated"
        case .committed: return "Committed"
        case .paid: return "Paid"
        }
    }

    /// Money received belongs to the programme as a whole; everything else to a plan priority.
    public var needsPriority: Bool { self != .received }
}

/// One posted line of an LTO's ledger for a partnership. Posted lines are never changed: a
/// mistake is corrected by a reversing line that names the one it cancels.
public struct LedgerEntry: Hashable, Sendable, Codable {
    public var id: UUID
    public var ltoID: UUID
    public var kind: LedgerEntryKind
    /// Always positive; a reversal's effect is negative (see `signed`).
    public var amount: Pence
    public var on: Day
    /// The plan priority's key; nil only for money received from the funder.
    public var priority: String?
    public var projectID: UUID?
    public var commitmentID: UUID?
    public var payee: String?
    /// The LTO's own reference (an invoice or transaction number): unique within the LTO's ledger.
    public var reference: String?
    public var description: String
    public var reverses: UUID?

    public init(id: UUID, ltoID: UUID, kind: LedgerEntryKind, amount: Pence, on: Day, priority: String?,
                projectID: UUID? = nil, commitmentID: UUID? = nil, payee: String? = nil, reference: String? = nil,
                description: String, reverses: UUID? = nil) {
        self.id = id; self.ltoID = ltoID; self.kind = kind; self.amount = amount; self.on = on; self.priority = priority
        self.projectID = projectID; self.commitmentID = commitmentID; self.payee = payee; self.reference = reference
        self.description = description; self.reverses = reverses
    }

    public var signed: Pence { reverses == nil ? amount : -amount }
}

/// Sums of each kind of line, net of reversals.
public struct LedgerTotals: Hashable, Sendable, Codable {
    public var received = Pence.zero
    public var allocated = Pence.zero
    public var committed = Pence.zero
    public var paid = Pence.zero

    public init() {}

    mutating func add(_ e: LedgerEntry) {
        switch e.kind {
        case .received: received += e.signed
        case .allocated: allocated += e.signed
        case .committed: committed += e.signed
        case .paid: paid += e.signed
        }
    }

    public static func + (a: LedgerTotals, b: LedgerTotals) -> LedgerTotals {
        var t = a
        t.received += b.received; t.allocated += b.allocated; t.committed += b.committed; t.paid += b.paid
        return t
    }
}

/// The balances derived from a partnership's ledger lines: by priority, by year and by LTO.
public struct Ledger: Sendable {
    /// The funder's contribution to an LTO's costs of administering the money, as a share of spend.
    public static let adminPercent = 5

    public let entries: [LedgerEntry]

    public init(_ entries: [LedgerEntry]) { self.entries = entries }

    public var totals: LedgerTotals { entries.reduce(into: LedgerTotals()) { $0.add($1) } }

    public func totals(where include: (LedgerEntry) -> Bool) -> LedgerTotals {
        entries.filter(include).reduce(into: LedgerTotals()) { $0.add($1) }
    }

    public var byPriority: [String: LedgerTotals] {
        entries.filter { $0.priority != nil }.reduce(into: [:]) { $0[$1.priority!, default: LedgerTotals()].add($1) }
    }

    public var byYear: [Int: LedgerTotals] { entries.reduce(into: [:]) { $0[$1.on.year, default: LedgerTotals()].add($1) } }

    public var byLTO: [UUID: LedgerTotals] { entries.reduce(into: [:]) { $0[$1.ltoID, default: LedgerTotals()].add($1) } }

    /// The LTO's administration contribution per year: the share of what it paid out that year.
    public func adminContribution(ltoID: UUID? = nil) -> [Int: Pence] {
        var paid: [Int: Pence] = [:]
        for e in entries where e.kind == .paid && (ltoID == nil || e.ltoID == ltoID) { paid[e.on.year, default: .zero] += e.signed }
        return paid.mapValues { $0.percent(Self.adminPercent) }
    }

    /// Each LTO's contribution is worked out on its own spend, year by year, then added up.
    public var admin: Pence {
        Set(entries.map(\.ltoID)).map { adminContribution(ltoID: $0).values.sum() }.sum()
    }

    /// Money the LTOs still hold: received, less what was paid out and their contribution.
    public var held: Pence { totals.received - totals.paid - admin }

    /// Received = paid + admin + held, and every total is the sum of its parts by priority, year
    /// and LTO. True of any ledger built from lines `LedgerRules` accepted.
    public var isBalanced: Bool {
        let t = totals
        let priorities = byPriority.values.reduce(LedgerTotals(), +)
        let years = byYear.values.reduce(LedgerTotals(), +)
        let ltos = byLTO.values.reduce(LedgerTotals(), +)
        var withoutReceived = t
        withoutReceived.received = .zero
        var priorityShare = priorities
        priorityShare.received = .zero
        return t.received == t.paid + admin + held && years == t && ltos == t && priorityShare == withoutReceived
            && t.received >= .zero && t.allocated >= .zero && t.committed >= .zero && t.paid >= .zero
    }

    public func entry(_ id: UUID) -> LedgerEntry? { entries.first { $0.id == id } }
    public func reversal(of id: UUID) -> LedgerEntry? { entries.first { $0.reverses == id } }
}
