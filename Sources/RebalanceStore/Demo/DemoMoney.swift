import FluentKit
import Foundation
import RebalanceCore

/// Fernhill's plan from 2013 to 2028 with two annual reviews, the funder's £1.1m award paid in
/// yearly tranches, and ten years of its LTO's ledger (one mistake reversed); Northgate works
/// with two LTOs. Amounts come from a fixed recipe, so every load gives the same books.
/// Loading twice changes nothing: it stops if Fernhill already has a plan.
enum DemoMoney {
    static let system = DemoData.system

    static let priorities: [(title: String, outcomes: String, consultation: String, yearly: Int64)] = [
        ("Green spaces", "A park people use after dark; a community garden on the old depot verge.",
         "Door-knocking on every street in spring 2013 and a park walkabout with 60 residents.", 24_000),
        ("Young people", "Evening activities four nights a week; a youth panel that spends its own budget.",
         "A survey at St Anne's and the secondary school, and two youth forums.", 22_000),
        ("Community centre", "The Mill Road centre open every day and run by local groups.",
         "Drop-in sessions at the centre and a paper survey through every door.", 18_000),
        ("Small grants", "Forty local groups a year helped with small grants and advice.",
         "A fair for local groups, asked what would help them most.", 9_000),
    ]

    static func load(on db: any Database, today: Day = .today()) async throws {
        try await db.writeTransaction { tx in
            guard let p = try await PartnershipRecord.query(on: tx).filter(\.$slug == "fernhill-big-local-partnership").first(),
                  let lto = p.$lto.id else { return }
            let pid = try p.requireID()
            if try await PlanVersionRecord.query(on: tx).filter(\.$partnership.$id == pid).first() != nil { return }
            let funder = try await DemoData.organisation("Local Trust", .funder, "GB-CHC-1147511",
                                                         "The national charity that funds the Big Local programme.", on: tx)
            if let adviser = try await PersonRecord.query(on: tx).filter(\.$email == "fatima@localtrust.example").first() {
                try await DemoData.staff(try adviser.requireID(), funder, nil, "Area adviser", administrator: true, on: tx)
            }
            let chair = Actor(personID: nil, name: "Ada Okafor"), funderActor = Actor(personID: nil, name: "Fatima Khan")
            let finance = Actor(personID: nil, name: "Joe Kaminski")

            // The plan: 2013 to 2028, accepted in 2013, then reviewed in 2019 and 2023.
            let years = 2013...2028
            let plan = PlanContent(vision: "By 2028 Fernhill is a place where neighbours know each other, young people have somewhere to go, and the park and the community centre belong to everyone.",
                                   startYear: 2013, endYear: 2028, priorities: priorities.map { pr in
                PlanPriority(key: Slug.make(from: pr.title), title: pr.title, outcomes: pr.outcomes, consultation: pr.consultation,
                             budgets: Dictionary(uniqueKeysWithValues: years.map { ($0, Pence.pounds(pr.yearly)) }))
            })
            var version = try await MoneyCommands.draftPlan(for: pid, plan, summary: "First plan, written with the community", by: chair,
                                                            today: Day("2013-09-10")!, on: tx)
            _ = try await MoneyCommands.approve(version.number, of: pid, .signOff, by: chair, today: Day("2013-10-01")!, on: tx)
            _ = try await MoneyCommands.approve(version.number, of: pid, .accept, by: funderActor, today: Day("2013-11-04")!, on: tx)
            let offer = try await MoneyCommands.offer(to: pid, funder: try funder.requireID(), award: FundingRules.usualAward,
                                                      on: Day("2013-11-04")!, by: funderActor, on: tx)
            for (n, year) in years.enumerated() {
                // Sixteen tranches: £68,750 a year, the award exactly.
                let t = try await MoneyCommands.addTranche(Tranche(id: UUID(), due: Day(year: year, month: 4, day: 1)!,
                                                                   amount: Pence.pounds(68_750), ltoID: lto), to: offer, by: funderActor, on: tx)
                if Day(year: year, month: 4, day: 1)! < today, year <= 2025 {
                    try await MoneyCommands.receive(try t.requireID(), on: Day(year: year, month: 4, day: 3 + n % 5)!, by: finance, on: tx)
                }
            }
            for (year, moves) in [(2019, [BudgetMove(fromPriority: "community-centre", fromYear: 2020, toPriority: "young-people", toYear: 2020,
                                                     amount: Pence.pounds(6_000), reason: "The youth panel asked for a second evening club")]),
                                  (2023, [BudgetMove(fromPriority: "small-grants", fromYear: 2024, toPriority: "green-spaces", toYear: 2024,
                                                     amount: Pence.pounds(3_000), reason: "The community garden needs a water supply")])] {
                let review = PlanReview(year: year, notes: priorities.map {
                    PlanReview.PriorityNote(priority: Slug.make(from: $0.title), happened: "Delivered most of the year's plans.",
                                            changed: "Priorities unchanged; budget moved as below.")
                }, moves: moves)
                _ = try await MoneyCommands.review(review, of: pid, by: chair, today: Day(year: year, month: 11, day: 20)!, on: tx)
                version = try await PlanVersionRecord.query(on: tx).filter(\.$partnership.$id == pid).sort(\.$number, .descending).first()!
                _ = try await MoneyCommands.approve(version.number, of: pid, .signOff, by: chair, today: Day(year: year, month: 12, day: 2)!, on: tx)
                _ = try await MoneyCommands.approve(version.number, of: pid, .accept, by: funderActor, today: Day(year: year, month: 12, day: 16)!, on: tx)
            }

            // Ten years of the LTO's books, 2015 to 2024: for each priority, money set aside,
            // promised and paid in instalments. The amounts vary by a fixed recipe.
            var projects: [String: UUID] = [:]
            for (key, title) in [("green-spaces", "Fernhill Park after dark"), ("young-people", "Friday youth club"),
                                 ("community-centre", "Mill Road community centre transfer")] {
                projects[key] = try await ProjectRecord.query(on: tx).filter(\.$partnership.$id == pid).filter(\.$title == title).first()?.id
            }
            var entries: [LedgerEntry] = []
            let payees = ["Fernhill Tools Ltd", "Harbourside Youth Trust", "Mill Road Centre CIC", "Green Hands Landscaping", "Brook Print"]
            for year in 2015...2024 {
                for (i, pr) in priorities.enumerated() {
                    let key = Slug.make(from: pr.title)
                    let share = Pence.pounds(pr.yearly - Int64((year * 7 + i * 13) % 9) * 1_000)
                    entries.append(line(.allocated, share, Day(year: year, month: 4, day: 10)!, key, lto, "Allocated for \(year)"))
                    entries.append(line(.committed, share, Day(year: year, month: 5, day: 2 + i)!, key, lto, "Agreed with the supplier"))
                    let instalments = 3 + (year + i) % 3
                    let each = Pence(share.value / Int64(instalments + 1))
                    for k in 0..<instalments {
                        entries.append(line(.paid, each, Day(year: year, month: 6 + k, day: 5 + i)!, key, lto,
                                            "\(pr.title): instalment \(k + 1)", payee: payees[(i + k) % payees.count],
                                            reference: "FCT-\(year)-\(i)\(k)"))
                    }
                    // The last years' money went to the projects the partnership runs now.
                    if year >= 2023, let project = projects[key] {
                        for n in entries.indices where entries[n].on.year == year && entries[n].priority == key { entries[n].projectID = project }
                    }
                }
            }
            // A payment keyed twice in 2021, reversed a week later.
            let twice = line(.paid, Pence.pounds(1_250), Day("2021-09-14")!, "young-people", lto, "Minibus hire (keyed twice)",
                             payee: "Harbourside Youth Trust", reference: "FCT-2021-DUP")
            entries.append(twice)
            entries.append(LedgerEntry(id: UUID(), ltoID: lto, kind: .paid, amount: twice.amount, on: Day("2021-09-21")!, priority: "young-people",
                                       payee: twice.payee, description: "Reverses “Minibus hire (keyed twice)”: the invoice was paid twice by mistake",
                                       reverses: twice.id))
            let now = Date()
            for e in entries {
                let r = LedgerEntryRecord(e, partnershipID: pid, by: finance.name, at: now)
                try await r.create(on: tx)
            }
            try await Audit.record(.created, "ledger_import", id: pid, label: "Demo ledger, 2015 to 2024", before: nil,
                                   after: ["entries": String(entries.count)], partnership: pid, by: system, on: tx)

            // Northgate works with two LTOs: its own trust and, for its grants, Fernhill's.
            if let northgate = try await PartnershipRecord.query(on: tx).filter(\.$slug == "northgate-neighbours").first() {
                let own = try await DemoData.organisation("Northgate Development Trust", .lto, "GB-CHC-1190002",
                                                          "A development trust on the old depot site.", on: tx)
                northgate.$lto.id = try own.requireID()
                try await northgate.save(on: tx)
                let second = PartnershipLTORecord()
                second.$partnership.id = try northgate.requireID()
                second.$organisation.id = lto
                second.startsOnRaw = "2026-09-01"
                try await second.create(on: tx)
                try await Audit.created(second, partnership: northgate.id, by: system, on: tx)
            }
        }
    }

    static func line(_ kind: LedgerEntryKind, _ amount: Pence, _ on: Day, _ priority: String, _ lto: UUID, _ description: String,
                     payee: String? = nil, reference: String? = nil) -> LedgerEntry {
        LedgerEntry(id: UUID(), ltoID: lto, kind: kind, amount: amount, on: on, priority: priority, payee: payee,
                    reference: reference, description: description)
    }
}
