import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Polls: approval, single choice, ranked choice, score, dot vote and meeting time, named or
/// anonymous, for everything that is not a formal proposal.
enum PollPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .polls(":slug"), .resolved(DecisionAccess.view), handler: index),
            .page(.GET, .newPoll(":slug"), .resolved(DecisionAccess.propose)) { req in
                try await newPage(req, values: ["kind": PollKind.singleChoice.rawValue, "audience": PollAudience.votingMembers.rawValue,
                                                "resultsVisibility": PollResultsVisibility.always.rawValue,
                                                "closesAt": DecisionFormat.inputTime(Date().addingTimeInterval(7 * 86400))], errors: [])
            },
            .page(.POST, .newPoll(":slug"), .resolved(DecisionAccess.propose), handler: create),
            .page(.GET, .poll(":slug", ":id"), .resolved(DecisionAccess.view)) { req in try await show(req) },
            .page(.POST, .pollVote(":slug", ":id"), .resolved(DecisionAccess.participate), handler: vote),
            .page(.POST, .closePoll(":slug", ":id"), .resolved(DecisionAccess.managePoll), handler: close),
            .page(.POST, .pollOutcome(":slug", ":id"), .resolved(DecisionAccess.managePoll), handler: statement),
        ]
    }

    // MARK: list

    struct Line: Encodable {
        let title: String
        let href: String
        let kind: String
        let when: String
        let voted: Int
        let anonymous: Bool
        let result: String?
        let tone: String
    }

    struct IndexView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let open: [Line]
        let closed: [Line]
        let newHref: String?
        let proposalsHref: String
        let decisionsHref: String
    }

    static func index(_ req: Request) async throws -> Response {
        try await req.settleDecisions()
        let p = try await req.partnership()
        let now = Date()
        let polls = try await DecisionQueries.polls(in: try p.requireID(), on: req.db)
        let turnout = try await DecisionQueries.turnout(of: polls.compactMap(\.id), on: req.db)
        let log = Dictionary(try await DecisionQueries.log(in: try p.requireID(), on: req.db).map { ($0.subjectID, $0) },
                             uniquingKeysWith: { a, _ in a })
        var open: [Line] = [], closed: [Line] = []
        for r in polls {
            let poll = r.core
            let entry = log[r.id!]
            let line = Line(title: r.title, href: SiteURL.poll(p.slug, r.id!.uuidString).path, kind: r.kind.label,
                            when: DecisionFormat.time(poll.closedAt(at: now) ?? r.closesAt), voted: turnout[r.id!] ?? 0,
                            anonymous: r.isAnonymous, result: entry?.headline, tone: entry?.result.tone ?? "blue")
            if poll.state(at: now) == .open { open.append(line) } else { closed.append(line) }
        }
        return try await req.render("polls/index", IndexView(
            chrome: await PageChrome(req, title: "Polls: \(p.name)"), nav: PartnershipNav(req, p.slug),
            open: open.reversed(), closed: closed,
            newHref: Gate.allows(try await DecisionAccess.propose(req), for: req) ? SiteURL.newPoll(p.slug).path : nil,
            proposalsHref: SiteURL.proposals(p.slug).path, decisionsHref: SiteURL.decisions(p.slug).path))
    }

    // MARK: starting a poll

    static func form(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.newPoll(p.slug).path, submit: "Start the poll", fields: [
            .text("title", "Question", hint: "What the poll asks, in one line", required: true),
            .textarea("details", "Details", hint: "Optional"),
            .radios("kind", "Kind of poll", options: PollKind.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: $0.howItIsCounted) }),
            .textarea("options", "Options", hint: "One per line, at least 2. For a meeting-time poll, one start time per line, like 2027-03-27T18:00 (UK time)"),
            .number("slotMinutes", "Meeting-time polls: length of each time, in minutes", hint: "Optional, for example 90"),
            .number("maximumChoices", "Approval and ranked choice: most options a voter may choose or rank", hint: "Optional: leave blank for no limit"),
            .number("scoreMinimum", "Score polls: lowest score", hint: "Leave blank for 0"),
            .number("scoreMaximum", "Score polls: highest score", hint: "Leave blank for 5"),
            .number("dotAllowance", "Dot votes: points each voter may spread", hint: "Leave blank for 10"),
            .checkbox("allowsBlankBallots", "Let people answer “none of these”", hint: "Approval, single choice, ranked choice and dot votes", checked: false),
            .radios("audience", "Who may answer", options: PollAudience.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
            .checkbox("anonymous", "Anonymous: show totals only, never who voted how", hint: "Not even administrators can see it. Votes in an anonymous poll cannot be changed once cast, and its totals are shown only after it closes", checked: false),
            .radios("resultsVisibility", "When the totals can be seen", options: [
                .init(value: PollResultsVisibility.always.rawValue, label: "At any time"),
                .init(value: PollResultsVisibility.afterVoting.rawValue, label: "Once you have voted, or after it closes"),
                .init(value: PollResultsVisibility.afterClosing.rawValue, label: "Only after it closes", hint: "So early totals cannot sway anyone"),
            ]),
            .dateTime("closesAt", "Closes at", hint: "UK time, within a year, for example \(DecisionFormat.time(Date().addingTimeInterval(7 * 86400)))"),
        ])
    }

    static func newPage(_ req: Request, values: [String: String], errors: [FieldError],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        return try await req.render("form-page", FormPage(
            chrome: await PageChrome(req, title: "Start a poll"), form: form(req, p).showing(values, errors: errors),
            intro: "Polls gather views and settle practical questions. Members are told by e-mail; the result enters the decision log when the poll closes.",
            back: .init(href: SiteURL.polls(p.slug).path, label: "Back")), status: status)
    }

    static func create(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let options = (input["options"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
            let r = try await PollCommands.open(
                in: try p.requireID(),
                .init(title: input["title"], details: input["details"], kind: input["kind"], options: options,
                      slotMinutes: input["slotMinutes"], anonymous: input.flag("anonymous"),
                      resultsVisibility: input["resultsVisibility"], closesAt: input["closesAt"],
                      allowsBlankBallots: input.flag("allowsBlankBallots"), maximumChoices: input["maximumChoices"],
                      scoreMinimum: input["scoreMinimum"], scoreMaximum: input["scoreMaximum"], dotAllowance: input["dotAllowance"],
                      audience: input["audience"]),
                links: DecisionMailLinks.forPartnership(req, slug: p.slug), by: req.actor, on: req.db)
            req.flash("The poll is open. Members have been told by e-mail.")
            return req.seeOther(.poll(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await newPage(req, values: input.values, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    // MARK: one poll

    static func show(_ req: Request, errors: [PageError] = [], input: FormInput? = nil,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.settleDecisions()
        let view = try await PollView.load(req, errors: errors, input: input)
        return try await req.render("polls/show", view, status: status)
    }

    /// What a ballot form sent, as the core reads it: chosen option ids, or a value per option.
    static func ballotInput(_ input: FormInput, poll: Poll) -> PollBallotInput {
        switch poll.kind {
        case .approval, .singleChoice, .rankedChoice:
            return PollBallotInput(choices: input.list("choices"))
        case .score, .dotVote, .meetingTime:
            let field = poll.kind == .score ? "scores" : poll.kind == .dotVote ? "points" : "answers"
            var values: [String: String] = [:]
            for option in poll.options { values[option.id.rawValue] = input["\(field)[\(option.id)]"] ?? "" }
            return PollBallotInput(values: values)
        }
    }

    static func vote(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.poll())
        let input = FormInput(req)
        do {
            let result = try await PollCommands.vote(try r.requireID(), in: try p.requireID(), ballotInput(input, poll: r.core),
                                                     by: req.actor, on: req.db)
            req.flash(result == .unchanged ? "Your vote is unchanged." : result == .changed ? "Your vote has been changed." : "Your vote has been recorded.")
            return req.seeOther(.poll(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            _ = try await req.poll(reload: true)
            return try await show(req, errors: failure.errors.map { PageError($0) }, input: input, status: .unprocessableEntity)
        }
    }

    static func close(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.poll())
        do {
            _ = try await PollCommands.close(try r.requireID(), in: try p.requireID(),
                                             links: DecisionMailLinks.forPartnership(req, slug: p.slug), by: req.actor, on: req.db)
            req.flash("The poll is closed and its result is in the decision log.")
            return req.seeOther(.poll(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            _ = try await req.poll(reload: true)
            return try await show(req, errors: failure.errors.map { PageError($0, anchors: ["poll": "status"]) }, status: .unprocessableEntity)
        }
    }

    static func statement(_ req: Request) async throws -> Response {
        let (p, r) = (try await req.partnership(), try await req.poll())
        return try await DecisionStatementForm.save(req, subject: try r.requireID(), done: .poll(p.slug, r.id!.uuidString)) { failure, input, status in
            try await show(req, errors: failure.errors.map { PageError($0) }, input: input, status: status)
        }
    }
}
