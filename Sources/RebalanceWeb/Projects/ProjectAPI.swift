import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum ProjectAPI {
    struct MilestoneBody: Encodable { let title: String; let dueOn: String; let doneOn: OrNull<String> }
    struct PermissionBody: Encodable { let kind: String; let status: String; let note: OrNull<String> }

    struct ProjectBody: Encodable {
        let id: UUID
        let title: String
        let description: OrNull<String>
        let planPriority: OrNull<String>
        let communityLead: String
        let councilContact: String
        let stage: String
        let endpoint: String
        let endsOn: OrNull<String>
        let councilResponsibilities: OrNull<String>
        let lastingImpact: OrNull<String>
        let milestones: [MilestoneBody]
        let permissions: [PermissionBody]
        let version: Int

        init(_ p: ProjectRecord) throws {
            id = try p.requireID(); title = p.title; description = OrNull(p.details); planPriority = OrNull(p.planPriority)
            communityLead = p.communityLead; councilContact = p.councilContact; stage = p.stageRaw; endpoint = p.endpoint
            endsOn = OrNull(p.endsOnRaw); councilResponsibilities = OrNull(p.councilResponsibilities); lastingImpact = OrNull(p.lastingImpact)
            milestones = (p.$milestones.value ?? []).sorted { $0.dueOnRaw < $1.dueOnRaw }
                .map { MilestoneBody(title: $0.title, dueOn: $0.dueOnRaw, doneOn: OrNull($0.doneOnRaw)) }
            permissions = (p.$permissions.value ?? []).sorted { $0.kindRaw < $1.kindRaw }
                .map { PermissionBody(kind: $0.kindRaw, status: $0.statusRaw, note: OrNull($0.note)) }
            version = p.version
        }
    }

    struct ProjectInput: Decodable {
        var title: String?
        var description: Patch<String> = .absent
        var planPriority: Patch<String> = .absent
        var communityLead: String?
        var councilContact: String?
        var stage: String?
        var endpoint: String?
        var endsOn: Patch<String> = .absent
        var councilResponsibilities: Patch<String> = .absent
        var lastingImpact: Patch<String> = .absent
        var version: Int?

        /// Over the current project for a change; over nothing for a new one.
        func merged(over p: ProjectRecord?) -> ProjectDraft.Input {
            .init(title: title ?? p?.title, description: description.merged(over: p?.details),
                  planPriority: planPriority.merged(over: p?.planPriority), communityLead: communityLead ?? p?.communityLead,
                  councilContact: councilContact ?? p?.councilContact, stage: stage ?? p?.stageRaw, endpoint: endpoint ?? p?.endpoint,
                  endsOn: endsOn.merged(over: p?.endsOnRaw), councilResponsibilities: councilResponsibilities.merged(over: p?.councilResponsibilities),
                  lastingImpact: lastingImpact.merged(over: p?.lastingImpact))
        }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .projects(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Projects, lowest stage first", tag: "projects", query: APIDoc.paging,
                             response: .list("Project"), errors: [404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 100)
                let all = try await ProjectQueries.all(in: try p.requireID(), on: req.db)
                let page = paging.slice(all)
                return try API.json(ListBody(try page.map { try ProjectBody($0) }, paging: paging, total: all.count))
            },
            .api(.POST, .projects(":slug"), .resolved(ProjectPages.editPermission),
                 doc: APIDoc(summary: "Start a project", tag: "projects", request: "ProjectInput", response: .object("Project"),
                             status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(ProjectInput.self, from: req)
                let pr = try await ProjectCommands.create(in: try p.requireID(), try ProjectDraft.validate(input.merged(over: nil)),
                                                          by: req.actor, on: req.db)
                return try API.json(try await body(pr.requireID(), req), status: .created)
            },
            .api(.GET, .project(":slug", ":id"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One project", tag: "projects", response: .object("Project"), errors: [404])) { req in
                try API.json(try ProjectBody(try await req.project()))
            },
            .api(.PATCH, .project(":slug", ":id"), .resolved(ProjectPages.editPermission),
                 doc: APIDoc(summary: "Change a project (send only what changes, plus version)", tag: "projects", request: "ProjectInput",
                             response: .object("Project"), errors: [401, 403, 404, 409, 422])) { req in
                let (p, pr) = (try await req.partnership(), try await req.project())
                let input = try API.body(ProjectInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await ProjectCommands.update(try pr.requireID(), in: try p.requireID(), expectedVersion: version,
                                                     try ProjectDraft.validate(input.merged(over: pr)), by: req.actor, on: req.db)
                return try API.json(try await body(pr.requireID(), req))
            },
        ]
    }

    static func body(_ id: UUID, _ req: Request) async throws -> ProjectBody {
        let p = try await req.partnership()
        guard let pr = try await ProjectQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("project") }
        return try ProjectBody(pr)
    }
}
