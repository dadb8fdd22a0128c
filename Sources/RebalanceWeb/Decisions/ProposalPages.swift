import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Proposals: the list, putting one, and the proposal page where members take positions,
/// declare interests, and the proposer withdraws, closes early or writes the outcome statement.
enum ProposalPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .proposals(":slug"), .resolved(DecisionAccess.view), handler: index),
            .page(.GET, .newProposal(":slug"), .resolved(DecisionAccess.propose)) { req in
                try await newPage(req, values: try await startingValues(req), errors: [])
            },
            .page(.POST, .newProposal(":slug"), .resolved(DecisionAccess.propose), handler: create),
            .page(.GET, .proposal(":slug", ":id"), .resolved(DecisionAccess.view)) { req in try await show(req) },
            .page(.POST, .proposalPosition(":slug", ":id"), .resolved(DecisionAccess.participate), handler: position),
            .page(.POST, .proposalInterest(":slug", ":id"), .resolved(DecisionAccess.participate), handler: interest),
            .page(.POST, .withdrawProposal(":slug", ":id"), .resolved(DecisionAccess.manageProposal), handler: withdraw),
            .page(.POST, .closeProposal(":slug", ":id"), .resolved(DecisionAccess.manageProposal), handler: close),
            .page(.POST, .proposalOutcome(":slug", ":id"), .resolved(DecisionAccess.manageProposal), handler: statement),
        ]
    }

    // MARK: list

    struct Line: Encodable {
        let title: String
        let href: String
        let process: String
        let topic: String
        let when: String
        let responded: String
        let outcome: String
        let tone: String
        let yours: String?
    }

    struct IndexView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let open: [Line]
        let closed: [Line]
        /// Closed proposals pile up over the years: newest first, a page at a time.
        let closedPager: Pager
        let newHref: String?
        let pollsHref: String
        let decisionsHref: String
        let rules: [String]
        let rulesWritten: Bool
        let agreementHref: String
    }

    static func index(_ req: Request) async throws -> Response {
        try await req.settleDecisions()
        let p = try await req.partnership()
        let pid = try p.requireID()
        let now = Date()
        let partnershipMembers = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(now), db: req.db)
        let paging = try Paging(req, defaultPer: 20)
        // Settled proposals are also in the decision log; here they are shown a page at a time.
        let settled = try await DecisionQueries.settledProposals(in: pid, window: paging.window, on: req.db)
        let unsettled = paging.page == 1 ? try await DecisionQueries.unsettledProposals(in: pid, on: req.db) : []
        var open: [Line] = [], closed: [Line] = []
        for r in unsettled + settled.page {
            let core = r.core
            let members = r.meeting == nil ? partnershipMembers
                : try await DecisionQueries.members(of: p, meeting: r.meeting, on: Day.today(now), db: req.db)
            let outcome = core.outcome(members: members, at: now)
            let mine = req.actor.personID.flatMap { core.positions[$0]?.current.label }
            let line = Line(title: r.title, href: SiteURL.proposal(p.slug, r.id!.uuidString).path, process: r.process.label,
                            topic: r.topic.label, when: DecisionFormat.time(core.endedAt(at: now) ?? r.deadline),
                            responded: "\(outcome.counts.tookPart) of \(outcome.counts.couldTakePart)",
                            outcome: outcome.kind.label, tone: outcome.kind.tone, yours: mine)
            if outcome.kind == .open { open.append(line) } else { closed.append(line) }
        }
        let rules = try await DecisionQueries.rulesInForce(for: pid, on: req.db)
        return try await req.render("proposals/index", IndexView(
            chrome: await PageChrome(req, title: "Proposals: \(p.name)"), nav: PartnershipNav(req, p.slug),
            open: open.reversed(), closed: closed,
            closedPager: Pager(paging: paging, total: settled.total, path: SiteURL.proposals(p.slug).path),
            newHref: Gate.allows(try await DecisionAccess.propose(req), for: req) ? SiteURL.newProposal(p.slug).path : nil,
            pollsHref: SiteURL.polls(p.slug).path, decisionsHref: SiteURL.decisions(p.slug).path,
            rules: rules.rules.summaryLines, rulesWritten: rules.written,
            agreementHref: SiteURL.agreement(p.slug).path))
    }

    // MARK: putting a proposal

    static func form(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let pid = try p.requireID()
        let now = Date()
        let meetings = try await DecisionQueries.meetingsWithAttendance(of: pid, today: Day.today(now), on: req.db)
        let earlier = try await DecisionQueries.proposalHeadings(in: pid, on: req.db)
        var fields: [FieldView] = [
            .text("title", "Proposal", hint: "What the partnership is asked to agree, in one line", required: true),
            .textarea("details", "Details", hint: "Optional: the background, the cost, who would do what"),
            .radios("process", "How it will be decided", options: DecisionProcess.allCases.map {
                .init(value: $0.rawValue, label: $0.label, hint: $0.howItIsDecided)
            }),
            .radios("topic", "What it is about", hint: "The decision rules can keep some roles out of some topics",
                    options: ProposalTopic.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: topicHint($0)) }),
            .dateTime("deadline", "Deadline for positions", hint: "UK time, within a year, for example \(DecisionFormat.time(now.addingTimeInterval(7 * 86400)))"),
        ]
        if !meetings.isEmpty {
            fields.append(.select("meeting", "Who it is put to",
                                  hint: "Put it to a meeting to let only those recorded as attending take part",
                                  options: meetings.map { .init(value: $0.meeting.description, label: "Those at \($0.label) (\($0.attendees) present)") },
                                  blank: "The whole partnership"))
        }
        if !earlier.isEmpty {
            fields.append(.select("revisionOf", "Does it revise an earlier proposal?",
                                  hint: "A revision of an open proposal replaces it: the earlier one is withdrawn, and the record links the two",
                                  options: earlier.map { .init(value: $0.id!.uuidString, label: $0.title) }, blank: "No, it is a new proposal"))
        }
        return FormView(req, action: SiteURL.newProposal(p.slug).path, submit: "Put the proposal", fields: fields)
    }

    static func topicHint(_ topic: ProposalTopic) -> String {
        switch topic {
        case .general: return "Events, projects and how the partnership works day to day."
        case .funding: return "Spending the area's money: grants, budgets, contracts."
        case .membership: return "Who sits on the partnership and in which role."
        case .agreement: return "The agreement with the council, its decision rules included."
        }
    }

    /// A revision starts from the proposal it revises (`?revises=`); a new one from a week's deadline.
    static func startingValues(_ req: Request) async throws -> [String: String] {
        var values = ["process": DecisionProcess.consensus.rawValue, "topic": ProposalTopic.general.rawValue,
                      "deadline": DecisionFormat.inputTime(Date().addingTimeInterval(7 * 86400))]
        if let id = req.query[UUID.self, at: "revises"],
           let r = try await DecisionQueries.proposal(id, in: try await req.partnership().requireID(), on: req.db) {
            values["title"] = r.title
            values["details"] = r.details ?? ""
            values["process"] = r.processRaw
            values["topic"] = r.topicRaw
            values["revisionOf"] = id.uuidString
            values["meeting"] = r.meeting?.description ?? ""
        }
        return values
    }

    static func newPage(_ req: Request, values: [String: String], errors: [FieldError],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let form = try await form(req, p).showing(values, errors: errors)
        return try await req.render("form-page", FormPage(
            chrome: await PageChrome(req, title: "Put a proposal"), form: form,
            intro: "Members are told by e-mail and can take a position until the deadline. The decision rules in the agreement decide the outcome.",
            back: .init(href: SiteURL.proposals(p.slug).path, label: "Back")), status: status)
    }

    static func create(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let r = try await ProposalCommands.open(
                in: try p.requireID(),
                .init(title: input["title"], details: input["details"], process: input["process"], topic: input["topic"],
                      deadline: input["deadline"], revisionOf: input["revisionOf"], meeting: input["meeting"]),
                links: DecisionMailLinks.forPartnership(req, slug: p.slug), by: req.actor, on: req.db)
            req.flash("Your proposal is open. Members have been told by e-mail.")
            return req.seeOther(.proposal(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await newPage(req, values: input.values, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    // MARK: one proposal

    static func show(_ req: Request, errors: [PageError] = [], values: [String: String] = [:],
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.settleDecisions()
        let view = try await ProposalView.load(req, errors: errors, values: values)
        return try await req.render("proposals/show", view, status: status)
    }

    /// After a refused change: the page again, with the problem at the top and what was typed kept.
    static func refused(_ req: Request, _ failure: ValidationFailure, anchors: [String: String] = [:],
                        values: [String: String]) async throws -> Response {
        _ = try await req.proposal(reload: true)
        return try await show(req, errors: failure.errors.map { PageError($0, anchors: anchors) }, values: values,
                              status: .unprocessableEntity)
    }

    static func position(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.proposal())
        let input = FormInput(req)
        do {
            let result = try await ProposalCommands.recordPosition(try r.requireID(), in: try p.requireID(),
                                                                   PositionInput(position: input["position"], reason: input["reason"]),
                                                                   by: req.actor, on: req.db)
            req.flash(result == .unchanged ? "Your position is unchanged." : result == .changed ? "Your position has been changed." : "Your position has been recorded.")
            return req.seeOther(.proposal(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await refused(req, failure, values: input.values)
        }
    }

    static func interest(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.proposal())
        let input = FormInput(req)
        do {
            try await ProposalCommands.recuse(try r.requireID(), in: try p.requireID(), interest: input["interest"], by: req.actor, on: req.db)
            req.flash("Your interest is on the record and you have stepped aside from this proposal.")
            return req.seeOther(.proposal(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await refused(req, failure, values: input.values)
        }
    }

    static func withdraw(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.proposal())
        let input = FormInput(req)
        do {
            try await ProposalCommands.withdraw(try r.requireID(), in: try p.requireID(), reason: input["withdrawalReason"],
                                                expectedVersion: input.version, links: DecisionMailLinks.forPartnership(req, slug: p.slug),
                                                by: req.actor, on: req.db)
            req.flash("The proposal has been withdrawn.")
            return req.seeOther(.proposal(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await refused(req, failure, anchors: ["reason": "withdrawalReason", "proposal": "status"], values: input.values)
        } catch let conflict as VersionConflict {
            return try await refused(req, ValidationFailure("proposal", conflict.message), anchors: ["proposal": "status"], values: input.values)
        }
    }

    static func close(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.proposal())
        let input = FormInput(req)
        do {
            _ = try await ProposalCommands.closeEarly(try r.requireID(), in: try p.requireID(), expectedVersion: input.version,
                                                      links: DecisionMailLinks.forPartnership(req, slug: p.slug), by: req.actor, on: req.db)
            req.flash("The proposal is closed and its outcome is in the decision log.")
            return req.seeOther(.proposal(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await refused(req, failure, anchors: ["proposal": "status"], values: input.values)
        } catch let conflict as VersionConflict {
            return try await refused(req, ValidationFailure("proposal", conflict.message), anchors: ["proposal": "status"], values: input.values)
        }
    }

    static func statement(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.proposal())
        return try await DecisionStatementForm.save(req, subject: try r.requireID(), done: .proposal(p.slug, r.id!.uuidString)) { failure, input, _ in
            try await refused(req, failure, values: input.values)
        }
    }
}
