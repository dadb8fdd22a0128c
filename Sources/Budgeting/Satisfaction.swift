/// How much a voter is taken to gain from a selected project (pabutools' satisfaction classes).
public enum SatisfactionKind: String, Sendable, Codable, CaseIterable {
    /// The project's cost if the voter listed it (`Cost_Sat`).
    case cost
    /// 1 if the voter listed it (`Cardinality_Sat`).
    case cardinality
    /// The points the voter gave it (`Additive_Cardinal_Sat`; cumulative and scoring ballots).
    case points
    /// Ballot length minus position minus one (`Additive_Borda_Sat`; ordinal ballots).
    case borda

    public func isApplicable(to type: VoteType) -> Bool {
        switch self {
        case .cost, .cardinality: return true
        case .points: return type.hasPoints
        case .borda: return type == .ordinal
        }
    }
}

/// The election seen through one satisfaction measure, with identical ballots merged.
///
/// Voters with the same satisfaction for every project are interchangeable for every rule here
/// (under equal shares they always hold the same budget), so each group is counted once with its
/// multiplicity. A city election of 90,000 ballots has about 24,000 distinct ones; a choose-1
/// election has one group per project.
struct SatisfactionProfile: Sendable {
    let projectCount: Int
    let voterCount: Int
    /// Costs at `amountScale` decimal places (budget too).
    let costs: [Int]
    let budget: Int
    let amountScale: Int
    /// 10^amountScale: one unit of the file's currency.
    let unit: Int

    let multiplicity: [Int]
    /// Group g's projects with positive satisfaction: groupProjects[groupStart[g]..<groupStart[g+1]].
    let groupStart: [Int]
    let groupProjects: [Int32]
    let groupUtility: [Int]
    /// The group each voter belongs to.
    let voterGroup: [Int32]

    /// Project p's supporting groups, ascending: supporterGroups[supporterStart[p]..<supporterStart[p+1]].
    let supporterStart: [Int]
    let supporterGroups: [Int32]
    let supporterUtility: [Int]

    /// Total satisfaction per project (sum over voters), or nil if it does not fit in an Int.
    let totalSatisfaction: [Int?]
    /// Voters with positive satisfaction per project.
    let supporterCount: [Int]
    let maxGroupLength: Int
    /// Rank of each project id in Python's string order (code points), for lexicographic ties.
    let nameRank: [Int]

