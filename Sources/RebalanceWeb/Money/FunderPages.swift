import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A funder's view across every area it funds (issue 15): one sortable table, and its CSV, so a
/// funder of 150 areas sees which need support.
enum FunderPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .funder(":slug"), .resolved(permission), handler: page),
            .page(.GET, .funderCSV(":slug"), .resolved(permission)) { req in
                let funder = try await req.funder()
                return CSVResponse.make(FunderRow.csv(try await sorted(req)), filename: "\(funder.slug)-areas.csv")
            },
        ]
    }

    static func permission(_ req: Request) async throws -> Permission {
        .money(.viewFunderTable(funderID: try await req.funder().requireID()))
    }

    static func sorted(_ req: Request) async throws -> [FunderRow] {
        let rows = try await FunderQueries.rows(funder: try await req.funder().requireID(), on: req.db)
        let column = (req.query[String.self, at: "sort"]).flatMap(FunderRow.Column.init(rawValue:)) ?? .lag
        return FunderRow.sorted(rows, by: column, ascending: (req.query[String.self, at: "direction"] ?? (column == .lag ? "descending" : "ascending")) == "ascending")
    }

    struct PageView: Encodable {
        let chrome: PageChrome
        let funder: String
        let funderHref: String
        let headings: [Heading]
        let rows: [Row]
        let csvHref: String
        struct Heading: Encodable { let label: String; let href: String; let sort: String? }
        struct Row: Encodable { let name: String; let href: String; let cells: [String] }
    }

    static func page(_ req: Request) async throws -> Response {
        let funder = try await req.funder()
        let rows = try await sorted(req)
        let current = req.query[String.self, at: "sort"] ?? FunderRow.Column.lag.rawValue
        let direction = req.query[String.self, at: "direction"] ?? (current == FunderRow.Column.lag.rawValue ? "descending" : "ascending")
        let path = SiteURL.funder(funder.slug).path
        func percent(_ n: Int?) -> String { n.map { "\($0)%" } ?? "None yet" }
        return try await req.render("money/funder", PageView(
            chrome: await PageChrome(req, title: "Areas funded by \(funder.name)"), funder: funder.name,
            funderHref: SiteURL.organisation(funder.slug).path,
            headings: FunderRow.Column.allCases.map { c in
                let isCurrent = c.rawValue == current
                return .init(label: c.heading, href: "\(path)?sort=\(c.rawValue)&direction=\(isCurrent && direction == "ascending" ? "descending" : "ascending")",
                             sort: isCurrent ? direction : nil)
            },
            rows: rows.map { r in
                .init(name: r.partnershipName, href: SiteURL.money(r.partnershipSlug).path, cells: [
                    r.award.roundedPounds, r.received.roundedPounds, r.paid.roundedPounds, percent(r.timeGonePercent), percent(r.moneySpentPercent),
                    r.spendingLag.map { "\($0) points" } ?? "None yet", r.healthGap.map { String(format: "%+.1f", $0) } ?? "No round yet",
                    percent(r.keptOnTimePercent), percent(r.answeredWithinTargetPercent),
                ])
            },
            csvHref: SiteURL.funderCSV(funder.slug).path + (req.url.query.map { "?" + $0 } ?? "")))
    }
}

struct FunderKey: StorageKey { typealias Value = OrganisationRecord }

extension Request {
    func funder() async throws -> OrganisationRecord {
        if let kept = storage[FunderKey.self] { return kept }
        guard let slug = parameters.get("slug"), let org = try await OrganisationQueries.find(slug: slug, on: db), org.kind == .funder else {
            throw NotFound("funder")
        }
        storage[FunderKey.self] = org
        return org
    }
}
