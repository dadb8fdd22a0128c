/// The chart of several parties' track records: one bar per party, split into on time, late,
/// missed, overdue and open. The numbers are always written out too (the chart's text equivalent).
public enum TrackRecordChart {
    public static func make(title: String, parties: [(name: String, record: TrackRecord)]) -> StackedBarChart {
        let shown = parties.filter { $0.record.total > 0 }
        let summary = shown.isEmpty ? "No commitments recorded yet."
            : shown.map { "\($0.name): \($0.record.sentence)." }.joined(separator: " ")
        return StackedBarChart(
            title: title, summary: summary, categories: shown.map(\.name),
            series: [
                ChartSeries(name: "On time", colour: .green, values: shown.map { Double($0.record.onTime) }),
                ChartSeries(name: "Late", colour: .amber, values: shown.map { Double($0.record.late) }),
                ChartSeries(name: "Missed", colour: .red, values: shown.map { Double($0.record.missed) }),
                ChartSeries(name: "Overdue", colour: .purple, values: shown.map { Double($0.record.overdue) }),
                ChartSeries(name: "Open", colour: .blue, values: shown.map { Double($0.record.open) }),
            ])
    }
}
