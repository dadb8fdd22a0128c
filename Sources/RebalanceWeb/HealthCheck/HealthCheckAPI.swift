import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The health check through the JSON API: the same commands as the pages.
enum HealthCheckAPI {
    struct RoundBody: Encodable {
        let id: UUID
        let questionSet: String
        let questionSetVersion: Int
        let opensOn: String
        let closesOn: String
        let closedEarlyOn: OrNull<String>
        let state: String
        let invited: Int
        let answered: Int
        init(_ r: HealthCheckRoundRecord, invitations: [HealthCheckInvitationRecord], today: Day = .today()) throws {
            id = try r.requireID(); questionSet = r.questionSetID; questionSetVersion = r.questionSetVersion
            opensOn = r.opensOnRaw; closesOn = r.closesOnRaw; closedEarlyOn = OrNull(r.closedEarlyOnRaw)
            state = r.core.state(on: today).rawValue; invited = invitations.count; answered = invitations.filter(\.hasAnswered).count
        }
    }

    struct ResultsBody: Encodable {
        let round: OrNull<RoundBody>
        let results: OrNull<HealthCheckResults>
        let nextSteps: [PrincipleSuggestions]
        let pastRounds: Int
    }

    struct OpenInput: Decodable { var closesOn: String?; var questionSet: String? }
    struct AnswerInput: Decodable { var answers: [String: String]?; var comments: [String: String]? }
    struct AnswerBody: Encodable { let saved: String; let round: RoundBody }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .healthCheck(":slug"), .resolved(HealthCheckAccess.view),
                 doc: APIDoc(summary: "The latest closed round's results (groups under 5 people withheld) and suggested next steps",
                             tag: "health-check", response: .object("HealthCheckResultsBody"), errors: [401, 403, 404])) { req in
                let p = try await req.partnership()
                let history = try await HealthCheckQueries.closedResults(in: try p.requireID(), on: req.db)
                let latest = history.last
                var round: RoundBody?
                if let latest {
                    round = try RoundBody(latest.round, invitations: try await HealthCheckQueries.invitations(of: try latest.round.requireID(), on: req.db))
                }
                return try API.json(ResultsBody(
                    round: OrNull(round),
                    results: OrNull(latest?.results),
                    nextSteps: history.last(where: { !$0.results.weakest.isEmpty }).map { NextSteps.suggestions(for: $0.results.weakest) } ?? [], pastRounds: history.count))
            },
            .api(.GET, .healthCheckRounds(":slug"), .resolved(HealthCheckAccess.view),
                 doc: APIDoc(summary: "Every round of the health check, newest first", tag: "health-check",
                             query: APIDoc.paging, response: .list("HealthCheckRound"), errors: [401, 403, 404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 100)
                let all = try await HealthCheckQueries.rounds(in: try p.requireID(), on: req.db)
                var items: [RoundBody] = []
                for r in paging.slice(all) {
                    items.append(try RoundBody(r, invitations: try await HealthCheckQueries.invitations(of: try r.requireID(), on: req.db)))
                }
                return try API.json(ListBody(items, paging: paging, total: all.count))
            },
            .api(.POST, .healthCheckRounds(":slug"), .resolved(HealthCheckAccess.run),
                 doc: APIDoc(summary: "Open a round today and invite every member and the area's council staff", tag: "health-check",
                             request: "HealthCheckOpenInput", response: .object("HealthCheckRound"), status: 201,
                             errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(OpenInput.self, from: req)
                let r = try await HealthCheckCommands.open(in: try p.requireID(), .init(closesOn: input.closesOn, questionSet: input.questionSet),
                                                           answerLink: HealthCheckPages.answerLink(req, slug: p.slug), by: req.actor, on: req.db)
                return try API.json(try RoundBody(r, invitations: try await HealthCheckQueries.invitations(of: try r.requireID(), on: req.db)),
                                    status: .created)
            },
            .api(.POST, .healthCheckRoundClose(":slug", ":id"), .resolved(HealthCheckAccess.run),
                 doc: APIDoc(summary: "Close an open round now; it cannot be reopened", tag: "health-check",
                             response: .object("HealthCheckRound"), errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let r = try await healthRound(req)
                let closed = try await HealthCheckCommands.close(try r.requireID(), in: try p.requireID(), by: req.actor, on: req.db)
                return try API.json(try RoundBody(closed, invitations: try await HealthCheckQueries.invitations(of: try r.requireID(), on: req.db)))
            },
            .api(.PUT, .healthCheckAnswers(":slug", ":id"), .resolved(HealthCheckAccess.answer),
                 doc: APIDoc(summary: "Send or replace your answers (invited people, while the round is open)", tag: "health-check",
                             request: "HealthCheckAnswerInput", response: .object("HealthCheckAnswerSaved"),
                             errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let r = try await healthRound(req)
                let input = try API.body(AnswerInput.self, from: req)
                let decision = try await HealthCheckCommands.answer(try r.requireID(), in: try p.requireID(),
                                                                    .init(answers: input.answers ?? [:], comments: input.comments ?? [:]),
                                                                    by: req.actor, on: req.db)
                return try API.json(AnswerBody(saved: decision == .update ? "updated" : "created",
                                               round: try RoundBody(r, invitations: try await HealthCheckQueries.invitations(of: try r.requireID(), on: req.db))))
            },
            .api(.GET, .healthCheckAcrossAreas, .resolved(HealthCheckAccess.acrossAreas),
                 doc: APIDoc(summary: "Each partnership's latest scores and gaps (your councils' areas; all for administrators)",
                             tag: "health-check", query: [APIDoc.QueryParameter(name: "sort", description: "Column, like trust-council or gap",
                                                                                schema: APISchemas.enumeration(HealthCheckSummaryRow.Column.allCases.map(\.rawValue))),
                                                          APIDoc.QueryParameter(name: "direction", description: "ascending or descending",
                                                                                schema: ["type": "string", "enum": ["ascending", "descending"]])],
                             response: .object("HealthCheckSummary"), errors: [401, 403])) { req in
                struct Summary: Encodable { let items: [HealthCheckSummaryRow] }
                return try API.json(Summary(items: try await HealthCheckAcrossAreasPage.sortedRows(req)))
            },
        ]
    }
}

extension HealthCheckAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("HealthCheckRound", S.object([("id", S.uuid), ("questionSet", S.string), ("questionSetVersion", S.integer), ("opensOn", S.date),
                                       ("closesOn", S.date), ("closedEarlyOn", S.nullableDate), ("state", S.enumeration(["open", "closed"])),
                                       ("invited", S.integer), ("answered", S.integer)],
                                      required: ["id", "questionSet", "questionSetVersion", "opensOn", "closesOn", "closedEarlyOn", "state", "invited", "answered"])),
        ("HealthCheckResultsBody", S.object([("round", S.nullable("HealthCheckRound")),
                                             ("results", ["type": ["object", "null"], "description": "Scores per side and role group, perception gaps, spread, weakest principles and change since the previous round; each withheld figure is {\"shown\": false, \"suppression\": {...}}"]),
                                             ("nextSteps", S.array(["type": "object"])), ("pastRounds", S.integer)],
                                            required: ["round", "results", "nextSteps", "pastRounds"])),
        ("HealthCheckOpenInput", S.object([("closesOn", S.date), ("questionSet", ["type": "string", "description": "Question set id; the first installed if left out"])],
                                          required: ["closesOn"])),
        ("HealthCheckAnswerInput", S.object([("answers", ["type": "object", "description": "Statement id to strongly_disagree, disagree, neither, agree, strongly_agree, dont_know or the points 1 to 5",
                                                          "additionalProperties": ["type": "string"]]),
                                             ("comments", ["type": "object", "description": "Open question id to text", "additionalProperties": ["type": "string"]])],
                                            required: ["answers"])),
        ("HealthCheckAnswerSaved", S.object([("saved", S.enumeration(["created", "updated"])), ("round", S.ref("HealthCheckRound"))],
                                            required: ["saved", "round"])),
        ("HealthCheckSummary", S.object([("items", S.array(["type": "object"]))], required: ["items"])),
    ]
}
