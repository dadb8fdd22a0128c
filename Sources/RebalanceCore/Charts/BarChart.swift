/// One horizontal bar per category on a fixed scale from `minimum` to `maximum`, such as the
/// perception gap per principle. Bars start at zero when zero is on the scale (otherwise at the
/// nearer end), so negative values grow to the left of a zero line and positive ones to the
/// right. When the scale includes negative values, positive labels carry a plus sign, because
/// the direction is the point of such a chart.
public struct BarChart: Sendable {
    public var title: String
    public var summary: String
    public var categories: [String]
    public var values: [Double]
    public var colour: ChartColour
    public var minimum: Double
    public var maximum: Double
    /// Written after every value, exactly as given.
    public var unit: String
    /// Decimals shown in value labels and on the scale.
    public var decimals: Int = 0
    /// See `StackedBarChart.id`.
    public var id: String?
    /// Optional words under the two ends of the scale saying what each direction means, such
    /// as "Council sees it more positively" and "Community sees it more positively".
    public var lowEndNote: String?
    public var highEndNote: String?

    public init(title: String, summary: String, categories: [String], values: [Double], colour: ChartColour,
                minimum: Double, maximum: Double, unit: String = "") {
        self.title = title
        self.summary = summary
        self.categories = categories
        self.values = values
        self.colour = colour
        self.minimum = minimum
        self.maximum = maximum
        self.unit = unit
    }

    static let barHeight = 24.0

    public func svg() -> String {
        let chartID = SVGText.sanitisedID(id, fallback: SVGText.stableID(kind: "bar", parts: [title, summary] + categories))
        let finite = categories.indices.compactMap { $0 < values.count && values[$0].isFinite ? values[$0] : nil }
        guard !categories.isEmpty, !finite.isEmpty, minimum.isFinite, maximum.isFinite, maximum > minimum else {
            return SVGCanvas.noData(id: chartID, title: title, summary: summary)
        }

        var canvas = SVGCanvas()
        let signed = minimum < 0
        let labelSize = 14.0
        let labels = categories.indices.map { index -> String? in
            guard index < values.count, values[index].isFinite else { return nil }
            return SVGText.value(values[index], decimals: decimals, unit: unit, signed: signed)
        }
        // Room for labels outside the bar ends, on whichever sides bars can grow towards.
        let widest = (labels.compactMap { $0 }.map { SVGText.width($0, fontSize: labelSize) }.max() ?? 0) + 10
        let base = min(max(0, minimum), maximum)
        let leftPad = minimum < base ? widest : 0
        let rightPad = maximum > base ? widest : 0
        let plotLeft = SVGCanvas.margin + leftPad
        let plotRight = SVGCanvas.width - SVGCanvas.margin - rightPad
        func x(_ value: Double) -> Double {
            let clamped = min(max(value, minimum), maximum)
            return plotLeft + (plotRight - plotLeft) * (clamped - minimum) / (maximum - minimum)
        }
        let zero = x(base)

        var y = SVGCanvas.margin - 4
        for (index, category) in categories.enumerated() {
            for line in SVGText.wrap(category, maxWidth: SVGCanvas.width - 2 * SVGCanvas.margin, fontSize: 15) {
                y += 18
                canvas.text(line, x: SVGCanvas.margin, y: y, size: 15, weight: "600", className: "chart-category")
            }
            y += 6
            canvas.line(x1: zero, y1: y - 2, x2: zero, y2: y + Self.barHeight + 3, stroke: SVGCanvas.axisColour,
                        width: 1.5, className: "chart-zero")
            if let label = labels[index] {
                let value = values[index]
                let end = x(value)
                canvas.rect(x: min(zero, end), y: y, width: abs(end - zero), height: Self.barHeight, fill: colour.hex,
                            className: "chart-bar", tooltip: "\(category): \(label)")
                let growsLeft = end < zero
                canvas.text(label, x: growsLeft ? end - 6 : end + 6, y: y + 17, size: labelSize,
                            anchor: growsLeft ? "end" : "start", weight: "600", className: "chart-value")
            } else {
                canvas.text("No data", x: zero + 6, y: y + 17, size: 13, className: "chart-value")
            }
            y += Self.barHeight + 12
        }
        let axisBottom = y - 4
        // The scale: its two ends, and zero when it lies strictly between them.
        var ticks = [minimum, maximum]
        if minimum < 0, maximum > 0 { ticks.insert(0, at: 1) }
        for tick in ticks {
            let tx = x(tick)
            canvas.line(x1: tx, y1: axisBottom, x2: tx, y2: axisBottom + 5, stroke: SVGCanvas.axisColour, className: "chart-tick-mark")
            let anchor = tick == minimum ? "start" : (tick == maximum ? "end" : "middle")
            canvas.text(SVGText.value(tick, decimals: decimals, unit: unit, signed: signed && tick > 0), x: tx,
                        y: axisBottom + 20, size: 12, anchor: anchor, className: "chart-tick")
        }
        canvas.line(x1: plotLeft, y1: axisBottom, x2: plotRight, y2: axisBottom, stroke: SVGCanvas.axisColour,
                    className: "chart-axis")
        var bottom = axisBottom + 20
        // Direction notes: each takes at most half the width, wrapped, under its end of the scale.
        let half = SVGCanvas.width / 2 - SVGCanvas.margin - 8
        var noteBottom = bottom
        for (note, isLow) in [(lowEndNote, true), (highEndNote, false)] {
            guard let note, !note.isEmpty else { continue }
            for (n, line) in SVGText.wrap(note, maxWidth: half, fontSize: 13).enumerated() {
                let ly = bottom + 20 + Double(n) * 16
                canvas.text(line, x: isLow ? SVGCanvas.margin : SVGCanvas.width - SVGCanvas.margin, y: ly, size: 13,
                            anchor: isLow ? "start" : "end", className: "chart-scale-note")
                noteBottom = max(noteBottom, ly)
            }
        }
        bottom = noteBottom
        return canvas.document(id: chartID, title: title, summary: summary, height: bottom + SVGCanvas.margin)
    }
}
