import FluentKit
import Foundation
import RebalanceCore

/// Scheduling and keeping the record of a partnership's meetings. Each command checks its input
/// with the rules in Core, writes in one transaction and logs the change.
public enum MeetingCommands {
    public static func schedule(in partnershipID: UUID, _ input: MeetingDraft.Input, by actor: Actor,
                                now: Date = Date(), today: Day = .today(), on db: any Database) async throws -> MeetingSeriesRecord {
        let draft = try MeetingDraft.validate(input)
        try MeetingDraft.checkNew(input, draft, today: today)
        return try await db.writeTransaction { tx in
            let s = MeetingSeriesRecord()
            s.$partnership.id = partnershipID
            s.kindRaw = draft.kind.rawValue
            s.title = draft.title
            s.location = draft.location
            s.summary = draft.description
            try s.setSchedule(draft.schedule)
            s.revision = 0
            s.version = 1
            s.createdAt = now
            try await s.create(on: tx)
            try await Audit.created(s, partnership: partnershipID, by: actor, on: tx)
            return s
        }
    }

    /// What can happen to one meeting of a series.
    public enum Change: Sendable {
        case cancel(reason: String?)
        case move(MeetingMoveInput)
        case reinstate
    }

    public static func change(_ seriesID: UUID, meetingOn originalDay: Day, _ change: Change, expectedVersion: Int,
                              by actor: Actor, on db: any Database) async throws -> MeetingSeriesRecord {
        try await db.writeTransaction { tx in
            guard let s = try await MeetingSeriesRecord.find(seriesID, on: tx) else { throw NotFound("meeting") }
            let schedule = try s.schedule
            let before = schedule.occurrence(originallyOn: originalDay)
            let changed: MeetingSchedule
            switch change {
            case .cancel(let reason): changed = try schedule.cancelling(originalDay, reason: reason)
            case .move(let input): changed = try schedule.moving(originalDay, input: input)
            case .reinstate: changed = try schedule.reinstating(originalDay)
            }
            let version = try await VersionClaim.claim(MeetingSeriesRecord.schema, id: seriesID, expected: expectedVersion,
                                                       entity: "meeting", on: tx)
            try s.setSchedule(changed)
            s.version = version
            try await s.save(on: tx)
            let after = changed.occurrence(originallyOn: originalDay)
            try await Audit.record(.updated, "meeting", id: seriesID, label: "\(s.title), \(originalDay.readable)",
                                   before: before.map(describe), after: after.map(describe),
                                   partnership: s.$partnership.id, by: actor, on: tx)
            return s
        }
    }

    static func describe(_ o: MeetingOccurrence) -> [String: String] {
        ["status": o.status.rawValue, "day": o.day.description, "time": o.startTime.description,
         "minutes": String(o.durationMinutes), "location": o.locationOverride ?? "", "reason": o.cancellationReason ?? ""]
    }

    public static func addAgendaItem(_ seriesID: UUID, meetingOn originalDay: Day, _ input: AgendaItemDraft.Input,
                                     by actor: Actor, on db: any Database) async throws -> AgendaItemRecord {
        try await db.writeTransaction { tx in
            guard let s = try await MeetingSeriesRecord.find(seriesID, on: tx),
                  let occurrence = try s.schedule.occurrence(originallyOn: originalDay) else { throw NotFound("meeting") }
            let draft = try AgendaItemDraft.validate(input, for: occurrence)
            let meeting = try await meetingRow(s, originalDay, on: tx)
            let count = try await AgendaItemRecord.query(on: tx).filter(\.$meeting.$id == meeting.requireID()).count()
            let item = AgendaItemRecord()
            item.$meeting.id = try meeting.requireID()
            item.position = count + 1
            item.title = draft.title
            item.detail = draft.detail
            item.lead = draft.lead
            try await item.create(on: tx)
            try await Audit.created(item, partnership: s.$partnership.id, by: actor, on: tx)
            return item
        }
    }

