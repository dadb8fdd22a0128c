import Foundation

/// How far apart the two sides' views are, in plain words. Thresholds are on the gap rounded
/// to whole points (what pages show), so a page never says "close" next to "10 points".
/// A whole step on the scale (agree to neither) is 25 points.
public enum GapLabel: String, Sendable, Codable, CaseIterable {
    /// Under 10 points: less than half a step; the sides broadly see it the same way.
    case close
    /// 10 to 19 points: roughly half a step to nearly a step.
    case someDifference = "some_difference"
    /// 20 points or more: the sides are close to a whole step apart, or more.
    case wide

    public static let someDifferenceFrom = 10.0
    public static let wideFrom = 20.0

    public init(size: Double) {
        let shown = abs(size).rounded(.toNearestOrAwayFromZero)
        self = shown >= Self.wideFrom ? .wide : (shown >= Self.someDifferenceFrom ? .someDifference : .close)
    }

    public var label: String {
        switch self {
        case .close: return "Close"
        case .someDifference: return "Some difference"
        case .wide: return "Wide gap"
        }
    }
}

/// The perception gap for one principle (or overall): community score minus council score.
public struct PerceptionGap: Sendable, Equatable, Codable {
    /// Nil for the overall gap.
    public var principle: Principle?
    public var community: Double
    public var council: Double
    /// Community minus council: positive when the community sees things more positively.
    public var difference: Double
    /// The absolute difference.
    public var size: Double
    public var label: GapLabel

    public init(principle: Principle?, community: Double, council: Double) {
        self.principle = principle
        self.community = community
        self.council = council
        self.difference = community - council
        self.size = abs(community - council)
        self.label = GapLabel(size: size)
    }

    /// The side that sees it more positively, or nil when the rounded gap is zero.
    public var morePositive: Side? {
        let shown = difference.rounded(.toNearestOrAwayFromZero)
        return shown > 0 ? .community : (shown < 0 ? .council : nil)
    }

    /// "The council sees this 18 points more positively than the community (some difference)."
    public var summary: String {
        let points = Int(size.rounded(.toNearestOrAwayFromZero))
        guard let side = morePositive else { return "Both sides see this the same way." }
        let unit = points == 1 ? "point" : "points"
        return "The \(side.label.lowercased()) sees this \(points) \(unit) more positively than the \(side.other.label.lowercased()) (\(label.label.lowercased()))."
    }
}
