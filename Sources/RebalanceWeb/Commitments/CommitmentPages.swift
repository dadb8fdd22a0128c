import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The commitments register: the list, one promise with its history, and the forms that make,
/// move and renegotiate promises.
enum CommitmentPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .commitments(":slug"), .fixed(.viewPublic), handler: index),
            .page(.GET, .commitmentsCSV(":slug"), .fixed(.viewPublic), handler: csv),
            .page(.GET, .newCommitment(":slug"), .resolved(createPermission)) { req in
                let p = try await req.partnership()
                var values = ["state": "proposed", "size": "early_win"]
                let form = try await commitmentForm(req, p)
                // From a decision's page: the promise carries that decision out.
                if let id = req.query[UUID.self, at: "decision"] { values["decision"] = id.uuidString }
                return try await AreaPages.formPage(req, form: form.showing(values, errors: []), title: "Record a commitment", back: .commitments(p.slug))
            },
            .page(.POST, .newCommitment(":slug"), .resolved(createPermission), handler: create),
            .page(.GET, .commitment(":slug", ":id"), .fixed(.viewPublic), handler: show),
            .page(.GET, .commitmentTransition(":slug", ":id"), .resolved(changePermission)) { req in
                let (p, c) = (try await req.partnership(), try await req.commitment())
                let form = transitionForm(req, p, c).hiding("version", String(c.version))
                return try await AreaPages.formPage(req, form: form, title: "Change the state of “\(c.title)”", back: .commitment(p.slug, c.id!.uuidString))
            },
            .page(.POST, .commitmentTransition(":slug", ":id"), .resolved(changePermission), handler: transition),
            .page(.GET, .renegotiateCommitment(":slug", ":id"), .resolved(changePermission)) { req in
                let (p, c) = (try await req.partnership(), try await req.commitment())
                let form = renegotiateForm(req, p, c).hiding("version", String(c.version))
                return try await AreaPages.formPage(req, form: form, title: "Agree a new date for “\(c.title)”", back: .commitment(p.slug, c.id!.uuidString))
            },
            .page(.POST, .renegotiateCommitment(":slug", ":id"), .resolved(changePermission), handler: renegotiate),
        ]
    }

    static func createPermission(_ req: Request) async throws -> Permission {
        .commitment(.create(try await req.partnershipScope()))
    }

    /// The party responsible or the chair. For an id that names no commitment the scope has no
    /// owner, so only the chair and administrators get as far as the "not found" answer.
    static func changePermission(_ req: Request) async throws -> Permission {
        let scope = try await req.partnershipScope()
        let c = try? await req.commitment()
        return .commitment(.change(CommitmentScope(partnership: scope, owner: c?.owner)))
    }

    // MARK: list

    struct IndexView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let open: [Line]
        let settled: [Line]
        /// Settled promises pile up over the years: they are shown newest first, a page at a time.
        let settledPager: Pager
        let trackRecords: TrackRecordView
        let newHref: String?
        let csvHref: String
        let accountabilityHref: String
        let timelineHref: String
    }

    struct Line: Encodable {
        let title: String
        let href: String
        let owner: String
        let recipient: String
        let due: String
        let state: String
        let stateColour: String
        let overdue: Bool
        let earlyWin: Bool
        let renegotiated: Bool
        let outcome: String?
    }

    static func line(_ c: CommitmentRecord, slug: String, today: Day) -> Line {
        var outcome: String?
        if let on = c.deliveredOn { outcome = c.facts.deliveredOnTime == true ? "On time, \(on.readable)" : "Late, \(on.readable)" }
        return Line(title: c.title, href: SiteURL.commitment(slug, c.id!.uuidString).path, owner: c.ownerName, recipient: c.recipientName,
                    due: c.dueOn.readable, state: c.state.label, stateColour: c.state.tagColour, overdue: c.facts.isOverdue(on: today),
                    earlyWin: c.size == .earlyWin, renegotiated: c.renegotiations > 0, outcome: outcome)
    }

    static func index(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let today = Day.today()
        let paging = try Paging(req, defaultPer: 50)
        let all = try await CommitmentQueries.all(in: try p.requireID(), withHistory: false, on: req.db)
        let settled = all.filter { !$0.state.isOpen }.sorted { $0.dueOnRaw > $1.dueOnRaw }
        return try await req.render("commitments/index", IndexView(
            chrome: await PageChrome(req, title: "Commitments: \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            open: all.filter { $0.state.isOpen }.map { line($0, slug: p.slug, today: today) },
            settled: paging.slice(settled).map { line($0, slug: p.slug, today: today) },
            settledPager: Pager(paging: paging, total: settled.count, path: SiteURL.commitments(p.slug).path),
            trackRecords: TrackRecordView(CommitmentQueries.trackRecords(all, asOf: today), title: "Track record of each party"),
            newHref: Gate.allows(try await createPermission(req), for: req) ? SiteURL.newCommitment(p.slug).path : nil,
            csvHref: SiteURL.commitmentsCSV(p.slug).path, accountabilityHref: SiteURL.accountability(p.slug).path,
            timelineHref: SiteURL.timeline(p.slug).path))
    }

    static func csv(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let today = Day.today()
        let all = try await CommitmentQueries.all(in: try p.requireID(), withHistory: false, on: req.db)
        let text = CSVWriter.document(
            header: ["id", "title", "owner", "owner_kind", "recipient", "size", "state", "created_on", "original_due_on", "due_on",
                     "renegotiations", "delivered_on", "on_time", "overdue", "project", "reason"],
            rows: all.map { c in
                [c.id!.uuidString, c.title, c.ownerName, c.ownerKindRaw, c.recipientName, c.sizeRaw, c.stateRaw, c.createdOnRaw,
                 c.originalDueOnRaw, c.dueOnRaw, String(c.renegotiations), c.deliveredOnRaw ?? "",
                 c.facts.deliveredOnTime.map { $0 ? "yes" : "no" } ?? "", c.facts.isOverdue(on: today) ? "yes" : "no",
                 c.project?.title ?? "", c.closedReason ?? ""]
            })
        return CSVResponse.make(text, filename: "\(p.slug)-commitments.csv")
    }

    // MARK: one commitment

    struct ShowView: Encodable {
        let chrome: PageChrome
        let backHref: String
        let title: String
        let description: String?
        let owner: String
        let ownerKind: String
        let recipient: String
        let size: String
        let state: String
        let stateColour: String
        let overdue: Bool
        let createdOn: String
        let originalDue: String
        let due: String
        let deliveredOn: String?
        let onTime: Bool?
        let reason: String?
        let project: Link?
        let meeting: String?
        let meetingHref: String?
        let decision: String?
        let decisionHref: String?
        let history: [HistoryLine]
        let transitionHref: String?
        let renegotiateHref: String?
        struct Link: Encodable { let href: String; let label: String }
        struct HistoryLine: Encodable { let when: String; let what: String; let reason: String?; let who: String }
    }

    static func show(_ req: Request) async throws -> Response {
        let (p, c) = (try await req.partnership(), try await req.commitment())
        let today = Day.today()
        let canChange = Gate.allows(try await changePermission(req), for: req)
        return try await req.render("commitments/show", ShowView(
            chrome: await PageChrome(req, title: c.title), backHref: SiteURL.commitments(p.slug).path, title: c.title,
            description: c.details, owner: c.ownerName, ownerKind: c.owner.kind.label, recipient: c.recipientName, size: c.size.label,
            state: c.state.label, stateColour: c.state.tagColour, overdue: c.facts.isOverdue(on: today),
            createdOn: c.createdOn.readable, originalDue: c.originalDueOn.readable, due: c.dueOn.readable,
            deliveredOn: c.deliveredOn?.readable, onTime: c.facts.deliveredOnTime, reason: c.closedReason,
            project: c.project.map { .init(href: SiteURL.project(p.slug, $0.id!.uuidString).path, label: $0.title) },
            meeting: c.meetingReference,
            meetingHref: c.meetingSeriesID.flatMap { id in
                c.meetingDayRaw.map { SiteURL.meeting(p.slug, id.uuidString.lowercased(), $0).path }
            },
            decision: c.decisionReference,
            decisionHref: c.decisionID.map { SiteURL.decision(p.slug, $0.uuidString).path },
            history: c.events.sorted { ($0.onRaw, $0.at) < ($1.onRaw, $1.at) }.map { e in
                .init(when: e.on.readable, what: historyText(e), reason: e.reason, who: e.actorName)
            },
            transitionHref: canChange && !c.state.next.isEmpty ? SiteURL.commitmentTransition(p.slug, c.id!.uuidString).path : nil,
            renegotiateHref: canChange && c.state.canRenegotiate ? SiteURL.renegotiateCommitment(p.slug, c.id!.uuidString).path : nil))
    }

    static func historyText(_ e: CommitmentEventRecord) -> String {
        switch e.kind {
        case .created:
            return "Made (\(CommitmentState(rawValue: e.toState ?? "")?.label.lowercased() ?? "proposed")), due \(Day(e.toDue ?? "")?.readable ?? "")"
        case .renegotiated:
            return "New date agreed: \(Day(e.toDue ?? "")?.readable ?? "") instead of \(Day(e.fromDue ?? "")?.readable ?? "")"
        case .reassigned:
            return "Handed over"
        case .state:
            return "\(CommitmentState(rawValue: e.fromState ?? "")?.label ?? "") to \((CommitmentState(rawValue: e.toState ?? "")?.label ?? "").lowercased())"
        }
    }

    // MARK: forms

    static func commitmentForm(_ req: Request, _ p: PartnershipRecord, warning: String? = nil) async throws -> FormView {
        let pid = try p.requireID()
        let origins = try await CommitmentOrigins.load(p, today: .today(), on: req.db)
        let parties = try await CommitmentQueries.parties(of: pid, on: req.db).map { FieldView.Option(value: $0.key, label: "\($0.name) (\($0.kind.label.lowercased()))") }
        let projects = try await ProjectQueries.all(in: pid, on: req.db).map { FieldView.Option(value: $0.id!.uuidString, label: $0.title) }
        var fields: [FieldView] = [
            .text("title", "What is promised", hint: "One thing someone can deliver, for example “Repair the playground fence”", required: true),
            .textarea("description", "Details", hint: "Optional"),
            .select("owner", "Who makes the promise", options: parties, blank: "Choose a party"),
            .select("recipient", "Who the promise is made to", options: parties, blank: "Choose a party"),
            .date("dueOn", "Due date", hint: "Today or later, for example 27 March 2027"),
            .select("size", "Size", hint: "Small early wins build trust before larger promises",
                    options: CommitmentSize.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
            .select("state", "Agreed yet?", hint: "Choose agreed only if both sides have already settled it",
                    options: [.init(value: "proposed", label: "Proposed"), .init(value: "agreed", label: "Agreed")]),
            .select("project", "Project", hint: "Optional", options: projects, blank: "No project"),
        ] + origins.fields
        ConfirmableWarning.insert(warning, into: &fields, after: "owner")
        return FormView(req, action: SiteURL.newCommitment(p.slug).path, submit: "Record commitment", fields: fields)
    }

    static func draftInput(_ input: FormInput) -> CommitmentDraft.Input {
        .init(title: input["title"], description: input["description"], owner: input["owner"], recipient: input["recipient"],
              dueOn: input["dueOn"], size: input["size"], project: input["project"], meeting: input["meeting"],
              decision: input["decision"], state: input["state"])
    }

    static func create(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let origins = try await CommitmentOrigins.load(p, today: .today(), on: req.db)
            let meeting = try origins.meeting(input["meeting"])
            let decision = try origins.decision(input["decision"])
            var draft = draftInput(input)
            // The links carry the meaning; the stored references are their readable names.
            draft.meeting = meeting?.label
            draft.decision = nil
            let c = try await CommitmentCommands.create(in: try p.requireID(), draft, confirmOverPromise: input.flag("confirmOverPromise"),
                                                        meeting: meeting?.link, decision: decision, by: req.actor, on: req.db)
            req.flash("The commitment has been recorded.")
            return req.seeOther(.commitment(p.slug, c.id!.uuidString))
        } catch let failure as ValidationFailure {
            let (warning, errors) = ConfirmableWarning.split(failure.errors)
            let form = try await commitmentForm(req, p, warning: warning).showing(input.values, errors: errors)
            return try await AreaPages.formPage(req, form: form, title: "Record a commitment", back: .commitments(p.slug), status: .unprocessableEntity)
        }
    }

    static func transitionForm(_ req: Request, _ p: PartnershipRecord, _ c: CommitmentRecord) -> FormView {
        FormView(req, action: SiteURL.commitmentTransition(p.slug, c.id!.uuidString).path, submit: "Save", fields: [
            .select("state", "New state", hint: "It is \(c.state.label.lowercased()) now",
                    options: c.state.next.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose a state"),
            .date("on", "Date it happened", hint: "Leave blank for today. For a delivery, the day it was delivered"),
            .textarea("reason", "Reason or note", hint: "Needed when withdrawing; useful when a promise is missed"),
        ])
    }

    static func renegotiateForm(_ req: Request, _ p: PartnershipRecord, _ c: CommitmentRecord) -> FormView {
        FormView(req, action: SiteURL.renegotiateCommitment(p.slug, c.id!.uuidString).path, submit: "Agree new date", fields: [
            .date("dueOn", "New due date", hint: "It is due \(c.dueOn.readable) now"),
            .textarea("reason", "Why the date is changing", hint: "Both sides see this in the commitment's history"),
        ])
    }

    static func transition(_ req: Request) async throws -> Response {
        let (p, c) = (try await req.partnership(), try await req.commitment())
        let input = FormInput(req)
        let title = "Change the state of “\(c.title)”"
        do {
            _ = try await CommitmentCommands.transition(try c.requireID(), in: try p.requireID(), expectedVersion: input.version,
                                                        .init(state: input["state"], reason: input["reason"], on: input["on"]),
                                                        by: req.actor, on: req.db)
            req.flash("The commitment's state has been changed.")
            return req.seeOther(.commitment(p.slug, c.id!.uuidString))
        } catch let failure as ValidationFailure {
            let form = transitionForm(req, p, c).showing(input.values, errors: failure.errors).hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: title, back: .commitment(p.slug, c.id!.uuidString), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await CommitmentRecord.find(c.id, on: req.db) ?? c
            var form = transitionForm(req, p, current).showing(input.values, errors: []).hiding("version", String(current.version))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: title, back: .commitment(p.slug, c.id!.uuidString), status: .conflict)
        }
    }

    static func renegotiate(_ req: Request) async throws -> Response {
        let (p, c) = (try await req.partnership(), try await req.commitment())
        let input = FormInput(req)
        let title = "Agree a new date for “\(c.title)”"
        do {
            _ = try await CommitmentCommands.renegotiate(try c.requireID(), in: try p.requireID(), expectedVersion: input.version,
                                                         .init(dueOn: input["dueOn"], reason: input["reason"]), by: req.actor, on: req.db)
            req.flash("The new date has been recorded.")
            return req.seeOther(.commitment(p.slug, c.id!.uuidString))
        } catch let failure as ValidationFailure {
            let form = renegotiateForm(req, p, c).showing(input.values, errors: failure.errors).hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: title, back: .commitment(p.slug, c.id!.uuidString), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await CommitmentRecord.find(c.id, on: req.db) ?? c
            var form = renegotiateForm(req, p, current).showing(input.values, errors: []).hiding("version", String(current.version))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: title, back: .commitment(p.slug, c.id!.uuidString), status: .conflict)
        }
    }
}

