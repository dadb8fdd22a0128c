import Foundation
import Testing
@testable import RebalanceCore

@Suite struct PenceTests {
    func parse(_ text: String) -> (Pence?, String?) {
        var errors = FieldErrorList()
        let p = Pence.parse(text, field: "amount", label: "the amount", into: &errors)
        return (p, errors.errors.first?.message)
    }

    @Test func amountsAreReadAsPeopleTypeThemAndKeptInWholePence() {
        #expect(parse("1234").0 == Pence(123_400))
        #expect(parse("£1,234.5").0 == Pence(123_450))
        #expect(parse(" 0.07 ").0 == Pence(7))
        #expect(parse("-5").1 == "The amount must not be negative: to undo an entry, reverse it")
        #expect(parse("12.345").1 == "The amount must be in whole pence: at most two figures after the point")
        #expect(parse("twelve").1 == "The amount must be an amount in pounds, like 1250 or 1,250.50")
        #expect(parse("").1 == "Enter the amount")
        #expect(parse("99999999999999").1 == "The amount is too large")
        #expect(Pence(123_456_789).description == "£1,234,567.89")
        #expect(Pence(-1205).description == "−£12.05")
        #expect(Pence(123_450).roundedPounds == "£1,235")
        #expect(Pence(5).decimal == "0.05")
    }

    /// Sums a client can build (20,000 imported rows at the £1bn ceiling, again and again) must
    /// never overflow on the way to a forecast or a percentage: Swift would stop the server.
    @Test func arithmeticOnHugeSumsSaturatesInsteadOfTrapping() {
        let huge = Pence(2_000_000_000_000_000)   // 20,000 × £1bn
        #expect(Pence.scaled(huge.value, by: 5844, over: 1) == Int64.max)
        #expect(Pence.scaled(huge.value, by: 5844, over: 5000) == 2_337_600_000_000_000)
        #expect(Pence.scaled(-huge.value, by: 5844, over: 1) == Int64.min)
        #expect(Pence(Int64.max).percent(5) == Pence(Int64.max / 20))
        #expect(Pence.percentShare(Pence(Int64.max), of: Pence(1)) == 1_000_000)
        var plan = PlanContent(vision: "v", startYear: 2020, endYear: 2035, priorities: [])
        plan.priorities = [PlanPriority(key: "k", title: "K", outcomes: "o", consultation: "c", budgets: [:])]
        let lines = [LedgerEntry(id: UUID(), ltoID: UUID(), kind: .paid, amount: Pence(Int64.max / 2), on: Day("2020-01-01")!, priority: "k", description: "x")]
        let early = SpendAgainstPlan(plan: plan, award: Pence(1), ledger: Ledger(lines), today: Day("2020-01-02")!)
        #expect(early.forecastPaid == Pence(Int64.max) && early.moneySpentPercent == 1_000_000)
    }

    @Test func fivePerCentRoundsToTheNearestPenny() {
        #expect(Pence(1000).percent(5) == Pence(50))
        #expect(Pence(1010).percent(5) == Pence(51))   // 50.5 rounds up
        #expect(Pence(1009).percent(5) == Pence(50))   // 50.45 rounds down
        #expect(Pence(-1010).percent(5) == Pence(-51))
        // Adding many small payments and taking 5% of the sum never drifts, as floating point would.
        let payments = Array(repeating: Pence(10), count: 1_000_000)
        #expect(payments.sum() == Pence(10_000_000) && payments.sum().percent(5) == Pence(500_000))
    }
}

@Suite struct LedgerTests {
    let lto = UUID(), other = UUID()
    var programme: ClosedRange<Day> { Day("2013-01-01")!...Day("2028-12-31")! }
    let priorities = ["green": "Green spaces", "youth": "Young people"]

    func context(_ entries: [LedgerEntry], ltos: Set<UUID>? = nil) -> LedgerContext {
        LedgerContext(programme: programme, priorities: priorities, ltos: ltos ?? [lto, other], ledger: Ledger(entries))
    }

