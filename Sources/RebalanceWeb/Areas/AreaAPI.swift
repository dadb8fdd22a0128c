import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum AreaAPI {
    struct AreaBody: Encodable {
        let id: UUID
        let slug: String
        let name: String
        let description: OrNull<String>
        let populationEstimate: OrNull<Int>
        let councils: [RefBody]
        let partnership: OrNull<RefBody>
        let version: Int

        init(_ a: AreaRecord) throws {
            id = try a.requireID(); slug = a.slug; name = a.name; description = OrNull(a.summary)
            populationEstimate = OrNull(a.populationEstimate)
            councils = a.councils.sorted { $0.name < $1.name }.map { RefBody(slug: $0.slug, name: $0.name) }
            partnership = OrNull(a.partnership.map { RefBody(slug: $0.slug, name: $0.name) })
            version = a.version
        }

    }

    struct AreaInput: Decodable {
        var name: String?
        var description: Patch<String> = .absent
        var populationEstimate: Patch<Int> = .absent
        var councils: [String]?
        var partnershipName: String?
        var version: Int?
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .areas, .fixed(.viewPublic),
                 doc: APIDoc(summary: "List areas", tag: "areas", query: APIDoc.paging, response: .list("Area"))) { req in
                let paging = try Paging(req)
                let (items, total) = try await AreaQueries.list(page: paging.page, per: paging.per, on: req.db)
                return try API.json(ListBody(try items.map(AreaBody.init), paging: paging, total: total))
            },
            .api(.POST, .areas, .fixed(.area(.create)),
                 doc: APIDoc(summary: "Create an area and its partnership", tag: "areas", request: "AreaInput",
                             response: .object("Area"), status: 201, errors: [401, 403, 422])) { req in
                let input = try API.body(AreaInput.self, from: req)
                let draft = try AreaDraft.validate(try await coreInput(input, current: nil, req), knownCouncils: try await AreaPages.knownCouncils(req))
                let area = try await AreaCommands.create(draft, partnershipName: input.partnershipName, by: req.actor, on: req.db)
                return try API.json(try AreaBody(try await AreaQueries.find(slug: area.slug, on: req.db)!), status: .created)
            },
            .api(.GET, .area(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One area", tag: "areas", response: .object("Area"), errors: [404])) { req in
                try API.json(try AreaBody(try await req.area()))
            },
            .api(.PATCH, .area(":slug"), .resolved(AreaPages.editPermission),
                 doc: APIDoc(summary: "Change an area (send only what changes, and the version you read)", tag: "areas",
                             request: "AreaInput", response: .object("Area"), errors: [401, 403, 404, 409, 422])) { req in
                let area = try await req.area()
                let input = try API.body(AreaInput.self, from: req)
                let version = try API.requireVersion(input.version)
                let draft = try AreaDraft.validate(try await coreInput(input, current: area, req), knownCouncils: try await AreaPages.knownCouncils(req))
                let saved = try await AreaCommands.update(try area.requireID(), expectedVersion: version, draft, by: req.actor, on: req.db)
                return try API.json(try AreaBody(try await AreaQueries.find(slug: saved.slug, on: req.db)!))
            },
        ]
    }

    /// Merges what was sent over the current values; councils are named by slug.
    static func coreInput(_ input: AreaInput, current: AreaRecord?, _ req: Request) async throws -> AreaDraft.Input {
        var councilIDs: [String]? = nil
        if let slugs = input.councils {
            let councils = try await OrganisationQueries.all(kind: .council, on: req.db)
            var ids: [String] = []
            for slug in slugs {
                guard let match = councils.first(where: { $0.slug == slug || $0.id?.uuidString == slug }) else {
                    throw ValidationFailure("councils", "\(slug) is not a council we know: use a council's slug from /api/v1/organisations?kind=council")
                }
                ids.append(match.id!.uuidString)
            }
            councilIDs = ids
        }
        let population = input.populationEstimate.merged(over: current?.populationEstimate).map(String.init)
        let description = input.description.merged(over: current?.summary)
        return AreaDraft.Input(name: input.name ?? current?.name, description: description, populationEstimate: population,
                               councils: councilIDs ?? current?.councils.compactMap { $0.id?.uuidString })
    }
}
