/// Collects the elements of one chart and wraps them in an accessible, scalable document.
/// Every chart is 600 units wide; its height follows its content. The document has no fixed
/// pixel size (`width="100%"`, capped at 600 px), so it shrinks to a 320 px phone screen.
struct SVGCanvas {
    static let width = 600.0
    static let margin = 12.0
    /// Text takes the page's colour, so the chart follows the page (including dark themes).
    static let textColour = "currentColor"
    static let gridColour = "#B1B4B6"
    static let axisColour = "#505A5F"

    private(set) var elements: [String] = []

    mutating func add(_ element: String) { elements.append(element) }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 14,
                       anchor: String = "start", weight: String? = nil, fill: String = textColour,
                       className: String? = nil) {
        var attributes = "x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(y))\" font-size=\"\(SVGText.coordinate(size))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        attributes += " fill=\"\(fill)\""
        if let className { attributes += " class=\"\(className)\"" }
        add("<text \(attributes)>\(SVGText.escape(content))</text>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dashed: Bool = false, className: String? = nil) {
        var s = "<line x1=\"\(SVGText.coordinate(x1))\" y1=\"\(SVGText.coordinate(y1))\" x2=\"\(SVGText.coordinate(x2))\" y2=\"\(SVGText.coordinate(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVGText.coordinate(width))\""
        if dashed { s += " stroke-dasharray=\"4 4\"" }
        if let className { s += " class=\"\(className)\"" }
        add(s + "/>")
    }

    /// A rectangle; `tooltip` becomes a `<title>` child, which browsers show on hover.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, dashed: Bool = false,
                       className: String? = nil, tooltip: String? = nil) {
        var s = "<rect x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(y))\" width=\"\(SVGText.coordinate(max(0, width)))\" height=\"\(SVGText.coordinate(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\"" }
        if dashed { s += " stroke-dasharray=\"4 4\"" }
        if let className { s += " class=\"\(className)\"" }
        if let tooltip {
            add(s + "><title>\(SVGText.escape(tooltip))</title></rect>")
        } else {
            add(s + "/>")
        }
    }

    /// The finished document. `title` and `summary` go into `<title>` and `<desc>`, which
    /// `aria-labelledby` names, so a screen reader announces the chart as one image with its
    /// summary; the page gives the full figures as a table next to it.
    func document(id: String, title: String, summary: String, height: Double) -> String {
        let h = SVGText.coordinate(height.rounded(.up))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 \(h)\" width=\"100%\""
        out += " style=\"max-width:600px;height:auto;font-family:inherit\""
        out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart\">\n"
        out += "<title id=\"\(id)-title\">\(SVGText.escape(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(SVGText.escape(summary))</desc>\n"
        for element in elements { out += element + "\n" }
        out += "</svg>\n"
        return out
    }

    /// What every chart draws when there is nothing to draw: empty data, a zero or missing
    /// scale, or only missing values.
    static func noData(id: String, title: String, summary: String) -> String {
        var canvas = SVGCanvas()
        canvas.rect(x: 1, y: 1, width: width - 2, height: 78, fill: "none", stroke: gridColour, dashed: true,
                    className: "chart-empty")
        canvas.text("No data", x: width / 2, y: 46, size: 16, anchor: "middle", className: "chart-no-data")
        return canvas.document(id: id, title: title, summary: summary, height: 80)
    }
}

/// Shapes that tell series apart without colour: each series gets the shape at its position.
enum MarkerShape: CaseIterable {
    case circle, square, triangle, diamond, triangleDown, plus

    static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

    /// The marker centred on (x, y), about 11 units across, with a white edge so overlapping
    /// markers stay visible.
    func svg(x: Double, y: Double, fill: String, className: String = "chart-point", tooltip: String? = nil) -> String {
        let c = SVGText.coordinate
        let r = 5.5
        let body: String
        switch self {
        case .circle:
            body = "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\""
        case .square:
            body = "<rect x=\"\(c(x - r + 0.5))\" y=\"\(c(y - r + 0.5))\" width=\"\(c(2 * r - 1))\" height=\"\(c(2 * r - 1))\""
        case .triangle:
            body = "<polygon points=\"\(Self.points([(x, y - r - 1), (x + r + 0.5, y + r - 0.5), (x - r - 0.5, y + r - 0.5)]))\""
        case .triangleDown:
            body = "<polygon points=\"\(Self.points([(x, y + r + 1), (x + r + 0.5, y - r + 0.5), (x - r - 0.5, y - r + 0.5)]))\""
        case .diamond:
            body = "<polygon points=\"\(Self.points([(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]))\""
        case .plus:
            let a = 2.0, b = r + 0.5
            body = "<polygon points=\"\(Self.points([(x - a, y - b), (x + a, y - b), (x + a, y - a), (x + b, y - a), (x + b, y + a), (x + a, y + a), (x + a, y + b), (x - a, y + b), (x - a, y + a), (x - b, y + a), (x - b, y - a), (x - a, y - a)]))\""
        }
        let attributes = " fill=\"\(fill)\" stroke=\"#FFFFFF\" stroke-width=\"1.5\" class=\"\(className)\""
        if let tooltip {
            return body + attributes + "><title>\(SVGText.escape(tooltip))</title>" + closingTag + ">"
        }
        return body + attributes + "/>"
    }

    private var closingTag: String {
        switch self {
        case .circle: return "</circle"
        case .square: return "</rect"
        default: return "</polygon"
        }
    }

    static func points(_ list: [(Double, Double)]) -> String {
        list.map { "\(SVGText.coordinate($0.0)),\(SVGText.coordinate($0.1))" }.joined(separator: " ")
    }
}

/// The key naming each series. Entries flow left to right and wrap onto new rows; a name too
/// long for one row wraps onto several lines rather than being cut.
enum ChartLegend {
    /// Draws the legend from `top` and returns the y below it.
    static func draw(_ series: [ChartSeries], markers: Bool, top: Double, into canvas: inout SVGCanvas) -> Double {
        guard !series.isEmpty else { return top }
        let size = 14.0
        let lineHeight = 18.0
        let right = SVGCanvas.width - SVGCanvas.margin
        let entries = series.enumerated().map { index, s in
            let lines = SVGText.wrap(s.name, maxWidth: right - SVGCanvas.margin - 22, fontSize: size)
            let width = 22 + (lines.map { SVGText.width($0, fontSize: size) }.max() ?? 0)
            return (index: index, series: s, lines: lines, width: width)
        }
        var x = SVGCanvas.margin
        var y = top
        var rowLines = 1
        for entry in entries {
            if x > SVGCanvas.margin, x + entry.width > right {
                x = SVGCanvas.margin
                y += Double(rowLines) * lineHeight + 6
                rowLines = 1
            }
            let colour = entry.series.colour.hex
            if markers {
                canvas.line(x1: x, y1: y + 8, x2: x + 16, y2: y + 8, stroke: colour, width: 2.5)
                canvas.add(MarkerShape.forSeries(entry.index).svg(x: x + 8, y: y + 8, fill: colour, className: "chart-legend-marker"))
            } else {
                canvas.rect(x: x, y: y + 1, width: 14, height: 14, fill: colour, className: "chart-legend-swatch")
            }
            for (n, line) in entry.lines.enumerated() {
                canvas.text(line, x: x + 22, y: y + 13 + Double(n) * lineHeight, size: size, className: "chart-legend-label")
            }
            rowLines = max(rowLines, entry.lines.count)
            x += entry.width + 18
        }
        return y + Double(rowLines) * lineHeight + 6
    }
}
