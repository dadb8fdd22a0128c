import Foundation

/// Planned against committed against paid, per priority and per year, with what is left and a
/// forecast of where the money ends up at the programme's end if spending keeps its pace.
public struct SpendAgainstPlan: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var key: String
        public var title: String
        public var planned: Pence
        public var committed: Pence
        public var paid: Pence
        public var flag: Flag?
        public var left: Pence { planned - paid }
    }

    public enum Flag: String, Sendable, Equatable {
        /// More paid or committed than planned.
        case over
        /// A year gone by with less than half its budget spent.
        case under

        public var label: String { self == .over ? "Overspent" : "Underspent" }
    }

    public var award: Pence
    public var byPriority: [Line]
    public var byYear: [Line]
    public var totals: LedgerTotals
    public var admin: Pence
    /// Share of the programme's time gone, in per cent (0–100).
    public var timeGonePercent: Int
    /// Share of the award paid out, in per cent.
    public var moneySpentPercent: Int
    /// What would be paid by the programme's end at the pace so far; nil before any time has passed.
    public var forecastPaid: Pence?
    /// The award less the forecast: money left unspent at the end (negative: the award runs out).
    public var forecastLeft: Pence? { forecastPaid.map { award - $0 } }

    public init(plan: PlanContent, award: Pence, ledger: Ledger, today: Day) {
        self.award = award
        let t = ledger.totals
        totals = t
        admin = ledger.admin
        let byPriority = ledger.byPriority
        let yearTotals = ledger.byYear
        self.byPriority = plan.priorities.map { p in
            let done = byPriority[p.key] ?? LedgerTotals()
            return Line(key: p.key, title: p.title, planned: p.total, committed: done.committed, paid: done.paid,
                        flag: Self.flag(planned: p.total, committed: done.committed, paid: done.paid))
        }
        byYear = plan.years.map { year in
            let done = yearTotals[year] ?? LedgerTotals()
            let planned = plan.budget(year: year)
            let gone = year < today.year
            return Line(key: String(year), title: String(year), planned: planned, committed: done.committed, paid: done.paid,
                        flag: Self.flag(planned: planned, committed: done.committed, paid: done.paid)
                            ?? (gone && planned > .zero && done.paid.value < planned.value - planned.value / 2 ? .under : nil))
        }
        let programme = plan.programme
        let length = programme.upperBound.ordinal - programme.lowerBound.ordinal + 1
        let elapsed = min(max(today.ordinal - programme.lowerBound.ordinal + 1, 0), length)
        timeGonePercent = Int(Int64(elapsed) * 100 / Int64(length))
        moneySpentPercent = award.value > 0 ? Pence.percentShare(t.paid, of: award) : 0
        // The pace so far, carried on to the end: integer arithmetic on pence and days.
        forecastPaid = elapsed > 0 ? Pence(Pence.scaled(t.paid.value, by: Int64(length), over: Int64(elapsed))) : nil
    }

    static func flag(planned: Pence, committed: Pence, paid: Pence) -> Flag? {
        (paid > planned || committed > planned) ? .over : nil
    }
}
