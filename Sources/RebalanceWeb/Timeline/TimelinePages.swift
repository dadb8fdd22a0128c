import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The relationship timeline: the page a new council officer reads first.
enum TimelinePages {
    static func endpoints() -> [Endpoint] {
        [.page(.GET, .timeline(":slug"), .fixed(.viewPublic), handler: show)]
    }

    static func links(_ slug: String) -> TimelineQueries.Links {
        TimelineQueries.Links(agreementVersion: { SiteURL.agreementVersion(slug, String($0)).path },
                              commitment: { SiteURL.commitment(slug, $0.uuidString).path },
                              project: { SiteURL.project(slug, $0.uuidString).path },
                              decision: { SiteURL.decision(slug, $0.uuidString).path },
                              planVersion: { SiteURL.planVersion(slug, String($0)).path }, money: SiteURL.money(slug).path)
    }

    /// The kinds asked for in the query string (`?kind=project&kind=agreement`, or `kind[]=`):
    /// read by hand so repeated keys work whichever way a browser writes them.
    static func chosenKinds(_ req: Request) -> Set<TimelineEntry.Kind> {
        let pairs = (req.url.query ?? "").split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        let values = pairs.compactMap { pair -> String? in
            guard pair.count == 2, let key = pair[0].removingPercentEncoding, key == "kind" || key == "kind[]" else { return nil }
            return pair[1].removingPercentEncoding
        }
        return Timeline.kinds(from: values)
    }

    static func entries(_ req: Request) async throws -> [TimelineEntry] {
        let p = try await req.partnership()
        let all = try await TimelineQueries.entries(of: try p.requireID(), links: links(p.slug), on: req.db)
        return Timeline.arrange(all, kinds: chosenKinds(req))
    }

    struct View: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let partnership: String
        let action: String
        let kinds: [FieldView.Option]
        let years: [Year]
        let count: Int
        /// Links to each year of a history shown a year at a time (empty when shown whole).
        let yearLinks: [PageChrome.NavLink]
        let shownYear: Int?
        let wholeHistoryLimit: Int
        struct Year: Encodable { let year: Int; let entries: [Entry] }
        struct Entry: Encodable { let date: String; let kind: String; let title: String; let detail: String?; let href: String? }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let id = try p.requireID()
        let chosen = chosenKinds(req)
        let requested = try req.query.get(Int?.self, at: "year")
        let span = try await TimelineQueries.span(of: id, on: req.db)
        let choice = TimelineYears.choose(requested: requested, span: span.years, count: span.count, thisYear: Day.today().year)
        let found: [TimelineEntry]
        switch choice {
        case .wholeHistory: found = try await TimelineQueries.entries(of: id, links: links(p.slug), on: req.db)
        case .year(let year): found = try await TimelineQueries.entries(of: id, year: year, links: links(p.slug), on: req.db)
        }
        let entries = Timeline.arrange(found, kinds: chosen)
        // Entries arrive in date order; each run of one year becomes a group.
        var groups: [(year: Int, entries: [View.Entry])] = []
        for e in entries {
            let entry = View.Entry(date: e.on.readable, kind: e.kind.label, title: e.title, detail: e.detail, href: e.link)
            if groups.last?.year == e.on.year { groups[groups.count - 1].entries.append(entry) }
            else { groups.append((e.on.year, [entry])) }
        }
        var yearLinks: [PageChrome.NavLink] = []
        var shownYear: Int? = nil
        if case .year(let year) = choice, let years = span.years {
            shownYear = year
            let kindQuery = chosen.map(\.rawValue).sorted().map { "&kind=\($0)" }.joined()
            yearLinks = years.map { y in
                PageChrome.NavLink(href: SiteURL.timeline(p.slug).path + "?year=\(y)" + kindQuery, label: String(y), current: y == year)
            }
        }
        return try await req.render("timeline/show", View(
            chrome: await PageChrome(req, title: shownYear.map { "Timeline \($0): \(p.name)" } ?? "Timeline: \(p.name)"),
            nav: PartnershipNav(req, p.slug), partnership: p.name,
            action: SiteURL.timeline(p.slug).path,
            kinds: TimelineEntry.Kind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: chosen.contains($0)) },
            years: groups.map { View.Year(year: $0.year, entries: $0.entries) }, count: entries.count,
            yearLinks: yearLinks, shownYear: shownYear, wholeHistoryLimit: TimelineYears.wholeHistoryLimit))
    }
}

/// Open and delivered promises per party and their track records, for anyone to read.
enum AccountabilityPages {
    static func endpoints() -> [Endpoint] {
        [.page(.GET, .accountability(":slug"), .fixed(.viewPublic), handler: show)]
    }

    /// How many delivered promises each party's section lists; the register has the rest.
    static let recentDelivered = 10

    struct View: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let partnership: String
        let asOf: String
        let trackRecords: TrackRecordView
        let parties: [Party]
        let commitmentsHref: String
        struct Party: Encodable {
            let name: String
            let kind: String
            let sentence: String
            let open: [CommitmentPages.Line]
            let delivered: [CommitmentPages.Line]
            /// Delivered promises beyond the most recent few, counted rather than listed.
            let deliveredNotShown: Int
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let today = Day.today()
        let lines = try await AccountabilityQueries.parties(of: try p.requireID(), asOf: today, withHistory: false, on: req.db)
        return try await req.render("accountability/show", View(
            chrome: await PageChrome(req, title: "Accountability: \(p.name)"), nav: PartnershipNav(req, p.slug), partnership: p.name,
            asOf: today.readable,
            trackRecords: TrackRecordView(lines.map { ($0.party, $0.record) }, title: "Track record of each party on \(today.readable)"),
            parties: lines.map { l in
                .init(name: l.party.name, kind: l.party.kind.label, sentence: l.record.sentence,
                      open: l.open.map { CommitmentPages.line($0, slug: p.slug, today: today) },
                      delivered: l.delivered.prefix(recentDelivered).map { CommitmentPages.line($0, slug: p.slug, today: today) },
                      deliveredNotShown: max(0, l.delivered.count - recentDelivered))
            },
            commitmentsHref: SiteURL.commitments(p.slug).path))
    }
}
