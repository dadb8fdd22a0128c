import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Everything the poll page shows: the question, the ballot form for its kind, the totals when
/// they may be seen, and (named polls only) who voted how.
struct PollView: Encodable {
    let chrome: PageChrome
    let nav: PartnershipNav
    let backHref: String
    let errors: [PageError]
    let title: String
    let details: String?
    let kind: String
    let howCounted: String
    let audience: String
    let anonymous: Bool
    let isOpen: Bool
    let createdBy: String
    let opened: String
    let closes: String
    let turnout: String
    let waiting: [String]
    let ballot: BallotForm?
    let refusal: String?
    let youVoted: Bool
    let results: PollResultsView?
    let resultsHidden: String?
    let named: [NamedLine]
    let closeAction: String?
    let decision: OutcomeStatementView?
    let csrf: String

    struct NamedLine: Encodable { let name: String; let ballot: String }

    struct Item: Encodable {
        let id: String
        let name: String
        let label: String
        let value: String
        let checked: Bool
    }
    struct Select: Encodable {
        let id: String
        let name: String
        let label: String
        let options: [Item]
    }
    struct Row: Encodable {
        let id: String
        let label: String
        let field: String
        let value: String
        let error: String?
        let choices: [Item]
    }
    struct BallotForm: Encodable {
        let action: String
        let kind: String
        let submit: String
        let hint: String
        let error: String?
        let checks: [Item]
        let radios: [Item]
        let ranks: [Select]
        let rows: [Row]
        let numbers: Bool
    }

    static func load(_ req: Request, errors: [PageError], input: FormInput?, now: Date = Date()) async throws -> PollView {
        let p = try await req.partnership()
        let r = try await req.poll()
        let poll = r.core
        let id = r.id!.uuidString
        let members = try await DecisionQueries.members(of: p, meeting: nil, on: Day.today(now), db: req.db)
        let names = DecisionFormat.names(p)
        let eligible = r.audience.voters(among: members)
        let voted = try await DecisionQueries.voters(of: r.id!, on: req.db)
        let me = req.actor.personID
        let hasVoted = me.map(voted.contains) ?? false
        let result = try await DecisionQueries.result(of: r, at: now, on: req.db)
        var mine: PollBallot?
        if case .named(let named) = result, let me { mine = named.ballots.first { $0.voterID == me }?.ballot }

        var refusal: String?
        var form: BallotForm?
        if let me, Gate.allows(try await DecisionAccess.participate(req), for: req) {
            refusal = poll.ballotRefusal(at: now) ?? r.audience.refusal(for: me, among: members) ?? poll.castRefusal(hasVoted: hasVoted, at: now)
            if refusal == nil {
                form = ballotForm(poll, action: SiteURL.pollVote(p.slug, id).path, input: input, mine: mine, errors: errors, changing: hasVoted)
            }
            if poll.state(at: now) == .closed { refusal = nil }
        }

        let showResults = poll.mayShowResults(viewerHasVoted: hasVoted, at: now)
        var named: [NamedLine] = []
        if showResults, case .named(let n) = result {
            named = n.ballots.map { NamedLine(name: names[$0.voterID] ?? "A former member", ballot: BallotWording.text($0.ballot, poll: poll)) }
                .sorted { $0.name < $1.name }
        }
        let mayManage = Gate.allows(try await DecisionAccess.managePoll(req), for: req)
        let decision = try await DecisionQueries.logEntry(subject: r.id!, on: req.db).map { log in
            OutcomeStatementView(log, slug: p.slug, action: mayManage ? SiteURL.pollOutcome(p.slug, id).path : nil,
                                 draft: input?["statement"], hint: "What the partnership takes from the result and what happens next.",
                                 csrf: req.csrfToken)
        }
        let isOpen = poll.state(at: now) == .open
        return PollView(
            chrome: await PageChrome(req, title: r.title), nav: PartnershipNav(req, p.slug), backHref: SiteURL.polls(p.slug).path,
            errors: errors, title: r.title, details: r.details, kind: r.kind.label, howCounted: r.kind.howItIsCounted,
            audience: r.audience.label, anonymous: r.isAnonymous, isOpen: isOpen, createdBy: r.createdByName,
            opened: DecisionFormat.time(r.openedAt), closes: DecisionFormat.time(poll.closedAt(at: now) ?? r.closesAt),
            turnout: "\(voted.count) of \(eligible.count) who may answer \(voted.count == 1 ? "has" : "have") voted",
            waiting: isOpen && !r.isAnonymous ? eligible.filter { !voted.contains($0) }.map { names[$0] ?? "A member" }.sorted() : [],
            ballot: form, refusal: refusal, youVoted: hasVoted,
            results: showResults ? PollResultsView(result.totals) : nil,
            resultsHidden: showResults ? nil : r.isAnonymous ? Poll.anonymousTotalsRule : (poll.resultsVisibility == .afterClosing
                ? "The totals are shown once the poll closes, so that early results cannot sway anyone."
                : "The totals are shown once you have voted, or when the poll closes."),
            named: named, closeAction: mayManage && isOpen ? SiteURL.closePoll(p.slug, id).path : nil,
            decision: decision, csrf: req.csrfToken)
    }

