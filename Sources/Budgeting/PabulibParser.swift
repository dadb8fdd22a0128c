import Foundation

/// How far a parse has got, for a progress line on the command line.
public struct ParseProgress: Sendable {
    public let bytesRead: Int
    public let totalBytes: Int?
    public let votesRead: Int
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }
}

/// Reads the pabulib format (https://pabulib.org/format): sections META, PROJECTS and VOTES.
///
/// Every problem is a thrown `PabulibError` with the line number; nothing is guessed. Problems
/// that pabutools tolerates and that do not change what a count means (a project listed twice on
/// one ballot) are kept as warnings on the election instead.
public enum PabulibParser {
    public static func parse(string: String) throws -> Election {
        var state = ParserState()
        var scanner = RowScanner()
        var text = string
        try text.withUTF8 { buffer in
            try scanner.feed(buffer) { try state.handle($0) }
        }
        if scanner.isInsideQuotes {
            throw PabulibError(line: scanner.openQuoteLine, message: "the file ends inside a quoted field that starts on this line")
        }
        try scanner.finish { try state.handle($0) }
        return try state.finish()
    }

    public static func parse(data: Data) throws -> Election {
        var state = ParserState()
        var scanner = RowScanner()
        try data.withUnsafeBytes { raw in
            try scanner.feed(raw.bindMemory(to: UInt8.self)) { try state.handle($0) }
        }
        if scanner.isInsideQuotes {
            throw PabulibError(line: scanner.openQuoteLine, message: "the file ends inside a quoted field that starts on this line")
        }
        try scanner.finish { try state.handle($0) }
        return try state.finish()
    }

    /// Reads a file in chunks (a city's file is several megabytes), reporting progress after each.
    public static func parse(url: URL, progress: ((ParseProgress) -> Void)? = nil) throws -> Election {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw PabulibError(line: 0, message: "cannot open \(url.path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var state = ParserState()
        var scanner = RowScanner()
        // The whole file is read at once (a city's file is a few megabytes) and then scanned in
        // slices, so progress can still be reported as the scan goes.
        let contents: Data
        do {
            // Mapped, not copied: the scan reads the page cache's own pages.
            contents = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw PabulibError(line: 0, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        let sliceSize = 1 << 20
        try contents.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + sliceSize)
                try scanner.feed(UnsafeBufferPointer(rebasing: all[offset..<end])) { try state.handle($0) }
                offset = end
                progress?(ParseProgress(bytesRead: offset, totalBytes: all.count, votesRead: state.votesRead))
            }
        }
        if scanner.isInsideQuotes {
            throw PabulibError(line: scanner.openQuoteLine, message: "the file ends inside a quoted field that starts on this line")
        }
        try scanner.finish { try state.handle($0) }
        return try state.finish()
    }
}

/// Finds a project index from the bytes of its id without building a String per vote.
///
/// The ids' bytes lie back to back in one array, so a lookup touches no nested array (no
/// reference counting per vote, which showed in profiles); the table is open addressing.
struct ProjectLookup {
    private var slots: [Int32]
    private var keyBytes: [UInt8] = []
    /// Project i's id is keyBytes[keyStart[i]..<keyStart[i + 1]].
    private var keyStart: [Int] = [0]
    private let mask: Int

