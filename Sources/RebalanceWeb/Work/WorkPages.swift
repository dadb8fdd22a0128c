import Fluent
import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// "Your work": everything waiting for the signed-in person, across their partnerships and
/// council teams, each line linking to the page where it is done (issue 14).
enum WorkPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .yourWork, .fixed(.account(.useOwn)), handler: show),
            .page(.POST, .noticeSeen(":id"), .fixed(.account(.useOwn))) { req in
                guard let id = req.parameters.get("id", as: UUID.self),
                      try await Notices.markSeen(id, by: req.actor, on: req.db) else { throw NotFound("notice") }
                return req.seeOther(.yourWork)
            },
            .api(.POST, .noticeSeen(":id"), .fixed(.account(.useOwn)),
                 doc: APIDoc(summary: "Mark one of your notices seen, so it leaves your work", tag: "accounts", response: .none, status: 204, errors: [401, 404])) { req in
                guard let id = req.parameters.get("id", as: UUID.self),
                      try await Notices.markSeen(id, by: req.actor, on: req.db) else { throw NotFound("notice") }
                return Response(status: .noContent)
            },
            .api(.GET, .myWork, .fixed(.account(.useOwn)),
                 doc: APIDoc(summary: "What is waiting for the signed-in person: signatures, proposals, polls, health checks, promises, enquiries, minutes, handovers, reviews",
                             tag: "accounts", query: APIDoc.paging, response: .list("WorkItem"), errors: [401])) { req in
                let paging = try Paging(req, defaultPer: 100)
                let today = Day.today()
                let items = try await req.workItems()
                return try API.json(ListBody(paging.slice(items).map { WorkItemBody($0, today: today) }, paging: paging, total: items.count))
            },
        ]
    }

    static let schemas: [(String, JSONValue)] = [
        ("WorkItem", APISchemas.object([
            ("key", APISchemas.string), ("kind", APISchemas.enumeration(WorkItem.Kind.allCases.map(\.rawValue))),
            ("title", APISchemas.string), ("partnership", APISchemas.ref("Ref")), ("due", APISchemas.nullableDate),
            ("urgency", APISchemas.enumeration(["overdue", "due_soon", "waiting"])), ("href", APISchemas.string),
        ], required: ["key", "kind", "title", "partnership", "due", "urgency", "href"])),
    ]

    struct WorkItemBody: Encodable {
        let key: String
        let kind: String
        let title: String
        let partnership: RefBody
        let due: OrNull<String>
        let urgency: String
        let href: String

        init(_ item: WorkItem, today: Day) {
            key = item.key; kind = item.kind.rawValue; title = item.title
            partnership = RefBody(slug: item.partnershipSlug, name: item.partnershipName)
            due = OrNull(item.due?.description)
            urgency = WorkList.urgency(of: item, today: today).rawValue
            href = WorkPages.href(item.target)
        }
    }

    /// The page where the work is done.
    static func href(_ target: WorkItem.Target) -> String {
        switch target {
        case .agreement(let slug): return SiteURL.agreement(slug).path
        case .proposal(let slug, let id): return SiteURL.proposal(slug, id.uuidString).path
        case .poll(let slug, let id): return SiteURL.poll(slug, id.uuidString).path
        case .healthCheckAnswer(let slug, let round): return SiteURL.answerHealthCheck(slug, round.uuidString).path
        case .commitment(let slug, let id): return SiteURL.commitment(slug, id.uuidString).path
        case .enquiry(let slug, let id): return SiteURL.enquiry(slug, id.uuidString).path
        case .meeting(let slug, let series, let day): return SiteURL.meeting(slug, series.uuidString.lowercased(), day.description).path
        case .handover(let slug, let id): return SiteURL.handoverNote(slug, id.uuidString).path
        case .notice(_, let path): return path
        case .organisation(let slug): return SiteURL.organisation(slug).path
        case .joinRequest(let slug, let id): return SiteURL.joinRequest(slug, id.uuidString.lowercased()).path
        case .plan(let slug): return SiteURL.plan(slug).path
        case .money(let slug): return SiteURL.money(slug).path
        }
    }

    /// One line as pages show it.
    struct Line: Encodable {
        let kind: String
        let title: String
        let href: String
        let partnership: String
        let partnershipHref: String
        let due: String?
        let urgency: String
        let tone: String
        /// For a notice: where to mark it seen.
        let seenAction: String?

        init(_ item: WorkItem, today: Day) {
            let urgency = WorkList.urgency(of: item, today: today)
            kind = item.kind.label; title = item.title; href = WorkPages.href(item.target)
            partnership = item.partnershipName; partnershipHref = SiteURL.partnership(item.partnershipSlug).path
            due = item.due.map { d in
                switch urgency {
                case .overdue: return "was due \(d.readable)"
                default: return "by \(d.readable)"
                }
            }
            self.urgency = urgency.label
            tone = item.kind == .notice ? "green" : urgency == .overdue ? "red" : urgency == .dueSoon ? "yellow" : "grey"
            if case .notice(let id, _) = item.target { seenAction = SiteURL.noticeSeen(id.uuidString).path } else { seenAction = nil }
        }
    }

    struct Section: Encodable {
        let heading: String
        let lines: [Line]
    }

    struct View: Encodable {
        let chrome: PageChrome
        let sections: [Section]
        let count: Int
        let areasHref: String
        let accountHref: String
        /// For council staff: their council's inbox, where every open enquiry is.
        let inboxes: [Link]
        let csrf: String
        struct Link: Encodable { let href: String; let label: String }
    }

    static func sections(_ items: [WorkItem], today: Day) -> [Section] {
        let grouped = Dictionary(grouping: items) { WorkList.urgency(of: $0, today: today) }
        return [WorkUrgency.overdue, .dueSoon, .waiting].compactMap { u in
            guard let lines = grouped[u], !lines.isEmpty else { return nil }
            return Section(heading: u == .overdue ? "Overdue" : u == .dueSoon ? "Due in the next \(WorkList.soonDays) days" : "Waiting for you",
                           lines: lines.map { Line($0, today: today) })
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let today = Day.today()
        let items = try await req.workItems()
        let councils = req.actor.councilsStaffed.isEmpty ? []
            : try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ Array(req.actor.councilsStaffed)).sort(\.$name).all()
        return try await req.render("your-work/show", View(
            chrome: await PageChrome(req, title: "Your work"), sections: sections(items, today: today), count: items.count,
            areasHref: SiteURL.home.path, accountHref: SiteURL.account.path,
            inboxes: councils.map { .init(href: SiteURL.councilInbox($0.slug).path, label: "Enquiries to \($0.name)") },
            csrf: req.csrfToken))
    }
}

struct WorkItemsKey: StorageKey { typealias Value = [WorkItem] }

extension Request {
    /// The signed-in person's waiting work, read once per request.
    func workItems() async throws -> [WorkItem] {
        if let kept = storage[WorkItemsKey.self] { return kept }
        let items = try await WorkQueries.items(for: actor, on: db)
        storage[WorkItemsKey.self] = items
        return items
    }

    /// How many lines "your work" has, for the header. Kept with the session while nothing
    /// changes (the signed-in cache, ADR 0036), so pages do not read it on every request.
    func workCount() async -> Int? {
        guard actor.isSignedIn else { return nil }
        let cache = application.signedInCache, keyHash = storage[SessionKeyHashKey.self]
        if let keyHash, let kept = cache?.workCount(keyHash) { return kept }
        let generation = cache?.generation ?? 0
        guard let count = try? await workItems().count else { return nil }
        if let keyHash { cache?.keep(keyHash, workCount: count, readAt: generation) }
        return count
    }
}

extension Request {
    /// Where links in notice e-mail point: this site as its settings name it.
    var noticeSender: NoticeSender {
        var base = application.webSettings.mail.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return NoticeSender(baseURL: base)
    }
}
