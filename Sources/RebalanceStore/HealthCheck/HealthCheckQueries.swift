import FluentKit
import Foundation
import RebalanceCore

/// A closed round with its scored results (compared with the round before it).
public struct ScoredRound: Sendable {
    public var round: HealthCheckRoundRecord
    public var results: HealthCheckResults
}

public enum HealthCheckQueries {
    /// A partnership's rounds, newest first.
    public static func rounds(in partnershipID: UUID, on db: any Database) async throws -> [HealthCheckRoundRecord] {
        try await HealthCheckRoundRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .sort(\.$opensOnRaw, .descending).all()
    }

    public static func round(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> HealthCheckRoundRecord {
        guard let r = try await HealthCheckRoundRecord.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnershipID).first() else { throw NotFound("health check round") }
        return r
    }

    public static func invitations(of roundID: UUID, on db: any Database) async throws -> [HealthCheckInvitationRecord] {
        try await HealthCheckInvitationRecord.query(on: db).filter(\.$round.$id == roundID).all()
    }

    /// The invitations of several rounds in one query, by round.
    public static func invitations(ofRounds roundIDs: [UUID], on db: any Database) async throws -> [UUID: [HealthCheckInvitationRecord]] {
        guard !roundIDs.isEmpty else { return [:] }
        return Dictionary(grouping: try await HealthCheckInvitationRecord.query(on: db).filter(\.$round.$id ~~ roundIDs).all(),
                          by: { $0.$round.id })
    }

    public static func invitation(of roundID: UUID, person: UUID?, on db: any Database) async throws -> HealthCheckInvitationRecord? {
        guard let person else { return nil }
        return try await HealthCheckInvitationRecord.query(on: db).filter(\.$round.$id == roundID).filter(\.$person.$id == person).first()
    }

    /// Who is asked to answer: every current member in their seat, then every staff member of
    /// the area's councils who is not a member, as council staff. Each person once.
    public static func invitees(of partnershipID: UUID, today: Day, on db: any Database) async throws -> [(person: PersonRecord, role: RespondentRole)] {
        guard let p = try await PartnershipRecord.query(on: db).filter(\.$id == partnershipID)
            .with(\.$area) { $0.with(\.$councils) }.with(\.$memberships) { $0.with(\.$person) }.first() else { throw NotFound("partnership") }
        var seen: Set<UUID> = []
        var out: [(PersonRecord, RespondentRole)] = []
        for m in p.memberships.filter({ $0.isCurrent(on: today) }).sorted(by: { $0.person.name < $1.person.name })
        where seen.insert(m.$person.id).inserted {
            out.append((m.person, .member(m.role)))
        }
        let councils = try p.area.councils.map { try $0.requireID() }
        if !councils.isEmpty {
            for s in try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ councils).with(\.$person).all()
                .sorted(by: { $0.person.name < $1.person.name }) where seen.insert(s.$person.id).inserted {
                out.append((s.person, .councilStaff))
            }
        }
        return out
    }

    /// Every closed round scored, oldest first, each compared with the closed round before it.
    /// Whoever reads results first after a round closes detaches its answers from the people
    /// who gave them (as the delivery pass does), so results are only ever scored from sheets
    /// without a name.
    public static func closedResults(in partnershipID: UUID, today: Day = .today(), on db: any Database) async throws -> [ScoredRound] {
        try await HealthCheckAnonymity.detachClosedRounds(in: partnershipID, today: today, on: db)
        return try await scored(try await rounds(in: partnershipID, on: db), today: today, on: db)
    }

    /// Scores the closed rounds among one partnership's `rounds` (read after detaching).
    static func scored(_ rounds: [HealthCheckRoundRecord], today: Day, on db: any Database) async throws -> [ScoredRound] {
        let closed = rounds.filter { $0.core.state(on: today) == .closed }
            .sorted { ($0.core.endedOn, $0.opensOnRaw) < ($1.core.endedOn, $1.opensOnRaw) }
        var out: [ScoredRound] = []
        for r in closed {
            guard let set = r.questionSet else { continue }
            let id = try r.requireID()
            let key = ClosedRoundScores.Key(round: id, previous: out.last?.round.id)
            if let kept = ClosedRoundScores.shared.results(for: key) {
                out.append(ScoredRound(round: r, results: kept))
                continue
            }
            let responses = try await HealthCheckAnswerRecord.query(on: db).filter(\.$round.$id == id).all().compactMap(\.response)
            let results = HealthCheckResults.compute(set: set, responses: responses, previous: out.last?.results)
            // Only once its sheets are detached are a round's answers final.
            if r.answersDetachedAt != nil { ClosedRoundScores.shared.keep(results, for: key) }
            out.append(ScoredRound(round: r, results: results))
        }
        return out
    }

    /// One line per partnership for the cross-area table, limited to the given councils' areas
    /// (nil: every partnership).
    public static func summaryRows(councils: Set<UUID>?, today: Day = .today(), on db: any Database) async throws -> [HealthCheckSummaryRow] {
        let all = try await PartnershipRecord.query(on: db).with(\.$area) { $0.with(\.$councils) }.all()
        // One pass and one read for every area, rather than one of each per area.
        try await HealthCheckAnonymity.detachClosedRounds(today: today, on: db)
        let roundsByPartnership = Dictionary(grouping: try await HealthCheckRoundRecord.query(on: db).all(), by: { $0.$partnership.id })
        var rows: [HealthCheckSummaryRow] = []
        for p in all {
            if let councils, Set(try p.area.councils.map { try $0.requireID() }).isDisjoint(with: councils) { continue }
            let latest = try await scored(roundsByPartnership[try p.requireID()] ?? [], today: today, on: db).last
            rows.append(HealthCheckSummaryRow(partnershipName: p.name, partnershipSlug: p.slug,
                                              latestRoundEndedOn: latest?.round.core.endedOn, results: latest?.results))
        }
        return rows
    }
}
