/// The health check's charts, built from results so every page draws them the same way. Each
/// returns a chart value; call `svg()` on it. Hidden figures are drawn as missing ("no data"),
/// never as zero. Every chart's summary is a sentence a screen reader can use on its own; pages
/// also show the figures as a table.
public enum HealthCheckCharts {
    /// Blue for the community, amber for the council, on every health-check chart.
    public static func colour(for side: Side) -> ChartColour { side == .community ? .blue : .amber }
    static let axisNames = Principle.allCases.map { "\($0.number). \($0.title)" }

    static func values(_ results: HealthCheckResults, _ side: Side) -> [Double] {
        Principle.allCases.map { results.score($0, on: side) ?? .nan }
    }

    static func shortList(_ values: [Double]) -> String {
        zip(Principle.allCases, values).map { p, v in
            "\(p.title) \(v.isFinite ? String(Int(v.rounded(.toNearestOrAwayFromZero))) : "not shown")"
        }.joined(separator: "; ")
    }

    /// Both sides on one five-axis chart, 0 to 100.
    public static func radar(_ results: HealthCheckResults) -> RadarChart {
        let series = Side.allCases.map { side in
            ChartSeries(name: side.label, colour: colour(for: side), values: values(results, side))
        }
        let summary = Side.allCases.map { "\($0.label) scores out of 100: \(shortList(values(results, $0)))." }.joined(separator: " ")
        return RadarChart(title: "Scores for each principle, by side", summary: summary,
                          axes: axisNames, series: series, maximum: 100)
    }

    /// One side alone, for pages that show the sides next to each other.
    public static func radar(_ results: HealthCheckResults, side: Side) -> RadarChart {
        let v = values(results, side)
        return RadarChart(title: "\(side.label) scores for each principle",
                          summary: "\(side.label) scores out of 100: \(shortList(v)).",
                          axes: axisNames, series: [ChartSeries(name: side.label, colour: colour(for: side), values: v)],
                          maximum: 100)
    }

    /// The perception gap per principle, community minus council, on a scale of -50 to +50
    /// (wider gaps are drawn at the edge, labelled with their real value).
    public static func gap(_ results: HealthCheckResults) -> BarChart {
        let values = Principle.allCases.map { results.gap(for: $0)?.difference ?? .nan }
        let sentences = Principle.allCases.map { p in
            "\(p.title): " + (results.gap(for: p)?.summary ?? "not shown for both sides.")
        }
        var chart = BarChart(title: "Perception gap for each principle (community minus council)",
                             summary: sentences.joined(separator: " "), categories: axisNames, values: values,
                             colour: .purple, minimum: -50, maximum: 50)
        chart.lowEndNote = "\u{2190} Council sees it more positively"
        chart.highEndNote = "Community sees it more positively \u{2192}"
        return chart
    }

    /// How one side answered each statement of one principle: agree, neither, disagree, don't
    /// know. Statements whose distribution is hidden are left out and counted in the summary.
    public static func statements(_ results: HealthCheckResults, set: QuestionSet, principle: Principle, side: Side) -> StackedBarChart {
        let tallies = results.side(side).scores.value?.statements.filter { $0.principle == principle } ?? []
        let shown = tallies.filter { $0.distribution.isShown }
        let text = Dictionary(uniqueKeysWithValues: set.statements.map { ($0.id, $0.text) })
        func sum(_ t: StatementTally, _ points: [Agreement]) -> Double { Double(points.compactMap { t.count(of: $0) }.reduce(0, +)) }
        let series = [
            ChartSeries(name: "Agree", colour: .green, values: shown.map { sum($0, [.agree, .stronglyAgree]) }),
            ChartSeries(name: "Neither", colour: .grey, values: shown.map { sum($0, [.neither]) }),
            ChartSeries(name: "Disagree", colour: .red, values: shown.map { sum($0, [.disagree, .stronglyDisagree]) }),
            ChartSeries(name: "Don't know", colour: .purple, values: shown.map { Double($0.dontKnow) }),
        ]
        var summary = "How people on the \(side.label.lowercased()) side answered each statement about \(principle.title.lowercased())."
        if shown.count < tallies.count {
            let hidden = tallies.count - shown.count
            summary += " \(hidden) \(hidden == 1 ? "statement is" : "statements are") not shown because fewer than \(Confidentiality.minimumGroupSize) people answered \(hidden == 1 ? "it" : "them")."
        }
        return StackedBarChart(title: "\(principle.title): answers from the \(side.label.lowercased()) side", summary: summary,
                               categories: shown.map { text[$0.statementID] ?? $0.statementID }, series: series)
    }

    /// The overall score per side over rounds, oldest first. Only rounds that used the same
    /// question set and version as the newest are drawn; `note` says how many were left out.
    public static func trend(_ rounds: [(label: String, results: HealthCheckResults)]) -> (chart: LineChart, note: String?) {
        guard let latest = rounds.last?.results.questionSet else {
            return (LineChart(title: "Overall score by round", summary: "No rounds yet.", xLabels: [], series: [],
                              minimum: 0, maximum: 100), nil)
        }
        let same = rounds.filter { $0.results.questionSet == latest }
        let left = rounds.count - same.count
        let note = left == 0 ? nil
            : "\(left) earlier \(left == 1 ? "round used" : "rounds used") a different questionnaire, so \(left == 1 ? "it is" : "they are") not in this chart: scores from different questionnaires cannot be compared."
        let series = Side.allCases.map { side in
            ChartSeries(name: side.label, colour: colour(for: side),
                        values: same.map { $0.results.overall(on: side) ?? .nan })
        }
        let summary = same.map { round in
            "\(round.label): " + Side.allCases.map { side in
                "\(side.label.lowercased()) \(round.results.overall(on: side).map { String(Int($0.rounded(.toNearestOrAwayFromZero))) } ?? "not shown")"
            }.joined(separator: ", ")
        }.joined(separator: "; ") + "."
        return (LineChart(title: "Overall score by round", summary: summary, xLabels: same.map(\.label), series: series,
                          minimum: 0, maximum: 100), note)
    }
}
