import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The meeting a promise was made at and the decision it carries out, chosen from the
/// partnership's own meetings and decision log so the commitment links to both.
struct CommitmentOrigins {
    struct Meeting { let value: String; let label: String; let link: MeetingLink }
    struct Decision { let value: String; let label: String }
    let meetings: [Meeting]
    let decisions: [Decision]

    /// Offering the last year's meetings and the newest decisions keeps the lists short at any
    /// age of partnership; older ones are still linked from the meeting's own page.
    static let decisionsOffered = 100

    static func load(_ p: PartnershipRecord, today: Day, on db: any Database) async throws -> CommitmentOrigins {
        let pid = try p.requireID()
        let held = try await MeetingQueries.meetings(of: [pid], from: today.adding(days: -366), through: today, on: db)
            .filter { !$0.occurrence.isCancelled }.reversed()
        let meetings = try held.map { m in
            let series = try m.series.requireID()
            return Meeting(value: "\(series.uuidString.lowercased())/\(m.occurrence.originalDay)",
                           label: "\(m.series.title), \(m.occurrence.day.readable)",
                           link: MeetingLink(seriesID: series, day: m.occurrence.originalDay))
        }
        let log = try await DecisionLogRecord.query(on: db).filter(\.$partnership.$id == pid)
            .sort(\.$decidedAt, .descending).range(0..<decisionsOffered).all()
        let decisions = try log.map { d in
            Decision(value: try d.requireID().uuidString, label: "\(d.title) (\(Day.today(d.decidedAt).readable))")
        }
        return CommitmentOrigins(meetings: Array(meetings), decisions: decisions)
    }

    var fields: [FieldView] {
        [
            .select("meeting", "Meeting where it was made", hint: "Optional: meetings of the last year",
                    options: meetings.map { .init(value: $0.value, label: $0.label) }, blank: "Not made at a meeting"),
            .select("decision", "Decision it carries out", hint: "Optional: from the partnership's decision log",
                    options: decisions.map { .init(value: $0.value, label: $0.label) }, blank: "No particular decision"),
        ]
    }

    /// The meeting chosen in the form, if any; a value not in the list is refused by name.
    func meeting(_ value: String?) throws -> Meeting? {
        let v = TextRules.trimmed(value)
        guard !v.isEmpty else { return nil }
        guard let m = meetings.first(where: { $0.value == v.lowercased() }) else {
            throw ValidationFailure("meeting", "Choose a meeting of this partnership from the list")
        }
        return m
    }

    /// The decision chosen in the form, if any (checked against the log when the promise is saved).
    func decision(_ value: String?) throws -> UUID? {
        let v = TextRules.trimmed(value)
        guard !v.isEmpty else { return nil }
        guard let id = UUID(uuidString: v) else {
            throw ValidationFailure("decision", "Choose a decision from this partnership's decision log")
        }
        return id
    }
}
