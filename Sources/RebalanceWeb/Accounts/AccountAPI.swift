import RebalanceCore
import RebalanceStore
import Vapor

enum AccountAPI {
    struct MeBody: Encodable {
        let id: UUID
        let name: String
        let email: String
        let isAdmin: Bool
        let memberships: [Summary]
        struct Summary: Encodable { let partnership: RefBody; let roles: [String] }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .me, .fixed(.account(.useOwn)),
                 doc: APIDoc(summary: "The signed-in person and their current memberships", tag: "accounts",
                             response: .object("Me"), errors: [401])) { req in
                let person = try req.requirePerson()
                let ids = Array(req.actor.memberships.keys)
                let partnerships = try await PartnershipRecord.query(on: req.db).filter(\.$id ~~ ids).sort(\.$name).all()
                return try API.json(MeBody(
                    id: try person.requireID(), name: person.name, email: person.email, isAdmin: person.isAdmin,
                    memberships: partnerships.map { p in
                        .init(partnership: RefBody(slug: p.slug, name: p.name),
                              roles: (req.actor.memberships[p.id!] ?? []).map(\.rawValue).sorted())
                    }))
            },
        ]
    }
}

struct RefBody: Encodable {
    let slug: String
    let name: String
}
