import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A partnership's meetings: the schedule, one meeting's agenda, and its minutes.
enum MeetingPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .meetings(":slug"), .fixed(.viewPublic), handler: index),
            .page(.GET, .newMeeting(":slug"), .resolved(arrangePermission)) { req in
                let p = try await req.partnership()
                let form = scheduleForm(req, p).showing(["kind": MeetingKind.partnership.rawValue, "repeats": "never",
                                                         "startsOn": Day.today().description, "startTime": "19:00", "endTime": "21:00"], errors: [])
                return try await AreaPages.formPage(req, form: form, title: "Schedule a meeting", back: .meetings(p.slug))
            },
            .page(.POST, .newMeeting(":slug"), .resolved(arrangePermission), handler: schedule),
            .page(.POST, .meetingFromRhythm(":slug"), .resolved(arrangePermission), handler: scheduleFromRhythm),
            .page(.GET, .meeting(":slug", ":series", ":day"), .fixed(.viewPublic), handler: show),
            .page(.POST, .meetingChange(":slug", ":series", ":day"), .resolved(arrangePermission), handler: change),
            .page(.POST, .agenda(":slug", ":series", ":day"), .resolved(arrangePermission), handler: addAgendaItem),
            .page(.GET, .minutes(":slug", ":series", ":day"), .resolved(minutesPermission)) { req in
                let found = try await req.meeting()
                let record = try await MeetingQueries.record(found.seriesID, meetingOn: found.occurrence.originalDay, on: req.db)
                let form = try await minutesForm(req, found).showing(values(of: record), errors: [])
                    .hiding("version", String(record?.version ?? 0))
                return try await AreaPages.formPage(req, form: form, title: "Minutes: \(found.title)", back: found.back)
            },
            .page(.POST, .minutes(":slug", ":series", ":day"), .resolved(minutesPermission), handler: saveMinutes),
            .page(.POST, .meetingActions(":slug", ":series", ":day"), .resolved(minutesPermission), handler: recordAction),
        ]
    }

    static func arrangePermission(_ req: Request) async throws -> Permission {
        .meeting(.arrange(try await req.partnershipScope()))
    }

    static func minutesPermission(_ req: Request) async throws -> Permission {
        .meeting(.writeMinutes(try await req.partnershipScope()))
    }

    // MARK: the schedule

    struct IndexView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let upcoming: Table
        let past: Table
        let feedHref: String
        let scheduleHref: String?
        let rhythms: [Rhythm]
        let csrf: String?
        /// The year asked for with `?year=`, when the page shows one calendar year.
        let year: Int?
        let years: [YearLink]
        struct YearLink: Encodable { let label: String; let href: String; let current: Bool }
        struct Line: Encodable {
            let href: String
            let title: String
            let kind: String
            let when: String
            let place: String?
            let cancelled: Bool
            let moved: Bool
            let minutes: String?
        }
        /// `firstDay`: the next day on the rhythm, so the form starts on a day the rhythm meets.
        struct Rhythm: Encodable { let kind: String; let label: String; let rhythm: String; let firstDay: String }
        struct Table: Encodable { let caption: String; let lines: [Line] }
    }

    static func index(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let today = Day.today()
        // Any year can be shown, so a meeting recorded or scheduled far from today is never lost.
        let year = (try? req.query.get(Int.self, at: "year")).flatMap { (2000...2100).contains($0) ? $0 : nil }
        let from = year.flatMap { Day(year: $0, month: 1, day: 1) } ?? today.adding(days: -366)
        let through = year.flatMap { Day(year: $0, month: 12, day: 31) } ?? today.adding(days: 183)
        let all = try await MeetingQueries.meetings(of: [try p.requireID()], from: from, through: through, on: req.db)
        let firstYear = try await MeetingQueries.series(of: try p.requireID(), on: req.db)
            .compactMap { try? $0.schedule.startsOn.year }.min() ?? today.year
        let years = (min(firstYear, today.year)...(today.year + 1)).reversed().map {
            IndexView.YearLink(label: String($0), href: "?year=\($0)", current: $0 == year)
        }
        let records = try await MeetingQueries.records(of: try p.requireID(), on: req.db)
        let canArrange = Gate.allows(.meeting(.arrange(try await req.partnershipScope())), for: req)
        func line(_ m: ScheduledMeeting) -> IndexView.Line {
            let record = records[MeetingQueries.key(m.series.id!, m.occurrence.originalDay)]
            let minutes: String? = record.map { r in
                r.minutesPublishedAt != nil ? "Published" : (r.hasMinutes ? "Draft" : nil)
            } ?? nil
            return .init(href: SiteURL.meeting(p.slug, m.series.id!.uuidString.lowercased(), m.occurrence.originalDay.description).path,
                         title: m.series.title, kind: m.series.kind.label, when: Format.meetingTime(m.occurrence),
                         place: m.occurrence.locationOverride ?? m.series.location, cancelled: m.occurrence.isCancelled,
                         moved: m.occurrence.status == .moved, minutes: minutes)
        }
        let now = Date()
        let plan = try await CommunicationPlanQueries.record(of: try p.requireID(), on: req.db).map { try $0.plan }
        let rhythms = canArrange ? MeetingKind.allCases.compactMap { kind in
            plan?.rhythms[kind].map {
                IndexView.Rhythm(kind: kind.rawValue, label: kind.label, rhythm: $0.label,
                                 firstDay: ($0.schedule(from: today).nextOccurrence(onOrAfter: today)?.day ?? today).description)
            }
        } : []
        return try await req.render("meetings/index", IndexView(
            chrome: await PageChrome(req, title: "Meetings of \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            upcoming: .init(caption: year.map { "Meetings still to come in \($0)" } ?? "Meetings coming up",
                            lines: all.filter { $0.occurrence.end >= now }.map(line)),
            past: .init(caption: year.map { "Meetings held in \($0)" } ?? "Meetings in the last year",
                        lines: all.filter { $0.occurrence.end < now }.reversed().map(line)),
            feedHref: SiteURL.meetingsFeed(p.slug).path,
            scheduleHref: canArrange ? SiteURL.newMeeting(p.slug).path : nil,
            rhythms: rhythms, csrf: canArrange ? req.csrfToken : nil, year: year, years: years))
    }

    static func scheduleForm(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.newMeeting(p.slug).path, submit: "Schedule", fields: MeetingFields.schedule)
    }

    static func meetingInput(_ input: FormInput) -> MeetingDraft.Input {
        MeetingDraft.Input(kind: input["kind"], title: input["title"], location: input["location"], description: input["description"],
                           startsOn: input["startsOn"], startTime: input["startTime"], endTime: input["endTime"],
                           repeats: input["repeats"], interval: input["interval"], weekday: input["weekday"],
                           weekOfMonth: input["weekOfMonth"], dayOfMonth: input["dayOfMonth"], until: input["until"], count: input["count"],
                           alreadyHappened: input.flag("alreadyHappened"))
    }

    static func schedule(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let s = try await MeetingCommands.schedule(in: try p.requireID(), meetingInput(input), by: req.actor, on: req.db)
            req.flash(input.flag("alreadyHappened") ? "\(s.title) has been recorded. Nobody was sent a notice of it." : "\(s.title) has been scheduled.")
            return req.seeOther(.meetings(p.slug))
        } catch let failure as ValidationFailure {
            let form = scheduleForm(req, p).showing(input.values, errors: failure.errors)
            return try await AreaPages.formPage(req, form: form, title: "Schedule a meeting", back: .meetings(p.slug), status: .unprocessableEntity)
        }
    }

    /// Starts a series following the rhythm agreed in the communication plan.
    static func scheduleFromRhythm(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        guard let kind = MeetingKind(rawValue: input["kind"] ?? ""),
              let rhythm = try await CommunicationPlanQueries.record(of: try p.requireID(), on: req.db).map({ try $0.plan })?.rhythms[kind] else {
            throw Abort(.unprocessableEntity, reason: "The communication plan has no rhythm for this kind of meeting.")
        }
        var errors = FieldErrorList()
        guard let start = DayRules.required(input["startsOn"], field: "startsOn", label: "First date", into: &errors) else {
            req.flash(errors.errors.first?.message ?? "Enter the first date")
            return req.seeOther(.meetings(p.slug))
        }
        let schedule = rhythm.schedule(from: start)
        let pattern = schedule.repeats!.pattern
        let end = TimeOfDay(minutesSinceMidnight: rhythm.startTime.minutesSinceMidnight + rhythm.durationMinutes)
        let draft = MeetingDraft.Input(kind: kind.rawValue, title: kind.label, startsOn: start.description,
                                       startTime: rhythm.startTime.description, endTime: end?.description,
                                       repeats: MeetingFields.repeats(of: pattern), interval: MeetingFields.interval(of: pattern),
                                       weekday: MeetingFields.weekday(of: pattern), weekOfMonth: MeetingFields.weekOfMonth(of: pattern),
                                       dayOfMonth: MeetingFields.dayOfMonth(of: pattern))
        do {
            let s = try await MeetingCommands.schedule(in: try p.requireID(), draft, by: req.actor, on: req.db)
            req.flash("\(s.title)s have been scheduled: \(rhythm.label), from \(start.readable).")
        } catch let failure as ValidationFailure {
            req.flash(failure.errors.map(\.message).joined(separator: ". "))
        }
        return req.seeOther(.meetings(p.slug))
    }

    // MARK: one meeting

    struct ShowView: Encodable {
        let chrome: PageChrome
        let back: String
        let partnership: String
        let title: String
        let kind: String
        let when: String
        let place: String?
        let description: String?
        let cancelled: Bool
        let cancellationReason: String?
        let moved: Bool
        let agenda: [Item]
        let agendaForm: FormView?
        let changeHref: String?
        let version: Int
        let csrf: String?
        let minutes: Minutes?
        let minutesHref: String?
        let actions: [Action]
        let actionForm: FormView?
        struct Item: Encodable { let title: String; let detail: String?; let lead: String? }
        struct Action: Encodable { let href: String; let title: String; let owner: String; let due: String; let state: String }
        struct Minutes: Encodable {
            let published: String?
            let decisions: String?
            let wentWell: String?
            let wentBadly: String?
            let notes: String?
            let attended: [String]
            let apologies: [String]
        }
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, agendaForm: nil)
    }

    static func render(_ req: Request, agendaForm: FormView?, actionForm failedAction: FormView? = nil,
                       status: HTTPResponseStatus = .ok) async throws -> Response {
        let found = try await req.meeting()
        let p = try await req.partnership()
        let scope = try await req.partnershipScope()
        let canArrange = Gate.allows(.meeting(.arrange(scope)), for: req)
        let canSeeDrafts = Gate.allows(.meeting(.readDraftMinutes(scope)), for: req)
        let o = found.occurrence
        let record = try await MeetingQueries.record(found.seriesID, meetingOn: o.originalDay, on: req.db)
        var minutes: ShowView.Minutes?
        if let r = record, r.hasMinutes, r.minutesPublishedAt != nil || canSeeDrafts {
            minutes = .init(published: r.minutesPublishedAt.map { Format.day(Day.today($0)) },
                            decisions: r.decisions, wentWell: r.wentWell, wentBadly: r.wentBadly, notes: r.notes,
                            attended: r.attendance.filter { $0.status == .attended }.map(\.person.name).sorted(),
                            apologies: r.attendance.filter { $0.status == .apologies }.map(\.person.name).sorted())
        }
        let agenda = (record?.agenda ?? []).sorted { $0.position < $1.position }.map { ShowView.Item(title: $0.title, detail: $0.detail, lead: $0.lead) }
        let started = o.start <= Date()
        // The agenda is set before a meeting; once it has started, actions take its place.
        let form = agendaForm ?? (canArrange && !o.isCancelled && !started
            ? FormView(req, action: found.url(\.agenda), submit: "Add to the agenda", fields: MeetingFields.agenda) : nil)
        let canWrite = Gate.allows(.meeting(.writeMinutes(scope)), for: req)
        let actions = try await MeetingQueries.actions(found.seriesID, meetingOn: o.originalDay, on: req.db).map {
            ShowView.Action(href: SiteURL.commitment(p.slug, $0.id!.uuidString).path, title: $0.title, owner: $0.ownerName,
                            due: $0.dueOn.readable, state: $0.state.label)
        }
        var actionForm = failedAction
        if actionForm == nil, canWrite, started, !o.isCancelled {
            actionForm = try await MeetingActionForm.make(req, p, found, warning: nil)
        }
        return try await req.render("meetings/show", ShowView(
            chrome: await PageChrome(req, title: "\(found.title), \(o.day.readable)"), back: SiteURL.meetings(p.slug).path,
            partnership: p.name, title: found.title, kind: found.series.kind.label, when: Format.meetingTime(o),
            place: found.series.location(of: o), description: found.series.description, cancelled: o.isCancelled,
            cancellationReason: o.cancellationReason, moved: o.status == .moved, agenda: agenda, agendaForm: form,
            changeHref: canArrange ? found.url(\.meetingChange) : nil, version: found.version,
            // A token only with the forms that carry it: a visitor's page then stays shareable in the page cache.
            csrf: canArrange ? req.csrfToken : nil,
            minutes: minutes,
            minutesHref: canWrite && started && !o.isCancelled ? found.url(\.minutes) : nil,
            actions: actions, actionForm: actionForm),
            status: status)
    }

    static func change(_ req: Request) async throws -> Response {
        let found = try await req.meeting()
        let input = FormInput(req)
        let change: MeetingCommands.Change
        switch input["action"] {
        case "cancel": change = .cancel(reason: input["reason"])
        case "reinstate": change = .reinstate
        default: throw Abort(.badRequest, reason: "Choose whether to cancel or reinstate the meeting.")
        }
        do {
            _ = try await MeetingCommands.change(found.seriesID, meetingOn: found.occurrence.originalDay, change,
                                                 expectedVersion: input.version, by: req.actor, on: req.db)
            req.flash(input["action"] == "cancel" ? "The meeting has been cancelled. Calendars will show it as cancelled." : "The meeting is back on.")
        } catch let failure as ValidationFailure {
            req.flash(failure.errors.map(\.message).joined(separator: ". "))
        } catch let conflict as VersionConflict {
            req.flash(conflict.message)
        }
        return req.redirect(to: found.url(\.meeting), redirectType: .normal)
    }

    static func addAgendaItem(_ req: Request) async throws -> Response {
        let found = try await req.meeting()
        let input = FormInput(req)
        do {
            _ = try await MeetingCommands.addAgendaItem(found.seriesID, meetingOn: found.occurrence.originalDay,
                                                        .init(title: input["title"], detail: input["detail"], lead: input["lead"]),
                                                        by: req.actor, on: req.db)
            req.flash("The item has been added to the agenda.")
            return req.redirect(to: found.url(\.meeting), redirectType: .normal)
        } catch let failure as ValidationFailure {
            let form = FormView(req, action: found.url(\.agenda), submit: "Add to the agenda", fields: MeetingFields.agenda)
                .showing(input.values, errors: failure.errors)
            return try await render(req, agendaForm: form, status: .unprocessableEntity)
        }
    }

    // MARK: actions

    static func recordAction(_ req: Request) async throws -> Response {
        let found = try await req.meeting()
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            _ = try await MeetingCommands.recordAction(found.seriesID, meetingOn: found.occurrence.originalDay,
                                                       .init(title: input["title"], owner: input["owner"], recipient: input["recipient"],
                                                             dueOn: input["dueOn"], size: input["size"], state: "agreed"),
                                                       confirmOverPromise: input.flag("confirmOverPromise"), by: req.actor, on: req.db)
            req.flash("The action is in the commitments register.")
            return req.redirect(to: found.url(\.meeting) + "#actions", redirectType: .normal)
        } catch let failure as ValidationFailure {
            let (warning, errors) = ConfirmableWarning.split(failure.errors)
            let form = try await MeetingActionForm.make(req, p, found, warning: warning).showing(input.values, errors: errors)
            return try await render(req, agendaForm: nil, actionForm: form, status: .unprocessableEntity)
        }
    }

    // MARK: minutes

    static func minutesForm(_ req: Request, _ found: FoundMeeting) async throws -> FormView {
        let p = try await req.partnership()
        let people = try await MeetingQueries.people(of: p, on: found.occurrence.day, db: req.db)
        return FormView(req, action: found.url(\.minutes), submit: "Save minutes", fields: MeetingFields.minutes(people: people))
    }

    static func values(of record: MeetingRecord?) -> [String: String] {
        guard let r = record else { return [:] }
        return ["decisions": r.decisions ?? "", "wentWell": r.wentWell ?? "", "wentBadly": r.wentBadly ?? "", "notes": r.notes ?? "",
                "publish": r.minutesPublishedAt == nil ? "" : "true",
                "attended": r.attendance.filter { $0.status == .attended }.map { $0.$person.id.uuidString }.joined(separator: ","),
                "apologies": r.attendance.filter { $0.status == .apologies }.map { $0.$person.id.uuidString }.joined(separator: ",")]
    }

    static func saveMinutes(_ req: Request) async throws -> Response {
        let found = try await req.meeting()
        let p = try await req.partnership()
        let input = FormInput(req)
        let people = Set(try await MeetingQueries.people(of: p, on: found.occurrence.day, db: req.db).map { try $0.requireID() })
        let minutes = MinutesDraft.Input(decisions: input["decisions"], wentWell: input["wentWell"], wentBadly: input["wentBadly"],
                                         notes: input["notes"], attended: input.list("attended"), apologies: input.list("apologies"),
                                         publish: input.flag("publish"))
        var shown = input.values
        shown["attended"] = input.list("attended").joined(separator: ",")
        shown["apologies"] = input.list("apologies").joined(separator: ",")
        do {
            _ = try await MeetingCommands.saveMinutes(found.seriesID, meetingOn: found.occurrence.originalDay, minutes,
                                                      expectedVersion: input.version, people: people, by: req.actor, on: req.db)
            req.flash(minutes.publish == true ? "The minutes have been published." : "The minutes have been saved as a draft.")
            return req.redirect(to: found.url(\.meeting), redirectType: .normal)
        } catch let failure as ValidationFailure {
            let form = try await minutesForm(req, found).showing(shown, errors: failure.errors).hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: "Minutes: \(found.title)", back: found.back, status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await MeetingQueries.record(found.seriesID, meetingOn: found.occurrence.originalDay, on: req.db)
            var form = try await minutesForm(req, found).showing(shown, errors: []).hiding("version", String(current?.version ?? 0))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: "Minutes: \(found.title)", back: found.back, status: .conflict)
        }
    }
}