    func post(_ kind: LedgerEntryKind, _ pounds: String, _ on: String, _ priority: String?, into entries: inout [LedgerEntry],
              lto: UUID? = nil, reference: String? = nil, confirm: Bool = false) throws {
        let input = LedgerEntryInput(lto: (lto ?? self.lto).uuidString, kind: kind.rawValue, amount: pounds, on: on, priority: priority,
                                     payee: kind == .paid ? "Fernhill Tools Ltd" : nil, reference: reference, description: "Test line")
        entries.append(try LedgerRules.validate(input, id: UUID(), context: context(entries), confirmOverpay: confirm))
    }

    @Test func balancesByPriorityYearAndLTOAndTheAdminContribution() throws {
        var e: [LedgerEntry] = []
        try post(.received, "100000", "2014-04-01", nil, into: &e)
        try post(.received, "20000", "2014-05-01", nil, into: &e, lto: other)
        try post(.allocated, "30000", "2014-04-02", "green", into: &e)
        try post(.committed, "25000", "2014-04-10", "green", into: &e)
        try post(.paid, "10000", "2014-06-01", "green", into: &e)
        try post(.paid, "5000.10", "2015-02-01", "green", into: &e)
        try post(.committed, "4000", "2015-03-01", "youth", into: &e, lto: other)
        try post(.paid, "4000", "2015-03-02", "youth", into: &e, lto: other)
        let ledger = Ledger(e)
        #expect(ledger.byPriority["green"]?.paid == Pence(1_500_010))
        #expect(ledger.byYear[2015]?.paid == Pence(900_010))
        #expect(ledger.byLTO[other]?.received == Pence.pounds(20_000))
        // 5% of each LTO's spend, year by year: 500 + 250.01 (250.005 rounded) for one, 200 for the other.
        #expect(ledger.adminContribution(ltoID: lto) == [2014: Pence(50_000), 2015: Pence(25_001)])
        #expect(ledger.admin == Pence(95_001))
        #expect(ledger.held == Pence.pounds(120_000) - Pence(1_900_010) - Pence(95_001))
        #expect(ledger.isBalanced)
    }

    @Test func aMistakeIsReversedNeverEdited() throws {
        var e: [LedgerEntry] = []
        try post(.received, "5000", "2016-01-01", nil, into: &e)
        try post(.committed, "900", "2016-01-02", "youth", into: &e)
        try post(.paid, "900", "2016-01-05", "youth", into: &e, reference: "INV-1")
        let wrong = e.last!
        let reversal = try LedgerRules.reversal(of: wrong.id, id: UUID(), on: Day("2016-01-09")!, reason: "Paid twice by mistake", context: context(e))
        #expect(reversal.signed == -wrong.amount && reversal.reverses == wrong.id && reversal.priority == "youth")
        e.append(reversal)
        #expect(Ledger(e).totals.paid == .zero && Ledger(e).isBalanced)
        // Not twice, not a reversal of a reversal, not dated before the original.
        #expect(throws: ValidationFailure.self) { try LedgerRules.reversal(of: wrong.id, id: UUID(), on: Day("2016-02-01")!, reason: "again", context: context(e)) }
        #expect(throws: ValidationFailure.self) { try LedgerRules.reversal(of: reversal.id, id: UUID(), on: Day("2016-02-01")!, reason: "undo", context: context(e)) }
        #expect(throws: ValidationFailure.self) { try LedgerRules.reversal(of: e[1].id, id: UUID(), on: Day("2015-12-01")!, reason: "early", context: context(e)) }
        // The reference stays taken: a corrected payment needs its own.
        #expect(throws: ValidationFailure.self) { try post(.paid, "90", "2016-01-10", "youth", into: &e, reference: "INV-1", confirm: true) }
    }

