import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Everything the proposal page shows, worked out once from the proposal, the members who may
/// decide it and the signed-in person.
struct ProposalView: Encodable {
    let chrome: PageChrome
    let nav: PartnershipNav
    let backHref: String
    let errors: [PageError]
    let title: String
    let details: String?
    let state: String
    let outcome: String
    let tone: String
    let explanation: String
    let isOpen: Bool
    let process: String
    let howDecided: String
    let topic: String
    let proposer: String
    let opened: String
    let deadline: String
    let putTo: String
    let putToHref: String?
    let revises: Link?
    let revisedAs: Link?
    let withdrawal: String?
    let rules: [String]
    let counts: CountsView
    let positions: [PositionLine]
    let recusals: [RecusalLine]
    let waiting: [String]
    let excluded: [String]
    let withoutVote: [String]
    let yours: YourPart?
    let manage: Manage?
    let decision: OutcomeStatementView?
    /// Offered once a proposal has closed without passing.
    let reviseHref: String?
    let csrf: String

    struct Link: Encodable { let href: String; let label: String }
    struct Change: Encodable { let when: String; let text: String; let reason: String? }
    struct PositionLine: Encodable {
        let name: String
        let position: String
        let tone: String
        let reason: String?
        let when: String
        let counted: Bool
        let note: String?
        let history: [Change]
    }
    struct RecusalLine: Encodable { let name: String; let interest: String; let when: String }
    struct Choice: Encodable { let value: String; let label: String; let hint: String; let checked: Bool; let id: String }
    struct YourPart: Encodable {
        let action: String?
        let refusal: String?
        let choices: [Choice]
        let reason: String
        let current: String?
        let interestAction: String?
        let interest: String
    }
    struct Manage: Encodable {
        let closeAction: String?
        let closeHint: String
        let withdrawAction: String
        let withdrawalReason: String
        let reviseHref: String
        let version: Int
    }

