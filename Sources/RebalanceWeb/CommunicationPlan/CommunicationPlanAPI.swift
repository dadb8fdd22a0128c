import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum CommunicationPlanAPI {
    struct PlanBody: Encodable {
        struct Entry: Encodable {
            let stakeholder: String
            let name: String
            let side: String
            let level: String
            let channel: String
            let contact: OrNull<String>
        }
        struct Rhythm: Encodable { let kind: String; let label: String; let rrule: String; let startTime: String; let durationMinutes: Int }
        let entries: [Entry]
        let rhythms: [Rhythm]
        let gaps: [String]
        let version: Int
    }

    struct EntryInput: Decodable {
        var stakeholder: String?
        var level: String?
        var channel: String?
        var email: String?
        var postalAddress: String?
        var phone: String?
        var version: Int?
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .communicationPlan(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The communication plan: contacts by level (details only for members and council staff), meeting rhythms, gaps",
                             tag: "communication plan", response: .object("CommunicationPlan"), errors: [404])) { req in
                try API.json(try await body(req))
            },
            .api(.POST, .planEntries(":slug"), .resolved(CommunicationPlanPages.editPermission),
                 doc: APIDoc(summary: "Add a stakeholder to the plan, or change how they are kept in touch (version 0 for a new plan)",
                             tag: "communication plan", request: "PlanEntryInput", response: .object("CommunicationPlan"),
                             errors: [401, 403, 404, 409, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(EntryInput.self, from: req)
                let version = try API.requireVersion(input.version)
                try await CommunicationPlanCommands.apply(
                    .setEntry(.init(stakeholder: input.stakeholder, level: input.level, channel: input.channel, email: input.email,
                                    postalAddress: input.postalAddress, phone: input.phone)),
                    to: p, expectedVersion: version, by: req.actor, on: req.db)
                return try API.json(try await body(req))
            },
        ]
    }

    static func body(_ req: Request) async throws -> PlanBody {
        let p = try await req.partnership()
        let record = try await CommunicationPlanQueries.record(of: try p.requireID(), on: req.db)
        let plan = try record?.plan ?? CommunicationPlan(entries: [], rhythms: [:])
        let known = try await CommunicationPlanQueries.stakeholders(of: p, on: req.db)
        let showContacts = Gate.allows(.communicationPlan(.viewContactDetails(try await req.partnershipScope())), for: req)
        return PlanBody(
            entries: plan.entries.map { e in
                let contact: String? = switch e.channel {
                case .email: e.email ?? known[e.stakeholder]?.email
                case .post: e.postalAddress
                case .phone: e.phone
                }
                return .init(stakeholder: e.stakeholder.key, name: known[e.stakeholder]?.name ?? "", side: e.speaksForCouncil ? "council" : "community",
                             level: e.level.rawValue, channel: e.channel.rawValue, contact: OrNull(showContacts ? contact : nil))
            },
            rhythms: MeetingKind.allCases.compactMap { kind in
                plan.rhythms[kind].map { .init(kind: kind.rawValue, label: $0.label, rrule: $0.pattern.rrule,
                                               startTime: $0.startTime.description, durationMinutes: $0.durationMinutes) }
            },
            gaps: plan.gaps, version: record?.version ?? 0)
    }
}
