import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The decision log: every closed proposal and poll of a partnership, what it decided and why,
/// for anyone to read (principle 5: shared ownership and accountability), with CSV.
enum DecisionLogPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .decisions(":slug"), .fixed(.viewPublic), handler: index),
            .page(.GET, .decisionsCSV(":slug"), .fixed(.viewPublic), handler: csv),
            .page(.GET, .decision(":slug", ":id"), .fixed(.viewPublic), handler: show),
        ]
    }

    struct Line: Encodable {
        let title: String
        let href: String
        let method: String
        let decided: String
        let headline: String
        let tone: String
        let statement: String?
    }

    struct IndexView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let lines: [Line]
        let csvHref: String
        let proposalsHref: String?
        let pollsHref: String?
    }

    static func index(_ req: Request) async throws -> Response {
        try await req.settleDecisions()
        let p = try await req.partnership()
        let log = try await DecisionQueries.log(in: try p.requireID(), on: req.db)
        let insider = Gate.allows(try await DecisionAccess.view(req), for: req)
        return try await req.render("decisions/index", IndexView(
            chrome: await PageChrome(req, title: "Decision log: \(p.name)"), nav: PartnershipNav(req, p.slug),
            lines: log.map { d in
                Line(title: d.title, href: SiteURL.decision(p.slug, d.id!.uuidString).path, method: d.method,
                     decided: DecisionFormat.time(d.decidedAt), headline: d.headline, tone: d.result.tone, statement: d.statement)
            },
            csvHref: SiteURL.decisionsCSV(p.slug).path,
            proposalsHref: insider ? SiteURL.proposals(p.slug).path : nil, pollsHref: insider ? SiteURL.polls(p.slug).path : nil))
    }

    static func csv(_ req: Request) async throws -> Response {
        try await req.settleDecisions()
        let p = try await req.partnership()
        let log = try await DecisionQueries.log(in: try p.requireID(), on: req.db)
        let iso = ISO8601DateFormatter()
        let text = CSVWriter.document(
            header: ["id", "decided_at", "kind", "title", "method", "result", "headline", "explanation", "eligible", "recused",
                     "took_part", "quorum_needed", "revision_of", "statement", "statement_by"],
            rows: log.map { d in
                let counts = d.entry?.counts
                return [d.id!.uuidString, iso.string(from: d.decidedAt), d.sourceRaw, d.title, d.method, d.resultRaw, d.headline,
                        d.explanation, counts.map { String($0.eligible) } ?? "", counts.map { String($0.recused) } ?? "",
                        counts.map { String($0.tookPart) } ?? "", counts?.quorumNeeded.map(String.init) ?? "",
                        d.revisionOf.flatMap { rid in log.first { $0.subjectID == rid }?.id?.uuidString } ?? "",
                        d.statement ?? "", d.statementBy ?? ""]
            })
        return CSVResponse.make(text, filename: "\(p.slug)-decisions.csv")
    }

    struct Link: Encodable { let href: String; let label: String }

    struct ShowView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let backHref: String
        let title: String
        let method: String
        let headline: String
        let tone: String
        let decided: String
        let explanation: String
        let counts: CountsView?
        let results: PollResultsView?
        let statement: String?
        let statementBy: String?
        let revises: Link?
        let revisedAs: Link?
        let fullRecord: Link?
        let commitments: [Link]
        let newCommitmentHref: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await req.settleDecisions()
        let p = try await req.partnership()
        let pid = try p.requireID()
        guard let id = req.parameters.get("id", as: UUID.self), let d = try await DecisionQueries.logEntry(id, in: pid, on: req.db) else {
            throw NotFound("decision")
        }
        let log = try await DecisionQueries.log(in: pid, on: req.db)
        let link = { (e: DecisionLogRecord) in Link(href: SiteURL.decision(p.slug, e.id!.uuidString).path, label: e.title) }
        var results: PollResultsView?
        if d.source == .poll, let poll = try await DecisionQueries.poll(d.subjectID, in: pid, on: req.db) {
            results = PollResultsView(try await DecisionQueries.result(of: poll, at: Date(), on: req.db).totals)
        }
        let insider = Gate.allows(try await DecisionAccess.view(req), for: req)
        let mayCommit = Gate.allows(try await CommitmentPages.createPermission(req), for: req)
        let canCommit = [DecisionLogResult.passed, .chosen].contains(d.result) && mayCommit
        return try await req.render("decisions/show", ShowView(
            chrome: await PageChrome(req, title: d.title), nav: PartnershipNav(req, p.slug), backHref: SiteURL.decisions(p.slug).path,
            title: d.title, method: d.method, headline: d.headline, tone: d.result.tone, decided: DecisionFormat.time(d.decidedAt),
            explanation: d.explanation, counts: d.entry?.counts.map(CountsView.init), results: results,
            statement: d.statement, statementBy: d.statementBy.map { by in "\(by), \(d.statementAt.map(DecisionFormat.time) ?? "")" },
            revises: d.revisionOf.flatMap { rid in log.first { $0.subjectID == rid } }.map(link),
            revisedAs: log.first { $0.revisionOf == d.subjectID }.map(link),
            fullRecord: insider ? (d.source == .proposal
                ? Link(href: SiteURL.proposal(p.slug, d.subjectID.uuidString).path, label: "The proposal, with each member's position")
                : Link(href: SiteURL.poll(p.slug, d.subjectID.uuidString).path, label: "The poll")) : nil,
            commitments: try await DecisionQueries.commitments(carryingOut: id, on: req.db).map {
                Link(href: SiteURL.commitment(p.slug, $0.id!.uuidString).path, label: "\($0.title) (\($0.ownerName), due \($0.dueOn.readable))")
            },
            newCommitmentHref: canCommit ? SiteURL.newCommitment(p.slug).path + "?decision=" + id.uuidString : nil))
    }
}
