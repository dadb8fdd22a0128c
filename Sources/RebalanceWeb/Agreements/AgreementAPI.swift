import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum AgreementAPI {
    struct FixedItemBody: Encodable { let text: String; let basis: String }

    struct ContentBody: Encodable {
        let aims: String
        let roles: String
        let priorities: String
        let fixedItems: [FixedItemBody]
        let negotiable: [String]
        let liabilities: String
        let decisionMaking: String
        let decisionRules: OrNull<DecisionRulesBody>
        let reviewOn: OrNull<String>
        init(_ c: AgreementContent) {
            aims = c.aims; roles = c.roles; priorities = c.priorities
            fixedItems = c.fixedItems.map { FixedItemBody(text: $0.text, basis: $0.basis.rawValue) }
            negotiable = c.negotiable; liabilities = c.liabilities; decisionMaking = c.decisionMaking
            decisionRules = OrNull(c.decisionRules.map(DecisionRulesBody.init))
            reviewOn = OrNull(c.reviewOn?.description)
        }
    }

    struct SignatureBody: Encodable { let name: String; let on: String }

    struct VersionBody: Encodable {
        let number: Int
        let status: String
        let changeSummary: String
        let draftedBy: String
        let draftedOn: String
        let councilOfficer: String
        let partnershipSignature: OrNull<SignatureBody>
        let councilSignature: OrNull<SignatureBody>
        let effectiveOn: OrNull<String>
        let content: ContentBody
        let version: Int
        init(_ v: AgreementVersionRecord, status: AgreementVersionStatus) {
            number = v.number; self.status = status.rawValue; changeSummary = v.changeSummary; draftedBy = v.draftedByName
            draftedOn = v.draftedOnRaw; councilOfficer = v.councilOfficerName
            partnershipSignature = OrNull(v.partnershipSignedByName.map { SignatureBody(name: $0, on: v.partnershipSignedOnRaw ?? "") })
            councilSignature = OrNull(v.councilSignedByName.map { SignatureBody(name: $0, on: v.councilSignedOnRaw ?? "") })
            effectiveOn = OrNull(v.effectiveOn?.description); content = ContentBody(v.content); version = v.version
        }
    }

    struct AgreementBody: Encodable {
        let inForce: OrNull<VersionBody>
        let latest: OrNull<VersionBody>
    }

    struct DraftInput: Decodable {
        var aims: String?
        var roles: String?
        var priorities: String?
        var fixedLegal: [String]?
        var fixedHabit: [String]?
        var negotiable: [String]?
        var liabilities: String?
        var decisionMaking: String?
        var decisionRules: DecisionRules.Input?
        var reviewOn: String?
        var changeSummary: String?
        var councilOfficer: String?
        var basedOn: Int?
        var version: Int?
    }

    struct SignInput: Decodable {
        var side: String?
        var version: Int?
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .agreement(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The agreement in force and the newest version", tag: "agreement",
                             response: .object("Agreement"), errors: [404])) { req in
                let p = try await req.partnership()
                let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
                let statuses = AgreementQueries.statuses(versions)
                func body(_ v: AgreementVersionRecord?) -> OrNull<VersionBody> {
                    OrNull(v.map { VersionBody($0, status: statuses[$0.number] ?? .draft) })
                }
                return try API.json(AgreementBody(inForce: body(AgreementQueries.inForce(versions)), latest: body(versions.last)))
            },
            .api(.GET, .agreementVersions(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Every version of the agreement, oldest first", tag: "agreement", query: APIDoc.paging,
                             response: .list("AgreementVersion"), errors: [404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req, defaultPer: 100)
                let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
                let statuses = AgreementQueries.statuses(versions)
                let page = paging.slice(versions)
                return try API.json(ListBody(page.map { VersionBody($0, status: statuses[$0.number] ?? .draft) }, paging: paging, total: versions.count))
            },
            .api(.POST, .agreementVersions(":slug"), .resolved(AgreementPages.draftPermission),
                 doc: APIDoc(summary: "Draft a change: edits the newest version while nobody has signed it, otherwise makes a new one",
                             tag: "agreement", request: "AgreementDraftInput", response: .object("AgreementVersion"), status: 201,
                             errors: [401, 403, 404, 409, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(DraftInput.self, from: req)
                guard let basedOn = input.basedOn else {
                    throw ValidationFailure("basedOn", "basedOn is missing: send the number of the newest version you read (0 if there is none)")
                }
                let v = try await AgreementCommands.saveDraft(
                    in: try p.requireID(),
                    .init(aims: input.aims, roles: input.roles, priorities: input.priorities,
                          fixedLegal: input.fixedLegal?.joined(separator: "\n"), fixedHabit: input.fixedHabit?.joined(separator: "\n"),
                          negotiable: input.negotiable?.joined(separator: "\n"), liabilities: input.liabilities,
                          decisionMaking: input.decisionMaking, decisionRules: input.decisionRules,
                          reviewOn: input.reviewOn, changeSummary: input.changeSummary,
                          councilOfficer: input.councilOfficer),
                    seenLatest: basedOn, expectedVersion: input.version, by: req.actor, on: req.db)
                return try API.json(try await versionBody(v.number, req), status: .created)
            },
            .api(.POST, .agreementSignatures(":slug", ":id"), .resolved(AgreementPages.signPermission),
                 doc: APIDoc(summary: "Sign a version for one side (the chair for the partnership, the named officer for the council)",
                             tag: "agreement", request: "AgreementSignInput", response: .object("AgreementVersion"),
                             errors: [401, 403, 404, 409, 422])) { req in
                let p = try await req.partnership()
                guard let number = req.parameters.get("id", as: Int.self),
                      try await AgreementQueries.version(number, in: try p.requireID(), on: req.db) != nil else { throw NotFound("agreement version") }
                let input = try API.body(SignInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await AgreementCommands.sign(number: number, in: try p.requireID(), side: input.side, expectedVersion: version,
                                                     by: req.actor, notify: req.noticeSender, on: req.db)
                return try API.json(try await versionBody(number, req))
            },
        ]
    }

    static func versionBody(_ number: Int, _ req: Request) async throws -> VersionBody {
        let p = try await req.partnership()
        let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
        guard let v = versions.first(where: { $0.number == number }) else { throw NotFound("agreement version") }
        return VersionBody(v, status: AgreementQueries.statuses(versions)[number] ?? .draft)
    }
}
