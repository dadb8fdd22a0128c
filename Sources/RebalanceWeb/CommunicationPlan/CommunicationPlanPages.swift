import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The communication plan: who is kept in touch, how closely and how, and the agreed rhythm of
/// each kind of meeting.
enum CommunicationPlanPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .communicationPlan(":slug"), .fixed(.viewPublic)) { req in try await show(req) },
            .page(.POST, .planEntries(":slug"), .resolved(editPermission)) { req in
                let input = FormInput(req)
                let entry = CommunicationPlanEntry.Input(stakeholder: input["stakeholder"], level: input["level"], channel: input["channel"],
                                                         email: input["email"], postalAddress: input["postalAddress"], phone: input["phone"])
                return try await apply(req, .setEntry(entry), input: input, failing: .entry, done: "The plan has been updated.")
            },
            .page(.POST, .planEntryRemove(":slug"), .resolved(editPermission)) { req in
                let input = FormInput(req)
                return try await apply(req, .removeEntry(stakeholder: input["stakeholder"] ?? ""), input: input, failing: .entry,
                                       done: "They have been taken off the plan.")
            },
            .page(.POST, .planRhythms(":slug"), .resolved(editPermission)) { req in
                let input = FormInput(req)
                guard let kind = MeetingKind(rawValue: input["kind"] ?? "") else {
                    return try await show(req, rhythmErrors: ([FieldError("kind", "Select the kind of meeting")], input.values), status: .unprocessableEntity)
                }
                let change: CommunicationPlanCommands.Change = input["repeats"] == "none"
                    ? .removeRhythm(kind) : .setRhythm(kind, MeetingPages.meetingInput(input))
                return try await apply(req, change, input: input, failing: .rhythm, done: "The rhythm of \(kind.label.lowercased())s has been agreed.")
            },
        ]
    }

    static func editPermission(_ req: Request) async throws -> Permission {
        .communicationPlan(.edit(try await req.partnershipScope()))
    }

    enum Which { case entry, rhythm }

    static func apply(_ req: Request, _ change: CommunicationPlanCommands.Change, input: FormInput, failing: Which, done: String) async throws -> Response {
        let p = try await req.partnership()
        do {
            try await CommunicationPlanCommands.apply(change, to: p, expectedVersion: input.version, by: req.actor, on: req.db)
            req.flash(done)
            return req.seeOther(.communicationPlan(p.slug))
        } catch let failure as ValidationFailure {
            let errors = (failure.errors, input.values)
            return try await show(req, entryErrors: failing == .entry ? errors : nil, rhythmErrors: failing == .rhythm ? errors : nil,
                                  status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            return try await show(req, conflict: conflict.message, status: .conflict)
        }
    }

    struct PlanView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let gaps: [String]
        let levels: [Level]
        let rhythms: [Rhythm]
        let showContacts: Bool
        let canEdit: Bool
        let removeHref: String
        let csrf: String?
        let version: Int
        let conflict: String?
        let entryForm: FormView?
        let rhythmForm: FormView?
        let meetingsHref: String
        struct Level: Encodable { let label: String; let hint: String; let entries: [Entry] }
        struct Entry: Encodable {
            let key: String
            let name: String
            let detail: String
            let side: String
            let channel: String
            let contact: String?
        }
        struct Rhythm: Encodable { let kind: String; let rhythm: String? }
    }

    static func show(_ req: Request, entryErrors: ([FieldError], [String: String])? = nil,
                     rhythmErrors: ([FieldError], [String: String])? = nil, conflict: String? = nil,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let scope = try await req.partnershipScope()
        let record = try await CommunicationPlanQueries.record(of: try p.requireID(), on: req.db)
        let plan = try record?.plan ?? CommunicationPlan(entries: [], rhythms: [:])
        let known = try await CommunicationPlanQueries.stakeholders(of: p, on: req.db)
        let showContacts = Gate.allows(.communicationPlan(.viewContactDetails(scope)), for: req)
        let canEdit = Gate.allows(.communicationPlan(.edit(scope)), for: req)
        let version = record?.version ?? 0
        let levels = ContactLevel.allCases.map { level in
            PlanView.Level(label: level.label, hint: level.hint, entries: plan.entries(at: level).map { e in
                let who = known[e.stakeholder]
                let contact: String? = switch e.channel {
                case .email: e.email ?? who?.email
                case .post: e.postalAddress
                case .phone: e.phone
                }
                return PlanView.Entry(key: e.stakeholder.key, name: who?.name ?? "No longer on the partnership",
                                      detail: who?.detail ?? "", side: e.speaksForCouncil ? "Council" : "Community",
                                      channel: e.channel.label, contact: showContacts ? contact : nil)
            }.sorted { $0.name < $1.name })
        }
        var entryForm: FormView?
        var rhythmForm: FormView?
        if canEdit {
            let options = known.values.sorted { $0.name < $1.name }
                .map { FieldView.Option(value: $0.ref.key, label: "\($0.name) (\($0.detail))") }
            entryForm = FormView(req, action: SiteURL.planEntries(p.slug).path, submit: "Save to the plan", fields: [
                .select("stakeholder", "Person or organisation", hint: "Choosing someone already in the plan changes their entry",
                        options: options, blank: "Choose"),
                .select("level", "How closely", hint: ContactLevel.allCases.map { "\($0.label): \($0.hint.lowercased())" }.joined(separator: ". "),
                        options: ContactLevel.allCases.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose"),
                .select("channel", "How to reach them", options: ContactChannel.allCases.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose"),
                .email("email", "E-mail address", hint: "Needed for e-mail; for a person, leave blank to use the address they registered with"),
                .textarea("postalAddress", "Postal address", hint: "Needed for post: the full address with postcode"),
                .text("phone", "Phone number", hint: "Needed for phone calls", autocomplete: "tel"),
            ]).showing(entryErrors?.1 ?? [:], errors: entryErrors?.0 ?? []).hiding("version", String(version))
            rhythmForm = FormView(req, action: SiteURL.planRhythms(p.slug).path, submit: "Agree this rhythm", fields: [
                .select("kind", "Kind of meeting", options: MeetingKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
                .select("repeats", "How often", options: MeetingDraft.Repeats.allCases.filter { $0 != .never }
                            .map { .init(value: $0.rawValue, label: $0.label) } + [.init(value: "none", label: "No agreed rhythm")]),
                .number("interval", "Every how many weeks or months", hint: "Leave blank for every week or every month"),
                .select("weekday", "Day of the week", options: DayOfWeek.allCases.map { .init(value: String(describing: $0), label: $0.label) },
                        blank: "Choose"),
                .select("weekOfMonth", "Which week of the month", hint: "For monthly-on-a-weekday meetings",
                        options: WeekOfMonth.allCases.map { .init(value: $0.rawValue, label: $0.rawValue.capitalized) }, blank: "Not monthly on a weekday"),
                .number("dayOfMonth", "Day of the month", hint: "For monthly-on-a-date meetings"),
                .text("startTime", "Start time", hint: "24-hour clock, for example 19:00", width: "narrow"),
                .text("endTime", "End time", hint: "For example 21:00", width: "narrow"),
            ]).showing(rhythmErrors?.1 ?? ["repeats": "monthly_weekday", "interval": "1", "startTime": "19:00", "endTime": "21:00"],
                       errors: rhythmErrors?.0 ?? []).hiding("version", String(version))
        }
        return try await req.render("communication-plan/show", PlanView(
            chrome: await PageChrome(req, title: "Communication plan of \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug), gaps: plan.gaps, levels: levels,
            rhythms: MeetingKind.allCases.map { .init(kind: $0.label, rhythm: plan.rhythms[$0]?.label) },
            showContacts: showContacts, canEdit: canEdit, removeHref: SiteURL.planEntryRemove(p.slug).path, csrf: canEdit ? req.csrfToken : nil,
            version: version, conflict: conflict, entryForm: entryForm, rhythmForm: rhythmForm, meetingsHref: SiteURL.meetings(p.slug).path),
            status: status)
    }
}
