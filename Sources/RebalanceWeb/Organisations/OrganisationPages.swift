import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum OrganisationPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .organisations, .fixed(.viewPublic), handler: index),
            .page(.GET, .newOrganisation, .fixed(.account(.useOwn))) { req in
                try await AreaPages.formPage(req, form: organisationForm(req, action: SiteURL.newOrganisation.path, submit: "Add organisation"),
                                             title: "Add an organisation", back: .organisations)
            },
            .page(.POST, .newOrganisation, .fixed(.account(.useOwn)), handler: create),
            .page(.GET, .organisation(":slug"), .fixed(.viewPublic)) { req in try await show(req) },
            .page(.GET, .editOrganisation(":slug"), .resolved(editPermission)) { req in
                let org = try await req.organisation()
                let form = organisationForm(req, action: SiteURL.editOrganisation(org.slug).path, submit: "Save changes")
                    .showing(values(of: org), errors: []).hiding("version", String(org.version))
                return try await AreaPages.formPage(req, form: form, title: "Edit \(org.name)", back: .organisation(org.slug))
            },
            .page(.POST, .editOrganisation(":slug"), .resolved(editPermission), handler: update),
            .page(.POST, .organisationTeams(":slug"), .resolved(editPermission)) { req in
                let org = try await req.organisation()
                let input = FormInput(req)
                do {
                    let draft = try TeamDraft.validate(name: input["name"], remit: input["remit"])
                    _ = try await OrganisationCommands.addTeam(to: try org.requireID(), draft, by: req.actor, on: req.db)
                    req.flash("The team \(draft.name) has been added.")
                    return req.seeOther(.organisation(org.slug))
                } catch let failure as ValidationFailure {
                    return try await show(req, teamForm: teamForm(req, org).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
                }
            },
            .page(.POST, .organisationStaff(":slug"), .resolved(editPermission)) { req in
                let org = try await req.organisation()
                let input = FormInput(req)
                do {
                    _ = try await OrganisationCommands.addStaff(to: try org.requireID(), email: input["email"], jobTitle: input["jobTitle"],
                                                                team: input["team"], isAdministrator: input.flag("isAdministrator"),
                                                                by: req.actor, on: req.db)
                    req.flash("The staff member has been added.")
                    return req.seeOther(.organisation(org.slug))
                } catch let failure as ValidationFailure {
                    return try await show(req, staffForm: staffForm(req, org).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
                }
            },
            .page(.POST, .removeStaff(":slug", ":id"), .resolved(editPermission)) { req in
                let org = try await req.organisation()
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("staff member") }
                do {
                    try await OrganisationCommands.removeStaff(id, from: try org.requireID(), by: req.actor, on: req.db)
                    req.flash("They are no longer listed as staff.")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.organisation(org.slug))
            },
            .page(.POST, .staffAdministrator(":slug", ":id"), .resolved(editPermission)) { req in
                let org = try await req.organisation()
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("staff member") }
                let makeAdministrator = FormInput(req).flag("isAdministrator")
                do {
                    try await OrganisationCommands.setAdministrator(id, of: try org.requireID(), to: makeAdministrator, by: req.actor, on: req.db)
                    req.flash(makeAdministrator ? "They are now an administrator of \(org.name)." : "They are no longer an administrator of \(org.name).")
                } catch let failure as ValidationFailure {
                    req.flash(failure.errors.map(\.message).joined(separator: ". "))
                }
                return req.seeOther(.organisation(org.slug))
            },
        ]
    }

    static func editPermission(_ req: Request) async throws -> Permission {
        let org = try await req.organisation()
        return .organisation(.edit(OrganisationScope(organisationID: try org.requireID(), kind: org.kind)))
    }

    // MARK: list

    struct IndexView: Encodable {
        let chrome: PageChrome
        let groups: [Group]
        let canAdd: Bool
        let newHref: String
        struct Group: Encodable { let heading: String; let organisations: [Line] }
        struct Line: Encodable { let name: String; let href: String; let identifier: String? }
    }

    static func index(_ req: Request) async throws -> Response {
        let all = try await OrganisationQueries.list(page: 1, per: 1000, on: req.db).items
        let groups = OrganisationKind.allCases.compactMap { kind -> IndexView.Group? in
            let orgs = all.filter { $0.kind == kind }
            guard !orgs.isEmpty else { return nil }
            return .init(heading: kind.pluralLabel, organisations: orgs.map {
                .init(name: $0.name, href: SiteURL.organisation($0.slug).path, identifier: $0.identifier)
            })
        }
        return try await req.render("organisations/index", IndexView(
            chrome: await PageChrome(req, title: "Organisations"), groups: groups,
            canAdd: req.actor.isSignedIn, newHref: SiteURL.newOrganisation.path))
    }

    // MARK: one organisation

    struct OrganisationView: Encodable {
        let chrome: PageChrome
        let name: String
        let kind: String
        let identifier: String?
        let description: String?
        let website: String?
        let teams: [Team]
        let staff: [Staff]
        let areas: [Link]
        let partnerships: [Link]
        let editHref: String?
        let teamForm: FormView?
        let staffForm: FormView?
        let isCouncil: Bool
        let csrf: String?
        let directoryHref: String
        let statisticsHref: String
        /// The council's inbox, for its own staff.
        let inboxHref: String?
        /// A funder's table of the areas it funds, for its own staff.
        let funderHref: String?
        struct Team: Encodable { let name: String; let remit: String? }
        struct Staff: Encodable {
            let name: String; let jobTitle: String; let team: String?; let isAdministrator: Bool
            let removeAction: String?; let administratorAction: String?
        }
        struct Link: Encodable { let href: String; let label: String }
    }

    static func show(_ req: Request, teamForm: FormView? = nil, staffForm: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let org = try await req.organisation()
        let id = try org.requireID()
        let canEdit = Gate.allows(try await editPermission(req), for: req)
        let staff = try await OrganisationQueries.staff(of: id, on: req.db)
        return try await req.render("organisations/show", OrganisationView(
            chrome: await PageChrome(req, title: org.name), name: org.name,
            kind: org.kind.label + (org.holdsMoney && org.kind != .lto ? "; also a locally trusted organisation" : ""), identifier: org.identifier,
            description: org.summary, website: org.website,
            teams: org.teams.sorted { $0.name < $1.name }.map { .init(name: $0.name, remit: $0.remit) },
            staff: staff.map { s in
                .init(name: s.person.name, jobTitle: s.jobTitle, team: s.team?.name, isAdministrator: s.isAdministrator,
                      removeAction: canEdit ? SiteURL.removeStaff(org.slug, s.id!.uuidString).path : nil,
                      administratorAction: canEdit ? SiteURL.staffAdministrator(org.slug, s.id!.uuidString).path : nil)
            },
            areas: try await OrganisationQueries.areasServed(by: id, on: req.db).map { .init(href: SiteURL.area($0.slug).path, label: $0.name) },
            partnerships: try await OrganisationQueries.partnershipsHeld(by: id, on: req.db).map { .init(href: SiteURL.partnership($0.slug).path, label: $0.name) },
            editHref: canEdit ? SiteURL.editOrganisation(org.slug).path : nil,
            teamForm: canEdit && org.kind == .council ? (teamForm ?? self.teamForm(req, org)) : nil,
            staffForm: canEdit ? (staffForm ?? self.staffForm(req, org)) : nil,
            isCouncil: org.kind == .council, csrf: canEdit ? req.csrfToken : nil,
            directoryHref: SiteURL.councilDirectory(org.slug).path, statisticsHref: SiteURL.councilStatistics(org.slug).path,
            inboxHref: org.kind == .council && Gate.allows(.enquiry(.inbox(councilID: id)), for: req) ? SiteURL.councilInbox(org.slug).path : nil,
            funderHref: org.kind == .funder && Gate.allows(.money(.viewFunderTable(funderID: id)), for: req) ? SiteURL.funder(org.slug).path : nil),
            status: status)
    }

    static func teamForm(_ req: Request, _ org: OrganisationRecord) -> FormView {
        FormView(req, action: SiteURL.organisationTeams(org.slug).path, submit: "Add team", fields: [
            .text("name", "Team name", required: true),
            .textarea("remit", "What the team looks after", hint: "Topics residents may ask it about"),
        ])
    }

    static func staffForm(_ req: Request, _ org: OrganisationRecord) -> FormView {
        var fields: [FieldView] = [
            .email("email", "Their email address", hint: "They must have registered an account and confirmed this address from the link we e-mailed them", autocomplete: "off"),
            .text("jobTitle", "Job title", required: true),
        ]
        let adminHint = org.kind == .council
            ? "May change the council's details, teams, staff and responsibility directory"
            : "May change the organisation's details and staff"
        if org.kind == .council {
            fields.append(.select("team", "Team", options: org.teams.sorted { $0.name < $1.name }.map { .init(value: $0.id!.uuidString, label: $0.name) },
                                  blank: "No particular team"))
        }
        fields.append(.checkbox("isAdministrator", "Make them an administrator", hint: adminHint, checked: false))
        return FormView(req, action: SiteURL.organisationStaff(org.slug).path, submit: "Add staff member", fields: fields)
    }

    // MARK: create and edit

    static func organisationForm(_ req: Request, action: String, submit: String) -> FormView {
        let kinds = OrganisationKind.allCases.filter { Gate.allows(.organisation(.create($0)), for: req) || !$0.needsAdministratorToCreate }
        return FormView(req, action: action, submit: submit, fields: [
            .text("name", "Name", required: true),
            .select("kind", "Kind of organisation",
                    hint: req.actor.isAdmin ? nil : "Councils and LTOs are added by site administrators",
                    options: kinds.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose a kind"),
            .text("identifier", "Identifier (optional)",
                  hint: "Its number in a public register, org-id style: a charity GB-CHC-1145268, a company GB-COH-09506232, an English council GB-LAE-MAN",
                  width: "medium"),
            .textarea("description", "What it does"),
            .text("website", "Website (optional)", hint: "The full address, starting https://", autocomplete: "url"),
        ] + (Gate.allows(.organisation(.create(.lto)), for: req) ? [
            .checkbox("holdsMoney", "It also holds partnerships’ money as a locally trusted organisation", checked: false),
        ] : []))
    }

    /// Changing kind, or starting to hold money, needs the right to add that kind.
    static func requireChange(from org: OrganisationRecord, to draft: OrganisationDraft, _ req: Request) throws {
        if draft.kind != org.kind { try Gate.require(.organisation(.create(draft.kind)), for: req) }
        if draft.holdsMoney, !org.holdsMoney { try Gate.require(.organisation(.create(.lto)), for: req) }
    }

    static func values(of org: OrganisationRecord) -> [String: String] {
        ["name": org.name, "kind": org.kindRaw, "identifier": org.identifier ?? "", "description": org.summary ?? "", "website": org.website ?? "", "holdsMoney": org.holdsMoney ? "true" : ""]
    }

    static func draftInput(_ input: FormInput) -> OrganisationDraft.Input {
        .init(name: input["name"], kind: input["kind"], identifier: input["identifier"], description: input["description"], website: input["website"],
              holdsMoney: input.flag("holdsMoney"))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        do {
            let draft = try OrganisationDraft.validate(draftInput(input))
            for kind in draft.guardedKinds { try Gate.require(.organisation(.create(kind)), for: req) }
            let org = try await OrganisationCommands.create(draft, by: req.actor, on: req.db)
            req.flash("\(org.name) has been added.")
            return req.seeOther(.organisation(org.slug))
        } catch let failure as ValidationFailure {
            return try await AreaPages.formPage(req, form: organisationForm(req, action: SiteURL.newOrganisation.path, submit: "Add organisation")
                .showing(input.values, errors: failure.errors), title: "Add an organisation", back: .organisations, status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let org = try await req.organisation()
        let input = FormInput(req)
        let form = organisationForm(req, action: SiteURL.editOrganisation(org.slug).path, submit: "Save changes")
        do {
            let draft = try OrganisationDraft.validate(draftInput(input))
            try OrganisationPages.requireChange(from: org, to: draft, req)
            _ = try await OrganisationCommands.update(try org.requireID(), expectedVersion: input.version, draft, by: req.actor, on: req.db)
            req.flash("Your changes have been saved.")
            return req.seeOther(.organisation(org.slug))
        } catch let failure as ValidationFailure {
            return try await AreaPages.formPage(req, form: form.showing(input.values, errors: failure.errors).hiding("version", String(input.version)),
                                                title: "Edit \(org.name)", back: .organisation(org.slug), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await OrganisationRecord.find(org.id, on: req.db)
            var shown = form.showing(input.values, errors: []).hiding("version", String(current?.version ?? org.version))
            shown.conflict = conflict.message
            return try await AreaPages.formPage(req, form: shown, title: "Edit \(org.name)", back: .organisation(org.slug), status: .conflict)
        }
    }
}

extension OrganisationKind {
    var pluralLabel: String {
        switch self {
        case .council: return "Councils"
        case .lto: return "Locally Trusted Organisations"
        case .communityGroup: return "Community groups"
        case .localOrganisation: return "Other local organisations"
        case .funder: return "Funders"
        }
    }
}

struct OrganisationKey: StorageKey { typealias Value = OrganisationRecord }

extension Request {
    func organisation() async throws -> OrganisationRecord {
        if let cached = storage[OrganisationKey.self] { return cached }
        guard let slug = parameters.get("slug"), let org = try await OrganisationQueries.find(slug: slug, on: db) else {
            throw NotFound("organisation")
        }
        storage[OrganisationKey.self] = org
        return org
    }
}
