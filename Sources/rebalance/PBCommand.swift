import ArgumentParser
import Budgeting
import Foundation

/// `rebalance pb`: participatory budgeting on pabulib files.
struct PBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pb",
        abstract: "Check and count participatory-budgeting elections in the pabulib format.",
        subcommands: [PBCount.self, PBCheck.self])
}

/// `rebalance pb count FILE --rule ... --sat ... [--json]`
struct PBCount: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count an election and explain why each project won or lost.",
        discussion: """
            Rules match pabutools 1.2.3, ties broken by project id. The reference rule \
            mes-cost-complete is --rule mes-complete --sat cost.
            """)

    @Argument(help: "A pabulib .pb file.")
    var file: String

    @Option(help: "greedy, mes (Method of Equal Shares) or mes-complete (equal shares completed as pabutools does).")
    var rule: String = "mes-complete"

    @Option(help: "Satisfaction: cost, cardinality, points or borda. Default: cost for approval and choose-1, points for cumulative and scoring, borda for ordinal ballots.")
    var sat: String?

    @Flag(help: "Print the outcome and explanations as JSON.")
    var json = false

    @Flag(help: "With --json: include what every voter paid for each project selected by equal shares.")
    var voterPayments = false

    @Flag(help: "Decide every comparison with exact arithmetic (slower; the result is the same).")
    var exact = false

    @Flag(help: "Print how long reading and counting took, to standard error.")
    var timing = false

    func validate() throws {
        if Rule(rawValue: rule) == nil {
            throw ValidationError("unknown rule '\(rule)': use greedy, mes or mes-complete")
        }
        if let sat, SatisfactionKind(rawValue: sat) == nil {
            throw ValidationError("unknown satisfaction '\(sat)': use cost, cardinality, points or borda")
        }
    }

    func run() throws {
        let started = Date()
        let election = try readElection(file)
        let parsed = Date()
        let kind = sat.flatMap(SatisfactionKind.init(rawValue:)) ?? Counting.defaultSatisfaction(for: election.voteType)
        let chosenRule = Rule(rawValue: rule)!
        let reporter = ProgressLine(enabled: true)
        let options = CountingOptions(explain: true, voterPayments: voterPayments, exactOnly: exact,
                                      completionProgress: { raises in reporter.show("Completing equal shares: budget raised \(raises) times") })
        let outcome: Outcome
        do {
            outcome = try Counting.count(election, rule: chosenRule, satisfaction: kind, options: options)
        } catch {
            standardError("\(file): \(error)")
            throw ExitCode.failure
        }
        reporter.finish()
        let counted = Date()
        if timing {
            standardError(String(format: "timing: read %.4f s, count %.4f s", parsed.timeIntervalSince(started), counted.timeIntervalSince(parsed)))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            // Explanations should never hold one, but an infinity must not stop the output.
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            let data = try encoder.encode(outcome)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(describe(outcome, election: election))
        }
    }

    func describe(_ outcome: Outcome, election: Election) -> String {
        var lines: [String] = []
        let name = URL(fileURLWithPath: file).lastPathComponent
        lines.append("\(name): \(outcome.voteType.rawValue) ballots, \(election.projects.count) projects, \(grouped(outcome.voters)) voters, budget \(money(outcome.budget))")
        let ruleName: String
        switch outcome.rule {
        case .greedy: ruleName = "greedy utilitarian welfare"
        case .equalShares: ruleName = "Method of Equal Shares"
        case .equalSharesCompleted: ruleName = "Method of Equal Shares, completed (budget raised per voter, then greedy)"
        }
        lines.append("Rule: \(ruleName), \(outcome.satisfaction.rawValue) satisfaction")
        if let shares = outcome.equalShares {
            var text = "Budget per voter: \(money(shares.startingBudgetPerVoter))"
            if let raises = shares.increments {
                text += "; raised \(raises) times to \(money(shares.budgetPerVoter))"
                if let stop = shares.stoppedBecause {
                    text += stop == "exhaustive" ? " (then nothing more equal shares could pick still fitted)" : " (one more raise would have overspent the budget)"
                }
                if let added = shares.addedByGreedy, !added.isEmpty {
                    text += "; greedy then added \(added.count) project\(added.count == 1 ? "" : "s")"
                }
            }
            lines.append(text + ".")
        }
        lines.append("")
        lines.append("Selected \(outcome.selected.count) project\(outcome.selected.count == 1 ? "" : "s") costing \(money(outcome.totalCost)) (\(money(outcome.leftover)) left):")
        let byID = Dictionary(outcome.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let width = max(2, outcome.projects.map(\.id.count).max() ?? 2)
        for (i, id) in outcome.selected.enumerated() {
            guard let p = byID[id] else { continue }
            lines.append(row("\(i + 1).", p, width: width))
        }
        let rejected = outcome.projects.filter { !$0.selected }
        if !rejected.isEmpty {
            lines.append("")
            lines.append("Not selected (\(rejected.count)):")
            for p in rejected { lines.append(row("-", p, width: width)) }
        }
        return lines.joined(separator: "\n")
    }

    func row(_ mark: String, _ p: ProjectExplanation, width: Int) -> String {
        let id = p.id.padding(toLength: width, withPad: " ", startingAt: 0)
        let cost = money(p.cost)
        let paddedCost = String(repeating: " ", count: max(0, 12 - cost.count)) + cost
        let markColumn = mark.padding(toLength: 4, withPad: " ", startingAt: 0)
        var text = "  \(markColumn)\(id)  \(paddedCost)  \(p.reason)"
        if let name = p.name, !name.isEmpty { text += "  [\(name)]" }
        return text
    }
}

