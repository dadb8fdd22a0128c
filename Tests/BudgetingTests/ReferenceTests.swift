import Foundation
import Testing
@testable import Budgeting

/// The shared pabulib folder with real elections and pabutools' outcomes, when it is there:
/// `../shared/pabulib` beside the package root (or PABULIB_DIR).
enum ReferenceData {
    static let directory: URL? = {
        if let path = ProcessInfo.processInfo.environment["PABULIB_DIR"] {
            return URL(fileURLWithPath: path)
        }
        // Tests/BudgetingTests/ReferenceTests.swift -> package root -> ../shared/pabulib
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.deletingLastPathComponent().appendingPathComponent("shared/pabulib")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("reference.json").path) ? candidate : nil
    }()

    static var available: Bool { directory != nil }

    static let rules: [String: (Rule, SatisfactionKind)] = [
        "greedy-cost": (.greedy, .cost), "greedy-points": (.greedy, .points), "greedy-borda": (.greedy, .borda),
        "mes-cost": (.equalShares, .cost), "mes-cardinality": (.equalShares, .cardinality),
        "mes-points": (.equalShares, .points), "mes-borda": (.equalShares, .borda),
        "mes-cost-complete": (.equalSharesCompleted, .cost),
    ]
}

@Suite struct ReferenceTests {
    /// Files under 300 KB, and completion only under 100 KB, to keep the debug build's run to a few
    /// seconds; the release check (`rebalance-pb-reference`) covers every file and rule.
    @Test(.enabled(if: ReferenceData.available, "shared/pabulib is not beside the package: reference outcomes not checked"))
    func smallReferenceFilesMatchPabutools() throws {
        let directory = try #require(ReferenceData.directory)
        let data = try Data(contentsOf: directory.appendingPathComponent("reference.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let elections = try #require(root["elections"] as? [String: Any])
        var checked = 0
        for (file, value) in elections.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent("elections").appendingPathComponent(file)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            guard let size, size < 300_000 else { continue }
            guard let entry = value as? [String: Any], let rules = entry["rules"] as? [String: Any] else { continue }
            let election = try PabulibParser.parse(url: url)
            for (name, result) in rules {
                guard let expected = (result as? [String: Any])?["selected"] as? [String],
                      let (rule, kind) = ReferenceData.rules[name] else { continue }
                if rule == .equalSharesCompleted && size >= 100_000 { continue }
                let outcome = try Counting.count(election, rule: rule, satisfaction: kind, options: CountingOptions(explain: false))
                #expect(Set(outcome.selected) == Set(expected), "\(file) \(name)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// Every file parses, and the writer's output parses back to the same ballots.
    @Test(.enabled(if: ReferenceData.available, "shared/pabulib is not beside the package"))
    func smallFilesRoundTripThroughTheWriter() throws {
        let directory = try #require(ReferenceData.directory).appendingPathComponent("elections")
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".pb") {
            let url = directory.appendingPathComponent(file)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            guard let size, size < 300_000 else { continue }
            let election = try PabulibParser.parse(url: url)
            let again = try PabulibParser.parse(string: PabulibWriter.write(election))
            #expect(again.projects == election.projects, "\(file)")
            #expect(again.voterCount == election.voterCount, "\(file)")
            for v in stride(from: 0, to: election.voterCount, by: 97) {
                #expect(again.ballot(at: v) == election.ballot(at: v), "\(file) voter \(v)")
            }
        }
    }
}
