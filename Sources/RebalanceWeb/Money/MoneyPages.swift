import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A partnership's money: spend against plan for everyone, the ledger's lines for its members,
/// LTOs and funder, and the forms an LTO's finance staff record money with (issue 15).
enum MoneyPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .money(":slug"), .fixed(.viewPublic), handler: summary),
            .page(.GET, .moneyLedger(":slug"), .resolved(detailPermission), handler: ledger),
            .page(.GET, .moneyCSV(":slug"), .resolved(detailPermission), handler: csv),
            .page(.GET, .newLedgerEntry(":slug"), .resolved(recordPermission)) { req in
                let p = try await req.partnership()
                return try await entryPage(req, form: try await entryForm(req, p))
            },
            .page(.POST, .newLedgerEntry(":slug"), .resolved(recordPermission), handler: post),
            .page(.POST, .reverseLedgerEntry(":slug", ":id"), .resolved(recordPermission), handler: reverse),
            .page(.GET, .moneyImport(":slug"), .resolved(recordPermission)) { req in
                try await importPage(req, form: try await importForm(req, try await req.partnership()))
            },
            .page(.POST, .moneyImport(":slug"), .resolved(recordPermission), handler: importCSV),
            .page(.POST, .receiveTranche(":slug", ":id"), .resolved(recordPermission)) { req in
                let p = try await req.partnership()
                guard let id = req.parameters.get("id", as: UUID.self),
                      try await picture(req).tranches.contains(where: { $0.id == id }) else { throw NotFound("tranche") }
                do {
                    try await MoneyCommands.receive(id, on: .today(), by: req.actor, on: req.db)
                    req.flash("The tranche is recorded as received, and the money is in the ledger.")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.money(p.slug))
            },
        ]
    }

    static func picture(_ req: Request) async throws -> MoneyPicture {
        if let kept = req.storage[MoneyPictureKey.self] { return kept }
        let picture = try await MoneyQueries.picture(of: try await req.partnership(), on: req.db)
        req.storage[MoneyPictureKey.self] = picture
        return picture
    }

    static func scope(_ req: Request) async throws -> MoneyScope {
        try MoneyQueries.scope(of: try await req.partnership(), picture: try await picture(req))
    }

    static func detailPermission(_ req: Request) async throws -> Permission { .money(.viewDetail(try await scope(req))) }
    static func recordPermission(_ req: Request) async throws -> Permission { .money(.record(try await scope(req))) }

    // MARK: spend against plan

    struct SummaryView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let hasPlan: Bool
        let planHref: String
        let figures: [Figure]
        let byPriority: Table
        let byYear: Table
        let chart: String?
        let tranches: [TrancheLine]
        let ledgerHref: String?
        let csvHref: String?
        let newEntryHref: String?
        let importHref: String?
        let holdersHref: String
        /// The funder's forms: the award, and a payment added to the schedule.
        let offerForm: FormView?
        let trancheForm: FormView?
        let scheduleGap: String?
        struct Table: Encodable { let caption: String; let heading: String; let lines: [Line] }
        struct Figure: Encodable { let label: String; let value: String; let note: String? }
        struct Line: Encodable { let label: String; let planned: String; let committed: String; let paid: String; let left: String; let flag: String? }
        struct TrancheLine: Encodable { let due: String; let amount: String; let lto: String; let state: String; let receiveAction: String? }
    }

    static func summary(_ req: Request) async throws -> Response { try await summary(req, offerForm: nil) }

    static func summary(_ req: Request, offerForm: FormView? = nil, trancheForm: FormView? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await picture(req)
        let scope = try await scope(req)
        let today = Day.today()
        let canSee = Gate.allows(.money(.viewDetail(scope)), for: req)
        let canRecord = Gate.allows(.money(.record(scope)), for: req)
        let canFund = Gate.allows(.money(.manageFunding(scope)), for: req)
        var shownOfferForm = offerForm
        if canFund, shownOfferForm == nil { shownOfferForm = try await FundingPages.offerForm(req, p, picture: picture) }
        let spend = picture.spend(today: today)
        func line(_ l: SpendAgainstPlan.Line) -> SummaryView.Line {
            .init(label: l.title, planned: l.planned.roundedPounds, committed: l.committed.roundedPounds, paid: l.paid.roundedPounds,
                  left: l.left.roundedPounds, flag: l.flag?.label)
        }
        var figures: [SummaryView.Figure] = []
        var chart: String?
        if let spend {
            let t = spend.totals
            figures = [
                .init(label: "Award", value: spend.award.roundedPounds, note: nil),
                .init(label: "Received from the funder", value: t.received.roundedPounds, note: nil),
                .init(label: "Paid out", value: t.paid.roundedPounds, note: "\(spend.moneySpentPercent)% of the award, with \(spend.timeGonePercent)% of the programme's time gone"),
                .init(label: "LTO administration (\(Ledger.adminPercent)% of spend)", value: spend.admin.roundedPounds, note: nil),
                .init(label: "Held by the LTO", value: (t.received - t.paid - spend.admin).roundedPounds, note: nil),
                .init(label: "Forecast left at the end", value: spend.forecastLeft?.roundedPounds ?? "Not yet known",
                      note: spend.forecastLeft.map { $0 < .zero ? "At this pace the award runs out before the programme ends" : "If spending keeps its pace so far" }),
            ]
            let years = spend.byYear
            let planned = years.map { Double($0.planned.value) / 100 }, paid = years.map { Double($0.paid.value) / 100 }
            var lines = LineChart(
                title: "Planned and paid by year (£)", summary: "For each programme year, the budget in the plan and what was paid out.",
                xLabels: years.map(\.title), series: [ChartSeries(name: "Planned", colour: .blue, values: planned),
                                                       ChartSeries(name: "Paid", colour: .green, values: paid)],
                minimum: 0, maximum: max(1000, ((planned + paid).max() ?? 0) * 1.1))
            lines.id = "chart-spend-by-year"
            chart = lines.svg()
        }
        return try await req.render("money/summary", SummaryView(
            chrome: await PageChrome(req, title: "Money: \(p.name)"), partnership: p.name, partnershipHref: SiteURL.partnership(p.slug).path,
            nav: PartnershipNav(req, p.slug), hasPlan: spend != nil, planHref: SiteURL.plan(p.slug).path, figures: figures,
            byPriority: .init(caption: "Spend against plan by priority", heading: "Priority", lines: spend?.byPriority.map(line) ?? []),
            byYear: .init(caption: "Spend against plan by year", heading: "Year", lines: spend?.byYear.map(line) ?? []), chart: chart,
            tranches: canSee ? picture.tranches.map { t in
                let tranche = t.tranche
                return .init(due: tranche.due.readable, amount: tranche.amount.roundedPounds, lto: picture.ltoNames[tranche.ltoID] ?? "LTO",
                             state: tranche.label(today: today),
                             receiveAction: canRecord && tranche.state != .received ? SiteURL.receiveTranche(p.slug, t.id!.uuidString.lowercased()).path : nil)
            } : [],
            ledgerHref: canSee ? SiteURL.moneyLedger(p.slug).path : nil, csvHref: canSee ? SiteURL.moneyCSV(p.slug).path : nil,
            newEntryHref: canRecord && spend != nil ? SiteURL.newLedgerEntry(p.slug).path : nil,
            importHref: canRecord && spend != nil ? SiteURL.moneyImport(p.slug).path : nil,
            holdersHref: SiteURL.moneyHolders(p.slug).path,
            offerForm: shownOfferForm,
            trancheForm: canFund && picture.offer != nil && spend != nil ? (trancheForm ?? FundingPages.trancheForm(req, p, picture: picture)) : nil,
            scheduleGap: canSee ? picture.offer.flatMap { o in
                let gap = FundingRules.scheduleGap(award: o.award, tranches: picture.tranches.map(\.tranche))
                return gap == .zero ? nil : (gap > .zero ? "\(gap.roundedPounds) of the award is not yet in the schedule"
                                                         : "The schedule comes to \((-gap).roundedPounds) more than the award")
            } : nil), status: status)
    }

    // MARK: the ledger

    struct LedgerView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let moneyHref: String
        let nav: PartnershipNav
        let lines: [Line]
        let pager: Pager
        let csrf: String?
        struct Line: Encodable {
            let on: String; let kind: String; let amount: String; let priority: String; let payee: String?; let reference: String?
            let description: String; let lto: String; let reversed: Bool; let isReversal: Bool; let reverseAction: String?
        }
    }

    static func ledger(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await picture(req)
        let canRecord = Gate.allows(try await recordPermission(req), for: req)
        let paging = try Paging(req, defaultPer: 100)
        let titles = picture.content?.titles ?? [:]
        let reversed = Set(picture.records.compactMap(\.reversesID))
        let newestFirst = Array(picture.records.reversed())
        return try await req.render("money/ledger", LedgerView(
            chrome: await PageChrome(req, title: "Ledger: \(p.name)"), partnership: p.name, moneyHref: SiteURL.money(p.slug).path,
            nav: PartnershipNav(req, p.slug),
            lines: paging.slice(newestFirst).map { r in
                let id = r.id!
                return .init(on: Day(r.onRaw)?.readable ?? r.onRaw, kind: LedgerEntryKind(rawValue: r.kindRaw)?.label ?? r.kindRaw,
                             amount: (r.reversesID == nil ? Pence(r.amountPence) : -Pence(r.amountPence)).description,
                             priority: r.priority.map { titles[$0] ?? $0 } ?? "Whole programme", payee: r.payee, reference: r.reference,
                             description: r.details, lto: picture.ltoNames[r.ltoID] ?? "LTO", reversed: reversed.contains(id),
                             isReversal: r.reversesID != nil,
                             reverseAction: canRecord && r.reversesID == nil && !reversed.contains(id)
                                ? SiteURL.reverseLedgerEntry(p.slug, id.uuidString.lowercased()).path : nil)
            },
            pager: Pager(paging: paging, total: newestFirst.count, path: SiteURL.moneyLedger(p.slug).path),
            csrf: canRecord ? req.csrfToken : nil))
    }

    static func csv(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await picture(req)
        let titles = picture.content?.titles ?? [:]
        let text = CSVWriter.document(
            header: ["id", "date", "kind", "amount", "priority", "payee", "reference", "description", "lto", "reverses", "project", "commitment"],
            rows: picture.records.map { r in
                [r.id!.uuidString, r.onRaw, r.kindRaw, (r.reversesID == nil ? Pence(r.amountPence) : -Pence(r.amountPence)).decimal,
                 r.priority.map { titles[$0] ?? $0 } ?? "", r.payee ?? "", r.reference ?? "", r.details, picture.ltoNames[r.ltoID] ?? r.ltoID.uuidString,
                 r.reversesID?.uuidString ?? "", r.projectID?.uuidString ?? "", r.commitmentID?.uuidString ?? ""]
            })
        return CSVResponse.make(text, filename: "\(p.slug)-money.csv")
    }

    // MARK: recording money

    static func entryForm(_ req: Request, _ p: PartnershipRecord, warning: String? = nil) async throws -> FormView {
        let picture = try await picture(req)
        let pid = try p.requireID()
        let projects = try await ProjectQueries.all(in: pid, on: req.db)
        var fields: [FieldView] = []
        if picture.ltos.count > 1 {
            fields.append(.select("lto", "LTO", options: picture.ltos.sorted { $0.value < $1.value }.map { .init(value: $0.key.uuidString, label: $0.value) },
                                  blank: "Choose the LTO"))
        }
        fields += [
            .radios("kind", "What happened", options: LedgerEntryKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
            .text("amount", "Amount in pounds", hint: "For example 1250 or 1,250.50: whole pence, never negative (to undo an entry, reverse it)", width: "medium"),
            .date("on", "Date"),
            .select("priority", "Plan priority", hint: "Every entry but money received is for one of the plan's priorities",
                    options: (picture.content?.priorities ?? []).map { .init(value: $0.key, label: $0.title) }, blank: "Whole programme (money received)"),
            .text("payee", "Paid to", hint: "Needed for a payment: the supplier or group paid"),
            .text("reference", "Reference", hint: "Optional: the LTO's invoice or transaction number, which must not repeat", width: "medium"),
            .textarea("description", "What it is for"),
            .select("project", "Project", hint: "Optional", options: projects.map { .init(value: $0.id!.uuidString, label: $0.title) }, blank: "No project"),
        ]
        ConfirmableWarning.insert(warning, into: &fields, after: "amount", field: LedgerRules.confirmOverpay,
                                  hint: "Tick to confirm you have checked this payment")
        return FormView(req, action: SiteURL.newLedgerEntry(p.slug).path, submit: "Record", fields: fields,
                        secondary: .init(href: SiteURL.money(p.slug).path, label: "Back to the money"))
    }

    static func entryPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        return try await AreaPages.formPage(req, form: form, title: "Record money for \(p.name)",
            intro: "Entries are posted for good: a mistake is put right by reversing the entry, never by editing it.", status: status)
    }

    static func entryInput(_ input: FormInput) -> LedgerEntryInput {
        LedgerEntryInput(lto: input["lto"], kind: input["kind"], amount: input["amount"], on: input["on"], priority: input["priority"],
                         project: input["project"], payee: input["payee"], reference: input["reference"], description: input["description"])
    }

    static func post(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let line = try await MoneyCommands.post(entryInput(input), to: p, confirmOverpay: input.flag(LedgerRules.confirmOverpay),
                                                    by: req.actor, on: req.db)
            req.flash("\(LedgerEntryKind(rawValue: line.kindRaw)?.label ?? "The entry") \(Pence(line.amountPence)) has been recorded.")
            return req.seeOther(.moneyLedger(p.slug))
        } catch let failure as ValidationFailure {
            let (warning, errors) = ConfirmableWarning.split(failure.errors, field: LedgerRules.confirmOverpay)
            let form = try await entryForm(req, p, warning: warning).showing(input.values, errors: errors)
            return try await entryPage(req, form: form, status: .unprocessableEntity)
        }
    }

    static func reverse(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("ledger entry") }
        let input = FormInput(req)
        do {
            _ = try await MoneyCommands.reverse(id, in: p, on: input["on"], reason: input["reason"], by: req.actor, on: req.db)
            req.flash("The entry has been reversed.")
        } catch let failure as ValidationFailure {
            req.flash("Not reversed: " + failure.errors.map(\.message).joined(separator: ". "))
        }
        return req.seeOther(.moneyLedger(p.slug))
    }

    // MARK: importing

    struct ImportView: Encodable {
        let chrome: PageChrome
        let moneyHref: String
        let form: FormView
        let problems: [LedgerImport.LineProblem]
        let template: String
        let columns: [Column]
        struct Column: Encodable { let name: String; let meaning: String }
    }

    static func importForm(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let picture = try await picture(req)
        var fields: [FieldView] = []
        if picture.ltos.count > 1 {
            fields.append(.select("lto", "Whose transactions", options: picture.ltos.sorted { $0.value < $1.value }.map { .init(value: $0.key.uuidString, label: $0.value) },
                                  blank: "Choose the LTO"))
        }
        fields.append(.file("file", "The LTO's file of transactions", hint: "A CSV file with the columns below, as saved from a spreadsheet", accept: ".csv,text/csv"))
        fields.append(.textarea("csv", "Or paste the transactions", hint: "Instead of a file: open it in a spreadsheet or text editor, copy everything, and paste it here"))
        return FormView(req, action: SiteURL.moneyImport(p.slug).path, submit: "Import", fields: fields,
                        secondary: .init(href: SiteURL.money(p.slug).path, label: "Back to the money"))
    }

    static func importPage(_ req: Request, form: FormView, problems: [LedgerImport.LineProblem] = [],
                           status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        return try await req.render("money/import", ImportView(
            chrome: await PageChrome(req, title: "Import transactions for \(p.name)"), moneyHref: SiteURL.money(p.slug).path,
            form: form, problems: problems, template: LedgerImport.template,
            columns: [
                .init(name: "date", meaning: "The day, as 2025-04-30"),
                .init(name: "kind", meaning: "received, allocated, committed or paid"),
                .init(name: "amount", meaning: "In pounds, never negative, at most two figures after the point"),
                .init(name: "priority", meaning: "The plan priority's title; empty only for money received"),
                .init(name: "payee", meaning: "Who was paid (needed for a payment)"),
                .init(name: "reference", meaning: "The LTO's own reference, different on every row: a row already imported is skipped"),
                .init(name: "description", meaning: "What the money is for"),
                .init(name: "project", meaning: "Optional: the project's id"),
            ]), status: status)
    }

    static func importCSV(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await picture(req)
        let input = FormInput(req)
        let form = try await importForm(req, p)
        let lto = UUID(uuidString: input["lto"] ?? "") ?? (picture.ltos.count == 1 ? picture.ltos.keys.first : nil)
        do {
            guard let lto else { throw ValidationFailure("lto", "Choose whose transactions these are") }
            // A chosen file wins over pasted text; an unchosen file field arrives empty.
            let given = [input["file"], input["csv"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            guard let text = given else { throw ValidationFailure("file", "Choose the CSV file to import, or paste its transactions") }
            let (added, skipped) = try await MoneyCommands.importCSV(text, lto: lto, into: p, by: req.actor, on: req.db)
            req.flash("\(added) \(added == 1 ? "entry" : "entries") imported" + (skipped > 0 ? "; \(skipped) already in the ledger were skipped." : "."))
            return req.seeOther(.moneyLedger(p.slug))
        } catch let refused as LedgerImport.Refused {
            let shown = form.showing(input.values, errors: [FieldError(input["file"]?.isEmpty == false ? "file" : "csv", "Nothing was imported: \(refused.problems.count) \(refused.problems.count == 1 ? "problem" : "problems") listed below")])
            return try await importPage(req, form: shown, problems: refused.problems, status: .unprocessableEntity)
        } catch let failure as ValidationFailure {
            return try await importPage(req, form: form.showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }
}

struct MoneyPictureKey: StorageKey { typealias Value = MoneyPicture }
