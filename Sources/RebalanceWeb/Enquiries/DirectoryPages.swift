import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A council's responsibility directory: which team answers which topic, and how fast it
/// promises to. Anyone may read it; the council's own staff keep it.
enum DirectoryPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .councilDirectory(":slug"), .fixed(.viewPublic)) { req in try await show(req) },
            .page(.POST, .councilDirectory(":slug"), .resolved(EnquiryRules.manageDirectory)) { req in
                let council = try await req.council()
                let input = FormInput(req)
                do {
                    let entry = try await EnquiryCommands.addDirectoryEntry(
                        council: try council.requireID(),
                        .init(topic: input["topic"], team: input["team"], targetWorkingDays: input["targetWorkingDays"]),
                        by: req.actor, on: req.db)
                    req.flash("“\(entry.topic)” has been added to the directory.")
                    return req.seeOther(.councilDirectory(council.slug))
                } catch let failure as ValidationFailure {
                    return try await show(req, form: try form(req, council).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
                }
            },
            .page(.POST, .removeDirectoryEntry(":slug", ":id"), .resolved(EnquiryRules.manageDirectory)) { req in
                let council = try await req.council()
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("directory entry") }
                try await EnquiryCommands.removeDirectoryEntry(id, council: try council.requireID(), by: req.actor, on: req.db)
                req.flash("The topic has been taken out of the directory. Enquiries already asked about it are not affected.")
                return req.seeOther(.councilDirectory(council.slug))
            },
        ]
    }

    struct DirectoryView: Encodable {
        let chrome: PageChrome
        let council: String
        let councilHref: String
        let statisticsHref: String
        let entries: [Line]
        let form: FormView?
        let csrf: String?
        struct Line: Encodable { let topic: String; let team: String; let target: String; let removeAction: String? }
    }

    static func show(_ req: Request, form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let council = try await req.council()
        let canManage = Gate.allows(try await EnquiryRules.manageDirectory(req), for: req)
        let entries = try await EnquiryQueries.directory(of: try council.requireID(), on: req.db)
        return try await req.render("enquiries/directory", DirectoryView(
            chrome: await PageChrome(req, title: "Who answers what: \(council.name)"), council: council.name,
            councilHref: SiteURL.organisation(council.slug).path, statisticsHref: SiteURL.councilStatistics(council.slug).path,
            entries: try entries.map { e in
                .init(topic: e.topic, team: e.team.name,
                      target: e.targetWorkingDays == 1 ? "1 working day" : "\(e.targetWorkingDays) working days",
                      removeAction: canManage ? SiteURL.removeDirectoryEntry(council.slug, try e.requireID().uuidString).path : nil)
            },
            form: canManage ? (form ?? (try self.form(req, council))) : nil,
            csrf: canManage ? req.csrfToken : nil), status: status)
    }

    static func form(_ req: Request, _ council: OrganisationRecord) throws -> FormView {
        FormView(req, action: SiteURL.councilDirectory(council.slug).path, submit: "Add topic", fields: [
            .text("topic", "Topic", hint: "As a resident would put it, for example Council land and buildings", required: true),
            .select("team", "Team that answers", options: try council.teams.sorted { $0.name < $1.name }
                .map { .init(value: try $0.requireID().uuidString, label: $0.name) }, blank: "Choose a team"),
            .number("targetWorkingDays", "Target response time, in working days",
                    hint: "From 1 to \(ResponsibilityEntry.maximumTargetWorkingDays). Weekends and bank holidays in England and Wales do not count"),
        ])
    }
}
