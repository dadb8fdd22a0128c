import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Every partnership's latest health check in one table, for council staff and administrators,
/// sortable by any column (`?sort=trust-council&direction=descending`) and downloadable as CSV.
enum HealthCheckAcrossAreasPage {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .healthCheckAcrossAreas, .resolved(HealthCheckAccess.acrossAreas), handler: page),
            .page(.GET, .healthCheckAcrossAreasCSV, .resolved(HealthCheckAccess.acrossAreas)) { req in
                let rows = try await sortedRows(req)
                return CSVResponse.make(HealthCheckSummaryRow.csv(rows), filename: "health-check-across-areas.csv")
            },
        ]
    }

    /// The rows in the order the query asks for; an unknown column falls back to the name.
    static func sortedRows(_ req: Request) async throws -> [HealthCheckSummaryRow] {
        let rows = try await HealthCheckQueries.summaryRows(councils: HealthCheckAccess.councils(req), on: req.db)
        let column = (req.query[String.self, at: "sort"]).flatMap(HealthCheckSummaryRow.Column.init(rawValue:)) ?? .partnership
        let direction = (req.query[String.self, at: "direction"]).flatMap(HealthCheckSummaryRow.Direction.init(rawValue:)) ?? .ascending
        return HealthCheckSummaryRow.sorted(rows, by: column, direction)
    }

    struct Heading: Encodable { let label: String; let href: String; let sort: String? }
    /// A row without any closed round says so once across its figures: "Not shown" in every
    /// cell would read as figures withheld for privacy.
    struct Row: Encodable { let name: String; let href: String; let cells: [String]; let noRoundSpan: Int? }
    struct PageView: Encodable {
        let chrome: PageChrome
        let headings: [Heading]
        let rows: [Row]
        let csvHref: String
    }

    static func page(_ req: Request) async throws -> Response {
        let rows = try await sortedRows(req)
        let current = req.query[String.self, at: "sort"] ?? "partnership"
        let direction = req.query[String.self, at: "direction"] ?? "ascending"
        let headings = HealthCheckSummaryRow.Column.allCases.map { c -> Heading in
            let isCurrent = c.rawValue == current
            let next = isCurrent && direction == "ascending" ? "descending" : "ascending"
            return Heading(label: c.heading, href: "\(SiteURL.healthCheckAcrossAreas.path)?sort=\(c.rawValue)&direction=\(next)",
                           sort: isCurrent ? direction : nil)
        }
        let figures = HealthCheckSummaryRow.Column.allCases.dropFirst(2)
        let body = rows.map { r in
            guard let ended = r.latestRoundEndedOn else {
                return Row(name: r.partnershipName, href: SiteURL.healthCheck(r.partnershipSlug).path, cells: [], noRoundSpan: figures.count + 1)
            }
            return Row(name: r.partnershipName, href: SiteURL.healthCheck(r.partnershipSlug).path,
                       cells: [ended.readable] + figures.map { c in HealthCheckResultsView.figure(c.value(r)) }, noRoundSpan: nil)
        }
        return try await req.render("health-check/across-areas", PageView(
            chrome: await PageChrome(req, title: "Health check across areas"), headings: headings, rows: body,
            csvHref: SiteURL.healthCheckAcrossAreasCSV.path + (req.url.query.map { "?" + $0 } ?? "")))
    }
}
