/// The fills a chart may use. Each has at least 3:1 contrast against white (WCAG 2.2, 1.4.11
/// non-text contrast), and the six stay apart when simulated for protanopia, deuteranopia and
/// tritanopia (Machado, Oliveira and Fernandes, 2009): the closest pair under any of the three is
/// still about 24 CIELAB units apart. They were picked by a search over hues that keep their
/// everyday names, so "green means agree" still reads right to most people; charts never rely on
/// colour alone (every value is also a text label, lines and points carry distinct shapes).
public enum ChartColour: String, CaseIterable, Sendable, Codable {
    case green, red, amber, blue, grey, purple

    /// The fill, `#RRGGBB`.
    public var hex: String {
        switch self {
        case .green: return "#0DA061"
        case .red: return "#AF1825"
        case .amber: return "#CC7A01"
        case .blue: return "#095290"
        case .grey: return "#616161"
        case .purple: return "#9900D8"
        }
    }

    /// The colour for text drawn on top of this fill: whichever of white or near-black contrasts
    /// more. Because the two contrasts multiply to 21, the better one is always above 4.5:1.
    public var textOnFillHex: String {
        switch self {
        case .green, .amber: return "#0B0C0C"
        case .red, .blue, .grey, .purple: return "#FFFFFF"
        }
    }
}

/// One named run of values: a side of the partnership, an answer on the agreement scale, a round.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var colour: ChartColour
    /// One value per category, axis or x label, in the same order. A value that is not finite
    /// (NaN, infinity) counts as missing; a missing tail is allowed.
    public var values: [Double]

    public init(name: String, colour: ChartColour, values: [Double]) {
        self.name = name
        self.colour = colour
        self.values = values
    }

    /// The value at `index`, or nil when it is missing or not a finite number.
    func value(at index: Int) -> Double? {
        guard index >= 0, index < values.count, values[index].isFinite else { return nil }
        return values[index]
    }
}
