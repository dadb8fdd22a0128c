// Checks the counting engine against pabutools' outcomes: `rebalance-pb-reference PABULIB_DIR`
// reads PABULIB_DIR/reference.json, counts every file and rule that has a reference outcome, and
// prints one line per check, then "N passed, N failed". Exits non-zero on any mismatch, and when
// `--minimum M` is given and fewer than M outcomes were checked (a reference file that shrank, or
// elections that went missing, must not pass quietly).
// `rebalance-pb-reference --read FILE...` only reads each file (best of 7) and prints the speed.
// `rebalance-pb-reference --count FILE RULE` counts one file by a reference rule name (best of 3,
// without and with explanations) and prints the time and the selection, e.g. to compare with
// pabutools on a file that has no reference outcome (bench/synthetic_city_pb.py).
// `rebalance-pb-reference --outcome FILE RULE` prints the whole outcome with its explanations as
// JSON, so two builds can be compared byte for byte.
import Budgeting
import Foundation

/// Reference rule names and what they mean here.
let ruleTable: [String: (Rule, SatisfactionKind)] = [
    "greedy-cost": (.greedy, .cost),
    "greedy-cardinality": (.greedy, .cardinality),
    "greedy-points": (.greedy, .points),
    "greedy-borda": (.greedy, .borda),
    "mes-cost": (.equalShares, .cost),
    "mes-cardinality": (.equalShares, .cardinality),
    "mes-points": (.equalShares, .points),
    "mes-borda": (.equalShares, .borda),
    "mes-cost-complete": (.equalSharesCompleted, .cost),
    "mes-cardinality-complete": (.equalSharesCompleted, .cardinality),
]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let commandLine = CommandLine.arguments
if commandLine.count > 2 && commandLine[1] == "--read" {
    for f in commandLine[2...] {
        var best = 1e9
        for _ in 0..<7 {
            let t = Date()
            let e = try! PabulibParser.parse(url: URL(fileURLWithPath: f))
            best = min(best, Date().timeIntervalSince(t))
            _ = e.voterCount
        }
        let size = (try! FileManager.default.attributesOfItem(atPath: f)[.size] as! Int)
        print(String(format: "%@ %.4f s %.0f MB/s", (f as NSString).lastPathComponent, best, Double(size) / best / 1e6))
    }
    exit(0)
}
if commandLine.count == 4 && commandLine[1] == "--outcome" {
    guard let (rule, sat) = ruleTable[commandLine[3]] else { fail("unknown rule \(commandLine[3])") }
    let election = try! PabulibParser.parse(url: URL(fileURLWithPath: commandLine[2]))
    let outcome = try! Counting.count(election, rule: rule, satisfaction: sat, options: CountingOptions(explain: true))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    print(String(decoding: try! encoder.encode(outcome), as: UTF8.self))
    exit(0)
}
if commandLine.count == 4 && commandLine[1] == "--count" {
    guard let (rule, sat) = ruleTable[commandLine[3]] else { fail("unknown rule \(commandLine[3])") }
    let election = try! PabulibParser.parse(url: URL(fileURLWithPath: commandLine[2]))
    for explain in [false, true] {
        var best = 1e9
        var outcome: Outcome? = nil
        for _ in 0..<3 {
            let t = Date()
            outcome = try! Counting.count(election, rule: rule, satisfaction: sat, options: CountingOptions(explain: explain))
            best = min(best, Date().timeIntervalSince(t))
        }
        let ids = outcome!.selected.sorted()
        let runs = outcome!.equalShares?.runs.map { ", \($0) runs of equal shares" } ?? ""
        print(String(format: "%@ explain=%@: %.4f s", commandLine[3], explain ? "yes" : "no", best)
              + runs + ", \(ids.count) selected: "
              + ids.joined(separator: ","))
    }
    exit(0)
}
var arguments = Array(CommandLine.arguments.dropFirst())
var minimum = 0
if let flag = arguments.firstIndex(of: "--minimum") {
    guard flag + 1 < arguments.count, let value = Int(arguments[flag + 1]), value >= 0 else {
        fail("--minimum needs a whole number of outcomes")
    }
    minimum = value
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 1 else { fail("usage: rebalance-pb-reference PABULIB_DIR [--minimum M]") }
let directory = URL(fileURLWithPath: arguments[0])
let referenceURL = directory.appendingPathComponent("reference.json")
guard let data = try? Data(contentsOf: referenceURL),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let elections = root["elections"] as? [String: Any] else {
    fail("cannot read \(referenceURL.path)")
}

var passed = 0
var failed = 0
var timeouts: [String] = []
let started = Date()
for file in elections.keys.sorted() {
    guard let entry = elections[file] as? [String: Any], let rules = entry["rules"] as? [String: Any] else { continue }
    let path = directory.appendingPathComponent("elections").appendingPathComponent(file)
    let election: Election
    do {
        election = try PabulibParser.parse(url: path)
    } catch {
        for rule in rules.keys.sorted() where (rules[rule] as? [String: Any])?["selected"] != nil {
            print("FAIL \(file) \(rule): cannot read the file: \(error)")
            failed += 1
        }
        continue
    }
    for ruleName in rules.keys.sorted() {
        guard let reference = rules[ruleName] as? [String: Any] else { continue }
        guard let expected = reference["selected"] as? [String] else {
            if let limit = reference["timeout_s"] { timeouts.append("\(file) \(ruleName) (pabutools timed out after \(limit) s)") }
            continue
        }
        guard let (rule, satisfaction) = ruleTable[ruleName] else {
            print("FAIL \(file) \(ruleName): unknown rule name")
            failed += 1
            continue
        }
        let clock = Date()
        do {
            let outcome = try Counting.count(election, rule: rule, satisfaction: satisfaction,
                                             options: CountingOptions(explain: false))
            let seconds = Date().timeIntervalSince(clock)
            let ours = Set(outcome.selected), theirs = Set(expected)
            if ours == theirs {
                passed += 1
                print("ok   \(file) \(ruleName): \(ours.count) selected (\(String(format: "%.3f", seconds)) s)")
            } else {
                failed += 1
                let missing = theirs.subtracting(ours).sorted(), extra = ours.subtracting(theirs).sorted()
                print("FAIL \(file) \(ruleName): missing \(missing), extra \(extra)")
            }
        } catch {
            failed += 1
            print("FAIL \(file) \(ruleName): \(error)")
        }
    }
}
for t in timeouts { print("skip \(t): no reference outcome") }
print(String(format: "checked in %.1f s", Date().timeIntervalSince(started)))
print("\(passed) passed, \(failed) failed")
if passed + failed < minimum {
    print("only \(passed + failed) outcomes checked, fewer than the \(minimum) expected")
    exit(1)
}
exit(failed == 0 ? 0 : 1)
