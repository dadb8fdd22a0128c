import Foundation

/// One area a funder supports, as its table across areas shows it: the money, how far through
/// the programme it is, and the relationship's health, so the areas that need support stand out.
public struct FunderRow: Sendable, Equatable {
    public var partnershipName: String
    public var partnershipSlug: String
    public var award: Pence
    public var received: Pence
    public var paid: Pence
    /// Share of the programme's time gone and of the award paid, in per cent; nil without a plan.
    public var timeGonePercent: Int?
    public var moneySpentPercent: Int
    /// Community minus council score in the latest closed health check.
    public var healthGap: Double?
    /// Delivered commitments delivered by their due date, in per cent.
    public var keptOnTimePercent: Int?
    /// Enquiries answered, and of those within their target, in per cent.
    public var answeredWithinTargetPercent: Int?

    public init(partnershipName: String, partnershipSlug: String, award: Pence, received: Pence, paid: Pence, timeGonePercent: Int?,
                healthGap: Double?, keptOnTimePercent: Int?, answeredWithinTargetPercent: Int?) {
        self.partnershipName = partnershipName; self.partnershipSlug = partnershipSlug; self.award = award
        self.received = received; self.paid = paid; self.timeGonePercent = timeGonePercent
        self.moneySpentPercent = award.value > 0 ? Pence.percentShare(paid, of: award) : 0
        self.healthGap = healthGap; self.keptOnTimePercent = keptOnTimePercent
        self.answeredWithinTargetPercent = answeredWithinTargetPercent
    }

    /// Time gone less money spent: large when spending lags the programme's clock.
    public var spendingLag: Int? { timeGonePercent.map { $0 - moneySpentPercent } }

    public enum Column: String, CaseIterable, Sendable {
        case area, award, received, paid, time = "time-gone", spent = "money-spent", lag, health = "health-gap"
        case kept = "kept-on-time", enquiries = "answered-within-target"

        public var heading: String {
            switch self {
            case .area: return "Area"
            case .award: return "Award"
            case .received: return "Received"
            case .paid: return "Paid"
            case .time: return "Time gone"
            case .spent: return "Money spent"
            case .lag: return "Spending behind time by"
            case .health: return "Health-check gap"
            case .kept: return "Promises kept on time"
            case .enquiries: return "Enquiries answered in time"
            }
        }
    }

    /// Sorted by a column; rows without a figure go last either way, then by name.
    public static func sorted(_ rows: [FunderRow], by column: Column, ascending: Bool) -> [FunderRow] {
        func key(_ r: FunderRow) -> Double? {
            switch column {
            case .area: return nil
            case .award: return Double(r.award.value)
            case .received: return Double(r.received.value)
            case .paid: return Double(r.paid.value)
            case .time: return r.timeGonePercent.map(Double.init)
            case .spent: return Double(r.moneySpentPercent)
            case .lag: return r.spendingLag.map(Double.init)
            case .health: return r.healthGap
            case .kept: return r.keptOnTimePercent.map(Double.init)
            case .enquiries: return r.answeredWithinTargetPercent.map(Double.init)
            }
        }
        return rows.sorted { a, b in
            if column == .area { return ascending ? a.partnershipName < b.partnershipName : a.partnershipName > b.partnershipName }
            switch (key(a), key(b)) {
            case let (x?, y?) where x != y: return ascending ? x < y : x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.partnershipName < b.partnershipName
            }
        }
    }

    public static func csv(_ rows: [FunderRow]) -> String {
        CSVWriter.document(
            header: ["area", "award", "received", "paid", "time_gone_percent", "money_spent_percent", "health_gap",
                     "kept_on_time_percent", "answered_within_target_percent"],
            rows: rows.map { r in
                [r.partnershipName, r.award.decimal, r.received.decimal, r.paid.decimal, r.timeGonePercent.map(String.init) ?? "",
                 String(r.moneySpentPercent), r.healthGap.map { String(format: "%.2f", $0) } ?? "",
                 r.keptOnTimePercent.map(String.init) ?? "", r.answeredWithinTargetPercent.map(String.init) ?? ""]
            })
    }
}
