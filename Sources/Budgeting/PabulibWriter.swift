import Foundation

/// Writes an election in the pabulib format, so that `PabulibParser` reads back the same election.
public enum PabulibWriter {
    public static func write(_ election: Election) -> String {
        var out = ""
        out.reserveCapacity(64 * max(1, election.voterCount) + 4096)
        out += "META\nkey;value\n"
        // The counts and the fields the parser relies on are written from the election itself,
        // so an edited election never contradicts its own META.
        var written: Set<String> = []
        let derived: [String: String] = derivedMeta(election)
        for (key, value) in election.meta {
            guard written.insert(key).inserted else { continue }
            out += field(key) + ";" + field(derived[key] ?? value) + "\n"
        }
        for key in derivedOrder where !written.contains(key) {
            if let value = derived[key] { out += field(key) + ";" + field(value) + "\n" }
        }

        out += "PROJECTS\n"
        out += (["project_id", "cost"] + election.projectColumns).map(field).joined(separator: ";") + "\n"
        for project in election.projects {
            var cells = [field(project.id), project.cost.description]
            for column in election.projectColumns { cells.append(field(project.fields[column] ?? "")) }
            out += cells.joined(separator: ";") + "\n"
        }

        out += "VOTES\n"
        var headerCells = ["voter_id", "vote"]
        if election.voteType.hasPoints { headerCells.append("points") }
        headerCells += election.voteColumns
        out += headerCells.map(field).joined(separator: ";") + "\n"
        for voter in 0..<election.voterCount {
            let start = Int(election.ballotStarts[voter]), end = Int(election.ballotStarts[voter + 1])
            var cells = [field(election.voterIDs[voter])]
            cells.append(field((start..<end).map { election.projects[Int(election.ballotItems[$0])].id }.joined(separator: ",")))
            if election.voteType.hasPoints {
                cells.append((start..<end).map { Amount(units: election.ballotPoints[$0], scale: election.pointsScale).description }
                    .joined(separator: ","))
            }
            for c in election.voteColumns.indices { cells.append(field(election.voteExtras.value(column: c, voter: voter))) }
            out += cells.joined(separator: ";") + "\n"
        }
        return out
    }

    private static let derivedOrder = ["num_projects", "num_votes", "budget", "vote_type", "min_length", "max_length",
                                       "min_sum_points", "max_sum_points", "min_points", "max_points"]

    private static func derivedMeta(_ election: Election) -> [String: String] {
        var values: [String: String] = [
            "num_projects": String(election.projects.count),
            "num_votes": String(election.voterCount),
            "budget": election.budget.description,
            "vote_type": election.voteType.rawValue,
        ]
        let rules = election.rules
        if let v = rules.minLength { values["min_length"] = String(v) }
        if let v = rules.maxLength { values["max_length"] = String(v) }
        if let v = rules.minSumPoints { values["min_sum_points"] = v.description }
        if let v = rules.maxSumPoints { values["max_sum_points"] = v.description }
        if let v = rules.minPoints { values["min_points"] = v.description }
        if let v = rules.maxPoints { values["max_points"] = v.description }
        return values
    }

    /// Quotes a field when it holds a separator, a quote, a line break or edge blanks.
    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
