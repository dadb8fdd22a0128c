import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A partnership's health check: the latest results with next steps, opening and closing
/// rounds, and the answering page.
enum HealthCheckPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .healthCheck(":slug"), .resolved(HealthCheckAccess.view), handler: results),
            .page(.GET, .newHealthCheckRound(":slug"), .resolved(HealthCheckAccess.run)) { req in
                let p = try await req.partnership()
                let form = openForm(req, p).showing(["closesOn": Day.today().adding(days: 28).description], errors: [])
                return try await AreaPages.formPage(req, form: form, title: "Open a health check", back: .healthCheck(p.slug))
            },
            .page(.POST, .newHealthCheckRound(":slug"), .resolved(HealthCheckAccess.run), handler: open),
            .page(.GET, .healthCheckRound(":slug", ":id"), .resolved(HealthCheckAccess.view), handler: round),
            .page(.POST, .closeHealthCheckRound(":slug", ":id"), .resolved(HealthCheckAccess.run), handler: close),
            .page(.GET, .answerHealthCheck(":slug", ":id"), .resolved(HealthCheckAccess.answer)) { req in
                try await answerPage(req, values: nil, errors: [])
            },
            .page(.POST, .answerHealthCheck(":slug", ":id"), .resolved(HealthCheckAccess.answer), handler: answer),
            .page(.POST, .adoptHealthCheckSuggestion(":slug"), .resolved(HealthCheckAccess.adopt), handler: adopt),
        ]
    }

    /// The link an invitation carries.
    static func answerLink(_ req: Request, slug: String) -> @Sendable (UUID) -> String {
        let base = req.application.webSettings.mail.baseURL
        return { id in base + SiteURL.answerHealthCheck(slug, id.uuidString).path }
    }

    // MARK: results

    struct RoundLine: Encodable { let href: String; let opened: String; let ends: String; let state: String; let answered: Int; let invited: Int }
    struct Step: Encodable { let id: String; let title: String; let description: String; let size: String; let side: String }
    struct StepGroup: Encodable { let principle: String; let council: [Step]; let partnership: [Step] }

    struct ResultsPage: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let partnership: String
        let latest: HealthCheckResultsView?
        let openRound: RoundLine?
        let openAnswerHref: String?
        let rounds: [RoundLine]
        let newRoundHref: String?
        let nextSteps: [StepGroup]
        let nextStepsFrom: String?
        let adoptAction: String?
        let acrossHref: String?
        let csrf: String
    }

    static func roundLine(_ r: HealthCheckRoundRecord, slug: String, invitations: [HealthCheckInvitationRecord], today: Day) -> RoundLine {
        let core = r.core
        return RoundLine(href: SiteURL.healthCheckRound(slug, r.id!.uuidString).path, opened: core.opensOn.readable,
                         ends: core.endedOn.readable, state: core.state(on: today) == .open ? "Open" : "Closed",
                         answered: invitations.filter(\.hasAnswered).count, invited: invitations.count)
    }

    static func results(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let pid = try p.requireID()
        let today = Day.today()
        let history = try await HealthCheckQueries.closedResults(in: pid, today: today, on: req.db)
        var lines: [RoundLine] = []
        var openRound: RoundLine?
        var openAnswerHref: String?
        let rounds = try await HealthCheckQueries.rounds(in: pid, on: req.db)
        let invitationsByRound = try await HealthCheckQueries.invitations(ofRounds: try rounds.map { try $0.requireID() }, on: req.db)
        for r in rounds {
            let invitations = invitationsByRound[try r.requireID()] ?? []
            let line = roundLine(r, slug: p.slug, invitations: invitations, today: today)
            if r.core.state(on: today) == .open {
                openRound = line
                if invitations.contains(where: { $0.$person.id == req.actor.personID }) {
                    openAnswerHref = SiteURL.answerHealthCheck(p.slug, r.id!.uuidString).path
                }
            } else {
                lines.append(line)
            }
        }
        let taken = try await CommitmentQueries.titles(in: pid, on: req.db)
        // When the latest round had too few answers to name its weakest principles, the newest
        // round that could still guides the next steps, and the page says which one.
        let source = history.last(where: { !$0.results.weakest.isEmpty })
        let steps = source.map { NextSteps.suggestions(for: $0.results.weakest,
                                                        excluding: Set(SuggestionCatalogue.all.filter { taken.contains($0.title) }.map(\.id))) } ?? []
        func step(_ a: SuggestedAction) -> Step {
            Step(id: a.id, title: a.title, description: a.description, size: a.size.label,
                 side: a.promisedBy == .council ? "the council" : "the partnership")
        }
        let canAdopt = Gate.allows(try await HealthCheckAccess.adopt(req), for: req)
        return try await req.render("health-check/results", ResultsPage(
            chrome: await PageChrome(req, title: "Health check: \(p.name)"), nav: PartnershipNav(req, p.slug), partnership: p.name,
            latest: history.last.map { HealthCheckResultsView($0, history: history) }, openRound: openRound,
            openAnswerHref: openAnswerHref, rounds: lines,
            newRoundHref: Gate.allows(try await HealthCheckAccess.run(req), for: req) && openRound == nil ? SiteURL.newHealthCheckRound(p.slug).path : nil,
            nextSteps: steps.map { StepGroup(principle: "\($0.principle.number). \($0.principle.title)",
                                             council: $0.forCouncil.map(step), partnership: $0.forPartnership.map(step)) },
            nextStepsFrom: source.map { $0.round.id == history.last?.round.id ? "" : "The latest round had too few answers to name its weakest principles, so these come from the round that ended \($0.round.core.endedOn.readable)." },
            adoptAction: canAdopt ? SiteURL.adoptHealthCheckSuggestion(p.slug).path : nil,
            acrossHref: Gate.allows(try await HealthCheckAccess.acrossAreas(req), for: req) ? SiteURL.healthCheckAcrossAreas.path : nil,
            csrf: req.csrfToken))
    }

    // MARK: opening and closing

    static func openForm(_ req: Request, _ p: PartnershipRecord) -> FormView {
        FormView(req, action: SiteURL.newHealthCheckRound(p.slug).path, submit: "Open the health check and send invitations", fields: [
            .date("closesOn", "Closing date", hint: "After today and within \(HealthCheckRound.longestRun) days. Answers are accepted until the end of this day"),
            .select("questionSet", "Questionnaire", options: QuestionSet.builtIn.map { .init(value: $0.id, label: "\($0.title) (\($0.key.description))") }),
        ])
    }

    static func open(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let r = try await HealthCheckCommands.open(in: try p.requireID(), .init(closesOn: input["closesOn"], questionSet: input["questionSet"]),
                                                       answerLink: answerLink(req, slug: p.slug), by: req.actor, on: req.db)
            req.flash("The health check is open and invitations are on their way.")
            return req.seeOther(.healthCheckRound(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            let form = openForm(req, p).showing(input.values, errors: failure.errors)
            return try await AreaPages.formPage(req, form: form, title: "Open a health check", back: .healthCheck(p.slug), status: .unprocessableEntity)
        }
    }

    struct RoundPage: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let backHref: String
        let line: RoundLine
        let questionSet: String
        let closes: String
        let isOpen: Bool
        let answerHref: String?
        let closeAction: String?
        let csrf: String
        let error: String?
    }

    static func round(_ req: Request) async throws -> Response { try await roundPage(req, error: nil) }

    static func roundPage(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let r = try await healthRound(req)
        let today = Day.today()
        let invitations = try await HealthCheckQueries.invitations(of: try r.requireID(), on: req.db)
        let isOpen = r.core.state(on: today) == .open
        let invited = invitations.contains { $0.$person.id == req.actor.personID }
        let mayClose = Gate.allows(try await HealthCheckAccess.run(req), for: req)
        return try await req.render("health-check/round", RoundPage(
            chrome: await PageChrome(req, title: "Health check opened \(r.core.opensOn.readable)"), nav: PartnershipNav(req, p.slug),
            backHref: SiteURL.healthCheck(p.slug).path, line: roundLine(r, slug: p.slug, invitations: invitations, today: today),
            questionSet: r.core.questionSet.description, closes: r.core.closesOn.readable, isOpen: isOpen,
            answerHref: isOpen && invited ? SiteURL.answerHealthCheck(p.slug, r.id!.uuidString).path : nil,
            closeAction: isOpen && mayClose ? SiteURL.closeHealthCheckRound(p.slug, r.id!.uuidString).path : nil,
            csrf: req.csrfToken, error: error), status: status)
    }

    static func close(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let r = try await healthRound(req)
        do {
            _ = try await HealthCheckCommands.close(try r.requireID(), in: try p.requireID(), by: req.actor, on: req.db)
            req.flash("The health check is closed. Its results are below.")
            return req.seeOther(.healthCheck(p.slug))
        } catch let failure as ValidationFailure {
            return try await roundPage(req, error: failure.errors.first?.message, status: .unprocessableEntity)
        }
    }

    // MARK: next steps

    static func adopt(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        let suggestion = input["suggestion"] ?? ""
        do {
            let c = try await HealthCheckCommands.adopt(suggestion, in: try p.requireID(), confirmOverPromise: input.flag("confirmOverPromise"),
                                                        by: req.actor, on: req.db)
            req.flash("The next step is now a proposed commitment. Agree it with the other side to make it binding.")
            return req.seeOther(.commitment(p.slug, c.id!.uuidString))
        } catch let failure as ValidationFailure {
            // The party may already be behind on its promises: ask before adding another, as the
            // commitments form does, rather than add it silently.
            let (warning, errors) = ConfirmableWarning.split(failure.errors)
            var fields: [FieldView] = []
            if warning == nil {
                fields.append(.text("suggestion", "Suggested next step", hint: "The id of a suggested next step"))
            }
            ConfirmableWarning.insert(warning, into: &fields, after: "suggestion")
            var form = FormView(req, action: SiteURL.adoptHealthCheckSuggestion(p.slug).path, submit: "Make this a commitment", fields: fields)
                .showing(input.values, errors: errors)
            if warning != nil { form = form.hiding("suggestion", suggestion) }
            return try await AreaPages.formPage(req, form: form, title: "Make a next step a commitment", back: .healthCheck(p.slug),
                                                status: .unprocessableEntity)
        }
    }
}

struct HealthRoundKey: StorageKey { typealias Value = HealthCheckRoundRecord }

/// The round named by `:id` in the partnership named by `:slug`.
func healthRound(_ req: Request) async throws -> HealthCheckRoundRecord {
    if let cached = req.storage[HealthRoundKey.self] { return cached }
    let p = try await req.partnership()
    guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("health check round") }
    let r = try await HealthCheckQueries.round(id, in: try p.requireID(), on: req.db)
    req.storage[HealthRoundKey.self] = r
    return r
}
