/// Horizontal bars, one per category, each split into one segment per series: for example how
/// many people agreed, were neutral or disagreed with each statement, or a commitment track
/// record (kept, late, broken) per party. Bar length is proportional to the category's total,
/// against the largest total in the chart.
///
/// Each category's name sits above its bar, so bars keep the full width on a narrow screen.
/// Segment values are written inside the segment when they fit; values that do not fit are
/// listed under the bar, so every value is always on the chart as text.
public struct StackedBarChart: Sendable {
    public var title: String
    public var summary: String
    public var categories: [String]
    public var series: [ChartSeries]
    /// Written after every value, exactly as given ("%", " days").
    public var unit: String
    /// Decimals shown in value labels (0 for counts).
    public var decimals: Int = 0
    /// The id used for `<title>`/`<desc>` references. Leave nil for one derived from the
    /// content; set it when two identical charts share a page.
    public var id: String?

    public init(title: String, summary: String, categories: [String], series: [ChartSeries], unit: String = "") {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.series = series
        self.unit = unit
    }

    static let barHeight = 28.0

    public func svg() -> String {
        let chartID = SVGText.sanitisedID(id, fallback: SVGText.stableID(kind: "stacked", parts: [title, summary] + categories))
        // Negative or missing values have no place in a stack; they count as zero.
        let totals = categories.indices.map { index in
            series.reduce(0.0) { $0 + max(0, $1.value(at: index) ?? 0) }
        }
        guard !series.isEmpty, let largest = totals.max(), largest > 0, largest.isFinite else {
            return SVGCanvas.noData(id: chartID, title: title, summary: summary)
        }

        var canvas = SVGCanvas()
        var y = ChartLegend.draw(series, markers: false, top: SVGCanvas.margin, into: &canvas) + 6
        let left = SVGCanvas.margin
        let totalLabels = totals.map { SVGText.value($0, decimals: decimals, unit: unit) }
        let totalSpace = (totalLabels.map { SVGText.width($0, fontSize: 14) }.max() ?? 0) + 10
        let fullLength = SVGCanvas.width - 2 * SVGCanvas.margin - totalSpace

        for (index, category) in categories.enumerated() {
            for line in SVGText.wrap(category, maxWidth: SVGCanvas.width - 2 * SVGCanvas.margin, fontSize: 15) {
                y += 18
                canvas.text(line, x: left, y: y, size: 15, weight: "600", className: "chart-category")
            }
            y += 6
            let barTop = y
            var x = left
            var didNotFit: [String] = []
            let length = fullLength * totals[index] / largest
            canvas.add("<g class=\"chart-bar\">")
            for s in series {
                guard let raw = s.value(at: index), raw > 0 else { continue }
                let width = length * raw / totals[index]
                let label = SVGText.value(raw, decimals: decimals, unit: unit)
                // A white edge keeps neighbouring segments apart even where two fills look alike.
                canvas.rect(x: x, y: barTop, width: width, height: Self.barHeight, fill: s.colour.hex, stroke: "#FFFFFF",
                            className: "chart-segment", tooltip: "\(s.name): \(label)")
                if SVGText.width(label, fontSize: 13) + 8 <= width {
                    canvas.text(label, x: x + width / 2, y: barTop + 19, size: 13, anchor: "middle",
                                fill: s.colour.textOnFillHex, className: "chart-value")
                } else {
                    didNotFit.append("\(s.name) \(label)")
                }
                x += width
            }
            canvas.add("</g>")
            canvas.text(totalLabels[index], x: left + length + 6, y: barTop + 19, size: 14, weight: "600",
                        className: "chart-total")
            y = barTop + Self.barHeight
            if !didNotFit.isEmpty {
                let note = didNotFit.joined(separator: ", ")
                for line in SVGText.wrap(note, maxWidth: SVGCanvas.width - 2 * SVGCanvas.margin, fontSize: 13) {
                    y += 17
                    canvas.text(line, x: left, y: y, size: 13, className: "chart-value-note")
                }
            }
            y += 14
        }
        return canvas.document(id: chartID, title: title, summary: summary, height: y + SVGCanvas.margin - 14)
    }
}
