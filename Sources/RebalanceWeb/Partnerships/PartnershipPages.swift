import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum PartnershipPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .partnership(":slug"), .fixed(.viewPublic), handler: show),
            .page(.GET, .editPartnership(":slug"), .resolved(editPermission)) { req in
                let p = try await req.partnership()
                let form = try await partnershipForm(req, p).showing(values(of: p), errors: []).hiding("version", String(p.version))
                return try await AreaPages.formPage(req, form: form, title: "Edit \(p.name)", back: .partnership(p.slug))
            },
            .page(.POST, .editPartnership(":slug"), .resolved(editPermission), handler: update),
            .page(.GET, .auditLog(":slug"), .resolved { req in .partnership(.viewAuditLog(try await req.partnershipScope())) }, handler: auditLog),
        ]
    }

    static func editPermission(_ req: Request) async throws -> Permission {
        .partnership(.edit(try await req.partnershipScope()))
    }

    // MARK: the partnership page

    struct PartnershipView: Encodable {
        let chrome: PageChrome
        /// What waits for the signed-in person in this partnership ("needs attention").
        let attention: [WorkPages.Line]
        let yourWorkHref: String
        let name: String
        let description: String?
        let area: Link
        let lto: Link?
        let councils: [Link]
        let composition: CompositionCheck
        let members: [MemberLine]
        let formerMembers: [MemberLine]
        let showContacts: Bool
        /// Whether any current member's row has an edit or handover link.
        let showActions: Bool
        /// Changes of council contact, for those who may read the handover notes.
        let handovers: [Link]
        let editHref: String?
        let addMemberHref: String?
        let auditHref: String?
        /// Asking to join: the form for people signed in, sign-in first for visitors; members have no need.
        let joinHref: String?
        let writeToChairHref: String?
        /// For the chair: requests waiting for an answer.
        let requestsHref: String?
        let pendingRequests: Int
        let nav: PartnershipNav
        struct Link: Encodable { let href: String; let label: String }
        struct MemberLine: Encodable {
            let name: String
            let email: String?
            let role: String
            let votes: Bool
            let period: String
            let organisation: String?
            let editHref: String?
            let handoverHref: String?
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let scope = try PartnershipQueries.scope(of: p)
        let showContacts = Gate.allows(.partnership(.viewMemberContacts(scope)), for: req)
        let canManage = Gate.allows(.partnership(.manageMembers(scope)), for: req)
        let today = Day.today()
        func line(_ m: MembershipRecord) -> PartnershipView.MemberLine {
            .init(name: m.person.name, email: showContacts ? m.person.email : nil, role: m.role.label, votes: m.votes,
                  period: Format.period(m.startsOn, m.endsOn), organisation: m.organisation?.name,
                  editHref: canManage ? SiteURL.editMember(p.slug, m.id!.uuidString).path : nil,
                  handoverHref: HandoverRules.isRequired(for: m.role) && m.isCurrent(on: today)
                      && Gate.allows(.handover(.write(scope, leaver: m.$person.id)), for: req)
                      ? SiteURL.handover(p.slug, m.id!.uuidString).path : nil)
        }
        let ordered = p.memberships.sorted { ($0.role.sortOrder, $0.person.name) < ($1.role.sortOrder, $1.person.name) }
        let current = ordered.filter { $0.isCurrent(on: today) }.map(line)
        return try await req.render("partnerships/show", PartnershipView(
            chrome: await PageChrome(req, title: p.name),
            attention: req.actor.isSignedIn ? try await req.workItems().filter { $0.partnershipSlug == p.slug }.map { WorkPages.Line($0, today: today) } : [],
            yourWorkHref: SiteURL.yourWork.path,
            name: p.name, description: p.summary,
            area: .init(href: SiteURL.area(p.area.slug).path, label: p.area.name),
            lto: p.lto.map { .init(href: SiteURL.organisation($0.slug).path, label: $0.name) },
            councils: p.area.councils.map { .init(href: SiteURL.organisation($0.slug).path, label: $0.name) },
            composition: PartnershipQueries.composition(of: p, on: today),
            members: current,
            formerMembers: ordered.filter { !$0.isCurrent(on: today) }.map(line),
            showContacts: showContacts,
            showActions: current.contains { $0.editHref != nil || $0.handoverHref != nil },
            handovers: Gate.allows(.handover(.read(scope)), for: req)
                ? try await HandoverQueries.all(in: try p.requireID(), on: req.db).map {
                    .init(href: SiteURL.handoverNote(p.slug, try $0.requireID().uuidString).path,
                          label: "\($0.leaver.name) to \($0.successor.name), \($0.lastDay.readable)")
                } : [],
            editHref: Gate.allows(.partnership(.edit(scope)), for: req) ? SiteURL.editPartnership(p.slug).path : nil,
            addMemberHref: canManage ? SiteURL.newMember(p.slug).path : nil,
            auditHref: Gate.allows(.partnership(.viewAuditLog(scope)), for: req) ? SiteURL.auditLog(p.slug).path : nil,
            joinHref: req.actor.isMember(of: scope.partnershipID) ? nil
                : (req.actor.isSignedIn ? SiteURL.joinPartnership(p.slug).path : SiteURL.signIn.path + "?next=" + SiteURL.joinPartnership(p.slug).path),
            writeToChairHref: req.actor.isSignedIn ? SiteURL.writeToChair(p.slug).path : nil,
            requestsHref: canManage ? SiteURL.joinRequests(p.slug).path : nil,
            pendingRequests: canManage ? try await JoinRequestQueries.pending(in: [scope.partnershipID], on: req.db).count : 0,
            nav: PartnershipNav(req, p.slug)))
    }

    // MARK: edit

    static func partnershipForm(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let ltos = try await OrganisationQueries.moneyHolders(on: req.db)
        return FormView(req, action: SiteURL.editPartnership(p.slug).path, submit: "Save changes", fields: [
            .text("name", "Partnership name", required: true),
            .textarea("description", "About the partnership", hint: "What it is for and how people can get involved"),
            .select("lto", "Locally Trusted Organisation (LTO)",
                    hint: "The organisation that receives, looks after and accounts for the money on the partnership's behalf",
                    options: ltos.map { .init(value: $0.id!.uuidString, label: $0.name) }, blank: "None yet"),
        ])
    }

    static func values(of p: PartnershipRecord) -> [String: String] {
        ["name": p.name, "description": p.summary ?? "", "lto": p.$lto.id?.uuidString ?? ""]
    }

    static func knownLTOs(_ req: Request) async throws -> Set<UUID> {
        Set(try await OrganisationQueries.moneyHolders(on: req.db).compactMap(\.id))
    }

    static func update(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let draft = try PartnershipDraft.validate(.init(name: input["name"], description: input["description"], lto: input["lto"]),
                                                      knownLTOs: try await knownLTOs(req))
            _ = try await PartnershipCommands.update(try p.requireID(), expectedVersion: input.version, draft, by: req.actor, on: req.db)
            req.flash("Your changes have been saved.")
            return req.seeOther(.partnership(p.slug))
        } catch let failure as ValidationFailure {
            let form = try await partnershipForm(req, p).showing(input.values, errors: failure.errors).hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: "Edit \(p.name)", back: .partnership(p.slug), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await PartnershipRecord.find(p.id, on: req.db)
            var form = try await partnershipForm(req, p).showing(input.values, errors: []).hiding("version", String(current?.version ?? p.version))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: "Edit \(p.name)", back: .partnership(p.slug), status: .conflict)
        }
    }

    // MARK: audit log

    struct AuditView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let entries: [Entry]
        let pager: Pager
        struct Entry: Encodable {
            let when: String
            let who: String
            let what: String
            let changes: [AuditDiff.Change]
        }
    }

    static func auditLog(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let paging = try Paging(req, defaultPer: 50)
        let (entries, total) = try await AuditQueries.forPartnership(try p.requireID(), page: paging.page, per: paging.per, on: req.db)
        return try await req.render("partnerships/audit", AuditView(
            chrome: await PageChrome(req, title: "Audit log: \(p.name)"), partnership: p.name,
            partnershipHref: SiteURL.partnership(p.slug).path,
            entries: entries.map { e in
                .init(when: Format.dateTime(e.at), who: e.actorName,
                      what: "\(e.action.replacingOccurrences(of: "_", with: " ").capitalized) \(e.entityType.replacingOccurrences(of: "_", with: " ")) “\(e.entityLabel)”",
                      changes: e.diff.changes)
            },
            pager: Pager(paging: paging, total: total, path: SiteURL.auditLog(p.slug).path)))
    }
}

extension AuditDiff.Change: Encodable {
    enum CodingKeys: String, CodingKey { case field, before, after }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field.replacingOccurrences(of: "_", with: " "), forKey: .field)
        try c.encode(before ?? "", forKey: .before)
        try c.encode(after ?? "", forKey: .after)
    }
}


extension MembershipRole {
    /// Chair first, then residents, then everyone else in the order of the enum.
    var sortOrder: Int { MembershipRole.allCases.firstIndex(of: self)! == 1 ? -1 : MembershipRole.allCases.firstIndex(of: self)! }
}

struct PartnershipKey: StorageKey { typealias Value = PartnershipRecord }

extension Request {
    /// The partnership named by `:slug`, with area, councils, LTO and members, loaded once per request.
    func partnership() async throws -> PartnershipRecord {
        if let cached = storage[PartnershipKey.self] { return cached }
        guard let slug = parameters.get("slug"), let p = try await PartnershipQueries.find(slug: slug, on: db) else {
            throw NotFound("partnership")
        }
        storage[PartnershipKey.self] = p
        return p
    }

    func partnershipScope() async throws -> PartnershipScope {
        try PartnershipQueries.scope(of: try await partnership())
    }
}
