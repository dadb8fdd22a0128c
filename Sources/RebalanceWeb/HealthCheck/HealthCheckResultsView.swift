import Foundation
import RebalanceCore
import RebalanceStore

/// The latest closed round's results formatted for the page: every chart followed by the same
/// figures as a table, and a reason wherever a figure is withheld.
struct HealthCheckResultsView: Encodable {
    struct PrincipleRow: Encodable {
        let principle: String
        let community: String
        let council: String
        let gap: String
        let spreadCommunity: String
        let spreadCouncil: String
        let change: String
    }
    struct SideLine: Encodable { let side: String; let respondents: Int; let overall: String; let note: String? }
    struct GroupLine: Encodable { let group: String; let respondents: Int; let overall: String; let note: String? }
    struct TrendRow: Encodable { let round: String; let community: String; let council: String; let gap: String }

    let ended: String
    let questionSet: String
    let respondents: Int
    let sides: [SideLine]
    let groups: [GroupLine]
    let rows: [PrincipleRow]
    let weakest: [String]
    let overallGap: String?
    let change: String?
    let radarCommunity: String
    let radarCouncil: String
    let gapChart: String
    let trendChart: String
    let trendNote: String?
    let trend: [TrendRow]

    static func figure(_ x: Double?) -> String { x.map { String(Int($0.rounded(.toNearestOrAwayFromZero))) } ?? "Not shown" }
    static func signed(_ x: Double?) -> String {
        guard let x else { return "Not shown" }
        let n = Int(x.rounded(.toNearestOrAwayFromZero))
        return n > 0 ? "+\(n)" : String(n)
    }

    init(_ latest: ScoredRound, history: [ScoredRound]) {
        let r = latest.results
        ended = latest.round.core.endedOn.readable
        questionSet = r.questionSet.description
        respondents = r.respondents
        sides = Side.allCases.map { side in
            let s = r.side(side)
            return SideLine(side: side.label, respondents: s.respondents, overall: Self.figure(r.overall(on: side)),
                            note: s.scores.suppression?.reason)
        }
        groups = r.groups.map { g in
            GroupLine(group: g.group.label, respondents: g.scores.isShown ? g.respondents : 0,
                      overall: Self.figure(g.scores.value?.overall), note: g.scores.suppression?.reason)
        }
        rows = Principle.allCases.map { p in
            func spread(_ side: Side) -> String {
                let result = r.side(side).scores.value?.result(for: p)
                if let s = result?.score.value { return "\(s.spread.label) (standard deviation \(Int(s.standardDeviation.rounded())))" }
                return result?.score.suppression?.reason ?? r.side(side).scores.suppression?.reason ?? "Not shown"
            }
            let gap = r.gap(for: p)
            let change = r.change.change(for: p)
            let changeText = r.change.status == .compared
                ? "Community \(ChangeSincePrevious.describe(change?.community) ?? "not comparable"); council \(ChangeSincePrevious.describe(change?.council) ?? "not comparable")"
                : (r.change.explanation ?? "No earlier round to compare with")
            return PrincipleRow(principle: "\(p.number). \(p.title)", community: Self.figure(r.score(p, on: .community)),
                                council: Self.figure(r.score(p, on: .council)),
                                gap: gap.map { "\(Self.signed($0.difference)): \($0.label.label)" } ?? "Not shown",
                                spreadCommunity: spread(.community), spreadCouncil: spread(.council), change: changeText)
        }
        weakest = r.weakest.map { "\($0.number). \($0.title)" }
        overallGap = r.overallGap?.summary
        change = r.change.explanation
        radarCommunity = HealthCheckCharts.radar(r, side: .community).svg()
        radarCouncil = HealthCheckCharts.radar(r, side: .council).svg()
        gapChart = HealthCheckCharts.gap(r).svg()
        let labelled = history.map { (label: $0.round.core.endedOn.readable, results: $0.results) }
        let trend = HealthCheckCharts.trend(labelled)
        trendChart = trend.chart.svg()
        trendNote = trend.note
        self.trend = history.map { s in
            TrendRow(round: s.round.core.endedOn.readable, community: Self.figure(s.results.overall(on: .community)),
                     council: Self.figure(s.results.overall(on: .council)), gap: Self.signed(s.results.overallGap?.difference))
        }
    }
}
