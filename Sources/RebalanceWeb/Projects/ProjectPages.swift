import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Projects co-owned by the partnership and the council: the ladder, milestones, permissions
/// needed, the promises that serve each one.
enum ProjectPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .projects(":slug"), .fixed(.viewPublic), handler: index),
            .page(.GET, .projectsCSV(":slug"), .fixed(.viewPublic), handler: csv),
            .page(.GET, .newProject(":slug"), .resolved(editPermission)) { req in
                let p = try await req.partnership()
                return try await AreaPages.formPage(req, form: projectForm(req, action: SiteURL.newProject(p.slug).path, submit: "Create project")
                    .showing(["stage": ProjectStage.idea.rawValue], errors: []), title: "Start a project", back: .projects(p.slug))
            },
            .page(.POST, .newProject(":slug"), .resolved(editPermission), handler: create),
            .page(.GET, .project(":slug", ":id"), .fixed(.viewPublic), handler: show),
            .page(.GET, .editProject(":slug", ":id"), .resolved(editPermission)) { req in
                let (p, project) = (try await req.partnership(), try await req.project())
                let form = projectForm(req, action: SiteURL.editProject(p.slug, project.id!.uuidString).path, submit: "Save changes")
                    .showing(values(of: project), errors: []).hiding("version", String(project.version))
                return try await AreaPages.formPage(req, form: form, title: "Edit \(project.title)", back: .project(p.slug, project.id!.uuidString))
            },
            .page(.POST, .editProject(":slug", ":id"), .resolved(editPermission), handler: update),
            .page(.GET, .projectMilestones(":slug", ":id"), .resolved(editPermission)) { req in
                let (p, project) = (try await req.partnership(), try await req.project())
                return try await AreaPages.formPage(req, form: milestoneForm(req, p, project), title: "Add a milestone to \(project.title)",
                                                    back: .project(p.slug, project.id!.uuidString))
            },
            .page(.POST, .projectMilestones(":slug", ":id"), .resolved(editPermission), handler: addMilestone),
            .page(.GET, .projectPermissions(":slug", ":id"), .resolved(editPermission)) { req in
                let (p, project) = (try await req.partnership(), try await req.project())
                return try await AreaPages.formPage(req, form: permissionForm(req, p, project), title: "Record a permission for \(project.title)",
                                                    back: .project(p.slug, project.id!.uuidString))
            },
            .page(.POST, .projectPermissions(":slug", ":id"), .resolved(editPermission), handler: setPermission),
        ]
    }

    static func editPermission(_ req: Request) async throws -> Permission {
        .project(.edit(try await req.partnershipScope()))
    }

    // MARK: list

    struct IndexView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let partnership: String
        let projects: [Line]
        let newHref: String?
        let csvHref: String
        struct Line: Encodable {
            let title: String
            let href: String
            let stage: String
            let step: Int
            let lead: String
            let contact: String
            let priority: String?
            let nextMilestone: String?
        }
    }

    static func index(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let projects = try await ProjectQueries.all(in: try p.requireID(), on: req.db)
        return try await req.render("projects/index", IndexView(
            chrome: await PageChrome(req, title: "Projects: \(p.name)"), nav: PartnershipNav(req, p.slug), partnership: p.name,
            projects: projects.map { pr in
                let next = pr.milestones.filter { $0.doneOn == nil }.min { $0.dueOnRaw < $1.dueOnRaw }
                return .init(title: pr.title, href: SiteURL.project(p.slug, pr.id!.uuidString).path, stage: pr.stage.label, step: pr.stage.step,
                             lead: pr.communityLead, contact: pr.councilContact, priority: pr.planPriority,
                             nextMilestone: next.map { "\($0.title), \($0.dueOn.readable)" })
            },
            newHref: Gate.allows(try await editPermission(req), for: req) ? SiteURL.newProject(p.slug).path : nil,
            csvHref: SiteURL.projectsCSV(p.slug).path))
    }

    static func csv(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let projects = try await ProjectQueries.all(in: try p.requireID(), on: req.db)
        let text = CSVWriter.document(
            header: ["id", "title", "stage", "plan_priority", "community_lead", "council_contact", "endpoint", "ends_on",
                     "council_responsibilities", "milestones_done", "milestones_total", "permissions", "lasting_impact"],
            rows: projects.map { pr in
                [pr.id!.uuidString, pr.title, pr.stageRaw, pr.planPriority ?? "", pr.communityLead, pr.councilContact, pr.endpoint,
                 pr.endsOnRaw ?? "", pr.councilResponsibilities ?? "", String(pr.milestones.filter { $0.doneOn != nil }.count),
                 String(pr.milestones.count),
                 pr.permissions.sorted { $0.kindRaw < $1.kindRaw }.map { "\($0.kind.label): \($0.status.label)" }.joined(separator: "; "),
                 pr.lastingImpact ?? ""]
            })
        return CSVResponse.make(text, filename: "\(p.slug)-projects.csv")
    }

    // MARK: one project

    struct ShowView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let backHref: String
        let title: String
        let description: String?
        let stage: String
        let ladder: [Rung]
        let priority: String?
        let lead: String
        let contact: String
        let endpoint: String
        let endsOn: String?
        let councilResponsibilities: String?
        let lastingImpact: String?
        let milestones: [Milestone]
        let permissions: [PermissionLine]
        let commitments: [CommitmentPages.Line]
        /// What the ledger holds for the project (issue 15): set aside, promised and paid.
        let money: Money?
        let editHref: String?
        let milestoneHref: String?
        let permissionHref: String?
        let newCommitmentHref: String?
        struct Rung: Encodable { let label: String; let current: Bool; let passed: Bool }
        struct Milestone: Encodable { let title: String; let due: String; let done: String? }
        struct PermissionLine: Encodable { let kind: String; let status: String; let colour: String; let note: String? }
        struct Money: Encodable { let allocated: String; let committed: String; let paid: String; let href: String }
    }

    static func show(_ req: Request) async throws -> Response {
        let (p, pr) = (try await req.partnership(), try await req.project())
        let canEdit = Gate.allows(try await editPermission(req), for: req)
        let commitments = try await CommitmentQueries.all(in: try p.requireID(), withHistory: false, on: req.db).filter { $0.$project.id == pr.id }
        let today = Day.today()
        let id = pr.id!.uuidString
        let spent = Ledger(try await LedgerEntryRecord.query(on: req.db).filter(\.$partnership.$id == p.requireID())
            .filter(\.$projectID == pr.id).all().map(\.entry)).totals
        let money = spent == LedgerTotals() ? nil : ShowView.Money(allocated: spent.allocated.roundedPounds, committed: spent.committed.roundedPounds,
                                                                  paid: spent.paid.roundedPounds, href: SiteURL.money(p.slug).path)
        return try await req.render("projects/show", ShowView(
            chrome: await PageChrome(req, title: pr.title), nav: PartnershipNav(req, p.slug), backHref: SiteURL.projects(p.slug).path,
            title: pr.title, description: pr.details, stage: pr.stage.label,
            ladder: ProjectStage.allCases.map { .init(label: $0.label, current: $0 == pr.stage, passed: $0.step < pr.stage.step) },
            priority: pr.planPriority, lead: pr.communityLead, contact: pr.councilContact, endpoint: pr.endpoint,
            endsOn: pr.endsOn?.readable, councilResponsibilities: pr.councilResponsibilities, lastingImpact: pr.lastingImpact,
            milestones: pr.milestones.sorted { $0.dueOnRaw < $1.dueOnRaw }.map { .init(title: $0.title, due: $0.dueOn.readable, done: $0.doneOn?.readable) },
            permissions: pr.permissions.sorted { $0.kindRaw < $1.kindRaw }.map {
                .init(kind: $0.kind.label, status: $0.status.label, colour: $0.status.tagColour, note: $0.note)
            },
            commitments: commitments.map { CommitmentPages.line($0, slug: p.slug, today: today) },
            money: money,
            editHref: canEdit ? SiteURL.editProject(p.slug, id).path : nil,
            milestoneHref: canEdit ? SiteURL.projectMilestones(p.slug, id).path : nil,
            permissionHref: canEdit ? SiteURL.projectPermissions(p.slug, id).path : nil,
            newCommitmentHref: Gate.allows(try await CommitmentPages.createPermission(req), for: req) ? SiteURL.newCommitment(p.slug).path : nil))
    }

    // MARK: forms

    static func projectForm(_ req: Request, action: String, submit: String) -> FormView {
        FormView(req, action: action, submit: submit, fields: [
            .text("title", "Title", required: true),
            .textarea("description", "What the project is", hint: "Optional"),
            .text("planPriority", "Plan priority it serves", hint: "Optional: the priority in the partnership's plan"),
            .text("communityLead", "Community lead", hint: "The resident or group leading it"),
            .text("councilContact", "Council contact", hint: "Name and team"),
            .select("stage", "Stage", hint: "Start small and scale up",
                    options: ProjectStage.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
            .textarea("endpoint", "Agreed endpoint", hint: "What “finished” means, agreed by both sides"),
            .date("endsOn", "Expected end date", hint: "Optional, for example 30 September 2027"),
            .textarea("councilResponsibilities", "The council's responsibilities", hint: "Optional"),
            .textarea("lastingImpact", "Lasting impact", hint: "Optional: what stays after the funding ends"),
        ])
    }

    static func values(of pr: ProjectRecord) -> [String: String] {
        ["title": pr.title, "description": pr.details ?? "", "planPriority": pr.planPriority ?? "", "communityLead": pr.communityLead,
         "councilContact": pr.councilContact, "stage": pr.stageRaw, "endpoint": pr.endpoint, "endsOn": pr.endsOnRaw ?? "",
         "councilResponsibilities": pr.councilResponsibilities ?? "", "lastingImpact": pr.lastingImpact ?? ""]
    }

    static func draftInput(_ input: FormInput) -> ProjectDraft.Input {
        .init(title: input["title"], description: input["description"], planPriority: input["planPriority"],
              communityLead: input["communityLead"], councilContact: input["councilContact"], stage: input["stage"],
              endpoint: input["endpoint"], endsOn: input["endsOn"], councilResponsibilities: input["councilResponsibilities"],
              lastingImpact: input["lastingImpact"])
    }

    static func create(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        do {
            let pr = try await ProjectCommands.create(in: try p.requireID(), try ProjectDraft.validate(draftInput(input)), by: req.actor, on: req.db)
            req.flash("The project has been created.")
            return req.seeOther(.project(p.slug, pr.id!.uuidString))
        } catch let failure as ValidationFailure {
            let form = projectForm(req, action: SiteURL.newProject(p.slug).path, submit: "Create project").showing(input.values, errors: failure.errors)
            return try await AreaPages.formPage(req, form: form, title: "Start a project", back: .projects(p.slug), status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let (p, pr) = (try await req.partnership(), try await req.project())
        let input = FormInput(req)
        let action = SiteURL.editProject(p.slug, pr.id!.uuidString).path
        let title = "Edit \(pr.title)"
        do {
            _ = try await ProjectCommands.update(try pr.requireID(), in: try p.requireID(), expectedVersion: input.version,
                                                 try ProjectDraft.validate(draftInput(input)), by: req.actor, on: req.db)
            req.flash("Your changes have been saved.")
            return req.seeOther(.project(p.slug, pr.id!.uuidString))
        } catch let failure as ValidationFailure {
            let form = projectForm(req, action: action, submit: "Save changes").showing(input.values, errors: failure.errors)
                .hiding("version", String(input.version))
            return try await AreaPages.formPage(req, form: form, title: title, back: .project(p.slug, pr.id!.uuidString), status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await ProjectRecord.find(pr.id, on: req.db)
            var form = projectForm(req, action: action, submit: "Save changes").showing(input.values, errors: [])
                .hiding("version", String(current?.version ?? pr.version))
            form.conflict = conflict.message
            return try await AreaPages.formPage(req, form: form, title: title, back: .project(p.slug, pr.id!.uuidString), status: .conflict)
        }
    }

    static func milestoneForm(_ req: Request, _ p: PartnershipRecord, _ pr: ProjectRecord) -> FormView {
        FormView(req, action: SiteURL.projectMilestones(p.slug, pr.id!.uuidString).path, submit: "Add milestone", fields: [
            .text("title", "Milestone", hint: "For example “First two lamps lit”", required: true),
            .date("dueOn", "Date", hint: "When it is planned, for example 1 March 2027"),
            .date("doneOn", "Date reached", hint: "Leave blank until it happens"),
        ])
    }

    static func addMilestone(_ req: Request) async throws -> Response {
        let (p, pr) = (try await req.partnership(), try await req.project())
        let input = FormInput(req)
        do {
            let draft = try MilestoneDraft.validate(.init(title: input["title"], dueOn: input["dueOn"], doneOn: input["doneOn"]), today: .today())
            _ = try await ProjectCommands.addMilestone(to: try pr.requireID(), in: try p.requireID(), draft, by: req.actor, on: req.db)
            req.flash("The milestone has been added.")
            return req.seeOther(.project(p.slug, pr.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await AreaPages.formPage(req, form: milestoneForm(req, p, pr).showing(input.values, errors: failure.errors),
                                                title: "Add a milestone to \(pr.title)", back: .project(p.slug, pr.id!.uuidString),
                                                status: .unprocessableEntity)
        }
    }

    static func permissionForm(_ req: Request, _ p: PartnershipRecord, _ pr: ProjectRecord) -> FormView {
        FormView(req, action: SiteURL.projectPermissions(p.slug, pr.id!.uuidString).path, submit: "Save permission", fields: [
            .select("kind", "Permission", options: ProjectPermissionKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose a permission"),
            .select("status", "Where it stands", options: ProjectPermissionStatus.allCases.map { .init(value: $0.rawValue, label: $0.label) }, blank: "Choose a status"),
            .textarea("note", "Note", hint: "Optional: reference number, who is dealing with it"),
        ])
    }

    static func setPermission(_ req: Request) async throws -> Response {
        let (p, pr) = (try await req.partnership(), try await req.project())
        let input = FormInput(req)
        do {
            let draft = try ProjectPermissionDraft.validate(.init(kind: input["kind"], status: input["status"], note: input["note"]))
            _ = try await ProjectCommands.setPermission(on: try pr.requireID(), in: try p.requireID(), draft, by: req.actor, on: req.db)
            req.flash("The permission has been recorded.")
            return req.seeOther(.project(p.slug, pr.id!.uuidString))
        } catch let failure as ValidationFailure {
            return try await AreaPages.formPage(req, form: permissionForm(req, p, pr).showing(input.values, errors: failure.errors),
                                                title: "Record a permission for \(pr.title)", back: .project(p.slug, pr.id!.uuidString),
                                                status: .unprocessableEntity)
        }
    }
}

struct ProjectKey: StorageKey { typealias Value = ProjectRecord }

extension Request {
    /// The project named by `:id` in the partnership named by `:slug`, with milestones and permissions.
    func project() async throws -> ProjectRecord {
        if let cached = storage[ProjectKey.self] { return cached }
        let p = try await partnership()
        guard let id = parameters.get("id", as: UUID.self),
              let pr = try await ProjectQueries.find(id, in: try p.requireID(), on: db) else { throw NotFound("project") }
        storage[ProjectKey.self] = pr
        return pr
    }
}