    @Test func badLinesNameTheirFieldAndAnOverpaymentMustBeConfirmed() throws {
        var e: [LedgerEntry] = []
        let bad = LedgerEntryInput(lto: UUID().uuidString, kind: "spent", amount: "0.001", on: "2031-01-01", priority: "roads", description: "")
        let failure = try #require(throws: ValidationFailure.self) { try LedgerRules.validate(bad, id: UUID(), context: context(e), confirmOverpay: false) }
        #expect(Set(failure.errors.map(\.field)) == ["lto", "kind", "amount", "on", "priority", "description"])
        try post(.committed, "100", "2017-01-01", "green", into: &e)
        let warned = try #require(throws: ValidationFailure.self) { try post(.paid, "150", "2017-01-02", "green", into: &e) }
        #expect(warned.errors.map(\.field) == [LedgerRules.confirmOverpay])
        #expect(warned.errors[0].message.contains("to £150.00, more than the £100.00 committed"))
        try post(.paid, "150", "2017-01-02", "green", into: &e, confirm: true)
        #expect(e.count == 2)
    }

    /// Property: whatever valid lines are posted, in whatever order, with reversals mixed in, the
    /// ledger balances and its parts add up to its totals. Seeded, so a failure can be replayed.
    @Test(arguments: 0..<40) func anySequenceOfValidEntriesKeepsTheLedgerBalanced(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var e: [LedgerEntry] = []
        for _ in 0..<rng.next(upTo: 120) {
            let day = programme.lowerBound.adding(days: rng.next(upTo: 5000))
            if rng.next(upTo: 6) == 0, !e.isEmpty {
                let target = e[rng.next(upTo: e.count)]
                let reversal = try? LedgerRules.reversal(of: target.id, id: UUID(), on: max(day, target.on), reason: "Correction", context: context(e))
                if let reversal { e.append(reversal) }
                continue
            }
            let kind = LedgerEntryKind.allCases[rng.next(upTo: 4)]
            let amount = "\(rng.next(upTo: 50_000)).\(rng.next(upTo: 100))"
            let input = LedgerEntryInput(lto: (rng.next(upTo: 2) == 0 ? lto : other).uuidString, kind: kind.rawValue, amount: amount,
                                         on: day.description, priority: kind == .received ? nil : ["green", "youth"][rng.next(upTo: 2)],
                                         payee: "Someone", description: "Random line")
            if let entry = try? LedgerRules.validate(input, id: UUID(), context: context(e), confirmOverpay: rng.next(upTo: 2) == 0) {
                e.append(entry)
            }
            #expect(Ledger(e).isBalanced, "seed \(seed) after \(e.count) lines")
        }
    }
}

@Suite struct PlanAndForecastTests {
    func plan() throws -> PlanContent {
        try PlanContent.validate(.init(vision: "A greener, friendlier Fernhill", startYear: "2014", endYear: "2028", priorities: [
            .init(title: "Green spaces", outcomes: "A park people use", consultation: "Door knocking, 2013", budgets: ["2014": "10000", "2015": "12000"]),
            .init(title: "Young people", outcomes: "Things to do", consultation: "School survey", budgets: ["2014": "5000"]),
        ]))
    }

