import Foundation

/// A stored meeting or series of meetings, with what a listing or a calendar feed needs.
public struct MeetingSeries: Hashable, Sendable, Identifiable {
    public let id: UUID
    public var partnershipID: UUID
    public var kind: MeetingKind
    public var title: String
    public var location: String?
    public var description: String?
    public var schedule: MeetingSchedule
    /// Goes up by one each time the series' shared details change (title, place, time,
    /// pattern): the store's version number does. Every meeting's calendar SEQUENCE is this
    /// plus its own override's revision, so both kinds of change reach calendar apps.
    public var revision: Int

    public init(id: UUID, partnershipID: UUID, kind: MeetingKind, title: String, location: String?,
                description: String?, schedule: MeetingSchedule, revision: Int = 0) {
        self.id = id
        self.partnershipID = partnershipID
        self.kind = kind
        self.title = title
        self.location = location
        self.description = description
        self.schedule = schedule
        self.revision = revision
    }

    public init(id: UUID, partnershipID: UUID, draft: MeetingDraft, revision: Int = 0) {
        self.init(id: id, partnershipID: partnershipID, kind: draft.kind, title: draft.title, location: draft.location,
                  description: draft.description, schedule: draft.schedule, revision: revision)
    }

    public func occurrences(from: Day, through: Day) -> [MeetingOccurrence] {
        schedule.occurrences(from: from, through: through)
    }

    /// Where one meeting of the series happens.
    public func location(of occurrence: MeetingOccurrence) -> String? {
        occurrence.locationOverride ?? location
    }

    /// The calendar SEQUENCE of one meeting: never goes down, goes up with every change to the
    /// series or to that meeting.
    public func sequence(of occurrence: MeetingOccurrence) -> Int { revision + occurrence.revision }

    /// A UID that stays the same for this meeting whatever happens to it:
    /// `<series uuid>-<original yyyymmdd>@rebalance`.
    public func uid(of occurrence: MeetingOccurrence) -> String {
        "\(id.uuidString.lowercased())-\(occurrence.originalDay.compact)@rebalance"
    }
}