    /// Writes the minutes. `expectedVersion` is the meeting's version as the writer loaded it, 0
    /// when it had no record yet; a stale one is a `VersionConflict`.
    public static func saveMinutes(_ seriesID: UUID, meetingOn originalDay: Day, _ input: MinutesDraft.Input,
                                   expectedVersion: Int, people: Set<UUID>, by actor: Actor, now: Date = Date(),
                                   on db: any Database) async throws -> MeetingRecord {
        try await db.writeTransaction { tx in
            guard let s = try await MeetingSeriesRecord.find(seriesID, on: tx),
                  let occurrence = try s.schedule.occurrence(originallyOn: originalDay) else { throw NotFound("meeting") }
            let draft = try MinutesDraft.validate(input, for: occurrence, members: people, now: now)
            let existing = try await MeetingRecord.query(on: tx).filter(\.$series.$id == seriesID)
                .filter(\.$originalDayRaw == originalDay.description).first()
            let meeting: MeetingRecord
            let before: [String: String]?
            if let existing {
                before = existing.auditFields
                existing.version = try await VersionClaim.claim(MeetingRecord.schema, id: existing.requireID(),
                                                                expected: expectedVersion, entity: "set of minutes", on: tx)
                meeting = existing
            } else {
                guard expectedVersion <= 0 else { throw VersionConflict(entity: "set of minutes") }
                before = nil
                meeting = try await meetingRow(s, originalDay, on: tx)
            }
            meeting.decisions = draft.decisions
            meeting.wentWell = draft.wentWell
            meeting.wentBadly = draft.wentBadly
            meeting.notes = draft.notes
            if draft.publish {
                meeting.minutesPublishedAt = meeting.minutesPublishedAt ?? now
            } else {
                meeting.minutesPublishedAt = nil
            }
            try await meeting.save(on: tx)
            let meetingID = try meeting.requireID()
            try await AttendanceRecord.query(on: tx).filter(\.$meeting.$id == meetingID).delete()
            for (ids, status) in [(draft.attended, AttendanceRecord.Status.attended), (draft.apologies, .apologies)] {
                for person in ids.sorted(by: { $0.uuidString < $1.uuidString }) {
                    let a = AttendanceRecord()
                    a.$meeting.id = meetingID
                    a.$person.id = person
                    a.statusRaw = status.rawValue
                    try await a.create(on: tx)
                }
            }
            var after = meeting.auditFields
            after["attended"] = String(draft.attended.count)
            after["apologies"] = String(draft.apologies.count)
            try await Audit.record(before == nil ? .created : .updated, MeetingRecord.auditType, id: meetingID,
                                   label: "Minutes of \(s.title), \(originalDay.readable)", before: before, after: after,
                                   partnership: s.$partnership.id, by: actor, on: tx)
            return meeting
        }
    }

    /// The row for one meeting, made when first needed.
    static func meetingRow(_ s: MeetingSeriesRecord, _ originalDay: Day, on db: any Database) async throws -> MeetingRecord {
        let seriesID = try s.requireID()
        if let m = try await MeetingRecord.query(on: db).filter(\.$series.$id == seriesID)
            .filter(\.$originalDayRaw == originalDay.description).first() {
            return m
        }
        let m = MeetingRecord()
        m.$series.id = seriesID
        m.originalDayRaw = originalDay.description
        m.version = 1
        do {
            try await m.create(on: db)
        } catch {
            // Two people started the same meeting's record at once: the unique key let one in.
            throw VersionConflict(entity: "meeting")
        }
        return m
    }
}

/// One meeting as pages show it: the series it belongs to and when it actually is.
public struct ScheduledMeeting: Sendable {
    public let series: MeetingSeriesRecord
    public let occurrence: MeetingOccurrence
}

public enum MeetingQueries {
    public static func series(of partnershipID: UUID, on db: any Database) async throws -> [MeetingSeriesRecord] {
        try await MeetingSeriesRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .sort(\.$createdAt).all()
    }

    /// Every meeting of the partnerships between two days, cancelled ones included, by start time.
    public static func meetings(of partnershipIDs: [UUID], from: Day, through: Day, on db: any Database) async throws -> [ScheduledMeeting] {
        guard !partnershipIDs.isEmpty else { return [] }
        let all = try await MeetingSeriesRecord.query(on: db).filter(\.$partnership.$id ~~ partnershipIDs).all()
        var found: [ScheduledMeeting] = []
        for s in all {
            for o in try s.schedule.occurrences(from: from, through: through) {
                found.append(ScheduledMeeting(series: s, occurrence: o))
            }
        }
        return found.sorted { ($0.occurrence.start, $0.series.title) < ($1.occurrence.start, $1.series.title) }
    }

    public static func record(_ seriesID: UUID, meetingOn originalDay: Day, on db: any Database) async throws -> MeetingRecord? {
        try await MeetingRecord.query(on: db).filter(\.$series.$id == seriesID)
            .filter(\.$originalDayRaw == originalDay.description)
            .with(\.$agenda).with(\.$attendance) { $0.with(\.$person) }
            .first()
    }

    /// The meeting records of a partnership (agenda or minutes written), keyed by series and day.
    public static func records(of partnershipID: UUID, on db: any Database) async throws -> [String: MeetingRecord] {
        let seriesIDs = try await series(of: partnershipID, on: db).map { try $0.requireID() }
        guard !seriesIDs.isEmpty else { return [:] }
        let rows = try await MeetingRecord.query(on: db).filter(\.$series.$id ~~ seriesIDs).all()
        return Dictionary(rows.map { (key($0.$series.id, $0.originalDay), $0) }, uniquingKeysWith: { a, _ in a })
    }

    public static func key(_ seriesID: UUID, _ day: Day) -> String { "\(seriesID.uuidString)/\(day.description)" }

    /// People who may be marked present: current members and staff of the area's councils.
    public static func people(of partnership: PartnershipRecord, on day: Day, db: any Database) async throws -> [PersonRecord] {
        var people: [UUID: PersonRecord] = [:]
        for m in partnership.memberships where m.isCurrent(on: day) { people[m.$person.id] = m.person }
        let councils = try partnership.area.councils.map { try $0.requireID() }
        if !councils.isEmpty {
            for s in try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ councils).with(\.$person).all() {
                people[s.$person.id] = s.person
            }
        }
        return people.values.sorted { $0.name < $1.name }
    }
}
