import FluentKit
import Foundation
import RebalanceCore

/// Deletes what has outlived its purpose, after the periods in `RetentionPeriods` (ADR 0020).
/// Run by the delivery pass; safe to run again at any time.
public enum Retention {
    public struct Report: Sendable, Equatable {
        public var signInAttempts = 0
        public var sessions = 0
        public var mailTexts = 0
        public init() {}
    }

    /// What a sent message's text becomes once the period is over.
    public static let removedText = "(The text of this message was removed at the end of its retention period.)"

    @discardableResult
    public static func run(_ periods: RetentionPeriods, now: Date = Date(), on db: any Database) async throws -> Report {
        let cut = periods.cutOffs(at: now)
        var report = Report()
        let attempts = SignInAttemptRecord.query(on: db).filter(\.$at < cut.signInAttempts)
        report.signInAttempts = try await attempts.count()
        if report.signInAttempts > 0 { try await attempts.delete() }
        let sessions = WebSessionRecord.query(on: db).filter(\.$expiresAt < cut.expiredSessions)
        report.sessions = try await sessions.count()
        if report.sessions > 0 { try await sessions.delete() }
        // Sent mail by when it went; mail that never went (skipped, given up) by when it was queued.
        let sent = OutboxMessageRecord.query(on: db).filter(\.$body != removedText).group(.or) { or in
            or.group(.and) { $0.filter(\.$statusRaw == OutboxMessageRecord.Status.sent.rawValue).filter(\.$sentAt < cut.sentMail) }
            or.group(.and) {
                $0.filter(\.$statusRaw ~~ [OutboxMessageRecord.Status.skipped.rawValue, OutboxMessageRecord.Status.failed.rawValue])
                    .filter(\.$createdAt < cut.sentMail)
            }
        }
        report.mailTexts = try await sent.count()
        if report.mailTexts > 0 { try await sent.set(\.$body, to: removedText).update() }
        return report
    }
}
