import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A council's published response figures, loaded once and used by both the statistics page
/// and the API: totals, a line per team, and a series over the last year by month or quarter.
struct EnquiryStatisticsReport {
    let council: OrganisationRecord
    let today: Day
    let granularity: EnquiryPeriod.Granularity
    let overall: EnquiryFigures
    let teams: [(name: String, id: UUID, line: TeamEnquiryFigures)]
    let series: [EnquiryPeriodFigures]

    static func load(_ req: Request) async throws -> EnquiryStatisticsReport {
        let council = try await req.council()
        let councilID = try council.requireID()
        var granularity = EnquiryPeriod.Granularity.quarter
        if let raw = req.query[String.self, at: "by"] {
            guard let g = EnquiryPeriod.Granularity(rawValue: raw) else {
                throw ValidationFailure("by", "by must be month or quarter")
            }
            granularity = g
        }
        let today = req.enquiryToday
        let statistics = EnquiryStatistics(enquiries: try await EnquiryQueries.forCouncil(councilID, on: req.db), today: today)
        let names = EnquiryQueries.teamNames(council)
        // The last twelve months, so the page reads as "the past year" whatever the date.
        let from = today.adding(days: -364)
        return EnquiryStatisticsReport(
            council: council, today: today, granularity: granularity,
            overall: statistics.figures(council: councilID),
            teams: statistics.teams(council: councilID).map { (names[$0.teamID] ?? "A former team", $0.teamID, $0) },
            series: statistics.series(council: councilID, granularity: granularity, from: from, through: today))
    }
}

/// How figures read on the page: "5.5", "67%", "0.25"; a dash when there is nothing to show.
enum FigureText {
    static func days(_ v: Double?) -> String {
        guard let v else { return "–" }
        return v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    static func share(_ v: Double?) -> String {
        guard let v else { return "–" }
        return "\(Int((v * 100).rounded()))%"
    }

    static func average(_ v: Double?) -> String {
        guard let v else { return "–" }
        return String(format: "%.2f", v)
    }
}
