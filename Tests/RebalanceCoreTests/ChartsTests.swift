import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RebalanceCore

/// A parsed SVG element: enough of a tree for the tests to check structure and geometry.
fileprivate final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""
    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    func all(_ name: String) -> [SVGNode] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }
    func all(className: String) -> [SVGNode] {
        let mine = (attributes["class"] ?? "").split(separator: " ").contains(Substring(className)) ? [self] : []
        return mine + children.flatMap { $0.all(className: className) }
    }
    var allText: [String] { all("text").map(\.text) }
    func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
    /// "x,y x,y ..." of a polygon or polyline.
    var points: [(Double, Double)] {
        (attributes["points"] ?? "").split(separator: " ").map {
            let xy = $0.split(separator: ",").map { Double($0)! }
            return (xy[0], xy[1])
        }
    }
}

fileprivate final class SVGTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [SVGNode] = []
    var root: SVGNode?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = SVGNode(name: name, attributes: attributes)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
}

/// Parses the SVG and fails the test if it is not well-formed XML.
fileprivate func parseSVG(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SVGNode {
    let parser = XMLParser(data: Data(svg.utf8))
    let builder = SVGTreeBuilder()
    parser.delegate = builder
    let ok = parser.parse()
    #expect(ok, "not well-formed: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
    return try #require(builder.root, sourceLocation: sourceLocation)
}

@Suite struct ChartsTests {
    static let principles = ["Recognise each other", "Build trust", "Keep talking", "Flex and adapt", "Share ownership"]
    static let sides = [ChartSeries(name: "Community", colour: .blue, values: [62, 41, 55, 70, 48]),
                        ChartSeries(name: "Council", colour: .amber, values: [75, 68, 60, 66, 71])]

    static func everyKind(title: String = "A chart", summary: String = "What it shows",
                          labels: [String] = principles, series: [ChartSeries] = sides) -> [String] {
        [StackedBarChart(title: title, summary: summary, categories: labels, series: series).svg(),
         RadarChart(title: title, summary: summary, axes: labels, series: series, maximum: 100).svg(),
         LineChart(title: title, summary: summary, xLabels: labels, series: series, minimum: 0, maximum: 100).svg(),
         BarChart(title: title, summary: summary, categories: labels, values: series.first?.values ?? [],
                  colour: .purple, minimum: -100, maximum: 100).svg()]
    }

    // MARK: - Documents

    @Test func everyChartIsAWellFormedAccessibleScalableDocument() throws {
        for svg in Self.everyKind() {
            let root = try parseSVG(svg)
            #expect(root.name == "svg")
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["width"] == "100%")
            #expect(root.attributes["height"] == nil)
            #expect(root.attributes["style"]?.contains("font-family:inherit") == true)
            let box = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
            #expect(box.count == 4 && box[2] == 600 && box[3] > 50)
            // aria-labelledby names the <title> and <desc>, which come first.
            let ids = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
            #expect(ids.count == 2)
            #expect(root.children.first?.name == "title" && root.children.first?.attributes["id"] == ids[0])
            #expect(root.children.dropFirst().first?.name == "desc" && root.children[1].attributes["id"] == ids[1])
            #expect(root.children[0].text == "A chart")
            #expect(root.children[1].text == "What it shows")
            #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("url(") && !svg.contains("@import"))
        }
    }

    @Test func outputIsDeterministic() {
        #expect(Self.everyKind() == Self.everyKind())
        // Different content gives a different derived id; an explicit id is kept (made safe).
        var a = RadarChart(title: "A", summary: "s", axes: Self.principles, series: Self.sides, maximum: 100)
        let b = RadarChart(title: "B", summary: "s", axes: Self.principles, series: Self.sides, maximum: 100)
        #expect(a.svg().contains("aria-labelledby=\"chart-") && a.svg() != b.svg())
        a.id = "gap chart\"><x"
        #expect(a.svg().contains("aria-labelledby=\"gapchartx-title gapchartx-desc\""))
        a.id = "2026"
        #expect(a.svg().contains("id=\"chart-2026-title\""))
    }

    @Test func legendsNameEverySeriesAndValuesAreWrittenAsText() throws {
        for (n, svg) in Self.everyKind().enumerated() where n < 3 {
            let root = try parseSVG(svg)
            let legend = root.all(className: "chart-legend-label").map(\.text)
            #expect(legend == ["Community", "Council"])
        }
        let stacked = try parseSVG(Self.everyKind()[0])
        #expect(stacked.all(className: "chart-value").map(\.text).contains("62"))
        #expect(stacked.all(className: "chart-total").map(\.text).first == "137")
        let radar = try parseSVG(Self.everyKind()[1])
        #expect(radar.all(className: "chart-value").map(\.text).contains("Council: 68"))
        let line = try parseSVG(Self.everyKind()[2])
        #expect(Set(line.all(className: "chart-value").map(\.text)) == Set(["62", "41", "55", "70", "48", "75", "68", "60", "66", "71"]))
        let bar = try parseSVG(Self.everyKind()[3])
        #expect(bar.all(className: "chart-value").map(\.text) == ["+62", "+41", "+55", "+70", "+48"])
    }

    // MARK: - Escaping

    @Test func hostileTextIsEscapedEverywhere() throws {
        let hostile = "</title><script>alert('x')</script> & \"quoted\" <b>"
        let series = [ChartSeries(name: hostile, colour: .red, values: [1, 2, 3]),
                      ChartSeries(name: "ok", colour: .green, values: [3, 2, 1])]
        for svg in Self.everyKind(title: hostile, summary: hostile, labels: [hostile, "b & c", "d\u{0}e\u{1B}"], series: series) {
            #expect(!svg.contains("<script") && !svg.contains("<b>"))
            #expect(!svg.contains("\u{0}") && !svg.contains("\u{1B}"))
            let root = try parseSVG(svg)
            #expect(root.children[0].text == hostile)
            #expect(root.children[1].text == hostile)
            #expect(root.all("script").isEmpty && root.all("b").isEmpty)
        }
        #expect(SVGText.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(SVGText.escape("x\u{7}y\u{FFFF}") == "x\u{FFFD}y\u{FFFD}")
    }

    // MARK: - Numbers

    @Test func numbersHaveFixedDecimalsAndRealMinusSigns() {
        #expect(SVGText.coordinate(-0.04) == "0.0")
        #expect(SVGText.coordinate(12) == "12.0")
        #expect(SVGText.coordinate(1.25) == "1.3" || SVGText.coordinate(1.25) == "1.2")
        #expect(SVGText.value(-7.6, decimals: 0, unit: "%") == "\u{2212}8%")
        #expect(SVGText.value(-0.2, decimals: 0, unit: "") == "0")
        #expect(SVGText.value(4, decimals: 1, unit: "", signed: true) == "+4.0")
        #expect(SVGText.value(0, decimals: 0, unit: "", signed: true) == "0")
    }

    // MARK: - Geometry

    @Test func stackedBarLengthsAreProportionalToTotalsAndValues() throws {
        let chart = StackedBarChart(title: "t", summary: "s", categories: ["Ten", "Five"],
                                    series: [ChartSeries(name: "Agree", colour: .green, values: [6, 5]),
                                             ChartSeries(name: "Disagree", colour: .red, values: [4, .nan])])
        let root = try parseSVG(chart.svg())
        let bars = root.all(className: "chart-bar").map { $0.all(className: "chart-segment").map { $0.number("width") } }
        #expect(bars.count == 2 && bars[0].count == 2 && bars[1].count == 1)
        let first = bars[0].reduce(0, +), second = bars[1].reduce(0, +)
        #expect(abs(first / second - 2) < 0.01)
        #expect(abs(bars[0][0] / bars[0][1] - 1.5) < 0.01)
        #expect(first <= 600 - 24)
    }

    @Test func radarPointsStayWithinTheRadiusAndSitWhereTheValueSays() throws {
        let series = [ChartSeries(name: "Over", colour: .blue, values: [150, -20, 50, 100, 0]),
                      ChartSeries(name: "Half", colour: .amber, values: [50, 50, 50, 50, 50])]
        let root = try parseSVG(RadarChart(title: "t", summary: "s", axes: Self.principles, series: series, maximum: 100).svg())
        let outer = try #require(root.all(className: "chart-ring-outer").first).points
        #expect(outer.count == 5)
        let cx = outer.map(\.0).reduce(0, +) / 5, cy = outer.map(\.1).reduce(0, +) / 5
        let radius = outer.map { hypot($0.0 - cx, $0.1 - cy) }
        #expect(radius.allSatisfy { abs($0 - radius[0]) < 0.2 })
        let areas = root.all(className: "chart-area")
        #expect(areas.count == 2)
        for p in areas.flatMap(\.points) { #expect(hypot(p.0 - cx, p.1 - cy) <= radius[0] + 0.1) }
        // 150 is drawn at the rim, -20 at the centre, 50 half way.
        let over = areas[0].points
        #expect(abs(hypot(over[0].0 - cx, over[0].1 - cy) - radius[0]) < 0.2)
        #expect(hypot(over[1].0 - cx, over[1].1 - cy) < 0.2)
        for p in areas[1].points { #expect(abs(hypot(p.0 - cx, p.1 - cy) - radius[0] / 2) < 0.2) }
        // The first axis points straight up.
        #expect(abs(over[0].0 - cx) < 0.1 && over[0].1 < cy)
        // The label keeps the real value even when the point is clamped.
        #expect(root.all(className: "chart-value").map(\.text).contains("Over: 150"))
    }

    @Test func gapBarsGrowEitherSideOfTheZeroLine() throws {
        let chart = BarChart(title: "t", summary: "s", categories: ["a", "b", "c"], values: [-20, 10, 0],
                             colour: .purple, minimum: -50, maximum: 50)
        let root = try parseSVG(chart.svg())
        let zero = try #require(root.all(className: "chart-zero").first).number("x1")
        let bars = root.all(className: "chart-bar")
        #expect(bars.count == 3)
        #expect(abs(bars[0].number("x") + bars[0].number("width") - zero) < 0.1)   // ends at zero
        #expect(abs(bars[1].number("x") - zero) < 0.1)                            // starts at zero
        #expect(abs(bars[0].number("width") / bars[1].number("width") - 2) < 0.01)
        #expect(bars[2].number("width") == 0)
        #expect(root.all(className: "chart-value").map(\.text) == ["\u{2212}20", "+10", "0"])
        #expect(root.all(className: "chart-tick").map(\.text) == ["\u{2212}50", "0", "+50"])
    }

    @Test func positiveOnlyBarsStartAtTheLowEnd() throws {
        let chart = BarChart(title: "t", summary: "s", categories: ["a", "b"], values: [100, 25],
                             colour: .green, minimum: 0, maximum: 100, unit: "%")
        let root = try parseSVG(chart.svg())
        let bars = root.all(className: "chart-bar")
        #expect(bars[0].number("x") == bars[1].number("x"))
        #expect(abs(bars[0].number("width") / bars[1].number("width") - 4) < 0.01)
        #expect(root.all(className: "chart-value").map(\.text) == ["100%", "25%"])
    }

    @Test func lineChartPlacesPointsByValueAndBreaksAtMissingValues() throws {
        let series = [ChartSeries(name: "Community", colour: .blue, values: [20, 40, .nan, 80, 60])]
        let root = try parseSVG(LineChart(title: "t", summary: "s", xLabels: ["1", "2", "3", "4", "5"], series: series,
                                          minimum: 0, maximum: 100).svg())
        let lines = root.all(className: "chart-line")
        #expect(lines.count == 2)
        #expect(lines[0].points.count == 2 && lines[1].points.count == 2)
        let ys = (lines[0].points + lines[1].points).map(\.1)
        // Higher values are higher up (smaller y), evenly scaled.
        #expect(ys[0] > ys[1] && ys[2] < ys[3])
        #expect(abs((ys[0] - ys[1]) - (ys[3] - ys[2])) < 0.1)
        let xs = (lines[0].points + lines[1].points).map(\.0)
        #expect(xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3])
    }

    @Test func closeLineLabelsDoNotOverlap() throws {
        let series = [ChartSeries(name: "A", colour: .blue, values: [50]), ChartSeries(name: "B", colour: .amber, values: [51]),
                      ChartSeries(name: "C", colour: .green, values: [50])]
        let root = try parseSVG(LineChart(title: "t", summary: "s", xLabels: ["Only"], series: series, minimum: 0, maximum: 100).svg())
        let ys = root.all(className: "chart-value").map { $0.number("y") }.sorted()
        #expect(ys.count == 3)
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 14.9) }
    }

    @Test func seriesAreToldApartByShapeNotOnlyColour() throws {
        let series = ChartColour.allCases.map { ChartSeries(name: $0.rawValue, colour: $0, values: [1, 2, 3]) }
        let root = try parseSVG(LineChart(title: "t", summary: "s", xLabels: ["a", "b", "c"], series: series, minimum: 0, maximum: 5).svg())
        let markers = root.all(className: "chart-legend-marker")
        // A shape's signature: element, corner count, and whether its first corner points up.
        let signatures = markers.map { m -> String in
            let meanY = m.points.map(\.1).reduce(0, +) / Double(max(1, m.points.count))
            return "\(m.name)|\(m.points.count)|\(m.points.first.map { $0.1 < meanY } ?? false)"
        }
        #expect(Set(signatures).count == 6, "\(signatures)")
        #expect(root.all(className: "chart-point").count == 18)
    }

    // MARK: - Nothing to draw

    @Test func emptyZeroAndNaNInputsSayNoData() throws {
        let noData: [String] = [
            StackedBarChart(title: "t", summary: "s", categories: [], series: Self.sides).svg(),
            StackedBarChart(title: "t", summary: "s", categories: ["a"], series: []).svg(),
            StackedBarChart(title: "t", summary: "s", categories: ["a", "b"],
                            series: [ChartSeries(name: "x", colour: .red, values: [0, .nan])]).svg(),
            RadarChart(title: "t", summary: "s", axes: Self.principles, series: Self.sides, maximum: 0).svg(),
            RadarChart(title: "t", summary: "s", axes: Self.principles, series: Self.sides, maximum: .nan).svg(),
            RadarChart(title: "t", summary: "s", axes: ["a", "b"], series: Self.sides, maximum: 100).svg(),
            RadarChart(title: "t", summary: "s", axes: Self.principles,
                       series: [ChartSeries(name: "x", colour: .red, values: [.nan, .nan])], maximum: 100).svg(),
            LineChart(title: "t", summary: "s", xLabels: [], series: Self.sides, minimum: 0, maximum: 100).svg(),
            LineChart(title: "t", summary: "s", xLabels: ["a"], series: Self.sides, minimum: 0, maximum: 0).svg(),
            LineChart(title: "t", summary: "s", xLabels: ["a"], series: Self.sides, minimum: .nan, maximum: 100).svg(),
            LineChart(title: "t", summary: "s", xLabels: ["a"], series: [], minimum: 0, maximum: 100).svg(),
            BarChart(title: "t", summary: "s", categories: [], values: [], colour: .red, minimum: 0, maximum: 1).svg(),
            BarChart(title: "t", summary: "s", categories: ["a"], values: [.nan], colour: .red, minimum: 0, maximum: 1).svg(),
            BarChart(title: "t", summary: "s", categories: ["a"], values: [1], colour: .red, minimum: 0, maximum: 0).svg(),
            BarChart(title: "t", summary: "s", categories: ["a"], values: [1], colour: .red, minimum: 0, maximum: .infinity).svg(),
        ]
        for svg in noData {
            let root = try parseSVG(svg)
            #expect(root.all(className: "chart-no-data").map(\.text) == ["No data"])
            #expect(root.children[0].text == "t")
        }
    }

    @Test func partlyMissingDataStillDrawsWhatThereIs() throws {
        let radar = RadarChart(title: "t", summary: "s", axes: Self.principles,
                               series: [ChartSeries(name: "Community", colour: .blue, values: [60, .nan, 40])], maximum: 100)
        let root = try parseSVG(radar.svg())
        #expect(root.all(className: "chart-no-data").isEmpty)
        #expect(root.all(className: "chart-area").isEmpty)   // two points make no polygon
        #expect(root.all(className: "chart-point").count == 2)
        #expect(root.all(className: "chart-value").map(\.text).contains("Community: no data"))
        let bars = BarChart(title: "t", summary: "s", categories: ["a", "b"], values: [5], colour: .red, minimum: 0, maximum: 10)
        #expect(try parseSVG(bars.svg()).all(className: "chart-value").map(\.text) == ["5", "No data"])
    }

    @Test func labelsTooNarrowForTheirSegmentAreListedUnderTheBar() throws {
        let chart = StackedBarChart(title: "t", summary: "s", categories: ["a"],
                                    series: [ChartSeries(name: "Agree", colour: .green, values: [200]),
                                             ChartSeries(name: "Disagree", colour: .red, values: [1])])
        let root = try parseSVG(chart.svg())
        #expect(root.all(className: "chart-value").map(\.text) == ["200"])
        #expect(root.all(className: "chart-value-note").map(\.text) == ["Disagree 1"])
    }

    // MARK: - Colours

    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.dropFirst(), radix: 16)!
        let channels = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { c -> Double in
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func fillsContrastWithWhiteAndTextOnThemIsReadable() {
        for colour in ChartColour.allCases {
            #expect(contrastOK(colour), "\(colour)")
            #expect(Self.contrast(colour.textOnFillHex, colour.hex) >= 4.5, "\(colour) label")
        }
        func contrastOK(_ c: ChartColour) -> Bool { Self.contrast(c.hex, "#FFFFFF") >= 3 }
    }

    /// Simulates colour-vision deficiency (Machado et al. 2009, full severity) and checks that
    /// every pair of fills stays clearly apart in CIELAB.
    @Test func fillsStayDistinctUnderCommonColourBlindness() {
        let simulations: [[[Double]]] = [
            [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
            [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
        ]
        func linear(_ hex: String) -> [Double] {
            let v = Int(hex.dropFirst(), radix: 16)!
            return [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { c in
                let s = Double(c) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
        }
        func lab(_ rgb: [Double]) -> [Double] {
            let (r, g, b) = (rgb[0], rgb[1], rgb[2])
            let xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
                       (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883]
            let f = xyz.map { $0 > 0.008856 ? cbrt($0) : 7.787 * $0 + 16.0 / 116 }
            return [116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])]
        }
        for matrix in simulations {
            let points = ChartColour.allCases.map { colour -> [Double] in
                let c = linear(colour.hex)
                return lab((0..<3).map { i in min(1, max(0, (0..<3).reduce(0) { $0 + matrix[i][$1] * c[$1] })) })
            }
            for i in points.indices { for j in points.indices where j > i {
                let distance = sqrt(zip(points[i], points[j]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
                #expect(distance > 20, "\(ChartColour.allCases[i]) vs \(ChartColour.allCases[j])")
            } }
        }
    }
}
