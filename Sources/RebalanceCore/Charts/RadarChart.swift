import Foundation

/// A "spider" chart: one spoke per axis (the five principles), one polygon per series (each
/// side of the partnership), grid rings at fifths of `maximum`.
///
/// Beside each spoke, the axis name is followed by every series' value as text ("Community:
/// 62"), so the chart can be read without telling colours or shapes apart. Points carry a
/// distinct marker shape per series. Values are drawn clamped to 0...maximum (the label keeps
/// the real value); a missing value leaves its point out and is labelled "no data".
public struct RadarChart: Sendable {
    public var title: String
    public var summary: String
    public var axes: [String]
    public var series: [ChartSeries]
    public var maximum: Double
    /// Decimals shown in value labels.
    public var decimals: Int = 0
    /// See `StackedBarChart.id`.
    public var id: String?

    public init(title: String, summary: String, axes: [String], series: [ChartSeries], maximum: Double) {
        self.title = title
        self.summary = summary
        self.axes = axes
        self.series = series
        self.maximum = maximum
    }

    static let radius = 130.0
    static let rings = 5

    public func svg() -> String {
        let chartID = SVGText.sanitisedID(id, fallback: SVGText.stableID(kind: "radar", parts: [title, summary] + axes))
        let anyValue = series.contains { s in axes.indices.contains { s.value(at: $0) != nil } }
        guard axes.count >= 3, maximum.isFinite, maximum > 0, anyValue else {
            return SVGCanvas.noData(id: chartID, title: title, summary: summary)
        }

        var canvas = SVGCanvas()
        let top = ChartLegend.draw(series, markers: true, top: SVGCanvas.margin, into: &canvas) + 8
        let r = Self.radius
        let cx = SVGCanvas.width / 2
        let angles = axes.indices.map { -Double.pi / 2 + 2 * Double.pi * Double($0) / Double(axes.count) }

        // Lay out each axis's label block first: the blocks decide how far down the centre goes
        // and how tall the chart is.
        let lineHeight = 17.0
        struct Block { var lines: [(text: String, bold: Bool)]; var anchor: String; var x: Double; var firstBaseline: Double }
        var blocks: [Block] = []
        for (index, axis) in axes.enumerated() {
            let cosine = cos(angles[index]), sine = sin(angles[index])
            let lx = cx + (r + 16) * cosine
            let ly = (r + 16) * sine   // relative to the centre for now
            let anchor = cosine > 0.25 ? "start" : (cosine < -0.25 ? "end" : "middle")
            let room: Double
            switch anchor {
            case "start": room = SVGCanvas.width - SVGCanvas.margin - lx
            case "end": room = lx - SVGCanvas.margin
            default: room = 2 * min(lx - SVGCanvas.margin, SVGCanvas.width - SVGCanvas.margin - lx)
            }
            var lines = SVGText.wrap(axis, maxWidth: room, fontSize: 14).map { (text: $0, bold: true) }
            for s in series {
                let shown = s.value(at: index).map { SVGText.value($0, decimals: decimals, unit: "") } ?? "no data"
                lines += SVGText.wrap("\(s.name): \(shown)", maxWidth: room, fontSize: 13).map { (text: $0, bold: false) }
            }
            let height = Double(lines.count) * lineHeight
            let first: Double
            if sine < -0.25 { first = ly - height + 9 } else if sine > 0.25 { first = ly + 13 } else { first = ly - height / 2 + 12 }
            blocks.append(Block(lines: lines, anchor: anchor, x: lx, firstBaseline: first))
        }
        let highest = min(-r, blocks.map { $0.firstBaseline - 13 }.min() ?? -r)
        let lowest = max(r, blocks.map { $0.firstBaseline + Double($0.lines.count - 1) * lineHeight + 5 }.max() ?? r)
        let cy = top - highest
        func point(_ axis: Int, _ fraction: Double) -> (Double, Double) {
            (cx + r * fraction * cos(angles[axis]), cy + r * fraction * sin(angles[axis]))
        }

        for ring in 1...Self.rings {
            let fraction = Double(ring) / Double(Self.rings)
            let points = MarkerShape.points(axes.indices.map { point($0, fraction) })
            let className = ring == Self.rings ? "chart-ring chart-ring-outer" : "chart-ring"
            canvas.add("<polygon points=\"\(points)\" fill=\"none\" stroke=\"\(SVGCanvas.gridColour)\" stroke-width=\"1\" class=\"\(className)\"/>")
        }
        for index in axes.indices {
            let end = point(index, 1)
            canvas.line(x1: cx, y1: cy, x2: end.0, y2: end.1, stroke: SVGCanvas.gridColour, className: "chart-spoke")
        }
        for (index, s) in series.enumerated() {
            let valid = axes.indices.compactMap { axis in
                s.value(at: axis).map { (axis: axis, value: $0) }
            }
            let positions = valid.map { point($0.axis, min(max($0.value, 0), maximum) / maximum) }
            canvas.add("<g class=\"chart-series\">")
            if positions.count >= 3 {
                canvas.add("<polygon points=\"\(MarkerShape.points(positions))\" fill=\"\(s.colour.hex)\" fill-opacity=\"0.08\" stroke=\"\(s.colour.hex)\" stroke-width=\"2.5\" stroke-linejoin=\"round\" class=\"chart-area\"/>")
            }
            for (n, position) in positions.enumerated() {
                let label = "\(s.name), \(axes[valid[n].axis]): \(SVGText.value(valid[n].value, decimals: decimals, unit: ""))"
                canvas.add(MarkerShape.forSeries(index).svg(x: position.0, y: position.1, fill: s.colour.hex, tooltip: label))
            }
            canvas.add("</g>")
        }
        // Ring values along the first spoke, haloed in white so lines behind them do not cut them.
        for ring in 1...Self.rings {
            let value = maximum * Double(ring) / Double(Self.rings)
            let p = point(0, Double(ring) / Double(Self.rings))
            canvas.add("<text x=\"\(SVGText.coordinate(p.0 + 4))\" y=\"\(SVGText.coordinate(p.1 + 4))\" font-size=\"11\" fill=\"\(SVGCanvas.axisColour)\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\" class=\"chart-ring-label\">\(SVGText.escape(SVGText.value(value, decimals: decimals, unit: "")))</text>")
        }
        for block in blocks {
            for (n, line) in block.lines.enumerated() {
                canvas.text(line.text, x: block.x, y: cy + block.firstBaseline + Double(n) * lineHeight,
                            size: line.bold ? 14 : 13, anchor: block.anchor, weight: line.bold ? "600" : nil,
                            className: line.bold ? "chart-axis-label" : "chart-value")
            }
        }
        return canvas.document(id: chartID, title: title, summary: summary, height: cy + lowest + SVGCanvas.margin)
    }
}