    init(ids: [String]) {
        var size = 16
        while size < ids.count * 4 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (index, id) in ids.enumerated() {
            let key = Array(id.utf8)
            keyBytes.append(contentsOf: key)
            keyStart.append(keyBytes.count)
            var slot = key.withUnsafeBufferPointer { ProjectLookup.hash($0) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// Mixes eight bytes at a time (ids are short, often alike but for a few bytes): one
    /// multiplication per word instead of one per byte, which profiles showed as the cost of a
    /// lookup.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var k = 0
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while k + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                k += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while k < n {
                tail |= UInt64(base[k]) << shift
                shift += 8
                k += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = ProjectLookup.hash(bytes) & mask
        return slots.withUnsafeBufferPointer { slots in
            keyStart.withUnsafeBufferPointer { keyStart in
                keyBytes.withUnsafeBufferPointer { keys -> Int32? in
                    while true {
                        let index = slots[slot]
                        if index < 0 { return nil }
                        let start = keyStart[Int(index)], end = keyStart[Int(index) + 1]
                        if end - start == bytes.count {
                            var same = true
                            var k = 0
                            while k < bytes.count {
                                if keys[start + k] != bytes[k] { same = false; break }
                                k += 1
                            }
                            if same { return index }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }
}

private enum Section: Int {
    case none, meta, projects, votes
    var name: String { ["", "META", "PROJECTS", "VOTES"][rawValue] }
}

/// The parser's state between rows, so that rows can arrive one chunk at a time.
private struct ParserState {
    var section = Section.none
    var expectHeader = false
    var header: [String] = []
    var headerLine = 0
    var seen: Set<Int> = []
    var meta: [(key: String, value: String)] = []
    var metaLines: [String: Int] = [:]
    var election: Election?
    var projectRows: [(Project, Int)] = []
    var projectColumns: [String] = []
    var costIndex = -1
    var idIndex = -1
    // Votes
    var lookup = ProjectLookup(ids: [])
    var voteIndex = -1
    var pointsIndex = -1
    var voterIndex = -1
    var extraVoteColumns: [(name: String, index: Int)] = []
    /// The election's vote type has points, kept here so a vote row never reads `election`
    /// through its optional (which profiles showed copying, retaining and releasing it per row).
    var votesHavePoints = false
    var votesRead = 0
    var items: [Int32] = []
    var points: [Int] = []
    var pointAmounts: [Amount] = []

    mutating func handle(_ row: RowScanner.Row) throws {
        if row.isBlank { return }
        if row.count >= 1, let named = sectionName(row), isSectionMarker(row) {
            try startSection(named, line: row.line)
            return
        }
        if expectHeader {
            header = (0..<row.count).map { row.string($0) }
            headerLine = row.line
            expectHeader = false
            try headerRead(line: row.line)
            return
        }
        switch section {
        case .none:
            throw PabulibError(line: row.line, message: "expected the META section to start here")
        case .meta:
            try metaRow(row)
        case .projects:
            try projectRow(row)
        case .votes:
            try voteRow(row)
        }
    }

    /// The section the first field names (any letter case), without making a String: this runs
    /// for every row of the file.
    func sectionName(_ row: RowScanner.Row) -> Section? {
        let range = row.trimmedRange(0)
        // Only names of 4, 5 or 8 bytes can match; most first fields (voter ids) are not, and
        // the list below is then never built.
        guard range.count == 4 || range.count == 5 || range.count == 8 else { return nil }
        let candidates: [(name: StaticString, section: Section)] = [("meta", .meta), ("projects", .projects), ("votes", .votes)]
        for candidate in candidates where candidate.name.utf8CodeUnitCount == range.count {
            var same = true
            let name = candidate.name.utf8Start
            for k in 0..<range.count where row.bytes[range.lowerBound + k] | 0x20 != name[k] {
                same = false
                break
            }
            if same { return candidate.section }
        }
        return nil
    }

    /// A section marker is a row whose only non-empty field is the section's name.
    func isSectionMarker(_ row: RowScanner.Row) -> Bool {
        for i in 1..<max(1, row.count) where !row.trimmedRange(i).isEmpty { return false }
        return true
    }

    mutating func startSection(_ next: Section, line: Int) throws {
        if seen.contains(next.rawValue) {
            throw PabulibError(line: line, message: "the \(next.name) section appears twice")
        }
        if next.rawValue != section.rawValue + 1 {
            let expected = Section(rawValue: section.rawValue + 1)?.name ?? "nothing"
            throw PabulibError(line: line, message: "found the \(next.name) section where \(expected) was expected (sections go META, PROJECTS, VOTES)")
        }
        if section == .meta { try metaFinished(line: line) }
        if section == .projects { try projectsFinished(line: line) }
        seen.insert(next.rawValue)
        section = next
        expectHeader = true
    }

    mutating func headerRead(line: Int) throws {
        switch section {
        case .projects:
            idIndex = header.firstIndex(of: "project_id") ?? -1
            costIndex = header.firstIndex(of: "cost") ?? -1
            if idIndex < 0 { throw PabulibError(line: line, message: "the PROJECTS header has no project_id column") }
            if costIndex < 0 { throw PabulibError(line: line, message: "the PROJECTS header has no cost column") }
            try checkUniqueColumns(line: line)
            projectColumns = header.enumerated().filter { $0.offset != idIndex && $0.offset != costIndex }.map(\.element)
        case .votes:
            voteIndex = header.firstIndex(of: "vote") ?? -1
            pointsIndex = header.firstIndex(of: "points") ?? -1
            voterIndex = header.firstIndex(of: "voter_id") ?? -1
            if voteIndex < 0 { throw PabulibError(line: line, message: "the VOTES header has no vote column") }
            if election!.voteType.hasPoints && pointsIndex < 0 {
                throw PabulibError(line: line, message: "\(election!.voteType.rawValue) votes need a points column")
            }
            try checkUniqueColumns(line: line)
            extraVoteColumns = header.enumerated()
                .filter { $0.offset != voteIndex && $0.offset != pointsIndex && $0.offset != voterIndex }
                .map { (name: $0.element, index: $0.offset) }
            votesHavePoints = election!.voteType.hasPoints
            election!.voteColumns = extraVoteColumns.map(\.name)
            election!.voteExtras = VoteExtraColumns(columns: extraVoteColumns.count)
        default:
            break
        }
    }

    func checkUniqueColumns(line: Int) throws {
        var names: Set<String> = []
        for name in header where !names.insert(name).inserted {
            throw PabulibError(line: line, message: "the \(section.name) header names the column '\(name)' twice")
        }
    }

    mutating func metaRow(_ row: RowScanner.Row) throws {
        guard row.count >= 2 else {
            throw PabulibError(line: row.line, message: "a META row needs a key and a value separated by ';'")
        }
        let key = row.string(0)
        let value = row.string(1)
        if key.isEmpty { throw PabulibError(line: row.line, message: "a META row has an empty key") }
        if let earlier = metaLines[key] {
            throw PabulibError(line: row.line, message: "META key '\(key)' is given twice (first on line \(earlier))")
        }
        metaLines[key] = row.line
        meta.append((key: key, value: value))
    }

    func metaLine(_ key: String) -> Int { metaLines[key] ?? 0 }

    mutating func metaFinished(line: Int) throws {
        let values = Dictionary(meta.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let typeText = values["vote_type"] else {
            throw PabulibError(line: line, message: "META has no vote_type")
        }
        guard let voteType = VoteType(rawValue: typeText.lowercased()) else {
            throw PabulibError(line: metaLine("vote_type"), message: "unknown vote_type '\(typeText)' (expected approval, choose-1, cumulative, scoring or ordinal)")
        }
        guard let budgetText = values["budget"] else {
            throw PabulibError(line: line, message: "META has no budget")
        }
        guard let budget = Amount(parsing: budgetText), !budget.isNegative else {
            throw PabulibError(line: metaLine("budget"), message: "budget '\(budgetText)' is not a non-negative number")
        }
        var rules = BallotRules()
        func integer(_ key: String) throws -> Int? {
            guard let text = values[key], text.lowercased() != "none", !text.isEmpty else { return nil }
            guard let v = Int(text), v >= 0 else {
                throw PabulibError(line: metaLine(key), message: "\(key) '\(text)' is not a whole number")
            }
            return v
        }
        func number(_ key: String) throws -> Amount? {
            guard let text = values[key], text.lowercased() != "none", !text.isEmpty else { return nil }
            guard let v = Amount(parsing: text) else {
                throw PabulibError(line: metaLine(key), message: "\(key) '\(text)' is not a number")
            }
            return v
        }
        rules.minLength = try integer("min_length")
        rules.maxLength = try integer("max_length")
        if let lo = rules.minLength, let hi = rules.maxLength, lo > hi {
            throw PabulibError(line: metaLine("min_length"), message: "min_length \(lo) is larger than max_length \(hi)")
        }
        if voteType.hasPoints {
            rules.minSumPoints = try number("min_sum_points")
            rules.maxSumPoints = try number("max_sum_points")
            rules.minPoints = try number("min_points")
            rules.maxPoints = try number("max_points")
        }
        election = try Election(voteType: voteType, budget: budget, projects: [], rules: rules, meta: meta)
    }

    mutating func projectRow(_ row: RowScanner.Row) throws {
        guard row.count == header.count else {
            throw PabulibError(line: row.line, message: "this PROJECTS row has \(row.count) fields but the header on line \(headerLine) has \(header.count)")
        }
        let id = row.string(idIndex)
        if id.isEmpty { throw PabulibError(line: row.line, message: "project_id is empty") }
        let costText = row.string(costIndex)
        guard let cost = Amount(parsing: costText) else {
            throw PabulibError(line: row.line, message: "the cost of project '\(id)' is not a number: '\(costText)'")
        }
        if cost.isNegative {
            throw PabulibError(line: row.line, message: "the cost of project '\(id)' is negative: \(costText)")
        }
        var fields: [String: String] = [:]
        for (i, name) in header.enumerated() where i != idIndex && i != costIndex {
            fields[name] = row.string(i)
        }
        try election!.addProject(Project(id: id, cost: cost, fields: fields), line: row.line)
        election!.projectColumns = projectColumns
    }

    mutating func projectsFinished(line: Int) throws {
        lookup = ProjectLookup(ids: election!.projects.map(\.id))
        if let declared = election!.metaValue("num_projects"), let n = Int(declared), n != election!.projects.count {
            throw PabulibError(line: metaLine("num_projects"), message: "num_projects says \(n) but PROJECTS lists \(election!.projects.count)")
        }
        // Room for the declared number of votes up front (capped, since the file may lie).
        if let declared = election!.metaValue("num_votes"), let n = Int(declared), n > 0 {
            election!.reserveVoters(min(n, 1 << 22))
        }
    }

    mutating func voteRow(_ row: RowScanner.Row) throws {
        guard row.count == header.count else {
            throw PabulibError(line: row.line, message: "this VOTES row has \(row.count) fields but the header on line \(headerLine) has \(header.count)")
        }
        let voterID = voterIndex >= 0 ? row.string(voterIndex) : String(votesRead)
        if voterIndex >= 0 && voterID.isEmpty {
            throw PabulibError(line: row.line, message: "voter_id is empty")
        }
        items.removeAll(keepingCapacity: true)
        let voteRange = row.trimmedRange(voteIndex)
        let keepEmpty = votesHavePoints
        var unknown: Range<Int>? = nil
        if !isNone(row.bytes, voteRange) {
            // Ids are looked up straight from the row's bytes; no String is made per vote.
            do {
                let bytes = row.bytes
                var start = voteRange.lowerBound
                let end = voteRange.upperBound
                while start < end {
                    var stop = start
                    while stop < end && bytes[stop] != 0x2C { stop += 1 }
                    var a = start, b = stop
                    while a < b && RowScanner.Row.isBlank(bytes[a]) { a += 1 }
                    while b > a && RowScanner.Row.isBlank(bytes[b - 1]) { b -= 1 }
                    if a < b || keepEmpty {
                        guard let index = lookup.find(UnsafeBufferPointer(rebasing: bytes[a..<b])) else {
                            unknown = a..<b
                            break
                        }
                        items.append(index)
                    }
                    start = stop + 1
                }
            }
        }
        if let unknown {
            let name = String(decoding: UnsafeBufferPointer(rebasing: row.bytes[unknown]), as: UTF8.self)
            throw PabulibError(line: row.line, message: "voter '\(voterID)' votes for project '\(name)', which is not in PROJECTS")
        }
        points.removeAll(keepingCapacity: true)
        if votesHavePoints {
            try readPoints(row, voterID: voterID)
        }
        try election!.appendBallot(voterID: voterID, items: items, points: points, line: row.line)
        for column in extraVoteColumns {
            election!.voteExtras.append(UnsafeBufferPointer(rebasing: row.bytes[row.trimmedRange(column.index)]))
        }
        votesRead += 1
    }

    func isNone(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count == 4 && String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased() == "none"
    }

    mutating func readPoints(_ row: RowScanner.Row, voterID: String) throws {
        let range = row.trimmedRange(pointsIndex)
        let bytes = row.bytes
        pointAmounts.removeAll(keepingCapacity: true)
        if !range.isEmpty && !isNone(bytes, range) {
            var start = range.lowerBound
            while start <= range.upperBound {
                var stop = start
                while stop < range.upperBound && bytes[stop] != 0x2C { stop += 1 }
                var a = start, b = stop
                while a < b && RowScanner.Row.isBlank(bytes[a]) { a += 1 }
                while b > a && RowScanner.Row.isBlank(bytes[b - 1]) { b -= 1 }
                // Points are separated by commas, so a decimal comma cannot be used here.
                let field = ArraySlice(UnsafeBufferPointer(rebasing: bytes[a..<b]))
                guard let value = Amount.parse(field), !field.contains(0x2C) else {
                    let text = String(decoding: field, as: UTF8.self)
                    throw PabulibError(line: row.line, message: "voter '\(voterID)' gives points '\(text)', which is not a number")
                }
                if value.isNegative {
                    throw PabulibError(line: row.line, message: "voter '\(voterID)' gives negative points (\(value))")
                }
                pointAmounts.append(value)
                start = stop + 1
            }
        }
        if pointAmounts.count != items.count {
            throw PabulibError(line: row.line, message: "voter '\(voterID)' lists \(items.count) projects but \(pointAmounts.count) numbers of points")
        }
        let scale = pointAmounts.map(\.scale).max() ?? 0
        try election!.rescalePoints(to: scale, line: row.line)
        let pointsScale = election!.pointsScale
        for value in pointAmounts {
            guard let u = value.units(atScale: pointsScale) else {
                throw PabulibError(line: row.line, message: "voter '\(voterID)' gives \(value) points, which is too large")
            }
            points.append(u)
        }
    }

    mutating func finish() throws -> Election {
        if section == .none || !seen.contains(Section.meta.rawValue) {
            throw PabulibError(line: 0, message: "the file has no META section")
        }
        if !seen.contains(Section.projects.rawValue) {
            throw PabulibError(line: 0, message: "the file has no PROJECTS section")
        }
        if !seen.contains(Section.votes.rawValue) {
            throw PabulibError(line: 0, message: "the file has no VOTES section")
        }
        if expectHeader {
            throw PabulibError(line: 0, message: "the \(section.name) section has no header row")
        }
        guard let election else { throw PabulibError(line: 0, message: "the file has no META section") }
        if let declared = election.metaValue("num_votes"), let n = Int(declared), n != election.voterCount {
            throw PabulibError(line: metaLine("num_votes"), message: "num_votes says \(n) but VOTES has \(election.voterCount) ballots")
        }
        return election
    }
}
