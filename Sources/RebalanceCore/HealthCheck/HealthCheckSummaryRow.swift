import Foundation

/// One partnership's line in the cross-area table (`/health-check`): its latest round's
/// scores per principle per side and the overall gap. Hidden figures are nil, exactly as on the
/// partnership's own page.
public struct HealthCheckSummaryRow: Sendable, Equatable, Codable {
    public struct PrincipleScores: Sendable, Equatable, Codable {
        public var principle: Principle
        public var community: Double?
        public var council: Double?
    }

    public var partnershipName: String
    public var partnershipSlug: String
    /// When the latest closed round stopped taking answers; nil if there has been none.
    public var latestRoundEndedOn: Day?
    public var questionSet: QuestionSetKey?
    public var respondents: Int
    /// In principle order.
    public var principles: [PrincipleScores]
    public var overallCommunity: Double?
    public var overallCouncil: Double?
    /// Community minus council overall.
    public var overallGap: Double?

    public init(partnershipName: String, partnershipSlug: String, latestRoundEndedOn: Day?, results: HealthCheckResults?) {
        self.partnershipName = partnershipName
        self.partnershipSlug = partnershipSlug
        self.latestRoundEndedOn = latestRoundEndedOn
        self.questionSet = results?.questionSet
        self.respondents = results?.respondents ?? 0
        self.principles = Principle.allCases.map { p in
            PrincipleScores(principle: p, community: results?.score(p, on: .community), council: results?.score(p, on: .council))
        }
        self.overallCommunity = results?.overall(on: .community)
        self.overallCouncil = results?.overall(on: .council)
        self.overallGap = results?.overallGap?.difference
    }

    public func score(_ principle: Principle, on side: Side) -> Double? {
        guard let row = principles.first(where: { $0.principle == principle }) else { return nil }
        return side == .community ? row.community : row.council
    }

    public func overall(on side: Side) -> Double? {
        side == .community ? overallCommunity : overallCouncil
    }

    // MARK: - Sorting

    /// Sorts by `column`. Rows without a value in that column (no round yet, or a hidden score)
    /// always go last, in either direction, so "lowest first" never starts with blanks. Ties,
    /// and the blanks among themselves, are ordered by partnership name A to Z, so the order is
    /// the same on every load. The gap column sorts by the gap's size, so the widest gaps in
    /// either direction come together.
    public static func sorted(_ rows: [HealthCheckSummaryRow], by column: Column,
                              _ direction: Direction = .ascending) -> [HealthCheckSummaryRow] {
        func byName(_ a: HealthCheckSummaryRow, _ b: HealthCheckSummaryRow) -> Bool {
            let (x, y) = (a.partnershipName.lowercased(), b.partnershipName.lowercased())
            if x != y { return x < y }
            if a.partnershipName != b.partnershipName { return a.partnershipName < b.partnershipName }
            return a.partnershipSlug < b.partnershipSlug
        }
        if column == .partnership {
            let ascending = rows.sorted(by: byName)
            return direction == .ascending ? ascending : ascending.reversed()
        }
        return rows.sorted { a, b in
            let (x, y) = (column.sortKey(a), column.sortKey(b))
            switch (x, y) {
            case (nil, nil): return byName(a, b)
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?):
                if x != y { return direction == .ascending ? x < y : x > y }
                return byName(a, b)
            }
        }
    }

    // MARK: - CSV

    public static var csvHeader: [String] {
        Column.allCases.map(\.heading) + ["Respondents", "Question set"]
    }

    /// Scores with one decimal; blank where there is no figure; dates `YYYY-MM-DD`.
    public var csvCells: [String] {
        Column.allCases.map { column -> String in
            switch column {
            case .partnership: return partnershipName
            case .latestRound: return latestRoundEndedOn?.description ?? ""
            default: return column.value(self).map { Self.decimal($0) } ?? ""
            }
        } + [String(respondents), questionSet.map { "\($0.id) v\($0.version)" } ?? ""]
    }

    /// A whole CSV document: header row, then one row per partnership (RFC 4180, CRLF).
    public static func csv(_ rows: [HealthCheckSummaryRow]) -> String {
        ([csvHeader] + rows.map(\.csvCells)).map(csvLine).joined()
    }

    /// One CSV line (see `CSVWriter`: quoting and formula guarding).
    public static func csvLine(_ cells: [String]) -> String { CSVWriter.line(cells) }

    static func decimal(_ x: Double) -> String {
        var rounded = (x * 10).rounded(.toNearestOrAwayFromZero) / 10
        if rounded == 0 { rounded = 0 }
        return String(format: "%.1f", rounded)
    }
}

extension HealthCheckSummaryRow {
    public enum Direction: String, Sendable, Codable, CaseIterable {
        case ascending
        case descending
    }

    /// A column of the cross-area table. `rawValue` is what a sort link carries (`?sort=trust-council`).
    public enum Column: Hashable, Sendable, CaseIterable {
        case partnership
        case latestRound
        case score(Principle, Side)
        case overall(Side)
        case overallGap

        public static let allCases: [Column] =
            [.partnership, .latestRound]
            + Principle.allCases.flatMap { p in Side.allCases.map { Column.score(p, $0) } }
            + Side.allCases.map { Column.overall($0) }
            + [.overallGap]

        public var rawValue: String {
            switch self {
            case .partnership: return "partnership"
            case .latestRound: return "latest-round"
            case .score(let p, let s): return "\(p.rawValue.replacingOccurrences(of: "_", with: "-"))-\(s.rawValue)"
            case .overall(let s): return "overall-\(s.rawValue)"
            case .overallGap: return "gap"
            }
        }

        public init?(rawValue: String) {
            guard let match = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
            self = match
        }

        public var heading: String {
            switch self {
            case .partnership: return "Partnership"
            case .latestRound: return "Latest round"
            case .score(let p, let s): return "\(p.number). \(p.title): \(s.label.lowercased())"
            case .overall(let s): return "Overall: \(s.label.lowercased())"
            case .overallGap: return "Overall gap (community minus council)"
            }
        }

        /// The number shown in the column (nil for the text columns or a blank).
        public func value(_ row: HealthCheckSummaryRow) -> Double? {
            switch self {
            case .partnership, .latestRound: return nil
            case .score(let p, let s): return row.score(p, on: s)
            case .overall(let s): return row.overall(on: s)
            case .overallGap: return row.overallGap
            }
        }

        /// What the column sorts on.
        func sortKey(_ row: HealthCheckSummaryRow) -> Double? {
            switch self {
            case .partnership: return nil
            case .latestRound: return row.latestRoundEndedOn.map { Double($0.ordinal) }
            case .overallGap: return row.overallGap.map(abs)
            default: return value(row)
            }
        }
    }
}
