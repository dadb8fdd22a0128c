import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// The funder's table across every area it funds, read with one query per source (offers,
/// ledger sums, plans, health checks, commitments, enquiries) whatever the number of areas.
public enum FunderQueries {
    public static func rows(funder funderID: UUID, today: Day = .today(), on db: any Database) async throws -> [FunderRow] {
        let offers = try await FundingOfferRecord.query(on: db).filter(\.$funder.$id == funderID).with(\.$partnership).all()
        guard !offers.isEmpty else { return [] }
        let ids = offers.map { $0.$partnership.id }
        // Received and paid per partnership, net of reversals, summed by the database.
        var sums: [UUID: (received: Int64, paid: Int64)] = [:]
        let rows = try await db.sql.select()
            .column("partnership_id").column("kind")
            // PostgreSQL sums bigints as numeric: cast back, so both databases answer with an integer.
            .column(SQLRaw("CAST(SUM(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END) AS BIGINT)"), as: "total")
            .from(LedgerEntryRecord.schema)
            .where("partnership_id", .in, ids)
            .where("kind", .in, [LedgerEntryKind.received.rawValue, LedgerEntryKind.paid.rawValue])
            .groupBy("partnership_id").groupBy("kind")
            .all()
        for row in rows {
            let id = try row.decode(column: "partnership_id", as: UUID.self)
            let total = try row.decode(column: "total", as: Int64?.self) ?? 0
            if try row.decode(column: "kind", as: String.self) == LedgerEntryKind.received.rawValue { sums[id, default: (0, 0)].received = total }
            else { sums[id, default: (0, 0)].paid = total }
        }
        let plans = Dictionary(grouping: try await PlanVersionRecord.query(on: db).filter(\.$partnership.$id ~~ ids)
            .filter(\.$acceptedOnRaw != nil).all(), by: { $0.$partnership.id })
            .compactMapValues { $0.max { $0.number < $1.number }?.content }
        let health = Dictionary(try await HealthCheckQueries.summaryRows(councils: nil, today: today, on: db).map { ($0.partnershipSlug, $0.overallGap) },
                                uniquingKeysWith: { a, _ in a })
        var kept: [UUID: (all: Int, onTime: Int)] = [:]
        for c in try await CommitmentRecord.query(on: db).filter(\.$partnership.$id ~~ ids)
            .filter(\.$stateRaw == CommitmentState.delivered.rawValue).all() {
            kept[c.$partnership.id, default: (0, 0)].all += 1
            if c.facts.deliveredOnTime == true { kept[c.$partnership.id, default: (0, 0)].onTime += 1 }
        }
        var answered: [UUID: (all: Int, inTime: Int)] = [:]
        for e in try await EnquiryRecord.query(on: db).filter(\.$partnership.$id ~~ ids)
            .filter(\.$stateRaw == EnquiryState.answered.rawValue).with(\.$handOffs).all() {
            guard let core = try? e.core(handOffs: e.handOffs) else { continue }
            answered[e.$partnership.id, default: (0, 0)].all += 1
            if core.wasAnsweredWithinTarget() == true { answered[e.$partnership.id, default: (0, 0)].inTime += 1 }
        }
        return offers.map { o in
            let id = o.$partnership.id
            let plan = plans[id]
            let time = plan.map { p -> Int in
                let length = p.programme.upperBound.ordinal - p.programme.lowerBound.ordinal + 1
                return min(max(today.ordinal - p.programme.lowerBound.ordinal + 1, 0), length) * 100 / length
            }
            return FunderRow(partnershipName: o.partnership.name, partnershipSlug: o.partnership.slug, award: o.award,
                             received: Pence(sums[id]?.received ?? 0), paid: Pence(sums[id]?.paid ?? 0), timeGonePercent: time,
                             healthGap: health[o.partnership.slug] ?? nil,
                             keptOnTimePercent: kept[id].flatMap { $0.all > 0 ? $0.onTime * 100 / $0.all : nil },
                             answeredWithinTargetPercent: answered[id].flatMap { $0.all > 0 ? $0.inTime * 100 / $0.all : nil })
        }
    }
}