    /// The form for the poll's kind, filled with what was just sent or the voter's current ballot.
    static func ballotForm(_ poll: Poll, action: String, input: FormInput?, mine: PollBallot?, errors: [PageError],
                           changing: Bool) -> BallotForm {
        let error = { (anchor: String) in errors.first { $0.anchor == anchor }?.message }
        var chosen: [String] = input?.list("choices") ?? []
        var values: [String: String] = [:]
        if input == nil, let mine {
            switch mine {
            case .choices(let ids): chosen = ids.map(\.rawValue)
            case .scores(let v), .points(let v): values = Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, String($0.value)) })
            case .availability(let a): values = Dictionary(uniqueKeysWithValues: a.map { ($0.key.rawValue, $0.value.rawValue) })
            }
        }
        let field = poll.kind == .score ? "scores" : poll.kind == .dotVote ? "points" : "answers"
        func value(_ option: PollOption) -> String { input?["\(field)[\(option.id)]"] ?? values[option.id.rawValue] ?? "" }

        var checks: [Item] = [], radios: [Item] = [], ranks: [Select] = [], rows: [Row] = []
        var hint = poll.kind.howItIsCounted
        switch poll.kind {
        case .approval:
            checks = poll.options.enumerated().map { n, o in
                Item(id: n == 0 ? "choices" : "choices-\(n)", name: "choices[]", label: o.label, value: o.id.rawValue, checked: chosen.contains(o.id.rawValue))
            }
            if let limit = poll.settings.maximumChoices { hint += " Choose up to \(limit)." }
        case .singleChoice:
            radios = poll.options.enumerated().map { n, o in
                Item(id: n == 0 ? "choices" : "choices-\(n)", name: "choices", label: o.label, value: o.id.rawValue, checked: chosen.first == o.id.rawValue)
            }
        case .rankedChoice:
            let places = min(poll.options.count, poll.settings.maximumChoices ?? poll.options.count)
            ranks = (0..<places).map { n in
                let current = n < chosen.count ? chosen[n] : ""
                return Select(id: n == 0 ? "choices" : "choices-\(n)", name: "choices[]", label: ordinal(n + 1) + " choice",
                              options: [Item(id: "", name: "", label: n == 0 ? "Choose an option" : "No more choices", value: "", checked: current.isEmpty)]
                                + poll.options.map { o in Item(id: "", name: "", label: o.label, value: o.id.rawValue, checked: current == o.id.rawValue) })
            }
            hint += " Leave later places empty if you have no further preference."
        case .score:
            let range = poll.settings.scoreMinimum...poll.settings.scoreMaximum
            rows = poll.options.map { o in
                let anchor = "scores-\(o.id)"
                return Row(id: anchor, label: o.label, field: "scores[\(o.id)]", value: value(o), error: error(anchor),
                           choices: [Item(id: "", name: "", label: "Choose a score", value: "", checked: value(o).isEmpty)]
                            + range.map { s in Item(id: "", name: "", label: String(s), value: String(s), checked: value(o) == String(s)) })
            }
            hint += " Scores run from \(range.lowerBound) (lowest) to \(range.upperBound) (highest)."
        case .dotVote:
            rows = poll.options.map { o in
                let anchor = "points-\(o.id)"
                return Row(id: anchor, label: o.label, field: "points[\(o.id)]", value: value(o), error: error(anchor), choices: [])
            }
            hint += " You have \(poll.settings.dotAllowance) points to spread; you need not use them all."
        case .meetingTime:
            rows = poll.options.map { o in
                let anchor = "answers-\(o.id)"
                return Row(id: anchor, label: o.label, field: "answers[\(o.id)]", value: value(o), error: error(anchor),
                           choices: MeetingAvailability.allCases.enumerated().map { n, a in
                               Item(id: n == 0 ? anchor + "-yes" : "\(anchor)-\(a.rawValue)", name: "answers[\(o.id)]", label: a.label,
                                    value: a.rawValue, checked: value(o) == a.rawValue)
                           })
            }
        }
        return BallotForm(action: action, kind: poll.kind.rawValue, submit: changing ? "Change my vote" : "Vote",
                          hint: hint, error: error("choices") ?? error("points") ?? error("ballot"),
                          checks: checks, radios: radios, ranks: ranks, rows: rows, numbers: poll.kind == .dotVote)
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }
}