    @Test func aPlanIsCheckedAndItsGapShownNotRefused() throws {
        let p = try plan()
        #expect(p.total == Pence.pounds(27_000) && p.budget(year: 2014) == Pence.pounds(15_000))
        #expect(p.gap(award: Pence.pounds(1_100_000)) == Pence.pounds(1_073_000))
        let bad = try #require(throws: ValidationFailure.self) {
            try PlanContent.validate(.init(vision: "", startYear: "2014", endYear: "2018", priorities: [
                .init(title: "Roads", outcomes: "", consultation: "x", budgets: ["2030": "10", "2015": "1.234"])]))
        }
        #expect(Set(bad.errors.map(\.field)) == ["vision", "endYear", "priorities[0].outcomes", "priorities[0].budget.2030", "priorities[0].budget.2015"])
    }

    @Test func aReviewMovesBudgetsAndRefusesMovingMoreThanThereIs() throws {
        let p = try plan()
        let review = PlanReview(year: 2015, notes: [], moves: [
            BudgetMove(fromPriority: "green-spaces", fromYear: 2015, toPriority: "young-people", toYear: 2016, amount: Pence.pounds(2000), reason: "Youth club")])
        let next = try review.applied(to: p)
        #expect(next.priority("green-spaces")?.budgets[2015] == Pence.pounds(10_000))
        #expect(next.priority("young-people")?.budgets[2016] == Pence.pounds(2000))
        #expect(next.total == p.total)
        let greedy = PlanReview(year: 2015, notes: [], moves: [
            BudgetMove(fromPriority: "young-people", fromYear: 2015, toPriority: "green-spaces", toYear: 2015, amount: Pence(1), reason: "x")])
        #expect(throws: ValidationFailure.self) { try greedy.applied(to: p) }
    }

    @Test func spendAgainstPlanFlagsAndForecasts() throws {
        let p = try plan()
        let lto = UUID()
        let e = [
            LedgerEntry(id: UUID(), ltoID: lto, kind: .committed, amount: Pence.pounds(12_000), on: Day("2014-03-01")!, priority: "green-spaces", description: "x"),
            LedgerEntry(id: UUID(), ltoID: lto, kind: .paid, amount: Pence.pounds(11_000), on: Day("2014-06-01")!, priority: "green-spaces", description: "x"),
            LedgerEntry(id: UUID(), ltoID: lto, kind: .paid, amount: Pence.pounds(1_000), on: Day("2014-07-01")!, priority: "young-people", description: "x"),
        ]
        let s = SpendAgainstPlan(plan: p, award: Pence.pounds(1_100_000), ledger: Ledger(e), today: Day("2016-01-01")!)
        #expect(s.byYear.first { $0.key == "2014" }?.flag == nil)
        #expect(s.byYear.first { $0.key == "2015" }?.flag == .under)       // £12,000 planned, nothing paid
        #expect(s.byPriority.first { $0.key == "green-spaces" }?.left == Pence.pounds(11_000))
        // Two years of fifteen gone; £12,000 paid at that pace is £90,000 or so by 2028.
        #expect(s.timeGonePercent == 13)
        let forecast = try #require(s.forecastPaid)
        #expect(forecast > Pence.pounds(89_000) && forecast < Pence.pounds(91_000))
        #expect(s.forecastLeft == Pence.pounds(1_100_000) - forecast)
    }
}

@Suite struct LedgerImportTests {
    let lto = UUID()
    var context: LedgerContext {
        LedgerContext(programme: Day("2013-01-01")!...Day("2028-12-31")!, priorities: ["green-spaces": "Green spaces"], ltos: [lto], ledger: Ledger([]))
    }

    @Test func aCleanFileImportsAndTheSameFileTwiceAddsNothing() throws {
        let file = LedgerImport.template
        let first = try LedgerImport.check(file, lto: lto, context: context, newID: UUID.init)
        #expect(first.entries.count == 2 && first.alreadyImported == 0)
        var again = context
        again.ledger = Ledger(first.entries)
        let second = try LedgerImport.check(file, lto: lto, context: again, newID: UUID.init)
        #expect(second.entries.isEmpty && second.alreadyImported == 2)
    }

    @Test func oneBadLineRefusesTheFileWithItsLineNumber() throws {
        var lines = ["date,kind,amount,priority,payee,reference,description"]
        for n in 1...5 { lines.append("2020-01-0\(n),received,100,,,R\(n),Tranche \(n)") }
        lines.append("2020-13-45,paid,10,Green spaces,\"Shop, Ltd\",R6,Paint")   // line 7: a bad date
        lines.append("2020-01-09,received,5,,,R1,Again")                        // line 8: a duplicate reference
        let refused = try #require(throws: LedgerImport.Refused.self) {
            try LedgerImport.check(lines.joined(separator: "\n"), lto: lto, context: context, newID: UUID.init)
        }
        #expect(refused.problems.map(\.line) == [7, 8])
        #expect(refused.problems[0].message.hasPrefix("date:"))
        #expect(refused.problems[1].message == "reference: R1 is also on line 2")
        let missing = try #require(throws: LedgerImport.Refused.self) {
            try LedgerImport.check("date,kind,amount\n2020-01-01,received,5", lto: lto, context: context, newID: UUID.init)
        }
        #expect(missing.problems == [.init(line: 1, message: "The header row is missing the columns priority, reference, description")])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let records = CSVReader.records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,row")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\"\nthere"], ["last", "row"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }
}

/// SplitMix64: small, fast and the same on every machine.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(upTo n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(n, 1)))
    }
}
