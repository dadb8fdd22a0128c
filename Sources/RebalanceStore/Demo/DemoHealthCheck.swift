import FluentKit
import Foundation
import RebalanceCore

/// Three closed health-check rounds for Fernhill, about 12, 6 and 1 months ago. Residents
/// start out much less positive than the council and catch up as promises are kept, so the
/// perception gap narrows round by round. Two more council staff join so that the council side
/// passes the rule of five. Loading twice changes nothing.
enum DemoHealthCheck {
    static let extraStaff: [(name: String, email: String, team: String, title: String)] = [
        ("Sue Ward", "sue@harbourside.example", "neighbourhoods-and-communities", "Community development worker"),
        ("Marcus Lee", "marcus@harbourside.example", "highways", "Highways inspector"),
    ]

    /// Who answers, and the average point each side gives in each round (1 to 5).
    static let community = ["ada@fernhill.example", "tom@fernhill.example", "priya@fernhill.example", "gwen@fernhill.example",
                            "samir@fernhill.example", "lucy@fernhill.example", "joe@fernhilltrust.example"]
    static let council = ["dennis@harbourside.example", "hannah@harbourside.example", "beth@harbourside.example",
                          "raj@harbourside.example", "sue@harbourside.example", "marcus@harbourside.example"]
    static let rounds: [(daysAgo: Int, community: Int, councilSide: Int)] = [(365, 2, 4), (182, 3, 4), (30, 3, 3)]

    static func load(passwordHash: String, on db: any Database, today: Day = .today()) async throws {
        try await db.writeTransaction { (tx: any Database) async throws -> Void in
            guard let p = try await PartnershipRecord.query(on: tx).filter(\.$slug == "fernhill-big-local-partnership").first(),
                  let council = try await OrganisationRecord.query(on: tx).filter(\.$slug == "harbourside-city-council").first() else { return }
            let pid = try p.requireID()
            if try await HealthCheckRoundRecord.query(on: tx).filter(\.$partnership.$id == pid).first() != nil { return }
            for s in extraStaff where try await PersonRecord.query(on: tx).filter(\.$email == s.email).first() == nil {
                let person = PersonRecord(name: s.name, email: s.email, passwordHash: passwordHash, isAdmin: false)
                person.emailVerifiedAt = Date()  // demo people own their (fictional) addresses
                try await person.create(on: tx)
                try await Audit.created(person, by: DemoData.system, on: tx)
                let team = try await TeamRecord.query(on: tx).filter(\.$organisation.$id == council.requireID()).filter(\.$slug == s.team).first()
                try await DemoData.staff(try person.requireID(), council, team, s.title, on: tx)
            }
            let set = QuestionSet.rebalance2026
            let invitees = try await HealthCheckQueries.invitees(of: pid, today: today, on: tx)
            for (n, plan) in rounds.enumerated() {
                let closes = today.adding(days: -plan.daysAgo)
                let r = HealthCheckRoundRecord()
                r.$partnership.id = pid
                r.apply(HealthCheckRound(questionSet: set.key, opensOn: closes.adding(days: -21), closesOn: closes))
                r.openedBy = "Ada Okafor"
                try await r.create(on: tx)
                try await Audit.created(r, partnership: pid, by: DemoData.system, on: tx)
                for (person, role) in invitees {
                    let i = HealthCheckInvitationRecord()
                    i.$round.id = try r.requireID()
                    i.$person.id = try person.requireID()
                    i.roleRaw = role.rawValue
                    if let k = community.firstIndex(of: person.email) {
                        try i.store(sheet(set, base: plan.community, person: k, round: n))
                    } else if let k = Self.council.firstIndex(of: person.email) {
                        try i.store(sheet(set, base: plan.councilSide, person: k, round: n))
                    }
                    try await i.create(on: tx)
                }
            }
        }
    }

    /// A plausible answer sheet: around `base`, varying by person and statement, with the odd
    /// "don't know", and later rounds a little warmer on trust and dialogue.
    static func sheet(_ set: QuestionSet, base: Int, person: Int, round: Int) -> AnswerSheet {
        var answers: [String: AnswerValue] = [:]
        for (s, statement) in set.statements.enumerated() {
            if (person + s + round) % 11 == 0 { answers[statement.id] = .dontKnow; continue }
            let wobble = [0, 1, 0, -1, 0, 1, 0][(person * 3 + s) % 7]
            let lift = round > 0 && (statement.principle == .trust || statement.principle == .dialogue) ? 1 : 0
            answers[statement.id] = .scale(Agreement(rawValue: min(5, max(1, base + wobble + lift)))!)
        }
        return AnswerSheet(answers: answers)
    }
}
