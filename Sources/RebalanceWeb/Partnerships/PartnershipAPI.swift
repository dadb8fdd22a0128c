import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum PartnershipAPI {
    struct PartnershipBody: Encodable {
        let id: UUID
        let slug: String
        let name: String
        let description: OrNull<String>
        let area: RefBody
        let lto: OrNull<RefBody>
        let councils: [RefBody]
        let memberCount: Int
        let composition: [CompositionCheck.Item]
        let compositionPassed: Bool
        let version: Int

        init(_ p: PartnershipRecord, today: Day = .today()) throws {
            let check = PartnershipQueries.composition(of: p, on: today)
            id = try p.requireID(); slug = p.slug; name = p.name; description = OrNull(p.summary)
            area = RefBody(slug: p.area.slug, name: p.area.name)
            lto = OrNull(p.lto.map { RefBody(slug: $0.slug, name: $0.name) })
            councils = p.area.councils.sorted { $0.name < $1.name }.map { RefBody(slug: $0.slug, name: $0.name) }
            memberCount = p.memberships.filter { $0.isCurrent(on: today) }.count
            composition = check.items
            compositionPassed = check.allPassed
            version = p.version
        }

    }

    struct PartnershipInput: Decodable {
        var name: String?
        var description: Patch<String> = .absent
        var lto: Patch<String> = .absent
        var version: Int?
    }

    struct MemberBody: Encodable {
        struct Person: Encodable { let id: UUID; let name: String; let email: String? }
        let id: UUID
        let person: Person
        let role: String
        let roleLabel: String
        let votes: Bool
        let livesInArea: Bool
        let startsOn: String
        let endsOn: OrNull<String>
        let current: Bool
        let organisation: OrNull<RefBody>
        let version: Int

        init(_ m: MembershipRecord, showContacts: Bool, today: Day = .today()) throws {
            id = try m.requireID()
            person = Person(id: try m.person.requireID(), name: m.person.name, email: showContacts ? m.person.email : nil)
            role = m.roleRaw; roleLabel = m.role.label; votes = m.votes; livesInArea = m.livesInArea
            startsOn = m.startsOnRaw; endsOn = OrNull(m.endsOnRaw); current = m.isCurrent(on: today)
            organisation = OrNull(m.organisation.map { RefBody(slug: $0.slug, name: $0.name) })
            version = m.version
        }

    }

    struct MemberInput: Decodable {
        var person: String?
        var role: String?
        var votes: Bool?
        var livesInArea: Bool?
        var startsOn: String?
        var endsOn: Patch<String> = .absent
        var organisation: Patch<String> = .absent
        var version: Int?
    }

    struct AuditBody: Encodable {
        struct Change: Encodable { let field: String; let before: String?; let after: String? }
        let id: UUID
        let at: Date
        let actor: String
        let action: String
        let entityType: String
        let entityId: String
        let entityLabel: String
        let changes: [Change]

        init(_ e: AuditEntryRecord) throws {
            id = try e.requireID(); at = e.at; actor = e.actorName; action = e.action; entityType = e.entityType
            entityId = e.entityID; entityLabel = e.entityLabel
            changes = e.diff.changes.map { Change(field: $0.field, before: $0.before, after: $0.after) }
        }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .partnerships, .fixed(.viewPublic),
                 doc: APIDoc(summary: "List partnerships", tag: "partnerships", query: APIDoc.paging, response: .list("Partnership"))) { req in
                let paging = try Paging(req)
                let (items, total) = try await PartnershipQueries.list(page: paging.page, per: paging.per, on: req.db)
                return try API.json(ListBody(try items.map { try PartnershipBody($0) }, paging: paging, total: total))
            },
            .api(.GET, .partnership(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One partnership, with its composition checklist", tag: "partnerships",
                             response: .object("Partnership"), errors: [404])) { req in
                try API.json(try PartnershipBody(try await req.partnership()))
            },
            .api(.PATCH, .partnership(":slug"), .resolved(PartnershipPages.editPermission),
                 doc: APIDoc(summary: "Change a partnership's name, description or LTO", tag: "partnerships",
                             request: "PartnershipInput", response: .object("Partnership"), errors: [401, 403, 404, 409, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(PartnershipInput.self, from: req)
                let version = try API.requireVersion(input.version)
                var lto = p.$lto.id?.uuidString
                switch input.lto {
                case .absent: break
                case .null: lto = nil
                case .value(let slug):
                    guard let org = try await OrganisationQueries.find(slug: slug, on: req.db), org.holdsMoney else {
                        throw ValidationFailure("lto", "\(slug) is not an LTO we know: use the slug of an organisation that holds money (kind lto, or holdsMoney true)")
                    }
                    lto = org.id?.uuidString
                }
                let draft = try PartnershipDraft.validate(.init(name: input.name ?? p.name, description: input.description.merged(over: p.summary), lto: lto),
                                                          knownLTOs: try await PartnershipPages.knownLTOs(req))
                _ = try await PartnershipCommands.update(try p.requireID(), expectedVersion: version, draft, by: req.actor, on: req.db)
                return try API.json(try PartnershipBody(try await PartnershipQueries.find(slug: p.slug, on: req.db)!))
            },
            .api(.GET, .members(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Members, current and former (emails only for those allowed to see them)", tag: "partnerships",
                             query: APIDoc.paging, response: .list("Member"), errors: [404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 100)
                let show = Gate.allows(.partnership(.viewMemberContacts(try await req.partnershipScope())), for: req)
                let all = p.memberships.sorted { ($0.startsOnRaw, $0.person.name) < ($1.startsOnRaw, $1.person.name) }
                let page = paging.slice(all)
                return try API.json(ListBody(try page.map { try MemberBody($0, showContacts: show) }, paging: paging, total: all.count))
            },
            .api(.POST, .members(":slug"), .resolved(MemberPages.managePermission),
                 doc: APIDoc(summary: "Add a member", tag: "partnerships", request: "MemberInput",
                             response: .object("Member"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(MemberInput.self, from: req)
                let core = try await coreInput(input, current: nil, req)
                let m = try await PartnershipCommands.addMember(to: try p.requireID(), core, by: req.actor, on: req.db)
                return try API.json(try await memberBody(m.requireID(), req), status: .created)
            },
            .api(.GET, .member(":slug", ":id"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One membership", tag: "partnerships", response: .object("Member"), errors: [404])) { req in
                try API.json(try await memberBody(try await MemberPages.membership(req).requireID(), req))
            },
            .api(.PATCH, .member(":slug", ":id"), .resolved(MemberPages.managePermission),
                 doc: APIDoc(summary: "Change a membership: role, vote, dates (set endsOn to end it)", tag: "partnerships",
                             request: "MemberInput", response: .object("Member"), errors: [401, 403, 404, 409, 422])) { req in
                let p = try await req.partnership()
                let m = try await MemberPages.membership(req)
                let input = try API.body(MemberInput.self, from: req)
                let version = try API.requireVersion(input.version)
                let core = try await coreInput(input, current: m, req)
                _ = try await PartnershipCommands.updateMember(try m.requireID(), in: try p.requireID(), expectedVersion: version,
                                                               core, by: req.actor, on: req.db)
                return try API.json(try await memberBody(try m.requireID(), req))
            },
            .api(.GET, .audit(":slug"), .resolved { req in .partnership(.viewAuditLog(try await req.partnershipScope())) },
                 doc: APIDoc(summary: "The partnership's audit log, newest first", tag: "partnerships", query: APIDoc.paging,
                             response: .list("AuditEntry"), errors: [401, 403, 404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 50)
                let (entries, total) = try await AuditQueries.forPartnership(try p.requireID(), page: paging.page, per: paging.per, on: req.db)
                return try API.json(ListBody(try entries.map(AuditBody.init), paging: paging, total: total))
            },
        ]
    }

    static func memberBody(_ id: UUID, _ req: Request) async throws -> MemberBody {
        guard let m = try await MembershipRecord.query(on: req.db).filter(\.$id == id).with(\.$person).with(\.$organisation).first() else {
            throw NotFound("membership")
        }
        let show = Gate.allows(.partnership(.viewMemberContacts(try await req.partnershipScope())), for: req)
        return try MemberBody(m, showContacts: show)
    }

    static func coreInput(_ input: MemberInput, current: MembershipRecord?, _ req: Request) async throws -> MembershipDraft.Input {
        var organisation = current?.$organisation.id?.uuidString
        switch input.organisation {
        case .absent: break
        case .null: organisation = nil
        case .value(let slug):
            guard let org = try await OrganisationQueries.find(slug: slug, on: req.db) else {
                throw ValidationFailure("organisation", "\(slug) is not an organisation we know")
            }
            organisation = org.id?.uuidString
        }
        let role = input.role ?? current?.roleRaw
        return MembershipDraft.Input(person: input.person ?? current?.$person.id.uuidString, role: role,
                                     votes: input.votes ?? current?.votes, livesInArea: input.livesInArea ?? current?.livesInArea,
                                     startsOn: input.startsOn ?? current?.startsOnRaw, endsOn: input.endsOn.merged(over: current?.endsOnRaw),
                                     organisation: organisation)
    }
}
