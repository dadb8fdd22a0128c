import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A council officer or councillor leaving: the handover form, and the note the successor
/// reads first (with the relationship's timeline beside it).
enum HandoverPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .handover(":slug", ":id"), .resolved(writePermission)) { req in
                let (p, m) = try await leaving(req)
                return try await formPage(req, p, m, form: try await form(req, p, m).showing(["lastDay": Day.today().description], errors: []))
            },
            .page(.POST, .handover(":slug", ":id"), .resolved(writePermission)) { req in
                let (p, m) = try await leaving(req)
                let input = FormInput(req)
                do {
                    let note = try await HandoverCommands.record(leaving: try m.requireID(), in: p, draftInput(input), by: req.actor, on: req.db)
                    req.flash("The handover is recorded. \(m.person.name)'s open commitments have moved to their successor, and the partnership's contacts will hear of the change.")
                    return req.seeOther(.handoverNote(p.slug, try note.requireID().uuidString))
                } catch let failure as ValidationFailure {
                    return try await formPage(req, p, m, form: try await form(req, p, m).showing(input.values, errors: failure.errors),
                                              status: .unprocessableEntity)
                }
            },
            .page(.GET, .handoverNote(":slug", ":id"), .resolved(readPermission), handler: show),
        ]
    }

    static func writePermission(_ req: Request) async throws -> Permission {
        let m = try await MemberPages.membership(req)
        return .handover(.write(try await req.partnershipScope(), leaver: m.$person.id))
    }

    static func readPermission(_ req: Request) async throws -> Permission {
        .handover(.read(try await req.partnershipScope()))
    }

    static func leaving(_ req: Request) async throws -> (PartnershipRecord, MembershipRecord) {
        (try await req.partnership(), try await MemberPages.membership(req))
    }

    static func draftInput(_ input: FormInput) -> HandoverNoteDraft.Input {
        .init(successor: input["successor"], openCommitments: input["openCommitments"], keyContacts: input["keyContacts"],
              history: input["history"], pending: input["pending"], lastDay: input["lastDay"])
    }

    static func form(_ req: Request, _ p: PartnershipRecord, _ m: MembershipRecord) async throws -> FormView {
        let councils = try p.area.councils.map { try $0.requireID() }
        let council = m.$organisation.id.flatMap { councils.contains($0) ? $0 : nil } ?? councils.first
        var people: [HandoverQueries.CouncilPerson] = []
        if let council { people = try await HandoverQueries.councilPeople(of: council, in: p, seat: m.role, on: req.db) }
        return FormView(req, action: SiteURL.handover(p.slug, m.id!.uuidString).path, submit: "Record the handover", fields: [
            .select("successor", "Who takes over", hint: "Someone from the same council; they join the partnership in this seat the day after the last day",
                    options: people.filter { $0.id != m.$person.id }.map { .init(value: $0.id.uuidString, label: "\($0.name) (\($0.detail))") },
                    blank: "Choose a person"),
            .date("lastDay", "Last day", hint: "The leaver's last day with the partnership"),
            .textarea("openCommitments", "Open commitments and where each stands", hint: "What was promised, to whom, and how far it has got"),
            .textarea("keyContacts", "Key contacts", hint: "Who to talk to, inside the council and in the area"),
            .textarea("history", "History of the relationship", hint: "What has gone well and what has not, so nobody starts again from nothing"),
            .textarea("pending", "What is pending", hint: "Questions waiting for answers, decisions due, dates coming up"),
        ])
    }

    static func formPage(_ req: Request, _ p: PartnershipRecord, _ m: MembershipRecord, form: FormView,
                         status: HTTPResponseStatus = .ok) async throws -> Response {
        try await AreaPages.formPage(req, form: form, title: "Hand over from \(m.person.name)", back: .partnership(p.slug), status: status)
    }

    struct NoteView: Encodable {
        let chrome: PageChrome
        let partnership: String
        let partnershipHref: String
        let nav: PartnershipNav
        let leaver: String
        let successor: String
        let role: String
        let lastDay: String
        let writtenBy: String
        let openCommitments: String
        let keyContacts: String
        let history: String
        let pending: String
        let commitmentsMoved: Int
        let commitmentsHref: String
        let timelineHref: String
        let timeline: [Entry]
        let forSuccessor: Bool
        struct Entry: Encodable { let on: String; let kind: String; let title: String; let link: String? }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        guard let id = req.parameters.get("id", as: UUID.self),
              let note = try await HandoverQueries.find(id, in: try p.requireID(), on: req.db) else { throw NotFound("handover") }
        let forSuccessor = req.actor.personID == note.$successor.id
        if forSuccessor { try await HandoverCommands.markRead(note, on: req.db) }
        let entries = try await TimelineQueries.entries(of: try p.requireID(), links: TimelinePages.links(p.slug), on: req.db)
        let recent = Timeline.arrange(entries, kinds: []).suffix(12).reversed()
        return try await req.render("handover/show", NoteView(
            chrome: await PageChrome(req, title: "Handover from \(note.leaver.name) to \(note.successor.name)"),
            partnership: p.name, partnershipHref: SiteURL.partnership(p.slug).path, nav: PartnershipNav(req, p.slug),
            leaver: note.leaver.name, successor: note.successor.name, role: note.role.label.lowercased(),
            lastDay: note.lastDay.readable, writtenBy: note.writtenBy, openCommitments: note.openCommitments,
            keyContacts: note.keyContacts, history: note.history, pending: note.pending, commitmentsMoved: note.commitmentsMoved,
            commitmentsHref: SiteURL.commitments(p.slug).path, timelineHref: SiteURL.timeline(p.slug).path,
            timeline: recent.map { .init(on: $0.on.readable, kind: $0.kind.label, title: $0.title, link: $0.link) },
            forSuccessor: forSuccessor))
    }
}
