/// How voters expressed their preferences, as named by pabulib's `vote_type`.
public enum VoteType: String, Sendable, Codable, CaseIterable {
    case approval
    case choose1 = "choose-1"
    case cumulative
    case scoring
    case ordinal

    /// Ballots that carry a number per project (`points` column).
    public var hasPoints: Bool { self == .cumulative || self == .scoring }
}

/// One candidate project.
public struct Project: Sendable, Hashable, Codable {
    public var id: String
    public var cost: Amount
    /// Other columns of the PROJECTS section (name, category, votes, ...), by column name.
    public var fields: [String: String]

    public init(id: String, cost: Amount, fields: [String: String] = [:]) {
        self.id = id
        self.cost = cost
        self.fields = fields
    }
}

/// One voter's ballot, as handed out by `Election.ballot(at:)`.
public struct Ballot: Sendable, Hashable {
    public var voterID: String
    /// Indices into `Election.projects`, in the order the voter wrote them (for ordinal ballots,
    /// most preferred first). No project appears twice.
    public var projects: [Int]
    /// Points per listed project, for cumulative and scoring ballots; nil otherwise.
    public var points: [Amount]?
}

/// A non-fatal remark about a file: it was counted, but a person may want to look at it.
public struct PabulibWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// Limits a ballot had to respect, from META. Nil means the file sets no limit.
public struct BallotRules: Sendable, Hashable, Codable {
    public var minLength: Int?
    public var maxLength: Int?
    public var minSumPoints: Amount?
    public var maxSumPoints: Amount?
    public var minPoints: Amount?
    public var maxPoints: Amount?

    public init(minLength: Int? = nil, maxLength: Int? = nil, minSumPoints: Amount? = nil,
                maxSumPoints: Amount? = nil, minPoints: Amount? = nil, maxPoints: Amount? = nil) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.minSumPoints = minSumPoints
        self.maxSumPoints = maxSumPoints
        self.minPoints = minPoints
        self.maxPoints = maxPoints
    }
}

/// A participatory-budgeting election: the instance (budget, projects) and the profile (ballots).
///
/// Ballots are stored flat (one array of project indices with offsets per voter) because a city
/// election has ~90,000 of them and counting walks them many times.
public struct Election: Sendable {
    /// META key/value pairs in file order (including budget, vote_type, ...).
    public var meta: [(key: String, value: String)]
    public var voteType: VoteType
    public var budget: Amount
    public var rules: BallotRules
    public var projects: [Project]
    /// Extra PROJECTS columns in file order (besides project_id and cost).
    public var projectColumns: [String]
    /// Extra VOTES columns in file order (besides voter_id, vote and points).
    public var voteColumns: [String]
    /// Problems that did not stop the count (e.g. a project listed twice on one ballot).
    public var warnings: [PabulibWarning]

    public private(set) var voterIDs: [String]
    var ballotStarts: [Int32]
    var ballotItems: [Int32]
    /// Points per ballot item at `pointsScale` decimal places; empty unless the type has points.
    var ballotPoints: [Int]
    public private(set) var pointsScale: Int
    /// Values of the extra vote columns, per voter and column.
    var voteExtras: VoteExtraColumns
    var projectIndexByID: [String: Int]
    var voterIDIndex: VoterIDIndex

    public init(voteType: VoteType, budget: Amount, projects: [Project], rules: BallotRules = BallotRules(),
                meta: [(key: String, value: String)] = [], projectColumns: [String] = [], voteColumns: [String] = []) throws {
        self.voteType = voteType
        self.budget = budget
        self.rules = rules
        self.projects = []
        self.projectColumns = projectColumns
        self.voteColumns = voteColumns
        self.meta = meta
        self.warnings = []
        self.voterIDs = []
        self.ballotStarts = [0]
        self.ballotItems = []
        self.ballotPoints = []
        self.pointsScale = 0
        self.voteExtras = VoteExtraColumns(columns: voteColumns.count)
        self.projectIndexByID = [:]
        self.voterIDIndex = VoterIDIndex()
        if budget.isNegative { throw PabulibError(line: 0, message: "budget \(budget) is negative") }
        for project in projects { try addProject(project) }
    }