/// The meeting named by `:series` and `:day` in the URL.
struct FoundMeeting {
    let slug: String
    let seriesID: UUID
    let series: MeetingSeries
    let title: String
    let version: Int
    let occurrence: MeetingOccurrence

    var back: SiteURL { .meeting(slug, seriesID.uuidString.lowercased(), occurrence.originalDay.description) }

    func url(_ make: KeyPath<MeetingURLs, SiteURL>) -> String {
        MeetingURLs(slug: slug, series: seriesID.uuidString.lowercased(), day: occurrence.originalDay.description)[keyPath: make].path
    }
}

struct MeetingURLs {
    let slug: String, series: String, day: String
    var meeting: SiteURL { .meeting(slug, series, day) }
    var meetingChange: SiteURL { .meetingChange(slug, series, day) }
    var agenda: SiteURL { .agenda(slug, series, day) }
    var minutes: SiteURL { .minutes(slug, series, day) }
    var actions: SiteURL { .meetingActions(slug, series, day) }
}

extension Request {
    func meeting() async throws -> FoundMeeting {
        let p = try await partnership()
        guard let seriesID = parameters.get("series", as: UUID.self), let day = parameters.get("day").flatMap(Day.init),
              let s = try await MeetingSeriesRecord.query(on: db).filter(\.$id == seriesID)
                .filter(\.$partnership.$id == p.requireID()).first(),
              let o = try s.schedule.occurrence(originallyOn: day) else {
            throw NotFound("meeting")
        }
        return FoundMeeting(slug: p.slug, seriesID: seriesID, series: try s.series(), title: s.title, version: s.version, occurrence: o)
    }
}
