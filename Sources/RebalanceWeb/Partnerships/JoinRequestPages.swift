import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Asking to join a partnership or to be kept informed, the chair's answer, and writing to the
/// chair without seeing their address (issue 14, item 6).
enum JoinRequestPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .joinPartnership(":slug"), .fixed(.account(.useOwn))) { req in try await askPage(req) },
            .page(.POST, .joinPartnership(":slug"), .fixed(.account(.useOwn)), handler: ask),
            .page(.GET, .joinRequests(":slug"), .resolved(MemberPages.managePermission), handler: list),
            .page(.GET, .joinRequest(":slug", ":id"), .fixed(.account(.useOwn))) { req in try await show(req) },
            .page(.POST, .answerJoinRequest(":slug", ":id"), .resolved(MemberPages.managePermission), handler: answer),
            .page(.POST, .withdrawJoinRequest(":slug", ":id"), .fixed(.account(.useOwn))) { req in
                let p = try await req.partnership()
                let r = try await request(req)
                do {
                    try await JoinRequestCommands.withdraw(try r.requireID(), in: try p.requireID(), by: req.actor, on: req.db)
                    req.flash("Your request has been withdrawn.")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.joinPartnership(p.slug))
            },
            .page(.GET, .writeToChair(":slug"), .fixed(.account(.useOwn))) { req in
                let p = try await req.partnership()
                return try await chairPage(req, p, form: chairForm(req, p))
            },
            .page(.POST, .writeToChair(":slug"), .fixed(.account(.useOwn)), handler: writeToChair),
        ]
    }

    static func request(_ req: Request) async throws -> JoinRequestRecord {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self),
              let r = try await JoinRequestQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("request") }
        return r
    }

    // MARK: asking

    struct AskView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let isMember: Bool
        let form: FormView
        let mine: [Mine]
        let csrf: String
        let writeToChairHref: String
        struct Mine: Encodable {
            let kind: String; let asked: String; let state: String; let reply: String?; let answeredBy: String?; let withdrawAction: String?
        }
    }

    static func askForm(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.joinPartnership(p.slug).path, submit: "Send to the chair", fields: [
            .radios("kind", "What would you like?", options: JoinRequestKind.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: $0.hint) }),
            .checkbox("livesInArea", "I live in \(p.area.name)", hint: "Residents of the area steer the partnership and usually vote", checked: false),
            .textarea("message", "A message for the chair", hint: "Optional: a little about you, or what you would like to help with"),
        ])
    }

    static func askPage(_ req: Request, form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let me = try req.actor.personID.unwrapped()
        let mine = try await JoinRequestQueries.mine(me, in: try p.requireID(), on: req.db)
        return try await req.render("partnerships/join", AskView(
            chrome: await PageChrome(req, title: "Join \(p.name) or be kept informed"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, isMember: req.actor.isMember(of: try p.requireID()),
            form: form ?? askForm(req, p),
            mine: try mine.map { r in
                .init(kind: r.kind.label, asked: Day.today(r.createdAt).readable, state: r.state.label, reply: r.reply,
                      answeredBy: r.answeredByName,
                      withdrawAction: r.state == .pending ? SiteURL.withdrawJoinRequest(p.slug, try r.requireID().uuidString.lowercased()).path : nil)
            },
            csrf: req.csrfToken, writeToChairHref: SiteURL.writeToChair(p.slug).path), status: status)
    }

    static func ask(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            _ = try await JoinRequestCommands.ask(p, kind: input["kind"], livesInArea: input.flag("livesInArea"), message: input["message"],
                                                  by: req.actor, notify: req.noticeSender, on: req.db)
            req.flash("Your request has been sent to the chair of \(p.name). You will hear when they answer.")
            return req.seeOther(.joinPartnership(p.slug))
        } catch let failure as ValidationFailure {
            return try await askPage(req, form: askForm(req, p).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }

    // MARK: the chair's side

    struct ListView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let requests: [Line]
        struct Line: Encodable { let href: String; let name: String; let kind: String; let asked: String; let state: String; let pending: Bool }
    }

    static func list(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let all = try await JoinRequestQueries.recent(in: try p.requireID(), on: req.db)
        return try await req.render("partnerships/requests", ListView(
            chrome: await PageChrome(req, title: "Requests to join \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            requests: try all.map { r in
                .init(href: SiteURL.joinRequest(p.slug, try r.requireID().uuidString.lowercased()).path, name: r.person.name,
                      kind: r.kind.label, asked: Day.today(r.createdAt).readable, state: r.state.label, pending: r.state == .pending)
            }))
    }

    struct ShowView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let listHref: String?
        let name: String
        let kind: String
        let isJoin: Bool
        let livesInArea: Bool
        let asked: String
        let message: String?
        let state: String
        let reply: String?
        let answeredBy: String?
        /// The composition checklist now and as it would be with this person as a voting member.
        let now: CompositionCheck?
        let after: CompositionCheck?
        let form: FormView?
    }

    static func answerForm(_ req: Request, _ p: PartnershipRecord, _ r: JoinRequestRecord) throws -> FormView {
        var fields: [FieldView] = [
            .radios("decision", "Your answer", options: [
                .init(value: "accept", label: r.kind == .join ? "Accept: add them as a member" : "Accept: add them to the communication plan"),
                .init(value: "decline", label: "Decline"),
            ]),
            .textarea("reply", "Message to \(r.person.name)", hint: "Optional when accepting; needed when declining, to say why and what they could do instead"),
        ]
        if r.kind == .join {
            fields += [
                .select("role", "Their role if accepted", options: MembershipRole.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        value: MembershipRole.resident.rawValue),
                .checkbox("votes", "Has a vote", hint: "Residents usually vote", checked: true),
                .checkbox("livesInArea", "Lives in the area", hint: r.livesInArea ? "They said they live in \(p.area.name)" : "They did not say they live in \(p.area.name)",
                          checked: r.livesInArea),
            ]
        } else {
            fields.append(.select("level", "How often they hear from the partnership",
                                  options: ContactLevel.allCases.map { .init(value: $0.rawValue, label: "\($0.label): \($0.hint)") },
                                  value: ContactLevel.regular.rawValue))
        }
        return FormView(req, action: SiteURL.answerJoinRequest(p.slug, try r.requireID().uuidString.lowercased()).path,
                        submit: "Send answer", fields: fields).hiding("version", String(r.version))
    }

    static func show(_ req: Request, form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let r = try await request(req)
        let canAnswer = Gate.allows(try await MemberPages.managePermission(req), for: req)
        // Only the person who asked and those who answer may read a request.
        guard canAnswer || r.$person.id == req.actor.personID else { throw Abort(.forbidden) }
        let pending = r.state == .pending
        let today = Day.today()
        return try await req.render("partnerships/request", ShowView(
            chrome: await PageChrome(req, title: "\(r.person.name): \(r.kind.label.lowercased())"), partnership: p.name,
            listHref: canAnswer ? SiteURL.joinRequests(p.slug).path : SiteURL.joinPartnership(p.slug).path,
            name: r.person.name, kind: r.kind.label, isJoin: r.kind == .join, livesInArea: r.livesInArea,
            asked: Day.today(r.createdAt).readable, message: r.message, state: r.state.label, reply: r.reply, answeredBy: r.answeredByName,
            now: canAnswer && pending && r.kind == .join ? PartnershipQueries.composition(of: p, on: today) : nil,
            after: canAnswer && pending && r.kind == .join ? JoinRequestQueries.compositionIfAccepted(r, in: p, today: today) : nil,
            form: canAnswer && pending ? (form ?? (try answerForm(req, p, r))) : nil), status: status)
    }

    static func answer(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let r = try await request(req)
        let input = FormInput(req)
        do {
            let done = try await JoinRequestCommands.answer(
                try r.requireID(), in: p,
                .init(decision: input["decision"], reply: input["reply"], role: input["role"], votes: input.flag("votes"),
                      livesInArea: input.flag("livesInArea"), level: input["level"]),
                expectedVersion: input.version, by: req.actor, notify: req.noticeSender, on: req.db)
            req.flash(done.state == .accepted
                      ? (done.kind == .join ? "\(r.person.name) is now a member." : "\(r.person.name) is now in the communication plan.")
                      : "You have declined the request. \(r.person.name) has been told.")
            return req.seeOther(.joinRequests(p.slug))
        } catch let failure as ValidationFailure {
            return try await show(req, form: try answerForm(req, p, r).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        } catch is VersionConflict {
            req.flash("Someone else answered this request while you were reading it.")
            return req.seeOther(.joinRequest(p.slug, try r.requireID().uuidString.lowercased()))
        }
    }

    // MARK: writing to the chair

    static func chairForm(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.writeToChair(p.slug).path, submit: "Send", fields: [
            .text("subject", "Subject", required: true),
            .textarea("message", "Your message"),
            .checkbox("shareEmail", "Let the chair see my e-mail address so they can reply", checked: true),
        ], secondary: .init(href: SiteURL.partnership(p.slug).path, label: "Back to \(p.name)"))
    }

    static func chairPage(_ req: Request, _ p: PartnershipRecord, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await AreaPages.formPage(req, form: form, title: "Write to the chair of \(p.name)",
            intro: "Your message goes to the chair by e-mail from Rebalance: you do not need their address, and they only see yours if you say so.",
            status: status)
    }

    static func writeToChair(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let me = try await PersonRecord.find(req.actor.personID, on: req.db)
            try await ChairMessages.send(to: p, subject: input["subject"], message: input["message"], shareEmail: input.flag("shareEmail"),
                                         by: req.actor, email: me?.email ?? "", siteURL: req.noticeSender.baseURL, on: req.db)
            req.flash("Your message has been sent to the chair.")
            return req.seeOther(.partnership(p.slug))
        } catch let failure as ValidationFailure {
            return try await chairPage(req, p, form: chairForm(req, p).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }
}

extension Optional {
    func unwrapped() throws -> Wrapped {
        guard let value = self else { throw Abort(.unauthorized) }
        return value
    }
}
