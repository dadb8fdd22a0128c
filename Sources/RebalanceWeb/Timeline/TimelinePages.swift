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
                              decision: { SiteURL.decision(slug, $0.uuidString).path })
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
        struct Year: Encodable { let year: Int; let entries: [Entry] }
        struct Entry: Encodable { let date: String; let kind: String; let title: String; let detail: String?; let href: String? }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let chosen = chosenKinds(req)
        let entries = try await entries(req)
        var years: [View.Year] = []
        for e in entries {
            let entry = View.Entry(date: e.on.readable, kind: e.kind.label, title: e.title, detail: e.detail, href: e.link)
            if years.last?.year == e.on.year { years[years.count - 1] = View.Year(year: e.on.year, entries: years[years.count - 1].entries + [entry]) }
            else { years.append(View.Year(year: e.on.year, entries: [entry])) }
        }
        return try await req.render("timeline/show", View(
            chrome: await PageChrome(req, title: "Timeline: \(p.name)"), nav: PartnershipNav(req, p.slug), partnership: p.name,
            action: SiteURL.timeline(p.slug).path,
            kinds: TimelineEntry.Kind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: chosen.contains($0)) },
            years: years, count: entries.count))
    }
}

/// Open and delivered promises per party and their track records, for anyone to read.
enum AccountabilityPages {
    static func endpoints() -> [Endpoint] {
        [.page(.GET, .accountability(":slug"), .fixed(.viewPublic), handler: show)]
    }

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
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let today = Day.today()
        let lines = try await AccountabilityQueries.parties(of: try p.requireID(), asOf: today, on: req.db)
        return try await req.render("accountability/show", View(
            chrome: await PageChrome(req, title: "Accountability: \(p.name)"), nav: PartnershipNav(req, p.slug), partnership: p.name,
            asOf: today.readable,
            trackRecords: TrackRecordView(lines.map { ($0.party, $0.record) }, title: "Track record of each party on \(today.readable)"),
            parties: lines.map { l in
                .init(name: l.party.name, kind: l.party.kind.label, sentence: l.record.sentence,
                      open: l.open.map { CommitmentPages.line($0, slug: p.slug, today: today) },
                      delivered: l.delivered.map { CommitmentPages.line($0, slug: p.slug, today: today) })
            },
            commitmentsHref: SiteURL.commitments(p.slug).path))
    }
}
