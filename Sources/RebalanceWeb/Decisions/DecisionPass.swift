import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Runs before each delivery run (the server's worker and `rebalance deliver`): settles the
/// proposals and polls that closed since the last run, so their closing notices go out without
/// anyone opening a page, and queues the reminders due a day before each deadline. Both are
/// safe to run again: what is settled or reminded is marked so in the same transaction.
public enum DecisionPass {
    @discardableResult
    public static func run(_ app: Application, now: Date = Date()) async throws -> DecisionSettlement.Report {
        var report = DecisionSettlement.Report()
        let busy = try await DecisionSettlement.partnershipsWithWork(now: now, on: app.db)
        guard !busy.isEmpty else { return report }
        for p in try await PartnershipRecord.query(on: app.db).filter(\.$id ~~ Array(busy)).all() {
            let id = try p.requireID()
            let links = DecisionMailLinks.make(app, slug: p.slug)
            report.settled += try await DecisionSettlement.settleDue(partnershipID: id, now: now, links: links, on: app.db)
            report.reminders += try await DecisionSettlement.queueReminders(partnershipID: id, now: now, links: links, on: app.db)
        }
        return report
    }
}
