import SQLKit
import FluentKit
import Foundation
import RebalanceCore

public enum CommitmentQueries {
    /// The titles of a partnership's commitments, without reading the commitments themselves.
    public static func titles(in partnershipID: UUID, on db: any Database) async throws -> Set<String> {
        let rows = try await db.sql.select().column("title").from(CommitmentRecord.schema)
            .where("partnership_id", .equal, partnershipID).all()
        return Set(try rows.map { try $0.decode(column: "title", as: String.self) })
    }

    /// Every commitment of a partnership with its project; `withHistory` adds each one's events,
    /// which registers and track records do not need and which outnumber the commitments.
    public static func all(in partnershipID: UUID, withHistory: Bool = true, on db: any Database) async throws -> [CommitmentRecord] {
        let query = CommitmentRecord.query(on: db).filter(\.$partnership.$id == partnershipID).with(\.$project)
        if withHistory { _ = query.with(\.$events) }
        return try await query.sort(\.$dueOnRaw).sort(\.$title).all()
    }

    /// One commitment with its history, oldest event first.
    public static func find(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> CommitmentRecord? {
        try await CommitmentRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
            .with(\.$project).with(\.$events).first()
    }

    /// Who can make or receive promises in this partnership: the partnership itself, the teams
    /// of its area's councils, its LTO and its current members, in that order.
    public static func parties(of partnershipID: UUID, today: Day = .today(), on db: any Database) async throws -> [CommitmentParty] {
        guard let p = try await (PartnershipRecord.query(on: db).filter(\.$id == partnershipID)
            .with(\.$area) { $0.with(\.$councils) }.with(\.$lto)
            .with(\.$memberships) { $0.with(\.$person) }).first() else { throw NotFound("partnership") }
        var parties = [CommitmentParty(kind: .partnership, id: nil, name: p.name)]
        let councilIDs = try p.area.councils.map { try $0.requireID() }
        let names = Dictionary(uniqueKeysWithValues: try p.area.councils.map { (try $0.requireID(), $0.name) })
        if !councilIDs.isEmpty {
            let teams = try await TeamRecord.query(on: db).filter(\.$organisation.$id ~~ councilIDs).sort(\.$name).all()
            parties += try teams.map {
                CommitmentParty(kind: .councilTeam, id: try $0.requireID(), name: "\($0.name) (\(names[$0.$organisation.id] ?? "council"))",
                                organisationID: $0.$organisation.id)
            }
        }
        if let lto = p.lto { parties.append(CommitmentParty(kind: .lto, id: try lto.requireID(), name: lto.name)) }
        var seen: Set<UUID> = []
        for m in p.memberships.filter({ $0.isCurrent(on: today) }).sorted(by: { $0.person.name < $1.person.name })
        where seen.insert(m.$person.id).inserted {
            parties.append(CommitmentParty(kind: .person, id: m.$person.id, name: m.person.name))
        }
        return parties
    }

    /// Track records of every party that has made a promise, as of `day`, busiest first.
    public static func trackRecords(_ commitments: [CommitmentRecord], asOf day: Day) -> [(party: CommitmentParty, record: TrackRecord)] {
        var order: [String] = []
        var byParty: [String: (CommitmentParty, [CommitmentFacts])] = [:]
        for c in commitments {
            let key = c.owner.key
            if byParty[key] == nil { order.append(key); byParty[key] = (c.owner, []) }
            byParty[key]!.1.append(c.facts)
        }
        return order.map { key in (byParty[key]!.0, TrackRecord(byParty[key]!.1, asOf: day)) }
            .sorted { ($0.record.total, $1.party.name) > ($1.record.total, $0.party.name) }
    }
}
