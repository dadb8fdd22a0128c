import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum UpdateAPI {
    struct UpdateBody: Encodable {
        let id: UUID
        let title: String
        let body: String
        let html: String
        let summary: String
        let publishedAt: Date
        let author: OrNull<String>

        init(_ u: UpdateRecord) throws {
            id = try u.requireID(); title = u.title; body = u.body; html = SafeMarkdown.html(u.body)
            summary = UpdateDraft.summary(of: u.body); publishedAt = u.publishedAt; author = OrNull(u.author?.name)
        }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .updates(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "News posts, newest first", tag: "updates", query: APIDoc.paging, response: .list("Update"), errors: [404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req)
                let (items, total) = try await UpdateQueries.list(of: try p.requireID(), page: paging.page, per: paging.per, on: req.db)
                return try API.json(ListBody(try items.map(UpdateBody.init), paging: paging, total: total))
            },
            .api(.POST, .updates(":slug"), .resolved(UpdatePages.publishPermission),
                 doc: APIDoc(summary: "Publish a news post (Markdown)", tag: "updates", request: "UpdateInput",
                             response: .object("Update"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(UpdateDraft.Input.self, from: req)
                let u = try await UpdateCommands.publish(in: try p.requireID(), input, by: req.actor, on: req.db)
                guard let found = try await UpdateQueries.find(try u.requireID(), in: try p.requireID(), on: req.db) else { throw NotFound("news post") }
                return try API.json(try UpdateBody(found), status: .created)
            },
            .api(.GET, .update(":slug", ":id"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One news post", tag: "updates", response: .object("Update"), errors: [404])) { req in
                let p = try await req.partnership()
                guard let id = req.parameters.get("id", as: UUID.self),
                      let u = try await UpdateQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("news post") }
                return try API.json(try UpdateBody(u))
            },
        ]
    }
}
