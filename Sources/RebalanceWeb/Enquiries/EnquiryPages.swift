import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A partnership's enquiries to its council: the list, asking a new question, and one
/// enquiry's history with the actions open to the person looking at it.
enum EnquiryPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .enquiries(":slug"), .resolved(EnquiryRules.view), handler: list),
            .page(.GET, .newEnquiry(":slug"), .resolved(EnquiryRules.raise)) { req in
                let p = try await req.partnership()
                return try await AreaPages.formPage(req, form: try await newForm(req), title: "Ask the council a question",
                                                    back: .enquiries(p.slug))
            },
            .page(.POST, .newEnquiry(":slug"), .resolved(EnquiryRules.raise), handler: raise),
            .page(.GET, .enquiry(":slug", ":id"), .resolved(EnquiryRules.view)) { req in try await show(req) },
            .page(.POST, .enquiryHandOff(":slug", ":id"), .resolved(EnquiryRules.respond), handler: handOff),
            .page(.POST, .enquiryAnswer(":slug", ":id"), .resolved(EnquiryRules.respond), handler: answer),
            .page(.POST, .enquiryWithdraw(":slug", ":id"), .resolved(EnquiryRules.withdraw), handler: withdraw),
        ]
    }

    // MARK: list

    struct ListView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let enquiries: [EnquiryLine]
        let openCount: Int
        let overdueCount: Int
        let newHref: String?
        let statistics: [Link]
        let pager: Pager
        struct Link: Encodable { let href: String; let label: String }
    }

    static func list(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let paging = try Paging(req, defaultPer: 50)
        let (items, total) = try await EnquiryQueries.list(partnership: try p.requireID(), page: paging.page, per: paging.per, on: req.db)
        let councils = p.area.councils.sorted { $0.name < $1.name }
        let names = try await EnquiryQueries.teamNames(of: councils.compactMap(\.id), on: req.db)
        let lines = try items.map { try EnquiryLine($0, partnershipSlug: p.slug, teamNames: names, today: req.enquiryToday) }
        return try await req.render("enquiries/list", ListView(
            chrome: await PageChrome(req, title: "Enquiries to the council: \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug), enquiries: lines,
            openCount: lines.filter { $0.state == EnquiryState.open.rawValue || $0.state == EnquiryState.handedOff.rawValue }.count,
            overdueCount: lines.filter(\.overdue).count,
            newHref: Gate.allows(try await EnquiryRules.raise(req), for: req) ? SiteURL.newEnquiry(p.slug).path : nil,
            statistics: councils.map { .init(href: SiteURL.councilStatistics($0.slug).path, label: "How quickly \($0.name) answers") },
            pager: Pager(paging: paging, total: total, path: SiteURL.enquiries(p.slug).path)))
    }

    // MARK: asking

    static func newForm(_ req: Request) async throws -> FormView {
        let p = try await req.partnership()
        let councils = p.area.councils.sorted { $0.name < $1.name }
        var fields: [FieldView] = []
        if councils.count > 1 {
            fields.append(.select("council", "Council", options: councils.map { .init(value: $0.slug, label: $0.name) }, blank: "Choose a council"))
        }
        var topics: [FieldView.Option] = []
        for council in councils {
            let names = try await EnquiryQueries.teamNames(of: [try council.requireID()], on: req.db)
            for entry in try await EnquiryQueries.directory(of: try council.requireID(), on: req.db) {
                let days = entry.targetWorkingDays == 1 ? "1 working day" : "\(entry.targetWorkingDays) working days"
                let who = councils.count > 1 ? "\(council.name), \(names[entry.$team.id] ?? "")" : names[entry.$team.id] ?? ""
                topics.append(.init(value: entry.topic, label: "\(entry.topic) (\(who), answers within \(days))"))
            }
        }
        fields += [
            .select("topic", "Topic", hint: "The council’s directory sends each topic to the team that answers it, with the time it promises to take",
                    options: topics, blank: "Choose a topic"),
            .text("title", "Short title", hint: "For example, Who owns the land behind Mill Road?", required: true),
            .textarea("question", "Your question", hint: "Say what you need to know and anything the council needs to answer it"),
        ]
        return FormView(req, action: SiteURL.newEnquiry(p.slug).path, submit: "Send to the council", fields: fields,
                        secondary: .init(href: SiteURL.enquiries(p.slug).path, label: "Cancel"))
    }

    static func raise(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let council = try EnquiryCouncil.choose(input["council"], from: p.area.councils)
            let record = try await EnquiryCommands.raise(
                partnership: try p.requireID(), council: try council.requireID(),
                .init(topic: input["topic"], title: input["title"], question: input["question"]),
                on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
            let due = try record.core(handOffs: []).dueOn()
            req.flash("Your question has been sent to \(council.name). An answer is due by \(due.readable).")
            return req.seeOther(.enquiry(p.slug, try record.requireID().uuidString))
        } catch let failure as ValidationFailure {
            return try await AreaPages.formPage(req, form: try await newForm(req).showing(input.values, errors: failure.errors),
                                                title: "Ask the council a question", back: .enquiries(p.slug), status: .unprocessableEntity)
        }
    }

    // MARK: one enquiry

    struct EnquiryView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let enquiriesHref: String
        let line: EnquiryLine
        let question: String
        let raisedBy: String
        let targetWorkingDays: Int
        let history: [Event]
        let answer: String?
        let answeredBy: String?
        let handOffForm: FormView?
        let answerForm: FormView?
        let withdrawForm: FormView?
        /// Shown to council staff outside the holding team, in place of the forms they cannot use.
        let notYours: String?
        let conflict: String?
        let errors: [FieldError]
        struct Event: Encodable { let day: String; let heading: String; let detail: String? }
    }

    /// Which form a refused action should be shown again in.
    enum Failed { case handOff, answer, withdraw }

    static func show(_ req: Request, failed: Failed? = nil, input: FormInput? = nil, errors: [FieldError] = [],
                     conflict: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let record = try await req.enquiry()
        let council = try await EnquiryQueries.council(record.$council.id, on: req.db)
        let names = EnquiryQueries.teamNames(council)
        let enquiry = try record.core(handOffs: record.handOffs)
        let line = try EnquiryLine(record, partnershipSlug: p.slug, teamNames: names, today: req.enquiryToday)
        let id = line.id
        let name = { (team: UUID) in names[team] ?? "another team" }

        var history = [EnquiryView.Event(day: enquiry.receivedOn.readable, heading: "Received by \(council.name)",
                                         detail: "Sent by the directory to \(name(enquiry.firstTeamID)) (\(record.raisedByName) asked)")]
        for h in record.handOffs.sorted(by: { $0.position < $1.position }) {
            history.append(.init(day: Day(h.onRaw)?.readable ?? h.onRaw,
                                 heading: "Handed from \(name(h.$fromTeam.id)) to \(name(h.$toTeam.id)) by \(h.byName)",
                                 detail: "Reason: \(h.reason)"))
        }
        switch enquiry.closure {
        case .answered(let day):
            let taken = enquiry.workingDaysToAnswer() ?? 0
            history.append(.init(day: day.readable, heading: "Answered by \(name(enquiry.holdingTeamID))",
                                 detail: "\(taken) working \(taken == 1 ? "day" : "days") after it was received: "
                                    + ((enquiry.wasAnsweredWithinTarget() ?? false) ? "within" : "later than") + " the target"))
        case .withdrawn(let day):
            history.append(.init(day: day.readable, heading: "Withdrawn by the partnership", detail: nil))
        case nil: break
        }

        let version = String(record.version)
        let open = enquiry.isOpen
        var handOffForm: FormView?, answerForm: FormView?, withdrawForm: FormView?, notYours: String?
        var mayRespond = false, holds = false
        if open {
            mayRespond = Gate.allows(try await EnquiryRules.respond(req), for: req)
            if mayRespond {
                holds = enquiry.isHeld(byAnyOf: try await EnquiryCommands.actingTeams(req.actor, council: council, on: req.db))
            }
        }
        // Site administrators may act for any team, so they keep the forms.
        if mayRespond, !holds, !req.actor.isAdmin {
            notYours = "This enquiry is with \(name(enquiry.holdingTeamID)). Only that team can answer it or hand it on: if it is yours to answer, ask them to hand it to your team."
        }
        if mayRespond, holds || req.actor.isAdmin {
            let others = council.teams.filter { $0.id != enquiry.holdingTeamID }.sorted { $0.name < $1.name }
            var form = FormView(req, action: SiteURL.enquiryHandOff(p.slug, id).path, submit: "Hand this enquiry on", fields: [
                .select("toTeam", "Team to hand it to", options: others.map { .init(value: $0.id!.uuidString, label: $0.name) }, blank: "Choose a team"),
                .textarea("reason", "Why it belongs with that team", hint: "The partnership sees this reason in the enquiry’s history"),
            ]).hiding("version", version)
            if failed == .handOff, let input { form = form.showing(input.values, errors: errors) }
            handOffForm = form
            var answer = FormView(req, action: SiteURL.enquiryAnswer(p.slug, id).path, submit: "Send answer", fields: [
                .textarea("answer", "Answer", hint: "Sending the answer closes the enquiry"),
            ]).hiding("version", version)
            if failed == .answer, let input { answer = answer.showing(input.values, errors: errors) }
            answerForm = answer
        }
        if open, Gate.allows(try await EnquiryRules.withdraw(req), for: req) {
            withdrawForm = FormView(req, action: SiteURL.enquiryWithdraw(p.slug, id).path, submit: "Withdraw this enquiry", fields: [])
                .hiding("version", version)
        }
        return try await req.render("enquiries/show", EnquiryView(
            chrome: await PageChrome(req, title: record.title), partnership: p.name, enquiriesHref: SiteURL.enquiries(p.slug).path,
            line: line, question: record.question, raisedBy: record.raisedByName, targetWorkingDays: record.targetWorkingDays,
            history: history, answer: record.answer, answeredBy: record.answeredBy,
            handOffForm: handOffForm, answerForm: answerForm, withdrawForm: withdrawForm, notYours: notYours,
            conflict: conflict,
            // Problems with a form's own fields show in that form; the rest (whose enquiry it
            // is, whether it is closed) are summarised at the top of the page.
            errors: errors.filter { !["toTeam", "reason", "answer"].contains($0.field) }), status: status)
    }

    /// Runs an action and shows the result: back to the enquiry with a message, or the page
    /// again with the problem explained.
    static func act(_ req: Request, _ failed: Failed, success: String,
                    _ action: (EnquiryRecord, FormInput) async throws -> Void) async throws -> Response {
        let p = try await req.partnership()
        let record = try await req.enquiry()
        let input = FormInput(req)
        do {
            try await action(record, input)
            req.flash(success)
            return req.seeOther(.enquiry(p.slug, try record.requireID().uuidString))
        } catch let failure as ValidationFailure {
            return try await show(req, failed: failed, input: input, errors: failure.errors, status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            // Show the enquiry as it is now, with the newer version in its forms.
            req.storage[EnquiryKey.self] = nil
            return try await show(req, failed: failed, input: input,
                                  conflict: conflict.message + " Check its history below before trying again.", status: .conflict)
        }
    }

    static func handOff(_ req: Request) async throws -> Response {
        try await act(req, .handOff, success: "The enquiry has been handed on, with your reason.") { record, input in
            _ = try await EnquiryCommands.handOff(try record.requireID(), in: record.$partnership.id, expectedVersion: input.version,
                                                  .init(toTeam: input["toTeam"], reason: input["reason"]),
                                                  on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
        }
    }

    static func answer(_ req: Request) async throws -> Response {
        try await act(req, .answer, success: "Your answer has been sent and the enquiry is closed.") { record, input in
            _ = try await EnquiryCommands.answer(try record.requireID(), in: record.$partnership.id, expectedVersion: input.version,
                                                 text: input["answer"], on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
        }
    }

    static func withdraw(_ req: Request) async throws -> Response {
        try await act(req, .withdraw, success: "The enquiry has been withdrawn.") { record, input in
            _ = try await EnquiryCommands.withdraw(try record.requireID(), in: record.$partnership.id, expectedVersion: input.version,
                                                   on: req.enquiryToday, by: req.actor, on: req.db)
        }
    }
}
