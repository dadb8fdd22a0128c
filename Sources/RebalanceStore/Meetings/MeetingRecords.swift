import FluentKit
import Foundation
import RebalanceCore

/// A series of meetings (or a one-off): what, where, and the schedule with its cancellations
/// and moves, kept as JSON because the rules in Core own its shape.
public final class MeetingSeriesRecord: Model, @unchecked Sendable {
    public static let schema = "meeting_series"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "kind") public var kindRaw: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "location") public var location: String?
    @OptionalField(key: "description") public var summary: String?
    @Field(key: "schedule") public var scheduleJSON: String
    /// Counts edits of the series itself, for iCalendar SEQUENCE numbers.
    @Field(key: "revision") public var revision: Int
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var kind: MeetingKind { MeetingKind(rawValue: kindRaw) ?? .partnership }

    public var schedule: MeetingSchedule {
        get throws { try JSONDecoder().decode(MeetingSchedule.self, from: Data(scheduleJSON.utf8)) }
    }

    func setSchedule(_ s: MeetingSchedule) throws {
        scheduleJSON = String(decoding: try JSONEncoder.sorted.encode(s), as: UTF8.self)
    }

    public func series() throws -> MeetingSeries {
        MeetingSeries(id: try requireID(), partnershipID: $partnership.id, kind: kind, title: title, location: location,
                      description: summary, schedule: try schedule, revision: revision)
    }
}

extension MeetingSeriesRecord: Audited {
    public static let auditType = "meeting_series"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["kind": kindRaw, "title": title, "location": location ?? "", "description": summary ?? "", "schedule": scheduleJSON]
    }
}

/// What happened at (or is planned for) one meeting of a series: its agenda, who came, and the
/// minutes. Created the first time someone adds to it.
public final class MeetingRecord: Model, @unchecked Sendable {
    public static let schema = "meetings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "series_id") public var series: MeetingSeriesRecord
    /// The day the series first put it on, which identifies it even after a move.
    @Field(key: "original_day") public var originalDayRaw: String
    @OptionalField(key: "decisions") public var decisions: String?
    @OptionalField(key: "went_well") public var wentWell: String?
    @OptionalField(key: "went_badly") public var wentBadly: String?
    @OptionalField(key: "notes") public var notes: String?
    @OptionalField(key: "minutes_published_at") public var minutesPublishedAt: Date?
    @Field(key: "version") public var version: Int
    @Children(for: \.$meeting) public var agenda: [AgendaItemRecord]
    @Children(for: \.$meeting) public var attendance: [AttendanceRecord]

    public init() {}

    public var originalDay: Day { Day(originalDayRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var hasMinutes: Bool { decisions != nil || wentWell != nil || wentBadly != nil || notes != nil }
}

extension MeetingRecord: Audited {
    public static let auditType = "minutes"
    public var auditLabel: String { "Meeting of \(originalDayRaw)" }
    public var auditFields: [String: String] {
        ["decisions": decisions ?? "", "went_well": wentWell ?? "", "went_badly": wentBadly ?? "", "notes": notes ?? "",
         "published": minutesPublishedAt == nil ? "no" : "yes"]
    }
}

public final class AgendaItemRecord: Model, @unchecked Sendable {
    public static let schema = "agenda_items"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "meeting_id") public var meeting: MeetingRecord
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @OptionalField(key: "detail") public var detail: String?
    @OptionalField(key: "lead") public var lead: String?

    public init() {}
}

extension AgendaItemRecord: Audited {
    public static let auditType = "agenda_item"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["position": String(position), "title": title, "detail": detail ?? "", "lead": lead ?? ""]
    }
}

public final class AttendanceRecord: Model, @unchecked Sendable {
    public static let schema = "meeting_attendance"
    public enum Status: String, Sendable { case attended, apologies }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "meeting_id") public var meeting: MeetingRecord
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "status") public var statusRaw: String

    public init() {}

    public var status: Status { Status(rawValue: statusRaw) ?? .attended }
}

extension JSONEncoder {
    /// Stable output, so an unchanged value never shows as a change in the audit log.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