/// `rebalance pb check FILE`
struct PBCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a pabulib file and summarise it (vote type, projects, voters, budget, problems).")

    @Argument(help: "A pabulib .pb file.")
    var file: String

    func run() throws {
        let election = try readElection(file)
        var lengths = (0..<election.voterCount).map { election.ballotLength($0) }
        lengths.sort()
        let totalCost = election.projects.reduce(0.0) { $0 + $1.cost.doubleValue }
        var lines: [String] = []
        lines.append("\(URL(fileURLWithPath: file).lastPathComponent): valid")
        lines.append("  vote type:  \(election.voteType.rawValue)")
        lines.append("  budget:     \(money(election.budget.doubleValue))")
        lines.append("  projects:   \(election.projects.count), costing \(money(totalCost)) together")
        lines.append("  voters:     \(grouped(election.voterCount))")
        if let shortest = lengths.first, let longest = lengths.last {
            let mean = Double(lengths.reduce(0, +)) / Double(lengths.count)
            lines.append("  ballots:    \(shortest) to \(longest) projects each, \(String(format: "%.1f", mean)) on average; \(lengths.filter { $0 == 0 }.count) empty")
        }
        let rules = election.rules
        var limits: [String] = []
        if let v = rules.minLength { limits.append("min_length \(v)") }
        if let v = rules.maxLength { limits.append("max_length \(v)") }
        if let v = rules.minSumPoints { limits.append("min_sum_points \(v)") }
        if let v = rules.maxSumPoints { limits.append("max_sum_points \(v)") }
        if let v = rules.minPoints { limits.append("min_points \(v)") }
        if let v = rules.maxPoints { limits.append("max_points \(v)") }
        if !limits.isEmpty { lines.append("  limits:     " + limits.joined(separator: ", ") + " (every ballot respects them)") }
        var votedFor = Array(repeating: false, count: election.projects.count)
        for v in 0..<election.voterCount {
            for p in election.ballot(at: v).projects { votedFor[p] = true }
        }
        let unsupported = election.projects.indices.filter { !votedFor[$0] }
        if !unsupported.isEmpty {
            lines.append("  no votes:   " + unsupported.map { election.projects[$0].id }.joined(separator: ", "))
        }
        if election.warnings.isEmpty {
            lines.append("  problems:   none")
        } else {
            lines.append("  problems:   \(election.warnings.count) (counted anyway)")
            for w in election.warnings.prefix(20) { lines.append("    line \(w.line): \(w.message)") }
            if election.warnings.count > 20 { lines.append("    ... and \(election.warnings.count - 20) more") }
        }
        print(lines.joined(separator: "\n"))
    }
}

/// Reads a file with a progress line on standard error for large files; a malformed file ends
/// the command with "FILE:LINE: what is wrong".
private func readElection(_ path: String) throws -> Election {
    let url = URL(fileURLWithPath: path)
    // stat, not FileManager's attributes: those also look up the owner's and group's names,
    // which reads the account databases on every run.
    var info = stat()
    let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
    let reporter = ProgressLine(enabled: size > 1_000_000)
    let name = url.lastPathComponent
    do {
        let election = try PabulibParser.parse(url: url) { progress in
            guard let fraction = progress.fraction else { return }
            reporter.show("Reading \(name): \(Int(fraction * 100))% (\(grouped(progress.votesRead)) votes)")
        }
        reporter.finish()
        return election
    } catch let error as PabulibError {
        reporter.finish()
        standardError(error.line > 0 ? "\(path):\(error.line): \(error.message)" : "\(path): \(error.message)")
        throw ExitCode.failure
    }
}

/// One progress line on standard error: rewritten in place on a terminal, otherwise printed
/// sparingly so logs stay readable.
private final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let terminal = isatty(2) != 0
    private var shown = false
    private var lastPrinted = Date()
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            shown = true
        } else if now.timeIntervalSince(lastPrinted) > 1 {
            FileHandle.standardError.write(Data((text + "\n").utf8))
            lastPrinted = now
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown && terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}

private func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

private func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

private func money(_ value: Double) -> String {
    let cents = Int((abs(value) * 100).rounded())
    let whole = grouped(cents / 100)
    let fraction = cents % 100
    return (value < 0 ? "-" : "") + (fraction == 0 ? whole : whole + "." + (fraction < 10 ? "0" : "") + String(fraction))
}
