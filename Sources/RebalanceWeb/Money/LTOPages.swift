import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Who holds a partnership's money, from when to when, and the decision behind each choice
/// (issue 15). Everyone may see it; the chair records a choice or its end.
enum LTOPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .moneyHolders(":slug"), .fixed(.viewPublic)) { req in try await list(req) },
            .page(.POST, .moneyHolders(":slug"), .resolved(choosePermission), handler: choose),
            .page(.GET, .endMoneyHolder(":slug", ":id"), .resolved(choosePermission)) { req in
                let (p, period) = try await period(req)
                return try await endPage(req, p, period, form: try await endForm(req, p, period))
            },
            .page(.POST, .endMoneyHolder(":slug", ":id"), .resolved(choosePermission), handler: end),
        ]
    }

    static func choosePermission(_ req: Request) async throws -> Permission { .money(.chooseLTO(try await MoneyPages.scope(req))) }

    struct ListView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let moneyHref: String
        let nav: PartnershipNav
        let named: String?
        let lines: [Line]
        let form: FormView?
        let needsDecision: String?
        struct Line: Encodable {
            let organisation: String; let from: String; let to: String?; let state: String
            let decision: String?; let decisionHref: String?; let endHref: String?
        }
    }

    static func list(_ req: Request, form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let pid = try p.requireID()
        let today = Day.today()
        let canChoose = Gate.allows(.money(.chooseLTO(try await MoneyPages.scope(req))), for: req)
        let log = Dictionary(uniqueKeysWithValues: try await DecisionQueries.log(in: pid, on: req.db).map { (try $0.requireID(), $0) })
        let lines: [ListView.Line] = try await MoneyQueries.ltoPeriods(of: pid, on: req.db).map { r in
            let period = r.period
            let state = period.isCurrent(on: today) ? "Holds the money" : period.startsOn > today ? "Starts later" : "Ended"
            let decision = period.decisionID.flatMap { log[$0] }
            return .init(organisation: r.organisation.name, from: period.startsOn.readable, to: period.endsOn?.readable, state: state,
                         decision: decision?.title, decisionHref: decision.map { SiteURL.decision(p.slug, $0.id!.uuidString.lowercased()).path },
                         endHref: canChoose && period.endsOn.map({ $0 >= today }) ?? true
                            ? SiteURL.endMoneyHolder(p.slug, try r.requireID().uuidString.lowercased()).path : nil)
        }
        var shown = form
        var needsDecision: String?
        if canChoose, shown == nil {
            if log.values.contains(where: { $0.result.carries }) { shown = try await chooseForm(req, p) }
            else { needsDecision = SiteURL.newProposal(p.slug).path }
        }
        return try await req.render("money/ltos", ListView(
            chrome: await PageChrome(req, title: "Who holds the money: \(p.name)"), partnership: p.name, moneyHref: SiteURL.money(p.slug).path,
            nav: PartnershipNav(req, p.slug), named: try await p.$lto.get(on: req.db)?.name, lines: lines, form: shown,
            needsDecision: needsDecision), status: status)
    }

    /// The partnership's decisions that were made (passed or chosen), newest first.
    static func decisionOptions(_ req: Request, _ pid: UUID) async throws -> [FieldView.Option] {
        try await DecisionQueries.log(in: pid, on: req.db).filter { $0.result.carries }.sorted { $0.decidedAt > $1.decidedAt }.map {
            .init(value: try $0.requireID().uuidString, label: "\($0.title) (\($0.decidedAt.formatted(.iso8601.year().month().day())))")
        }
    }

    static func chooseForm(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let holders = try await OrganisationQueries.moneyHolders(on: req.db)
        return FormView(req, action: SiteURL.moneyHolders(p.slug).path, submit: "Record the choice", fields: [
            .select("organisation", "Organisation", hint: "Locally trusted organisations, and other bodies that also hold money",
                    options: holders.map { .init(value: $0.id!.uuidString, label: $0.name) }, blank: "Choose the organisation"),
            .date("startsOn", "Date it starts holding the money"),
            .date("endsOn", "Date it stops (optional)", hint: "Leave empty if there is no end date yet"),
            .select("decision", "The partnership's decision", hint: "From the decision log: a proposal passed or a poll's choice",
                    options: try await decisionOptions(req, try p.requireID()), blank: "Choose the decision"),
        ])
    }

    static func choose(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let record = try await LTOCommands.choose(.init(organisation: input["organisation"], startsOn: input["startsOn"], endsOn: input["endsOn"],
                                                            decision: input["decision"]), for: try p.requireID(), by: req.actor, on: req.db)
            let name = try await OrganisationRecord.find(record.$organisation.id, on: req.db)?.name ?? "The organisation"
            req.flash("\(name) is recorded as holding the money from \(record.period.startsOn.readable).")
            return req.seeOther(.moneyHolders(p.slug))
        } catch let failure as ValidationFailure {
            return try await list(req, form: try await chooseForm(req, p).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }

    static func period(_ req: Request) async throws -> (PartnershipRecord, PartnershipLTORecord) {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self),
              let r = try await PartnershipLTORecord.query(on: req.db).filter(\.$id == id).filter(\.$partnership.$id == p.requireID())
                .with(\.$organisation).first() else { throw NotFound("LTO period") }
        return (p, r)
    }

    static func endForm(_ req: Request, _ p: PartnershipRecord, _ r: PartnershipLTORecord) async throws -> FormView {
        FormView(req, action: SiteURL.endMoneyHolder(p.slug, try r.requireID().uuidString.lowercased()).path, submit: "Record the end", fields: [
            .date("endsOn", "Last day it holds the money"),
            .select("decision", "The partnership's decision", hint: "From the decision log: a proposal passed or a poll's choice",
                    options: try await decisionOptions(req, try p.requireID()), blank: "Choose the decision"),
        ], secondary: .init(href: SiteURL.moneyHolders(p.slug).path, label: "Back to who holds the money"))
    }

    static func endPage(_ req: Request, _ p: PartnershipRecord, _ r: PartnershipLTORecord, form: FormView,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        try await AreaPages.formPage(req, form: form, title: "End \(r.organisation.name)’s holding of the money",
                                     intro: "It has held \(p.name)’s money since \(r.period.startsOn.readable). Ledger lines it posted stay in the ledger; after the last day only the partnership's other LTOs can record money.",
                                     back: .moneyHolders(p.slug), status: status)
    }

    static func end(_ req: Request) async throws -> Response {
        let (p, r) = try await period(req)
        let input = FormInput(req)
        do {
            try await LTOCommands.end(try r.requireID(), of: try p.requireID(), endsOn: input["endsOn"], decision: input["decision"],
                                      by: req.actor, on: req.db)
            req.flash("\(r.organisation.name) holds the money until \(Day(input["endsOn"] ?? "")?.readable ?? "the day given").")
            return req.seeOther(.moneyHolders(p.slug))
        } catch let failure as ValidationFailure {
            return try await endPage(req, p, r, form: try await endForm(req, p, r).showing(input.values, errors: failure.errors),
                                     status: .unprocessableEntity)
        }
    }
}
