import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum MemberPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .newMember(":slug"), .resolved(managePermission)) { req in
                let p = try await req.partnership()
                let form = try await memberForm(req, action: SiteURL.newMember(p.slug).path, submit: "Add member", creating: true)
                    .showing(["startsOn": Day.today().description, "votes": "true"], errors: [])
                return try await AreaPages.formPage(req, form: form, title: "Add a member to \(p.name)", back: .partnership(p.slug))
            },
            .page(.POST, .newMember(":slug"), .resolved(managePermission), handler: add),
            .page(.GET, .editMember(":slug", ":id"), .resolved(managePermission)) { req in
                let p = try await req.partnership()
                let m = try await membership(req)
                let form = try await memberForm(req, action: SiteURL.editMember(p.slug, m.id!.uuidString).path, submit: "Save changes", creating: false)
                    .showing(values(of: m), errors: []).hiding("version", String(m.version))
                return try await AreaPages.formPage(req, form: form, title: "Edit \(m.person.name)'s membership", back: .partnership(p.slug))
            },
            .page(.POST, .editMember(":slug", ":id"), .resolved(managePermission), handler: update),
        ]
    }

    static func managePermission(_ req: Request) async throws -> Permission {
        .partnership(.manageMembers(try await req.partnershipScope()))
    }

    static func membership(_ req: Request) async throws -> MembershipRecord {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self), let m = p.memberships.first(where: { $0.id == id }) else {
            throw NotFound("membership")
        }
        return m
    }

    static func memberForm(_ req: Request, action: String, submit: String, creating: Bool) async throws -> FormView {
        let orgs = try await OrganisationQueries.list(page: 1, per: 500, on: req.db).items
        var fields: [FieldView] = []
        if creating {
            fields.append(.email("person", "Email address of the person joining",
                                 hint: "They must have registered an account with this address and confirmed it from the link we e-mailed them", autocomplete: "off"))
        }
        fields += [
            .select("role", "Role", options: MembershipRole.allCases.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose a role"),
            .checkbox("votes", "Has a vote",
                      hint: "Councillors may sit without a vote, so residents have the final say; reps, project workers and observers usually have none",
                      checked: true),
            .checkbox("livesInArea", "Lives in the area", hint: "Residents always do; say whether the chair and others do", checked: false),
            .date("startsOn", "Start date"),
            .date("endsOn", "End date", hint: "Leave blank while they are a member. Fill in to end the membership"),
            .select("organisation", "Organisation they represent", hint: "Optional: for an LTO, council or local organisation seat",
                    options: orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }, blank: "None"),
        ]
        return FormView(req, action: action, submit: submit, fields: fields)
    }

    static func values(of m: MembershipRecord) -> [String: String] {
        ["role": m.roleRaw, "votes": m.votes ? "true" : "", "livesInArea": m.livesInArea ? "true" : "",
         "startsOn": m.startsOnRaw, "endsOn": m.endsOnRaw ?? "", "organisation": m.$organisation.id?.uuidString ?? ""]
    }

    static func draftInput(_ input: FormInput) -> MembershipDraft.Input {
        // An unticked checkbox sends nothing, which means "no" on a form.
        MembershipDraft.Input(person: input["person"], role: input["role"], votes: input.flag("votes"),
                              livesInArea: input.flag("livesInArea"), startsOn: input["startsOn"], endsOn: input["endsOn"],
                              organisation: input["organisation"])
    }

    static func add(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            _ = try await PartnershipCommands.addMember(to: try p.requireID(), draftInput(input), by: req.actor, on: req.db)
            req.flash("The member has been added.")
            return req.seeOther(.partnership(p.slug))
        } catch let failure as ValidationFailure {
            let form = try await memberForm(req, action: SiteURL.newMember(p.slug).path, submit: "Add member", creating: true)
                .showing(input.values, errors: failure.errors)
            return try await AreaPages.formPage(req, form: form, title: "Add a member to \(p.name)", back: .partnership(p.slug),
                                                status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let m = try await membership(req)
        let input = FormInput(req)
        let action = SiteURL.editMember(p.slug, m.id!.uuidString).path
        let title = "Edit \(m.person.name)'s membership"
        do {
            _ = try await PartnershipCommands.updateMember(try m.requireID(), in: try p.requireID(), expectedVersion: input.version,
                                                           draftInput(input), by: req.actor, on: req.db)
            req.flash("\(m.person.name)'s membership has been updated.")
            return req.seeOther(.partnership(p.slug))
        } catch let failure as ValidationFailure {
            let form = try await memberForm(req, action: action, submit: "Save changes", creating: false)
                .showing(input.values, errors: failure.errors).hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: title, back: .partnership(p.slug), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await MembershipRecord.find(m.id, on: req.db)
            var form = try await memberForm(req, action: action, submit: "Save changes", creating: false)
                .showing(input.values, errors: []).hiding("version", String(current?.version ?? m.version))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: title, back: .partnership(p.slug), status: .conflict)
        }
    }
}
