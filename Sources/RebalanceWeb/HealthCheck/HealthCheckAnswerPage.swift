import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The answering page: for each principle, one radio group per statement (five points and
/// "don't know") and one open question. Plain HTML, so it works without JavaScript.
extension HealthCheckPages {
    struct Choice: Encodable { let id: String; let value: String; let label: String; let checked: Bool }
    struct StatementField: Encodable { let id: String; let text: String; let error: String?; let choices: [Choice] }
    struct OpenField: Encodable { let id: String; let text: String; let value: String; let error: String? }
    struct PrincipleSection: Encodable {
        let heading: String
        let explanation: String
        let statements: [StatementField]
        let question: OpenField?
    }
    struct AnswerPage: Encodable {
        let chrome: PageChrome
        let backHref: String
        let action: String
        let csrf: String
        let role: String?
        let closes: String
        let alreadyAnswered: Bool
        let errors: [FieldError]
        let sections: [PrincipleSection]
    }

    static func answerPage(_ req: Request, values: [String: String]?, errors: [FieldError],
                           status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let r = try await healthRound(req)
        guard let set = r.questionSet else { throw NotFound("questionnaire") }
        let invitation = try await HealthCheckQueries.invitation(of: try r.requireID(), person: req.actor.personID, on: req.db)
        var errors = errors
        if values == nil, case .refused(let message) = r.core.answerDecision(invited: invitation != nil,
                                                                             alreadyAnswered: invitation?.hasAnswered ?? false, today: .today()) {
            errors.append(FieldError("round", message))
        }
        // What to show: what was just sent, else the person's saved answers.
        let saved = invitation?.sheet
        let shown: [String: String] = values ?? Dictionary(uniqueKeysWithValues:
            (saved?.answers.map { ($0.key, $0.value.key) } ?? []) + (saved?.comments.map { ($0.key, $0.value) } ?? []))
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        let sections = Principle.allCases.map { principle in
            PrincipleSection(
                heading: "\(principle.number). \(principle.title)", explanation: principle.explanation,
                statements: set.statements(for: principle).map { s in
                    StatementField(id: s.id, text: s.text, error: byField[s.id], choices: AnswerValue.allValues.enumerated().map { n, v in
                        Choice(id: n == 0 ? s.id : "\(s.id)-\(n)", value: v.key, label: v.label, checked: shown[s.id] == v.key)
                    })
                },
                question: set.freeTextQuestion(for: principle).map { q in
                    OpenField(id: q.id, text: q.text, value: shown[q.id] ?? "", error: byField[q.id])
                })
        }
        return try await req.render("health-check/answer", AnswerPage(
            chrome: await PageChrome(req, title: "Health check: how is the relationship going?"),
            backHref: SiteURL.healthCheck(p.slug).path, action: SiteURL.answerHealthCheck(p.slug, r.id!.uuidString).path,
            csrf: req.csrfToken, role: invitation?.role.label, closes: r.core.closesOn.readable,
            alreadyAnswered: invitation?.hasAnswered ?? false, errors: errors, sections: sections), status: status)
    }

    static func answer(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let r = try await healthRound(req)
        guard let set = r.questionSet else { throw NotFound("questionnaire") }
        let form = FormInput(req)
        var input = AnswerSheet.Input()
        for s in set.statements { input.answers[s.id] = form[s.id] ?? "" }
        for q in set.freeText { input.comments[q.id] = form[q.id] ?? "" }
        do {
            let decision = try await HealthCheckCommands.answer(try r.requireID(), in: try p.requireID(), input, by: req.actor, on: req.db)
            req.flash(decision == .update ? "Your answers have been changed." : "Thank you: your answers have been saved. You can change them until the round closes.")
            return req.seeOther(.healthCheckRound(p.slug, r.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await answerPage(req, values: form.values, errors: failure.errors, status: .unprocessableEntity)
        }
    }
}
