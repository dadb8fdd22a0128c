import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The community's plan: read by anyone, drafted by the partnership's members, signed off by its
/// chair and accepted by its funder, one numbered version after another (issue 15).
enum PlanPages {
    /// Enough blocks for a plan's priorities; blank ones are ignored.
    static let priorityBlocks = 8

    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .plan(":slug"), .fixed(.viewPublic)) { req in try await show(req, number: nil) },
            .page(.GET, .planVersion(":slug", ":n"), .fixed(.viewPublic)) { req in
                guard let n = req.parameters.get("n", as: Int.self) else { throw NotFound("plan version") }
                return try await show(req, number: n)
            },
            .page(.GET, .draftPlan(":slug"), .resolved(draftPermission)) { req in
                let p = try await req.partnership()
                let current = try await MoneyPages.picture(req).content
                return try await draftPage(req, form: draftForm(req, p).showing(values(of: current), errors: []))
            },
            .page(.POST, .draftPlan(":slug"), .resolved(draftPermission), handler: draft),
            .page(.GET, .reviewPlan(":slug"), .resolved(draftPermission)) { req in
                let p = try await req.partnership()
                return try await reviewPage(req, form: try await reviewForm(req, p).showing(["year": String(Day.today().year)], errors: []))
            },
            .page(.POST, .reviewPlan(":slug"), .resolved(draftPermission), handler: review),
            .page(.POST, .signOffPlan(":slug", ":n"), .resolved(signOffPermission)) { req in try await approve(req, .signOff) },
            .page(.POST, .acceptPlan(":slug", ":n"), .resolved(acceptPermission)) { req in try await approve(req, .accept) },
        ]
    }

    static func draftPermission(_ req: Request) async throws -> Permission { .money(.draftPlan(try await MoneyPages.scope(req))) }
    static func signOffPermission(_ req: Request) async throws -> Permission { .money(.signOffPlan(try await MoneyPages.scope(req))) }
    static func acceptPermission(_ req: Request) async throws -> Permission { .money(.acceptPlan(try await MoneyPages.scope(req))) }

    struct PlanView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let number: Int?
        let status: String?
        let vision: String?
        let years: String?
        let total: String?
        let gap: String?
        let priorities: [Priority]
        let versions: [Version]
        let draftHref: String?
        let reviewHref: String?
        let reviews: [Review]
        let signOffAction: String?
        let acceptAction: String?
        let moneyHref: String
        struct Priority: Encodable { let title: String; let outcomes: String; let consultation: String; let total: String; let budgets: [Budget] }
        struct Budget: Encodable { let year: Int; let amount: String }
        struct Review: Encodable { let year: Int; let by: String; let on: String; let href: String; let notes: [Note]; let moves: [String] }
        struct Note: Encodable { let priority: String; let happened: String; let changed: String }
        struct Version: Encodable { let number: Int; let href: String; let summary: String; let status: String; let current: Bool }
    }

    static func status(_ v: PlanVersionRecord) -> String {
        if let on = v.acceptedOnRaw.flatMap(Day.init) { return "Accepted by the funder on \(on.readable) (\(v.acceptedByName ?? ""))" }
        if let on = v.signedOffOnRaw.flatMap(Day.init) { return "Signed off by the partnership on \(on.readable); waiting for the funder" }
        return "Draft, not yet signed off"
    }

    static func show(_ req: Request, number: Int?) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await MoneyPages.picture(req)
        let versions = picture.versions
        let shown = number.map { n in versions.first { $0.number == n } } ?? picture.plan
        if number != nil, shown == nil { throw NotFound("plan version") }
        let content = shown?.content
        let scope = try await MoneyPages.scope(req)
        let latest = versions.first
        let award = picture.offer?.award ?? FundingRules.usualAward
        let gap = content.map { $0.gap(award: award) }
        return try await req.render("money/plan", PlanView(
            chrome: await PageChrome(req, title: number.map { "Plan version \($0): \(p.name)" } ?? "Plan: \(p.name)"),
            partnership: p.name, partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            number: shown?.number, status: shown.map(status), vision: content?.vision,
            years: content.map { "\($0.startYear) to \($0.endYear)" }, total: content?.total.roundedPounds,
            gap: gap.flatMap { $0 == .zero ? nil : ($0 > .zero ? "\($0.roundedPounds) of the \(award.roundedPounds) award is not yet given to a priority"
                                                             : "The budgets come to \((-$0).roundedPounds) more than the \(award.roundedPounds) award") },
            priorities: (content?.priorities ?? []).map { pr in
                .init(title: pr.title, outcomes: pr.outcomes, consultation: pr.consultation, total: pr.total.roundedPounds,
                      budgets: pr.budgets.sorted { $0.key < $1.key }.map { .init(year: $0.key, amount: $0.value.roundedPounds) })
            },
            versions: versions.map { v in
                .init(number: v.number, href: SiteURL.planVersion(p.slug, String(v.number)).path, summary: v.changeSummary,
                      status: status(v), current: v.number == shown?.number)
            },
            draftHref: Gate.allows(.money(.draftPlan(scope)), for: req) ? SiteURL.draftPlan(p.slug).path : nil,
            reviewHref: versions.contains(where: \.isAccepted) && Gate.allows(.money(.draftPlan(scope)), for: req) ? SiteURL.reviewPlan(p.slug).path : nil,
            reviews: try await MoneyQueries.reviews(of: try p.requireID(), on: req.db).map { r in
                let titles = content?.titles ?? [:]
                return .init(year: r.year, by: r.writtenByName, on: Day(r.writtenOnRaw)?.readable ?? r.writtenOnRaw,
                             href: SiteURL.planVersion(p.slug, String(r.planNumber)).path,
                             notes: (r.review?.notes ?? []).map { .init(priority: titles[$0.priority] ?? $0.priority, happened: $0.happened, changed: $0.changed) },
                             moves: (r.review?.moves ?? []).map {
                                 "\($0.amount.roundedPounds) from \(titles[$0.fromPriority] ?? $0.fromPriority) (\($0.fromYear)) to \(titles[$0.toPriority] ?? $0.toPriority) (\($0.toYear)): \($0.reason)"
                             })
            },
            signOffAction: latest.map { !$0.isSignedOff && Gate.allows(.money(.signOffPlan(scope)), for: req) } == true
                ? SiteURL.signOffPlan(p.slug, String(latest!.number)).path : nil,
            acceptAction: latest.map { $0.isSignedOff && !$0.isAccepted && Gate.allows(.money(.acceptPlan(scope)), for: req) } == true
                ? SiteURL.acceptPlan(p.slug, String(latest!.number)).path : nil,
            moneyHref: SiteURL.money(p.slug).path))
    }

    // MARK: drafting

    static func draftForm(_ req: Request, _ p: PartnershipRecord) -> FormView {
        var fields: [FieldView] = [
            .textarea("vision", "Vision", hint: "What the community wants the area to be like at the end of the programme"),
            .text("startYear", "First year of the programme", hint: "For example 2014", width: "narrow"),
            .text("endYear", "Last year of the programme", hint: "Ten to fifteen years later, for example 2028", width: "narrow"),
        ]
        for n in 0..<priorityBlocks {
            let f = "priorities[\(n)]"
            fields += [
                .text("\(f).title", "Priority \(n + 1): title", hint: n == 0 ? "Leave a priority's title blank to leave it out" : nil),
                .textarea("\(f).outcomes", "Priority \(n + 1): the outcomes it seeks"),
                .textarea("\(f).consultation", "Priority \(n + 1): how the community was consulted"),
                .textarea("\(f).budgets", "Priority \(n + 1): budget per year",
                          hint: "One year per line, the year then the amount in pounds: for example “2014 10000”"),
            ]
        }
        fields.append(.text("changeSummary", "What changed in this version", hint: "Optional: for example “Youth budget doubled after the survey”"))
        return FormView(req, action: SiteURL.draftPlan(p.slug).path, submit: "Save the draft", fields: fields,
                        secondary: .init(href: SiteURL.plan(p.slug).path, label: "Back to the plan"))
    }

    static func values(of content: PlanContent?) -> [String: String] {
        guard let content else { return [:] }
        var v = ["vision": content.vision, "startYear": String(content.startYear), "endYear": String(content.endYear)]
        for (n, p) in content.priorities.enumerated() where n < priorityBlocks {
            v["priorities[\(n)].title"] = p.title
            v["priorities[\(n)].outcomes"] = p.outcomes
            v["priorities[\(n)].consultation"] = p.consultation
            v["priorities[\(n)].budgets"] = p.budgets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.decimal)" }.joined(separator: "\n")
        }
        return v
    }

    /// The form's blocks as the plan's input; a block with nothing typed in it is not a priority.
    static func planInput(_ input: FormInput, keys: [String]) -> PlanContent.Input {
        var priorities: [PlanContent.PriorityInput] = []
        for n in 0..<priorityBlocks {
            let f = "priorities[\(n)]"
            let parts = ["title", "outcomes", "consultation", "budgets"].map { TextRules.trimmed(input["\(f).\($0)"]) }
            guard parts.contains(where: { !$0.isEmpty }) else { continue }
            var budgets: [String: String] = [:]
            for line in parts[3].split(whereSeparator: \.isNewline) {
                let words = line.split(separator: " ", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                budgets[words[0]] = words.count > 1 ? words[1] : ""
            }
            priorities.append(.init(key: n < keys.count ? keys[n] : nil, title: parts[0], outcomes: parts[1], consultation: parts[2], budgets: budgets))
        }
        return PlanContent.Input(vision: input["vision"], startYear: input["startYear"], endYear: input["endYear"], priorities: priorities)
    }

    static func draftPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        return try await AreaPages.formPage(req, form: form, title: "Draft the plan for \(p.name)",
            intro: "A plan written “in consultation with the wider community” (Local Trust's Big Local guidance): say how people were asked about each priority. The chair signs off the draft; the funder then accepts it.",
            status: status)
    }

    static func draft(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        let keys = try await MoneyPages.picture(req).content?.priorities.map(\.key) ?? []
        do {
            let content = try PlanContent.validate(planInput(input, keys: keys))
            let v = try await MoneyCommands.draftPlan(for: try p.requireID(), content, summary: input["changeSummary"], by: req.actor, on: req.db)
            req.flash("Version \(v.number) of the plan has been saved as a draft.")
            return req.seeOther(.planVersion(p.slug, String(v.number)))
        } catch let failure as ValidationFailure {
            // A budget line's error names its year; the form shows it on the priority's budget box.
            let errors = failure.errors.map { e -> FieldError in
                guard let range = e.field.range(of: ".budget.") else { return e }
                return FieldError(String(e.field[..<range.lowerBound]) + ".budgets", e.message)
            }
            return try await draftPage(req, form: draftForm(req, p).showing(input.values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func approve(_ req: Request, _ step: MoneyCommands.PlanStep) async throws -> Response {
        let p = try await req.partnership()
        guard let n = req.parameters.get("n", as: Int.self) else { throw NotFound("plan version") }
        do {
            _ = try await MoneyCommands.approve(n, of: try p.requireID(), step, by: req.actor, on: req.db)
            req.flash(step == .signOff ? "Version \(n) is signed off and waits for the funder." : "Version \(n) is accepted: it is the plan in force.")
        } catch let failure as ValidationFailure {
            req.flash(failure.errors.map(\.message).joined(separator: ". "))
        }
        return req.seeOther(.planVersion(p.slug, String(n)))
    }
}

extension PlanPages {
    /// Budget moves a review may make at once; more can follow in the next review.
    static let moveBlocks = 3

    static func reviewForm(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let priorities = try await MoneyPages.picture(req).content?.priorities ?? []
        let options = priorities.map { FieldView.Option(value: $0.key, label: $0.title) }
        var fields: [FieldView] = [.text("year", "The year reviewed", hint: "For example 2026", width: "narrow")]
        for (n, pr) in priorities.enumerated() {
            fields += [
                .textarea("notes[\(n)].happened", "\(pr.title): what happened"),
                .textarea("notes[\(n)].changed", "\(pr.title): what changed, and what the community said"),
            ]
        }
        for n in 0..<moveBlocks {
            let f = "moves[\(n)]"
            fields += [
                .select("\(f).fromPriority", "Move \(n + 1): from priority", hint: n == 0 ? "Optional: money moved between priorities or years, with the reason" : nil,
                        options: options, blank: "No move"),
                .text("\(f).fromYear", "Move \(n + 1): from year", width: "narrow"),
                .select("\(f).toPriority", "Move \(n + 1): to priority", options: options, blank: "Choose a priority"),
                .text("\(f).toYear", "Move \(n + 1): to year", width: "narrow"),
                .text("\(f).amount", "Move \(n + 1): amount in pounds", width: "medium"),
                .text("\(f).reason", "Move \(n + 1): why"),
            ]
        }
        return FormView(req, action: SiteURL.reviewPlan(p.slug).path, submit: "Record the review and draft the next version", fields: fields,
                        secondary: .init(href: SiteURL.plan(p.slug).path, label: "Back to the plan"))
    }

    static func reviewPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        return try await AreaPages.formPage(req, form: form, title: "Review the plan for \(p.name)",
            intro: "Once a year the partnership looks back at each priority and may move budget between priorities and years. The review drafts the plan's next version, which the chair signs off and the funder accepts.",
            status: status)
    }

    static func review(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        let content = try await MoneyPages.picture(req).content
        do {
            var errors = FieldErrorList()
            let year = Int(TextRules.trimmed(input["year"]))
            if year == nil || !(content?.years.contains(year!) ?? false) { errors.add("year", "The year must be one of the programme's years") }
            var notes: [PlanReview.PriorityNote] = []
            for (n, pr) in (content?.priorities ?? []).enumerated() {
                let happened = TextRules.required(input["notes[\(n)].happened"], field: "notes[\(n)].happened",
                                                  label: "what happened for \(pr.title)", max: 2000, into: &errors)
                let changed = TextRules.optional(input["notes[\(n)].changed"], field: "notes[\(n)].changed", label: "what changed", max: 2000, into: &errors)
                notes.append(.init(priority: pr.key, happened: happened, changed: changed ?? ""))
            }
            var moves: [BudgetMove] = []
            for n in 0..<moveBlocks {
                let f = "moves[\(n)]"
                guard !TextRules.trimmed(input["\(f).fromPriority"]).isEmpty else { continue }
                let fromYear = Int(TextRules.trimmed(input["\(f).fromYear"])), toYear = Int(TextRules.trimmed(input["\(f).toYear"]))
                if fromYear == nil { errors.add("\(f).fromYear", "Enter the year the money moves from") }
                if toYear == nil { errors.add("\(f).toYear", "Enter the year the money moves to") }
                if TextRules.trimmed(input["\(f).toPriority"]).isEmpty { errors.add("\(f).toPriority", "Choose the priority the money moves to") }
                let amount = Pence.parse(input["\(f).amount"], field: "\(f).amount", label: "the amount moved", into: &errors)
                let reason = TextRules.required(input["\(f).reason"], field: "\(f).reason", label: "why the money moves", max: 500, into: &errors)
                if let fromYear, let toYear, let amount {
                    moves.append(BudgetMove(fromPriority: TextRules.trimmed(input["\(f).fromPriority"]), fromYear: fromYear,
                                            toPriority: TextRules.trimmed(input["\(f).toPriority"]), toYear: toYear, amount: amount, reason: reason))
                }
            }
            try errors.throwIfAny()
            let r = try await MoneyCommands.review(PlanReview(year: year!, notes: notes, moves: moves), of: try p.requireID(), by: req.actor, on: req.db)
            req.flash("The \(r.year) review is recorded, and version \(r.planNumber) of the plan is drafted from it.")
            return req.seeOther(.planVersion(p.slug, String(r.planNumber)))
        } catch let failure as ValidationFailure {
            return try await reviewPage(req, form: try await reviewForm(req, p).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }
}

extension MoneyCommands.PlanStep: Equatable {}
