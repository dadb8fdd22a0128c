import FluentKit
import Foundation
import RebalanceCore
import SQLKit

extension TimelineQueries {
    /// The first and last years with events, and how many events there are, read by aggregates so
    /// a long history is not loaded to learn how long it is. Counts match `entries`: agreement
    /// versions are few and counted as `entries` makes them.
    public static func span(of partnershipID: UUID, on db: any Database) async throws -> (years: ClosedRange<Int>?, count: Int) {
        guard let sql = db as? any SQLDatabase else { throw DatabaseUnsupported() }
        var days: [String] = []
        var count = 0
        for v in try await AgreementQueries.versions(in: partnershipID, on: db) {
            let signed = [v.draftedOn, v.partnershipSignedByName != nil ? v.partnershipSignedOn : nil,
                          v.councilSignedByName != nil ? v.councilSignedOn : nil, v.effectiveOn].compactMap { $0 }
            days += signed.map(\.description)
            count += signed.count
        }
        let dayQueries: [SQLQueryString] = [
            "SELECT MIN(e.on_day) AS first, MAX(e.on_day) AS last, COUNT(*) AS n FROM commitment_events e JOIN commitments c ON c.id = e.commitment_id WHERE c.partnership_id = \(bind: partnershipID)",
            "SELECT MIN(s.on_day) AS first, MAX(s.on_day) AS last, COUNT(*) AS n FROM project_stage_changes s JOIN projects p ON p.id = s.project_id WHERE p.partnership_id = \(bind: partnershipID)",
            "SELECT MIN(COALESCE(m.done_on, m.due_on)) AS first, MAX(COALESCE(m.done_on, m.due_on)) AS last, COUNT(*) AS n FROM project_milestones m JOIN projects p ON p.id = m.project_id WHERE p.partnership_id = \(bind: partnershipID)",
        ]
        for query in dayQueries {
            guard let row = try await sql.raw(query).first() else { continue }
            count += try row.decode(column: "n", as: Int.self)
            days += [try row.decode(column: "first", as: String?.self), try row.decode(column: "last", as: String?.self)].compactMap { $0 }
        }
        let decisions = DecisionLogRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
        count += try await decisions.count()
        if let first = try await decisions.copy().min(\.$decidedAt), let last = try await decisions.copy().max(\.$decidedAt) {
            days += [Day.today(first).description, Day.today(last).description]
        }
        let years = days.compactMap { Day($0)?.year }
        guard let lo = years.min(), let hi = years.max() else { return (nil, count) }
        return (lo...hi, count)
    }

    /// The events of one year (see `entries`), each source narrowed in its query.
    public static func entries(of partnershipID: UUID, year: Int, links: Links, on db: any Database) async throws -> [TimelineEntry] {
        let first = Day(year: year, month: 1, day: 1)!.description, last = Day(year: year, month: 12, day: 31)!.description
        var out: [TimelineEntry] = try await agreementEntries(of: partnershipID, links: links, on: db)

        let events = try await CommitmentEventRecord.query(on: db)
            .join(CommitmentRecord.self, on: \CommitmentEventRecord.$commitment.$id == \CommitmentRecord.$id)
            .filter(CommitmentRecord.self, \.$partnership.$id == partnershipID)
            .filter(\.$onRaw >= first).filter(\.$onRaw <= last).all()
        let commitmentIDs = Set(events.map { $0.$commitment.id })
        let commitments = Dictionary(uniqueKeysWithValues: try await CommitmentRecord.query(on: db)
            .filter(\.$id ~~ commitmentIDs).all().map { ($0.id!, $0) })
        for e in events.sorted(by: { $0.at < $1.at }) {
            guard let c = commitments[e.$commitment.id] else { continue }
            out.append(.init(on: e.on, kind: .commitment, title: commitmentTitle(e, c), detail: e.reason, link: links.commitment(c.id!)))
        }

        let changes = try await ProjectStageChangeRecord.query(on: db)
            .join(ProjectRecord.self, on: \ProjectStageChangeRecord.$project.$id == \ProjectRecord.$id)
            .filter(ProjectRecord.self, \.$partnership.$id == partnershipID)
            .filter(\.$onRaw >= first).filter(\.$onRaw <= last).all()
        // Reached in the year, or still due in it.
        let reached = try await MilestoneRecord.query(on: db)
            .join(ProjectRecord.self, on: \MilestoneRecord.$project.$id == \ProjectRecord.$id)
            .filter(ProjectRecord.self, \.$partnership.$id == partnershipID)
            .filter(\.$doneOnRaw >= first).filter(\.$doneOnRaw <= last).all()
        let due = try await MilestoneRecord.query(on: db)
            .join(ProjectRecord.self, on: \MilestoneRecord.$project.$id == \ProjectRecord.$id)
            .filter(ProjectRecord.self, \.$partnership.$id == partnershipID)
            .filter(\.$doneOnRaw == nil).filter(\.$dueOnRaw >= first).filter(\.$dueOnRaw <= last).all()
        let milestones = reached + due
        let projectIDs = Set(changes.map { $0.$project.id } + milestones.map { $0.$project.id })
        let projects = Dictionary(uniqueKeysWithValues: try await ProjectRecord.query(on: db)
            .filter(\.$id ~~ projectIDs).all().map { ($0.id!, $0) })
        for s in changes.sorted(by: { $0.onRaw < $1.onRaw }) {
            guard let p = projects[s.$project.id] else { continue }
            out.append(stageEntry(s, p, links: links))
        }
        for m in milestones {
            guard let p = projects[m.$project.id] else { continue }
            out.append(milestoneEntry(m, p, links: links))
        }

        // A day's bounds in any time zone lie within a day either side of the year in UTC.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let from = utc.date(from: DateComponents(year: year, month: 1, day: 1))!.addingTimeInterval(-86_400)
        let to = utc.date(from: DateComponents(year: year + 1, month: 1, day: 1))!.addingTimeInterval(86_400)
        let decisions = try await DecisionLogRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .filter(\.$decidedAt >= from).filter(\.$decidedAt < to).sort(\.$decidedAt, .descending).all()
        out += try decisions.map { try decisionEntry($0, links: links) }
        return out.filter { $0.on.year == year }
    }
}

struct DatabaseUnsupported: Error {}