    init(election: Election, kind: SatisfactionKind) throws {
        guard kind.isApplicable(to: election.voteType) else {
            throw CountingError.satisfactionNotApplicable(kind, election.voteType)
        }
        projectCount = election.projects.count
        voterCount = election.voterCount
        var scale = election.budget.scale
        for p in election.projects { scale = max(scale, p.cost.scale) }
        amountScale = scale
        var unitValue = 1
        for _ in 0..<scale { unitValue *= 10 }
        unit = unitValue
        var scaledCosts: [Int] = []
        for p in election.projects {
            guard let c = p.cost.units(atScale: scale) else { throw CountingError.amountTooLarge("cost of project \(p.id)") }
            scaledCosts.append(c)
        }
        costs = scaledCosts
        guard let b = election.budget.units(atScale: scale) else { throw CountingError.amountTooLarge("budget") }
        budget = b

        var table = Array(repeating: Int32(0), count: 1024)
        var gHash: [UInt64] = []
        var mult: [Int] = []
        var gStart: [Int] = [0]
        var gProjects: [Int32] = []
        var gUtil: [Int] = []
        var vGroup: [Int32] = []
        vGroup.reserveCapacity(election.voterCount)
        var pairs: [(Int32, Int)] = []
        let hasPoints = election.voteType.hasPoints
        for v in 0..<election.voterCount {
            let start = Int(election.ballotStarts[v]), end = Int(election.ballotStarts[v + 1])
            pairs.removeAll(keepingCapacity: true)
            let length = end - start
            for i in start..<end {
                let p = election.ballotItems[i]
                let u: Int
                switch kind {
                case .cost: u = scaledCosts[Int(p)]
                case .cardinality: u = 1
                case .points: u = hasPoints ? election.ballotPoints[i] : 0
                case .borda: u = length - (i - start) - 1
                }
                // pabutools counts a voter as a supporter only when the satisfaction is positive
                // (so a free project brings nothing under cost satisfaction, nor 0 points).
                if u > 0 { pairs.append((p, u)) }
            }
            pairs.sort { $0.0 < $1.0 }
            // Voters with the same (project, satisfaction) pairs form one group, numbered in order
            // of first appearance. The pairs are looked up in a table of their own hash that
            // compares them with the group's stored pairs: a Dictionary keyed by arrays hashed and
            // copied every ballot, a third of counting a city election in profiles.
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for (p, u) in pairs {
                h = (h ^ UInt64(UInt32(bitPattern: p))) &* 0xBF58_476D_1CE4_E5B9
                h = (h ^ UInt64(bitPattern: Int64(u))) &* 0x94D0_49BB_1331_11EB
                h ^= h >> 29
            }
            if (mult.count + 1) * 2 > table.count {
                table = Array(repeating: 0, count: table.count * 2)
                let mask = table.count - 1
                for (g, gh) in gHash.enumerated() {
                    var slot = Int(truncatingIfNeeded: gh) & mask
                    while table[slot] != 0 { slot = (slot + 1) & mask }
                    table[slot] = Int32(g + 1)
                }
            }
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: h) & mask
            var found = -1
            while table[slot] != 0 {
                let g = Int(table[slot]) - 1
                if gHash[g] == h && gStart[g + 1] - gStart[g] == pairs.count {
                    var same = true
                    var i = gStart[g]
                    for (p, u) in pairs {
                        if gProjects[i] != p || gUtil[i] != u { same = false; break }
                        i += 1
                    }
                    if same { found = g; break }
                }
                slot = (slot + 1) & mask
            }
            if found >= 0 {
                mult[found] += 1
                vGroup.append(Int32(found))
            } else {
                let g = mult.count
                table[slot] = Int32(g + 1)
                gHash.append(h)
                mult.append(1)
                for (p, u) in pairs {
                    gProjects.append(p)
                    gUtil.append(u)
                }
                gStart.append(gProjects.count)
                vGroup.append(Int32(g))
            }
        }
        multiplicity = mult
        groupStart = gStart
        groupProjects = gProjects
        groupUtility = gUtil
        voterGroup = vGroup
        var longest = 0
        for g in 0..<mult.count { longest = max(longest, gStart[g + 1] - gStart[g]) }
        maxGroupLength = longest

        var counts = Array(repeating: 0, count: projectCount + 1)
        for p in gProjects { counts[Int(p) + 1] += 1 }
        for p in 0..<projectCount { counts[p + 1] += counts[p] }
        var fill = counts
        var sGroups = Array(repeating: Int32(0), count: gProjects.count)
        var sUtil = Array(repeating: 0, count: gProjects.count)
        var totals: [Int?] = Array(repeating: 0, count: projectCount)
        var supporters = Array(repeating: 0, count: projectCount)
        for g in 0..<mult.count {
            for i in gStart[g]..<gStart[g + 1] {
                let p = Int(gProjects[i])
                sGroups[fill[p]] = Int32(g)
                sUtil[fill[p]] = gUtil[i]
                fill[p] += 1
                supporters[p] += mult[g]
                if let t = totals[p] {
                    let (m, o1) = gUtil[i].multipliedReportingOverflow(by: mult[g])
                    let (s, o2) = t.addingReportingOverflow(m)
                    totals[p] = (o1 || o2) ? nil : s
                }
            }
        }
        supporterStart = counts
        supporterGroups = sGroups
        supporterUtility = sUtil
        totalSatisfaction = totals
        supporterCount = supporters

        let order = election.projects.indices.sorted { lexicographicallyPrecedes(election.projects[$0].id, election.projects[$1].id) }
        var rank = Array(repeating: 0, count: projectCount)
        for (r, p) in order.enumerated() { rank[p] = r }
        nameRank = rank
    }

    var groupCount: Int { multiplicity.count }
}

/// Python compares strings by code point, which is the order of their UTF-8 bytes.
func lexicographicallyPrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

public enum CountingError: Error, Sendable, CustomStringConvertible {
    case satisfactionNotApplicable(SatisfactionKind, VoteType)
    case amountTooLarge(String)

    public var description: String {
        switch self {
        case let .satisfactionNotApplicable(kind, type):
            let hint: String
            switch kind {
            case .points: hint = "points satisfaction needs cumulative or scoring ballots"
            case .borda: hint = "Borda satisfaction needs ordinal ballots"
            default: hint = ""
            }
            return "\(kind.rawValue) satisfaction cannot be used with \(type.rawValue) ballots: \(hint)"
        case let .amountTooLarge(what):
            return "the \(what) has too many digits to count exactly"
        }
    }
}