    public var voterCount: Int { voterIDs.count }

    /// Makes room for `count` ballots, so a large file does not regrow its arrays many times.
    mutating func reserveVoters(_ count: Int) {
        voterIDs.reserveCapacity(count)
        ballotStarts.reserveCapacity(count + 1)
        ballotItems.reserveCapacity(count * 4)
        if voterIDs.isEmpty { voterIDIndex = VoterIDIndex(expected: count) }
    }

    public func projectIndex(id: String) -> Int? { projectIndexByID[id] }

    public func ballot(at index: Int) -> Ballot {
        let range = Int(ballotStarts[index])..<Int(ballotStarts[index + 1])
        let items = ballotItems[range].map(Int.init)
        var points: [Amount]? = nil
        if voteType.hasPoints {
            points = ballotPoints[range].map { Amount(units: $0, scale: pointsScale) }
        }
        return Ballot(voterID: voterIDs[index], projects: items, points: points)
    }

    /// Number of distinct projects on one voter's ballot.
    public func ballotLength(_ voter: Int) -> Int {
        Int(ballotStarts[voter + 1] - ballotStarts[voter])
    }

    /// Value of an extra vote column (age, sex, ...) for one voter.
    public func voteField(_ column: String, voter: Int) -> String? {
        guard let c = voteColumns.firstIndex(of: column) else { return nil }
        return voteExtras.value(column: c, voter: voter)
    }

    public func metaValue(_ key: String) -> String? {
        meta.last(where: { $0.key == key })?.value
    }

    mutating func addProject(_ project: Project, line: Int = 0) throws {
        if project.id.isEmpty { throw PabulibError(line: line, message: "a project has an empty project_id") }
        if projectIndexByID[project.id] != nil {
            throw PabulibError(line: line, message: "project '\(project.id)' is listed twice in PROJECTS")
        }
        if project.cost.isNegative {
            throw PabulibError(line: line, message: "project '\(project.id)' has a negative cost \(project.cost)")
        }
        projectIndexByID[project.id] = projects.count
        projects.append(project)
    }

    /// Adds a ballot after checking it against the projects and the ballot rules.
    /// Points are required (one per project) for cumulative and scoring elections and refused otherwise.
    public mutating func addBallot(voterID: String, projects ids: [String], points: [Amount]? = nil,
                                   fields: [String: String] = [:]) throws {
        var indices: [Int32] = []
        indices.reserveCapacity(ids.count)
        for id in ids {
            guard let p = projectIndexByID[id] else {
                throw PabulibError(line: 0, message: "voter '\(voterID)' votes for project '\(id)', which is not in PROJECTS")
            }
            indices.append(Int32(p))
        }
        var scaled: [Int] = []
        if voteType.hasPoints {
            guard let points, points.count == ids.count else {
                throw PabulibError(line: 0, message: "voter '\(voterID)' needs exactly one number of points per project")
            }
            let scale = max(pointsScale, points.map(\.scale).max() ?? 0)
            try rescalePoints(to: scale, line: 0)
            for p in points {
                guard let u = p.units(atScale: pointsScale) else {
                    throw PabulibError(line: 0, message: "voter '\(voterID)' gives \(p) points, which is too large")
                }
                scaled.append(u)
            }
        } else if points != nil {
            throw PabulibError(line: 0, message: "\(voteType.rawValue) ballots carry no points")
        }
        try appendBallot(voterID: voterID, items: indices, points: scaled, line: 0)
        for column in voteColumns { voteExtras.append(fields[column] ?? "") }
    }

    mutating func rescalePoints(to scale: Int, line: Int) throws {
        guard scale > pointsScale else { return }
        var factor = 1
        for _ in 0..<(scale - pointsScale) { factor *= 10 }
        for i in ballotPoints.indices {
            let (m, o) = ballotPoints[i].multipliedReportingOverflow(by: factor)
            if o { throw PabulibError(line: line, message: "points have too many digits to count exactly") }
            ballotPoints[i] = m
        }
        pointsScale = scale
    }

