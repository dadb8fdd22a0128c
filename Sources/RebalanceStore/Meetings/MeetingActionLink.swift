import FluentKit
import Foundation
import RebalanceCore

/// A commitment made as an action in a meeting's minutes points back at that meeting, so the
/// minutes list their actions and the register shows where each was agreed.
struct AddCommitmentMeetingLink: AsyncMigration {
    var name: String { "2026-11-23-add-commitment-meeting-link" }

    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await db.schema(CommitmentRecord.schema)
            .field("meeting_series_id", .uuid, .references(MeetingSeriesRecord.schema, "id", onDelete: .setNull))
            .update()
        try await db.schema(CommitmentRecord.schema).field("meeting_day", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CommitmentRecord.schema).deleteField("meeting_day").update()
        try await db.schema(CommitmentRecord.schema).deleteField("meeting_series_id").update()
    }
}

/// The meeting an action came from.
public struct MeetingLink: Sendable, Equatable {
    public let seriesID: UUID
    public let day: Day
    public init(seriesID: UUID, day: Day) { self.seriesID = seriesID; self.day = day }
}

extension MeetingCommands {
    /// Records an action from a meeting as a commitment in the register. Actions come out of a
    /// meeting that has taken place, never a cancelled one.
    public static func recordAction(_ seriesID: UUID, meetingOn originalDay: Day, _ input: CommitmentDraft.Input,
                                    confirmOverPromise: Bool, by actor: Actor, now: Date = Date(),
                                    on db: any Database) async throws -> CommitmentRecord {
        guard let s = try await MeetingSeriesRecord.find(seriesID, on: db),
              let occurrence = try s.schedule.occurrence(originallyOn: originalDay) else { throw NotFound("meeting") }
        try MeetingAction.check(occurrence, now: now)
        var withMeeting = input
        withMeeting.meeting = "\(s.title), \(originalDay.readable)"
        return try await CommitmentCommands.create(in: s.$partnership.id, withMeeting, confirmOverPromise: confirmOverPromise,
                                                   meeting: MeetingLink(seriesID: seriesID, day: originalDay), by: actor, on: db)
    }
}

extension MeetingQueries {
    public static func actions(_ seriesID: UUID, meetingOn day: Day, on db: any Database) async throws -> [CommitmentRecord] {
        try await CommitmentRecord.query(on: db).filter(\.$meetingSeriesID == seriesID)
            .filter(\.$meetingDayRaw == day.description).sort(\.$dueOnRaw).all()
    }
}