    static func load(_ req: Request, errors: [PageError], values: [String: String], now: Date = Date()) async throws -> ProposalView {
        let p = try await req.partnership()
        let r = try await req.proposal()
        let proposal = r.core
        let id = r.id!.uuidString
        let members = try await DecisionQueries.members(of: p, meeting: r.meeting, on: Day.today(now), db: req.db)
        let electorate = proposal.electorate(members: members)
        let outcome = proposal.outcome(members: members, at: now)
        var names = DecisionFormat.names(p)
        for (person, name) in r.namesOnRecord { names[person] = name }
        let name = { (person: UUID) in names[person] ?? "A former member" }
        let roles = Dictionary(grouping: members, by: \.personID).mapValues { Set($0.flatMap(\.roles)) }
        let isOpen = proposal.state(at: now) == .open

        let positions = proposal.positions.values.sorted { name($0.personID) < name($1.personID) }.map { h -> PositionLine in
            let counted = electorate.couldTakePart.contains(h.personID)
            var note: String?
            switch electorate.standing(of: h.personID) {
            case .recused: note = "Not counted: declared an interest"
            case .eligible: note = nil
            default: note = "Not counted: no longer able to take part"
            }
            return PositionLine(
                name: name(h.personID), position: h.current.label, tone: h.current.tone, reason: h.currentReason,
                when: DecisionFormat.time(h.lastChangedAt), counted: counted, note: note,
                history: h.changes.count < 2 ? [] : h.changes.map { c in
                    Change(when: DecisionFormat.time(c.at),
                           text: c.from.map { "\($0.label) to \(c.to.label.lowercased())" } ?? c.to.label, reason: c.reason)
                })
        }
        let recusals = proposal.recusals.values.sorted { $0.declaredAt < $1.declaredAt }.map {
            RecusalLine(name: name($0.personID), interest: $0.interest, when: DecisionFormat.time($0.declaredAt))
        }
        let excluded = electorate.excludedByRole.sorted { name($0.key) < name($1.key) }.map { "\(name($0.key)) (\($0.value.label))" }
        let withoutVote = Set(members.map(\.personID)).filter { electorate.standing(of: $0) == .noVotingRight }
            .sorted { name($0) < name($1) }
            .map { person in "\(name(person)) (\(MembershipRole.allCases.filter { roles[person]?.contains($0) == true }.map(\.label).joined(separator: ", ")))" }

        // The signed-in member's own part.
        var yours: YourPart?
        if let me = req.actor.personID, Gate.allows(try await DecisionAccess.participate(req), for: req),
           isOpen || proposal.positions[me] != nil {
            let may = proposal.mayRecordPosition(me, members: members, at: now)
            let mine = proposal.positions[me]
            let chosen = values["position"] ?? mine?.current.rawValue ?? ""
            let recused = proposal.recusals[me] != nil
            yours = YourPart(
                action: may.isAllowed ? SiteURL.proposalPosition(p.slug, id).path : nil,
                refusal: isOpen ? may.message : nil,
                choices: proposal.process.positions.enumerated().map { n, position in
                    Choice(value: position.rawValue, label: position.label, hint: position.meaning,
                           checked: chosen == position.rawValue, id: n == 0 ? "position" : "position-\(n)")
                },
                reason: values["reason"] ?? mine?.currentReason ?? "",
                current: mine.map { "\($0.current.label), \(DecisionFormat.time($0.lastChangedAt))" },
                interestAction: may.isAllowed && !recused ? SiteURL.proposalInterest(p.slug, id).path : nil,
                interest: values["interest"] ?? "")
        }

        let mayManage = Gate.allows(try await DecisionAccess.manageProposal(req), for: req)
        let reviseHref = SiteURL.newProposal(p.slug).path + "?revises=" + id
        var manage: Manage?
        if mayManage, isOpen {
            let waiting = proposal.notYetResponded(members: members).count
            let closable = waiting == 0 && !electorate.couldTakePart.isEmpty
            manage = Manage(
                closeAction: closable ? SiteURL.closeProposal(p.slug, id).path : nil,
                closeHint: closable ? "Everyone who can take part has responded, so you can close it now rather than wait for the deadline."
                    : "It can close before the deadline only once everyone who can take part has responded: \(outcome.counts.tookPart) of \(outcome.counts.couldTakePart) have.",
                withdrawAction: SiteURL.withdrawProposal(p.slug, id).path, withdrawalReason: values["withdrawalReason"] ?? "",
                reviseHref: reviseHref, version: r.version)
        }

        var decision: OutcomeStatementView?
        var retryHref: String?
        if let log = try await DecisionQueries.logEntry(subject: r.id!, on: req.db) {
            decision = OutcomeStatementView(log, slug: p.slug, action: mayManage ? SiteURL.proposalOutcome(p.slug, id).path : nil,
                                            draft: values["statement"], hint: "What was decided and what happens next, for the decision log.",
                                            csrf: req.csrfToken)
            let retry = [DecisionOutcomeKind.blocked, .notPassed, .noQuorum].contains(outcome.kind)
            if retry, Gate.allows(try await DecisionAccess.propose(req), for: req) { retryHref = reviseHref }
        }

        var revises: ProposalRecord?
        if let earlier = r.revisionOf { revises = try await ProposalRecord.find(earlier, on: req.db) }
        let revisedAs = try await ProposalRecord.query(on: req.db).filter(\.$revisionOf == r.id).first()
        var putTo = "The whole partnership"
        var putToHref: String?
        if let m = r.meeting {
            let label = try await DecisionQueries.label(of: m, on: req.db)
            putTo = "Those recorded as attending \(label)"
            putToHref = SiteURL.meeting(p.slug, m.seriesID.uuidString.lowercased(), m.day.description).path
        }
        return ProposalView(
            chrome: await PageChrome(req, title: r.title), nav: PartnershipNav(req, p.slug),
            backHref: SiteURL.proposals(p.slug).path, errors: errors, title: r.title, details: r.details,
            state: proposal.state(at: now).rawValue.capitalized, outcome: outcome.kind.label, tone: outcome.kind.tone,
            explanation: outcome.explanation, isOpen: isOpen, process: r.process.label, howDecided: r.process.howItIsDecided,
            topic: r.topic.label, proposer: r.proposerName, opened: DecisionFormat.time(r.openedAt),
            deadline: DecisionFormat.time(r.deadline), putTo: putTo, putToHref: putToHref,
            revises: revises.map { Link(href: SiteURL.proposal(p.slug, $0.id!.uuidString).path, label: $0.title) },
            revisedAs: revisedAs.map { Link(href: SiteURL.proposal(p.slug, $0.id!.uuidString).path, label: $0.title) },
            withdrawal: proposal.withdrawal.map { w in
                "Withdrawn at \(DecisionFormat.time(w.at)) by \(name(w.by))" + (w.reason.map { ": \($0)" } ?? ".")
            },
            rules: r.rules.summaryLines, counts: CountsView(outcome.counts), positions: positions, recusals: recusals,
            waiting: isOpen ? proposal.notYetResponded(members: members).map(name).sorted() : [],
            excluded: excluded, withoutVote: withoutVote, yours: yours, manage: manage, decision: decision, reviseHref: retryHref,
            csrf: req.csrfToken)
    }
}
