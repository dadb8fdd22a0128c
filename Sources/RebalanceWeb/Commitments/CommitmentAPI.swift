import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum CommitmentAPI {
    struct PartyBody: Encodable {
        let key: String
        let kind: String
        let name: String
        init(_ p: CommitmentParty) { key = p.key; kind = p.kind.rawValue; name = p.name }
    }

    struct EventBody: Encodable {
        let on: String
        let kind: String
        let fromState: OrNull<String>
        let toState: OrNull<String>
        let fromDue: OrNull<String>
        let toDue: OrNull<String>
        let reason: OrNull<String>
        let actor: String
        init(_ e: CommitmentEventRecord) {
            on = e.onRaw; kind = e.kindRaw; fromState = OrNull(e.fromState); toState = OrNull(e.toState)
            fromDue = OrNull(e.fromDue); toDue = OrNull(e.toDue); reason = OrNull(e.reason); actor = e.actorName
        }
    }

    struct CommitmentBody: Encodable {
        struct ProjectRef: Encodable { let id: UUID; let title: String }
        let id: UUID
        let title: String
        let description: OrNull<String>
        let owner: PartyBody
        let recipient: PartyBody
        let size: String
        let state: String
        let createdOn: String
        let originalDueOn: String
        let dueOn: String
        let deliveredOn: OrNull<String>
        let deliveredOnTime: OrNull<Bool>
        let overdue: Bool
        let renegotiations: Int
        let reason: OrNull<String>
        let project: OrNull<ProjectRef>
        let meeting: OrNull<String>
        let decision: OrNull<String>
        let decisionId: OrNull<UUID>
        let history: [EventBody]
        let version: Int

        init(_ c: CommitmentRecord, today: Day = .today()) throws {
            id = try c.requireID(); title = c.title; description = OrNull(c.details)
            owner = PartyBody(c.owner); recipient = PartyBody(c.recipient); size = c.sizeRaw; state = c.stateRaw
            createdOn = c.createdOnRaw; originalDueOn = c.originalDueOnRaw; dueOn = c.dueOnRaw
            deliveredOn = OrNull(c.deliveredOnRaw); deliveredOnTime = OrNull(c.facts.deliveredOnTime)
            overdue = c.facts.isOverdue(on: today); renegotiations = c.renegotiations; reason = OrNull(c.closedReason)
            project = OrNull(try c.project.map { ProjectRef(id: try $0.requireID(), title: $0.title) })
            meeting = OrNull(c.meetingReference); decision = OrNull(c.decisionReference); decisionId = OrNull(c.decisionID)
            history = c.$events.value.map { $0.sorted { ($0.onRaw, $0.at) < ($1.onRaw, $1.at) }.map(EventBody.init) } ?? []
            version = c.version
        }
    }

    struct CommitmentInput: Decodable {
        var title: String?
        var description: String?
        var owner: String?
        var recipient: String?
        var dueOn: String?
        var size: String?
        var project: String?
        var meeting: String?
        var decision: String?
        var decisionId: UUID?
        var state: String?
        var confirmOverPromise: Bool?
    }

    struct TransitionInput: Decodable {
        var state: String?
        var reason: String?
        var on: String?
        var version: Int?
    }

    struct RenegotiationInput: Decodable {
        var dueOn: String?
        var reason: String?
        var version: Int?
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .commitments(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The commitments register, soonest due first", tag: "commitments", query: APIDoc.paging,
                             response: .list("Commitment"), errors: [404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 100)
                let all = try await CommitmentQueries.all(in: try p.requireID(), on: req.db)
                let page = paging.slice(all)
                return try API.json(ListBody(try page.map { try CommitmentBody($0) }, paging: paging, total: all.count))
            },
            .api(.POST, .commitments(":slug"), .resolved(CommitmentPages.createPermission),
                 doc: APIDoc(summary: "Record a commitment (parties by key, as listed in the register; confirmOverPromise when the party is behind)",
                             tag: "commitments", request: "CommitmentInput", response: .object("Commitment"), status: 201,
                             errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(CommitmentInput.self, from: req)
                let c = try await CommitmentCommands.create(
                    in: try p.requireID(),
                    .init(title: input.title, description: input.description, owner: input.owner, recipient: input.recipient,
                          dueOn: input.dueOn, size: input.size, project: input.project, meeting: input.meeting,
                          decision: input.decision, state: input.state),
                    confirmOverPromise: input.confirmOverPromise ?? false, decision: input.decisionId, by: req.actor, on: req.db)
                return try API.json(try await body(c.requireID(), req), status: .created)
            },
            .api(.GET, .commitment(":slug", ":id"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One commitment with its history", tag: "commitments", response: .object("Commitment"), errors: [404])) { req in
                try API.json(try CommitmentBody(try await req.commitment()))
            },
            .api(.POST, .commitmentTransitions(":slug", ":id"), .resolved(CommitmentPages.changePermission),
                 doc: APIDoc(summary: "Move a commitment to a new state (reason required to withdraw)", tag: "commitments",
                             request: "CommitmentTransitionInput", response: .object("Commitment"),
                             errors: [401, 403, 404, 409, 422])) { req in
                let (p, c) = (try await req.partnership(), try await req.commitment())
                let input = try API.body(TransitionInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await CommitmentCommands.transition(try c.requireID(), in: try p.requireID(), expectedVersion: version,
                                                            .init(state: input.state, reason: input.reason, on: input.on), by: req.actor, on: req.db)
                return try API.json(try await body(c.requireID(), req))
            },
            .api(.POST, .commitmentRenegotiations(":slug", ":id"), .resolved(CommitmentPages.changePermission),
                 doc: APIDoc(summary: "Agree a new due date, with a reason", tag: "commitments",
                             request: "CommitmentRenegotiationInput", response: .object("Commitment"),
                             errors: [401, 403, 404, 409, 422])) { req in
                let (p, c) = (try await req.partnership(), try await req.commitment())
                let input = try API.body(RenegotiationInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await CommitmentCommands.renegotiate(try c.requireID(), in: try p.requireID(), expectedVersion: version,
                                                             .init(dueOn: input.dueOn, reason: input.reason), by: req.actor, on: req.db)
                return try API.json(try await body(c.requireID(), req))
            },
        ]
    }

    static func body(_ id: UUID, _ req: Request) async throws -> CommitmentBody {
        let p = try await req.partnership()
        guard let c = try await CommitmentQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("commitment") }
        return try CommitmentBody(c)
    }
}