struct CommitmentKey: StorageKey { typealias Value = CommitmentRecord }

extension Request {
    /// The commitment named by `:id` in the partnership named by `:slug`, with its history.
    func commitment() async throws -> CommitmentRecord {
        if let cached = storage[CommitmentKey.self] { return cached }
        let p = try await partnership()
        guard let id = parameters.get("id", as: UUID.self),
              let c = try await CommitmentQueries.find(id, in: try p.requireID(), on: db) else { throw NotFound("commitment") }
        storage[CommitmentKey.self] = c
        return c
    }
}

/// A CSV download: one header row, RFC 4180, named so a spreadsheet opens it directly.
enum CSVResponse {
    static func make(_ text: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}

/// A set of track records as a chart plus the same numbers in a table.
struct TrackRecordView: Encodable {
    let chart: String
    let rows: [Row]
    struct Row: Encodable {
        let name: String
        let kind: String
        let onTime: Int, late: Int, missed: Int, open: Int, overdue: Int, withdrawn: Int, renegotiated: Int
    }

    init(_ records: [(party: CommitmentParty, record: TrackRecord)], title: String) {
        chart = TrackRecordChart.make(title: title, parties: records.map { ($0.party.name, $0.record) }).svg()
        rows = records.map { party, r in
            Row(name: party.name, kind: party.kind.label, onTime: r.onTime, late: r.late, missed: r.missed, open: r.open,
                overdue: r.overdue, withdrawn: r.withdrawn, renegotiated: r.renegotiated)
        }
    }
}
