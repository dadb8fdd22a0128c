import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum OrganisationAPI {
    struct TeamBody: Encodable {
        let id: UUID; let slug: String; let name: String; let remit: OrNull<String>
        init(_ t: TeamRecord) throws { id = try t.requireID(); slug = t.slug; name = t.name; remit = OrNull(t.remit) }
    }

    struct OrganisationBody: Encodable {
        let id: UUID; let slug: String; let name: String; let kind: String
        let identifier: OrNull<String>; let description: OrNull<String>; let website: OrNull<String>
        let holdsMoney: Bool
        let teams: [TeamBody]; let version: Int

        init(_ o: OrganisationRecord) throws {
            id = try o.requireID(); slug = o.slug; name = o.name; kind = o.kindRaw; identifier = OrNull(o.identifier)
            description = OrNull(o.summary); website = OrNull(o.website); holdsMoney = o.holdsMoney
            teams = try (o.$teams.value ?? []).sorted { $0.name < $1.name }.map(TeamBody.init)
            version = o.version
        }
    }

    struct OrganisationInput: Decodable {
        var name: String?
        var kind: String?
        var identifier: Patch<String> = .absent
        var description: Patch<String> = .absent
        var website: Patch<String> = .absent
        var holdsMoney: Bool?
        var version: Int?
    }

    struct TeamInput: Decodable { var name: String?; var remit: String? }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .organisations, .fixed(.viewPublic),
                 doc: APIDoc(summary: "List organisations, optionally of one kind", tag: "organisations",
                             query: APIDoc.paging + [.init(name: "kind", description: "council, lto, community_group or local_organisation",
                                                           schema: APISchemas.enumeration(OrganisationKindNames.all))],
                             response: .list("Organisation"))) { req in
                let paging = try Paging(req)
                var kind: OrganisationKind?
                if let raw = req.query[String.self, at: "kind"] {
                    guard let k = OrganisationKind(rawValue: raw) else {
                        throw ValidationFailure("kind", "kind must be one of: \(OrganisationKindNames.all.joined(separator: ", "))")
                    }
                    kind = k
                }
                let (items, total) = try await OrganisationQueries.list(kind: kind, page: paging.page, per: paging.per, on: req.db)
                return try API.json(ListBody(try items.map(OrganisationBody.init), paging: paging, total: total))
            },
            .api(.POST, .organisations, .fixed(.account(.useOwn)),
                 doc: APIDoc(summary: "Add an organisation (councils and LTOs: administrators only)", tag: "organisations",
                             request: "OrganisationInput", response: .object("Organisation"), status: 201, errors: [401, 403, 422])) { req in
                let input = try API.body(OrganisationInput.self, from: req)
                let draft = try OrganisationDraft.validate(coreInput(input, current: nil))
                for kind in draft.guardedKinds { try Gate.require(.organisation(.create(kind)), for: req) }
                let org = try await OrganisationCommands.create(draft, by: req.actor, on: req.db)
                return try API.json(try OrganisationBody(try await OrganisationQueries.find(slug: org.slug, on: req.db)!), status: .created)
            },
            .api(.GET, .organisation(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One organisation with its teams", tag: "organisations", response: .object("Organisation"), errors: [404])) { req in
                try API.json(try OrganisationBody(try await req.organisation()))
            },
            .api(.PATCH, .organisation(":slug"), .resolved(OrganisationPages.editPermission),
                 doc: APIDoc(summary: "Change an organisation", tag: "organisations", request: "OrganisationInput",
                             response: .object("Organisation"), errors: [401, 403, 404, 409, 422])) { req in
                let org = try await req.organisation()
                let input = try API.body(OrganisationInput.self, from: req)
                let version = try API.requireVersion(input.version)
                let draft = try OrganisationDraft.validate(coreInput(input, current: org))
                try OrganisationPages.requireChange(from: org, to: draft, req)
                _ = try await OrganisationCommands.update(try org.requireID(), expectedVersion: version, draft, by: req.actor, on: req.db)
                return try API.json(try OrganisationBody(try await OrganisationQueries.find(slug: org.slug, on: req.db)!))
            },
            .api(.GET, .teams(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "An organisation's teams", tag: "organisations", query: APIDoc.paging,
                             response: .list("Team"), errors: [404])) { req in
                let org = try await req.organisation()
                let paging = try Paging(req, defaultPer: 100)
                let teams = org.teams.sorted { $0.name < $1.name }
                let page = paging.slice(teams)
                return try API.json(ListBody(try page.map(TeamBody.init), paging: paging, total: teams.count))
            },
            .api(.POST, .teams(":slug"), .resolved(OrganisationPages.editPermission),
                 doc: APIDoc(summary: "Add a team", tag: "organisations", request: "TeamInput",
                             response: .object("Team"), status: 201, errors: [401, 403, 404, 422])) { req in
                let org = try await req.organisation()
                let input = try API.body(TeamInput.self, from: req)
                let team = try await OrganisationCommands.addTeam(to: try org.requireID(), try TeamDraft.validate(name: input.name, remit: input.remit),
                                                                  by: req.actor, on: req.db)
                return try API.json(try TeamBody(team), status: .created)
            },
        ]
    }

    static func coreInput(_ input: OrganisationInput, current: OrganisationRecord?) -> OrganisationDraft.Input {
        .init(name: input.name ?? current?.name, kind: input.kind ?? current?.kindRaw,
              identifier: input.identifier.merged(over: current?.identifier), description: input.description.merged(over: current?.summary),
              website: input.website.merged(over: current?.website), holdsMoney: input.holdsMoney ?? current?.holdsMoney)
    }
}
