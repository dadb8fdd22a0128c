import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum AreaPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .home, .fixed(.viewPublic), handler: home),
            .page(.GET, .newArea, .fixed(.area(.create))) { req in
                try await formPage(req, form: try await areaForm(req, action: SiteURL.newArea.path, submit: "Create area", creating: true),
                                   title: "Create an area")
            },
            .page(.POST, .newArea, .fixed(.area(.create)), handler: create),
            .page(.GET, .area(":slug"), .fixed(.viewPublic), handler: show),
            .page(.GET, .editArea(":slug"), .resolved(editPermission)) { req in
                let area = try await req.area()
                let form = try await areaForm(req, action: SiteURL.editArea(area.slug).path, submit: "Save changes", creating: false,
                                             checked: area.councils.compactMap { $0.id?.uuidString })
                    .showing(values(of: area), errors: []).hiding("version", String(area.version))
                return try await formPage(req, form: form, title: "Edit \(area.name)", back: SiteURL.area(area.slug))
            },
            .page(.POST, .editArea(":slug"), .resolved(editPermission), handler: update),
        ]
    }

    static func editPermission(_ req: Request) async throws -> Permission {
        .area(.edit(try AreaQueries.scope(of: try await req.area())))
    }

    // MARK: home

    struct HomeView: Encodable {
        let chrome: PageChrome
        let areas: [AreaLine]
        let pager: Pager
        let canCreate: Bool
        let newAreaHref: String
        struct AreaLine: Encodable {
            let name: String
            let href: String
            let councils: String
            let partnership: String?
            let partnershipHref: String?
            let population: String?
        }
    }

    static func home(_ req: Request) async throws -> Response {
        let paging = try Paging(req, defaultPer: 50)
        let (areas, total) = try await AreaQueries.list(page: paging.page, per: paging.per, on: req.db)
        return try await req.render("areas/index", HomeView(
            chrome: await PageChrome(req, title: "Areas"),
            areas: areas.map { a in
                .init(name: a.name, href: SiteURL.area(a.slug).path, councils: a.councils.map(\.name).sorted().joined(separator: ", "),
                      partnership: a.partnership?.name, partnershipHref: a.partnership.map { SiteURL.partnership($0.slug).path },
                      population: Format.number(a.populationEstimate))
            },
            pager: Pager(paging: paging, total: total, path: SiteURL.home.path),
            canCreate: Gate.allows(.area(.create), for: req), newAreaHref: SiteURL.newArea.path))
    }

    // MARK: one area

    struct AreaView: Encodable {
        let chrome: PageChrome
        let name: String
        let description: String?
        let population: String?
        let councils: [Link]
        let partnership: Link?
        let editHref: String?
        struct Link: Encodable { let href: String; let label: String }
    }

    static func show(_ req: Request) async throws -> Response {
        let area = try await req.area()
        let canEdit = Gate.allows(.area(.edit(try AreaQueries.scope(of: area))), for: req)
        return try await req.render("areas/show", AreaView(
            chrome: await PageChrome(req, title: area.name), name: area.name, description: area.summary,
            population: Format.number(area.populationEstimate),
            councils: area.councils.sorted { $0.name < $1.name }.map { .init(href: SiteURL.organisation($0.slug).path, label: $0.name) },
            partnership: area.partnership.map { .init(href: SiteURL.partnership($0.slug).path, label: $0.name) },
            editHref: canEdit ? SiteURL.editArea(area.slug).path : nil))
    }

    // MARK: forms

    static func areaForm(_ req: Request, action: String, submit: String, creating: Bool, checked: [String] = []) async throws -> FormView {
        let councils = try await OrganisationQueries.all(kind: .council, on: req.db)
        var fields: [FieldView] = [
            .text("name", "Area name", hint: "The name people living there use, for example “Fernhill”", required: true),
            .textarea("description", "Description", hint: "Where it is and what it is like: streets, landmarks, who lives there"),
            .number("populationEstimate", "Population estimate", hint: "Roughly how many people live there (optional)"),
            .checkboxes("councils", "Councils serving this area", hint: "Select all that apply",
                        options: councils.map { .init(value: $0.id!.uuidString, label: $0.name) }, checked: checked),
        ]
        if creating {
            fields.append(.text("partnershipName", "Partnership name",
                                hint: "The resident-led partnership that steers the area's plan. Leave blank for “<area name> partnership”"))
        }
        return FormView(req, action: action, submit: submit, fields: fields)
    }

    static func values(of area: AreaRecord) -> [String: String] {
        ["name": area.name, "description": area.summary ?? "", "populationEstimate": area.populationEstimate.map(String.init) ?? ""]
    }

    static func formPage(_ req: Request, form: FormView, title: String, intro: String? = nil, back: SiteURL? = nil,
                         status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: title), form: form, intro: intro,
                                                   back: back.map { .init(href: $0.path, label: "Back") }), status: status)
    }

    static func draftInput(_ input: FormInput) -> AreaDraft.Input {
        AreaDraft.Input(name: input["name"], description: input["description"],
                        populationEstimate: input["populationEstimate"], councils: input.list("councils"))
    }

    static func knownCouncils(_ req: Request) async throws -> Set<UUID> {
        Set(try await OrganisationQueries.all(kind: .council, on: req.db).compactMap(\.id))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        do {
            let draft = try AreaDraft.validate(draftInput(input), knownCouncils: try await knownCouncils(req))
            let area = try await AreaCommands.create(draft, partnershipName: input["partnershipName"], by: req.actor, on: req.db)
            req.flash("\(area.name) has been created, with its partnership.")
            return req.seeOther(.area(area.slug))
        } catch let failure as ValidationFailure {
            let form = try await areaForm(req, action: SiteURL.newArea.path, submit: "Create area", creating: true, checked: input.list("councils"))
            return try await formPage(req, form: form.showing(input.values, errors: failure.errors), title: "Create an area",
                                      status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let area = try await req.area()
        let input = FormInput(req)
        let action = SiteURL.editArea(area.slug).path
        do {
            let draft = try AreaDraft.validate(draftInput(input), knownCouncils: try await knownCouncils(req))
            let saved = try await AreaCommands.update(try area.requireID(), expectedVersion: input.version, draft, by: req.actor, on: req.db)
            req.flash("Your changes to \(saved.name) have been saved.")
            return req.seeOther(.area(saved.slug))
        } catch let failure as ValidationFailure {
            let form = try await areaForm(req, action: action, submit: "Save changes", creating: false, checked: input.list("councils"))
            return try await formPage(req, form: form.showing(input.values, errors: failure.errors).hiding("version", String(input.version)),
                                      title: "Edit \(area.name)", back: .area(area.slug), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            // Keep what they typed; give them the current version so a deliberate second save goes through.
            let current = try await AreaQueries.find(slug: area.slug, on: req.db) ?? area
            var form = try await areaForm(req, action: action, submit: "Save changes", creating: false, checked: input.list("councils"))
            form = form.showing(input.values, errors: []).hiding("version", String(current.version))
            form.conflict = conflict.message
            return try await formPage(req, form: form, title: "Edit \(area.name)", back: .area(area.slug), status: .conflict)
        }
    }
}

struct AreaKey: StorageKey { typealias Value = AreaRecord }

extension Request {
    /// The area named by the `:slug` in the URL, loaded once per request.
    func area() async throws -> AreaRecord {
        if let cached = storage[AreaKey.self] { return cached }
        guard let slug = parameters.get("slug"), let area = try await AreaQueries.find(slug: slug, on: db) else {
            throw NotFound("area")
        }
        storage[AreaKey.self] = area
        return area
    }
}
