import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum MeetingAPI {
    struct MeetingBody: Encodable {
        let series: UUID
        let originalDay: String
        let kind: String
        let title: String
        let day: String
        let start: Date
        let end: Date
        let status: String
        let location: OrNull<String>
        let cancellationReason: OrNull<String>
        let page: String

        init(_ slug: String, _ s: MeetingSeries, _ o: MeetingOccurrence) {
            series = s.id; originalDay = o.originalDay.description; kind = s.kind.rawValue; title = s.title
            day = o.day.description; start = o.start; end = o.end; status = o.status.rawValue
            location = OrNull(s.location(of: o)); cancellationReason = OrNull(o.cancellationReason)
            page = SiteURL.meeting(slug, s.id.uuidString.lowercased(), o.originalDay.description).path
        }
    }

    struct AgendaItemBody: Encodable { let position: Int; let title: String; let detail: OrNull<String>; let lead: OrNull<String> }

    struct MinutesBody: Encodable {
        let decisions: OrNull<String>
        let wentWell: OrNull<String>
        let wentBadly: OrNull<String>
        let notes: OrNull<String>
        let published: Bool
        let attended: [String]
        let apologies: [String]
        let version: Int
    }

    struct ActionBody: Encodable { let commitment: UUID; let title: String; let owner: String; let dueOn: String; let state: String }

    struct ActionInput: Decodable {
        var title: String?
        var owner: String?
        var recipient: String?
        var dueOn: String?
        var size: String?
        var confirmOverPromise: Bool?
    }

    struct MeetingDetailBody: Encodable {
        let meeting: MeetingBody
        let agenda: [AgendaItemBody]
        let actions: [ActionBody]
        let minutes: OrNull<MinutesBody>
        let seriesVersion: Int
    }

    struct MinutesInput: Decodable {
        var decisions: String?
        var wentWell: String?
        var wentBadly: String?
        var notes: String?
        var attended: [String]?
        var apologies: [String]?
        var publish: Bool?
        var version: Int?
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .meetings(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Meetings between two days (default: the last year and the next six months), cancelled ones included",
                             tag: "meetings", query: [
                                .init(name: "from", description: "First day, YYYY-MM-DD", schema: APISchemas.date),
                                .init(name: "through", description: "Last day, YYYY-MM-DD, on or after from and at most three years later",
                                      schema: APISchemas.date),
                             ], response: .list("Meeting"), errors: [404, 422])) { req in
                let p = try await req.partnership()
                let today = Day.today()
                var errors = FieldErrorList()
                let from = DayRules.optional(req.query[String.self, at: "from"], field: "from", label: "From", into: &errors) ?? today.adding(days: -366)
                let through = DayRules.optional(req.query[String.self, at: "through"], field: "through", label: "Through", into: &errors) ?? today.adding(days: 183)
                if through < from { errors.add("through", "Through must be on or after from") }
                if from.adding(days: 3 * 366) < through { errors.add("through", "Ask for at most three years at a time") }
                try errors.throwIfAny()
                let found = try await MeetingQueries.meetings(of: [try p.requireID()], from: from, through: through, on: req.db)
                let items = try found.map { MeetingBody(p.slug, try $0.series.series(), $0.occurrence) }
                return try API.json(ListBody(whole: items))
            },
            .api(.POST, .meetings(":slug"), .resolved(MeetingPages.arrangePermission),
                 doc: APIDoc(summary: "Schedule a meeting or a repeating series", tag: "meetings", request: "MeetingInput",
                             response: .list("Meeting"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(MeetingDraft.Input.self, from: req)
                let s = try await MeetingCommands.schedule(in: try p.requireID(), input, by: req.actor, on: req.db)
                let series = try s.series()
                let first = try s.schedule.startsOn
                let items = series.occurrences(from: first, through: first.adding(days: 366)).prefix(24).map { MeetingBody(p.slug, series, $0) }
                return try API.json(ListBody(whole: Array(items)), status: .created)
            },
            .api(.GET, .meeting(":slug", ":series", ":day"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One meeting with its agenda and minutes (draft minutes only for members and council staff)",
                             tag: "meetings", response: .object("MeetingDetail"), errors: [404])) { req in
                try API.json(try await detail(req))
            },
            .api(.POST, .agenda(":slug", ":series", ":day"), .resolved(MeetingPages.arrangePermission),
                 doc: APIDoc(summary: "Add an item to a meeting's agenda", tag: "meetings", request: "AgendaItemInput",
                             response: .object("MeetingDetail"), status: 201, errors: [401, 403, 404, 422])) { req in
                let found = try await req.meeting()
                let input = try API.body(AgendaItemDraft.Input.self, from: req)
                _ = try await MeetingCommands.addAgendaItem(found.seriesID, meetingOn: found.occurrence.originalDay, input, by: req.actor, on: req.db)
                return try API.json(try await detail(req), status: .created)
            },
            .api(.POST, .meetingActions(":slug", ":series", ":day"), .resolved(MeetingPages.minutesPermission),
                 doc: APIDoc(summary: "Record an action from a meeting: it becomes an agreed commitment in the register",
                             tag: "meetings", request: "MeetingActionInput", response: .object("MeetingDetail"), status: 201,
                             errors: [401, 403, 404, 422])) { req in
                let found = try await req.meeting()
                let input = try API.body(ActionInput.self, from: req)
                _ = try await MeetingCommands.recordAction(found.seriesID, meetingOn: found.occurrence.originalDay,
                                                           .init(title: input.title, owner: input.owner, recipient: input.recipient ?? "partnership",
                                                                 dueOn: input.dueOn, size: input.size, state: "agreed"),
                                                           confirmOverPromise: input.confirmOverPromise ?? false, by: req.actor, on: req.db)
                return try API.json(try await detail(req), status: .created)
            },
            .api(.PUT, .minutes(":slug", ":series", ":day"), .resolved(MeetingPages.minutesPermission),
                 doc: APIDoc(summary: "Write or change a meeting's minutes (version 0 the first time)", tag: "meetings",
                             request: "MinutesInput", response: .object("MeetingDetail"), errors: [401, 403, 404, 409, 422])) { req in
                let found = try await req.meeting()
                let p = try await req.partnership()
                let input = try API.body(MinutesInput.self, from: req)
                let version = try API.requireVersion(input.version)
                let people = Set(try await MeetingQueries.people(of: p, on: found.occurrence.day, db: req.db).map { try $0.requireID() })
                _ = try await MeetingCommands.saveMinutes(found.seriesID, meetingOn: found.occurrence.originalDay,
                                                          .init(decisions: input.decisions, wentWell: input.wentWell, wentBadly: input.wentBadly,
                                                                notes: input.notes, attended: input.attended, apologies: input.apologies,
                                                                publish: input.publish),
                                                          expectedVersion: version, people: people, by: req.actor, on: req.db)
                return try API.json(try await detail(req))
            },
        ]
    }

    static func detail(_ req: Request) async throws -> MeetingDetailBody {
        let found = try await req.meeting()
        let canSeeDrafts = Gate.allows(.meeting(.readDraftMinutes(try await req.partnershipScope())), for: req)
        let record = try await MeetingQueries.record(found.seriesID, meetingOn: found.occurrence.originalDay, on: req.db)
        var minutes: MinutesBody?
        if let r = record, r.hasMinutes, r.minutesPublishedAt != nil || canSeeDrafts {
            minutes = MinutesBody(decisions: OrNull(r.decisions), wentWell: OrNull(r.wentWell), wentBadly: OrNull(r.wentBadly),
                                  notes: OrNull(r.notes), published: r.minutesPublishedAt != nil,
                                  attended: r.attendance.filter { $0.status == .attended }.map(\.person.name).sorted(),
                                  apologies: r.attendance.filter { $0.status == .apologies }.map(\.person.name).sorted(),
                                  version: r.version)
        }
        return MeetingDetailBody(
            meeting: MeetingBody(found.slug, found.series, found.occurrence),
            agenda: (record?.agenda ?? []).sorted { $0.position < $1.position }
                .map { AgendaItemBody(position: $0.position, title: $0.title, detail: OrNull($0.detail), lead: OrNull($0.lead)) },
            actions: try await MeetingQueries.actions(found.seriesID, meetingOn: found.occurrence.originalDay, on: req.db).map {
                ActionBody(commitment: try $0.requireID(), title: $0.title, owner: $0.ownerName, dueOn: $0.dueOnRaw, state: $0.stateRaw)
            },
            minutes: OrNull(minutes), seriesVersion: found.version)
    }
}
