import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// `/councils/{slug}/enquiries/statistics`: how quickly a council answers its partnerships,
/// public, with each chart drawn on the server and followed by the same numbers as a table.
enum EnquiryStatisticsPage {
    static func endpoints() -> [Endpoint] {
        [.page(.GET, .councilStatistics(":slug"), .fixed(.viewPublic), handler: show)]
    }

    struct StatisticsView: Encodable {
        let chrome: PageChrome
        let council: String
        let councilHref: String
        let directoryHref: String
        /// For the council's own staff: the open and overdue enquiries these figures count.
        let inboxHref: String?
        let today: String
        let summary: [Figure]
        let teams: [TeamLine]
        let periods: [PeriodLine]
        let granularityLabel: String
        let otherGranularity: Link
        let charts: Charts
        struct Figure: Encodable { let label: String; let value: String; let id: String }
        struct TeamLine: Encodable {
            let name: String; let received: Int; let receivedFirst: Int; let answered: Int; let openOverdue: Int
            let median: String; let share: String; let handedOn: Int; let averageHandOffs: String
        }
        struct PeriodLine: Encodable {
            let label: String; let received: Int; let answered: Int; let median: String; let share: String; let averageHandOffs: String
        }
        struct Link: Encodable { let href: String; let label: String }
        /// SVG from `RebalanceCore/Charts`, which escapes every piece of text it writes; the view
        /// outputs it unescaped (`#unsafeHTML`) because it is markup we made, never what people typed.
        struct Charts: Encodable { let received: String; let median: String; let share: String; let teamShare: String }
    }

    static func show(_ req: Request) async throws -> Response {
        let report = try await EnquiryStatisticsReport.load(req)
        let council = report.council
        let o = report.overall
        let byMonth = report.granularity == .month
        let labels = report.series.map(\.period.label)
        let periodWord = byMonth ? "month" : "quarter"

        var received = BarChart(title: "Enquiries received each \(periodWord)",
                                summary: "How many questions partnerships sent the council each \(periodWord) of the past year.",
                                categories: labels, values: report.series.map { Double($0.figures.received) }, colour: .blue,
                                minimum: 0, maximum: niceMaximum(report.series.map { Double($0.figures.received) }))
        received.id = "chart-received"
        let medians = report.series.map { $0.figures.medianWorkingDaysToAnswer ?? .nan }
        var median = LineChart(title: "Median working days to answer",
                               summary: "For questions received each \(periodWord), the middle number of working days taken to answer.",
                               xLabels: labels, series: [ChartSeries(name: "Median working days", colour: .purple, values: medians)],
                               minimum: 0, maximum: niceMaximum(medians.filter(\.isFinite)))
        median.id = "chart-median"
        median.decimals = 1
        var share = LineChart(title: "Answered within target (%)",
                              summary: "For questions received each \(periodWord), the share answered within the target; questions still open after their due day count as late.",
                              xLabels: labels,
                              series: [ChartSeries(name: "Within target", colour: .green,
                                                   values: report.series.map { $0.figures.shareWithinTarget.map { $0 * 100 } ?? .nan })],
                              minimum: 0, maximum: 100)
        share.id = "chart-share"
        var teamShare = BarChart(title: "Answered within target, by team",
                                 summary: "For each team, the share of the questions it answered or holds that were answered within target.",
                                 categories: report.teams.map(\.name),
                                 values: report.teams.map { $0.line.figures.shareWithinTarget.map { $0 * 100 } ?? .nan },
                                 colour: .green, minimum: 0, maximum: 100, unit: "%")
        teamShare.id = "chart-team-share"

        let other: EnquiryPeriod.Granularity = byMonth ? .quarter : .month
        let path = SiteURL.councilStatistics(council.slug).path
        return try await req.render("enquiries/statistics", StatisticsView(
            chrome: await PageChrome(req, title: "How quickly \(council.name) answers"),
            council: council.name, councilHref: SiteURL.organisation(council.slug).path,
            directoryHref: SiteURL.councilDirectory(council.slug).path,
            inboxHref: Gate.allows(.enquiry(.inbox(councilID: try council.requireID())), for: req) ? SiteURL.councilInbox(council.slug).path : nil,
            today: report.today.readable,
            summary: [
                .init(label: "Enquiries received", value: String(o.received), id: "received"),
                .init(label: "Answered", value: String(o.answered), id: "answered"),
                .init(label: "Still open", value: "\(o.open) (\(o.openOverdue) overdue)", id: "open"),
                .init(label: "Median working days to answer", value: FigureText.days(o.medianWorkingDaysToAnswer), id: "median"),
                .init(label: "Answered within target", value: FigureText.share(o.shareWithinTarget), id: "share"),
                .init(label: "Average hand-offs per enquiry", value: FigureText.average(o.averageHandOffs), id: "hand-offs"),
                .init(label: "Handed to another team at least once", value: String(o.redirected), id: "redirected"),
            ],
            teams: report.teams.map { t in
                let f = t.line.figures
                return .init(name: t.name, received: f.received, receivedFirst: t.line.receivedFirst, answered: f.answered,
                             openOverdue: f.openOverdue, median: FigureText.days(f.medianWorkingDaysToAnswer),
                             share: FigureText.share(f.shareWithinTarget), handedOn: t.line.handedOn,
                             averageHandOffs: FigureText.average(f.averageHandOffs))
            },
            periods: report.series.map { p in
                .init(label: p.period.label, received: p.figures.received, answered: p.figures.answered,
                      median: FigureText.days(p.figures.medianWorkingDaysToAnswer), share: FigureText.share(p.figures.shareWithinTarget),
                      averageHandOffs: FigureText.average(p.figures.averageHandOffs))
            },
            granularityLabel: byMonth ? "Month" : "Quarter",
            otherGranularity: .init(href: path + "?by=\(other.rawValue)", label: byMonth ? "Show by quarter" : "Show by month"),
            charts: .init(received: received.svg(), median: median.svg(), share: share.svg(), teamShare: teamShare.svg())))
    }

    /// A round top for a chart's scale: 5, 10, 20, 50… at least the largest value.
    static func niceMaximum(_ values: [Double]) -> Double {
        let top = values.max() ?? 0
        for step in [5.0, 10, 20, 25, 50, 100, 200, 500, 1000] where top <= step { return step }
        return (top / 1000).rounded(.up) * 1000
    }
}