    /// Validates and stores one ballot. `items` may hold duplicates; they are dropped here
    /// (keeping the first position, and for points the last value, as pabutools does) with a warning.
    mutating func appendBallot(voterID: String, items rawItems: [Int32], points rawPoints: [Int], line: Int) throws {
        let known = voterIDIndex.find(voterID, ids: voterIDs)
        if known.found {
            throw PabulibError(line: line, message: "voter '\(voterID)' appears twice in VOTES")
        }
        var items = rawItems
        var points = rawPoints
        if items.hasRepeats {
            var firstPosition: [Int32: Int] = [:]
            var dedupedItems: [Int32] = []
            var dedupedPoints: [Int] = []
            for (position, item) in items.enumerated() {
                if let at = firstPosition[item] {
                    if !points.isEmpty { dedupedPoints[at] = points[position] }
                } else {
                    firstPosition[item] = dedupedItems.count
                    dedupedItems.append(item)
                    if !points.isEmpty { dedupedPoints.append(points[position]) }
                }
            }
            let repeated = Set(items.filter { item in items.filter { $0 == item }.count > 1 })
                .map { projects[Int($0)].id }.sorted()
            warnings.append(PabulibWarning(line: line,
                message: "voter '\(voterID)' lists project \(repeated.map { "'\($0)'" }.joined(separator: ", ")) more than once; counted once"))
            items = dedupedItems
            points = dedupedPoints
        }
        let length = items.count
        if let maxLength = rules.maxLength, length > maxLength {
            throw PabulibError(line: line, message: "voter '\(voterID)' chose \(length) projects but at most \(maxLength) are allowed (max_length)")
        }
        if voteType == .choose1 && length > 1 {
            throw PabulibError(line: line, message: "voter '\(voterID)' chose \(length) projects in a choose-1 election")
        }
        if let minLength = rules.minLength, length < minLength {
            throw PabulibError(line: line, message: "voter '\(voterID)' chose \(length) projects but at least \(minLength) are required (min_length)")
        }
        if voteType.hasPoints {
            var sum = 0
            for p in points {
                if p < 0 { throw PabulibError(line: line, message: "voter '\(voterID)' gives negative points") }
                let (s, o) = sum.addingReportingOverflow(p)
                if o { throw PabulibError(line: line, message: "voter '\(voterID)' gives too many points to add up") }
                sum = s
            }
            let total = Amount(units: sum, scale: pointsScale)
            if let maxSum = rules.maxSumPoints, maxSum < total {
                throw PabulibError(line: line, message: "voter '\(voterID)' gives \(total) points in total but at most \(maxSum) are allowed (max_sum_points)")
            }
            if let minSum = rules.minSumPoints, total < minSum {
                throw PabulibError(line: line, message: "voter '\(voterID)' gives \(total) points in total but at least \(minSum) are required (min_sum_points)")
            }
            for p in points {
                let value = Amount(units: p, scale: pointsScale)
                if let maxPoints = rules.maxPoints, maxPoints < value {
                    throw PabulibError(line: line, message: "voter '\(voterID)' gives \(value) points to one project but at most \(maxPoints) are allowed (max_points)")
                }
                if let minPoints = rules.minPoints, value < minPoints {
                    throw PabulibError(line: line, message: "voter '\(voterID)' gives \(value) points to one project but at least \(minPoints) are required (min_points)")
                }
            }
        }
        guard ballotItems.count + items.count < Int(Int32.max) else {
            throw PabulibError(line: line, message: "too many ballot entries")
        }
        if voteType.hasPoints { ballotPoints.append(contentsOf: points) }
        ballotItems.append(contentsOf: items)
        ballotStarts.append(Int32(ballotItems.count))
        voterIDIndex.claim(known.slot, index: voterIDs.count)
        voterIDs.append(voterID)
    }
}

/// A file that cannot be counted: where and why.
public struct PabulibError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line in the file (0 when the problem is not tied to one line).
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
