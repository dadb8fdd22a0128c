/// A trend over time: one line per series across the x labels (health-check rounds), on a
/// fixed vertical scale from `minimum` to `maximum`.
///
/// Every point has a marker whose shape differs per series and a value label above it; labels
/// at the same x are pushed apart so close values stay readable. A missing value breaks the
/// line rather than joining across the gap. Values outside the scale are drawn at its edge
/// (the label keeps the real value).
public struct LineChart: Sendable {
    public var title: String
    public var summary: String
    public var xLabels: [String]
    public var series: [ChartSeries]
    public var minimum: Double
    public var maximum: Double
    /// Decimals shown in value labels and on the vertical axis.
    public var decimals: Int = 0
    /// See `StackedBarChart.id`.
    public var id: String?

    public init(title: String, summary: String, xLabels: [String], series: [ChartSeries], minimum: Double, maximum: Double) {
        self.title = title
        self.summary = summary
        self.xLabels = xLabels
        self.series = series
        self.minimum = minimum
        self.maximum = maximum
    }

    static let plotHeight = 240.0
    static let ticks = 5

    public func svg() -> String {
        let chartID = SVGText.sanitisedID(id, fallback: SVGText.stableID(kind: "line", parts: [title, summary] + xLabels))
        let anyValue = series.contains { s in xLabels.indices.contains { s.value(at: $0) != nil } }
        guard !xLabels.isEmpty, minimum.isFinite, maximum.isFinite, maximum > minimum, anyValue else {
            return SVGCanvas.noData(id: chartID, title: title, summary: summary)
        }

        var canvas = SVGCanvas()
        let top = ChartLegend.draw(series, markers: true, top: SVGCanvas.margin, into: &canvas) + 24
        let tickLabels = (0...Self.ticks).map {
            SVGText.value(minimum + (maximum - minimum) * Double($0) / Double(Self.ticks), decimals: decimals, unit: "")
        }
        let left = SVGCanvas.margin + (tickLabels.map { SVGText.width($0, fontSize: 12) }.max() ?? 0) + 8
        let right = SVGCanvas.width - SVGCanvas.margin
        let bottom = top + Self.plotHeight
        let step = (right - left) / Double(xLabels.count)
        func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double {
            let clamped = min(max(value, minimum), maximum)
            return bottom - Self.plotHeight * (clamped - minimum) / (maximum - minimum)
        }

        for (n, label) in tickLabels.enumerated() {
            let ty = bottom - Self.plotHeight * Double(n) / Double(Self.ticks)
            canvas.line(x1: left, y1: ty, x2: right, y2: ty, stroke: n == 0 ? SVGCanvas.axisColour : SVGCanvas.gridColour,
                        className: n == 0 ? "chart-axis" : "chart-grid")
            canvas.text(label, x: left - 6, y: ty + 4, size: 12, anchor: "end", fill: SVGCanvas.textColour, className: "chart-tick")
        }
        var labelBottom = bottom
        for (index, label) in xLabels.enumerated() {
            for (n, line) in SVGText.wrap(label, maxWidth: step - 6, fontSize: 13).enumerated() {
                let ly = bottom + 20 + Double(n) * 16
                canvas.text(line, x: x(index), y: ly, size: 13, anchor: "middle", className: "chart-x-label")
                labelBottom = max(labelBottom, ly)
            }
        }

        // Value labels sit above their points; at each x they are spread so none overlap.
        var labels: [(x: Double, y: Double, text: String)] = []
        for (seriesIndex, s) in series.enumerated() {
            canvas.add("<g class=\"chart-series\">")
            var run: [(Double, Double)] = []
            func flush() {
                if run.count >= 2 {
                    canvas.add("<polyline points=\"\(MarkerShape.points(run))\" fill=\"none\" stroke=\"\(s.colour.hex)\" stroke-width=\"2.5\" stroke-linejoin=\"round\" class=\"chart-line\"/>")
                }
                run = []
            }
            for index in xLabels.indices {
                if let v = s.value(at: index) { run.append((x(index), y(v))) } else { flush() }
            }
            flush()
            for index in xLabels.indices {
                guard let v = s.value(at: index) else { continue }
                let text = SVGText.value(v, decimals: decimals, unit: "")
                canvas.add(MarkerShape.forSeries(seriesIndex).svg(x: x(index), y: y(v), fill: s.colour.hex,
                                                                  tooltip: "\(s.name), \(xLabels[index]): \(text)"))
                labels.append((x(index), y(v) - 11, text))
            }
            canvas.add("</g>")
        }
        for index in xLabels.indices {
            let here = labels.filter { $0.x == x(index) }.sorted { $0.y < $1.y }
            var placed: [Double] = []
            for label in here {
                var ly = label.y
                if let previous = placed.last, ly < previous + 15 { ly = previous + 15 }
                placed.append(ly)
            }
            // Spreading only pushes down; re-centre the stack on where the labels wanted to be,
            // then keep it inside the plot.
            if !placed.isEmpty {
                let wanted = here.map(\.y).reduce(0, +) / Double(here.count)
                let got = placed.reduce(0, +) / Double(placed.count)
                var shift = wanted - got
                if placed[0] + shift < top - 8 { shift = top - 8 - placed[0] }
                if placed[placed.count - 1] + shift > bottom - 2 { shift = bottom - 2 - placed[placed.count - 1] }
                placed = placed.map { $0 + shift }
            }
            for (label, ly) in zip(here, placed) {
                canvas.add("<text x=\"\(SVGText.coordinate(label.x + 9))\" y=\"\(SVGText.coordinate(ly))\" font-size=\"13\" font-weight=\"600\" fill=\"\(SVGCanvas.textColour)\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\" class=\"chart-value\">\(SVGText.escape(label.text))</text>")
            }
        }
        return canvas.document(id: chartID, title: title, summary: summary, height: labelBottom + SVGCanvas.margin)
    }
}
