import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Runs with each delivery run (the server's worker and `rebalance deliver`): detaches the
/// answers of health-check rounds that closed since the last run, and removes what has
/// outlived its retention period. Both are safe to run again.
public enum PrivacyPass {
    @discardableResult
    public static func run(_ app: Application, now: Date = Date()) async throws -> Retention.Report {
        try await HealthCheckAnonymity.detachClosedRounds(today: Day.today(now), on: app.db)
        return try await Retention.run(app.webSettings.retention, now: now, on: app.db)
    }
}
