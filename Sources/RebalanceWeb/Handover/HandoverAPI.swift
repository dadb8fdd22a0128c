import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum HandoverAPI {
    struct HandoverBody: Encodable {
        let id: UUID
        let leaver: String
        let successor: String
        let role: String
        let lastDay: String
        let openCommitments: String
        let keyContacts: String
        let history: String
        let pending: String
        let commitmentsMoved: Int
        let writtenAt: Date

        init(_ h: HandoverRecord) throws {
            id = try h.requireID(); leaver = h.leaver.name; successor = h.successor.name; role = h.roleRaw; lastDay = h.lastDayRaw
            openCommitments = h.openCommitments; keyContacts = h.keyContacts; history = h.history; pending = h.pending
            commitmentsMoved = h.commitmentsMoved; writtenAt = h.writtenAt
        }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.POST, .handover(":slug", ":id"), .resolved(HandoverPages.writePermission),
                 doc: APIDoc(summary: "Record a council officer's or councillor's handover: ends their seat, seats the successor, moves open commitments",
                             tag: "partnerships", request: "HandoverInput", response: .object("Handover"), status: 201,
                             errors: [401, 403, 404, 422])) { req in
                let (p, m) = try await HandoverPages.leaving(req)
                let input = try API.body(HandoverNoteDraft.Input.self, from: req)
                let note = try await HandoverCommands.record(leaving: try m.requireID(), in: p, input, by: req.actor, on: req.db)
                guard let found = try await HandoverQueries.find(try note.requireID(), in: try p.requireID(), on: req.db) else { throw NotFound("handover") }
                return try API.json(try HandoverBody(found), status: .created)
            },
            .api(.GET, .handoverNote(":slug", ":id"), .resolved(HandoverPages.readPermission),
                 doc: APIDoc(summary: "A handover note (members and council staff)", tag: "partnerships",
                             response: .object("Handover"), errors: [401, 403, 404])) { req in
                let p = try await req.partnership()
                guard let id = req.parameters.get("id", as: UUID.self),
                      let note = try await HandoverQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("handover") }
                return try API.json(try HandoverBody(note))
            },
        ]
    }
}
