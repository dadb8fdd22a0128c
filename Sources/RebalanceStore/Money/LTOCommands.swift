import FluentKit
import Foundation
import RebalanceCore

/// Which organisations hold a partnership's money, and from when to when, each on a decision in
/// the partnership's log. The checks run inside the write, so two choices cannot overlap.
public enum LTOCommands {
    public static func choose(_ input: LTOChoice.Input, for partnershipID: UUID, by actor: Actor, on db: any Database) async throws -> PartnershipLTORecord {
        try await db.writeTransaction { tx in
            let choice = try LTOChoice.validate(input, holders: try await holders(on: tx), decisions: try await decisions(of: partnershipID, on: tx),
                                                periods: try await periods(of: partnershipID, on: tx))
            let record = PartnershipLTORecord()
            record.$partnership.id = partnershipID
            record.$organisation.id = choice.organisationID
            record.startsOnRaw = choice.startsOn.description
            record.endsOnRaw = choice.endsOn?.description
            record.decisionID = choice.decisionID
            try await record.create(on: tx)
            try await Audit.created(record, partnership: partnershipID, by: actor, on: tx)
            return record
        }
    }

    public static func end(_ periodID: UUID, of partnershipID: UUID, endsOn: String?, decision: String?, by actor: Actor,
                           on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let record = try await PartnershipLTORecord.query(on: tx).filter(\.$id == periodID)
                .filter(\.$partnership.$id == partnershipID).first() else { throw NotFound("LTO period") }
            let ending = try LTOChoice.validateEnding(record.period, endsOn: endsOn, decision: decision,
                                                      decisions: try await decisions(of: partnershipID, on: tx))
            let before = record.auditFields
            record.endsOnRaw = ending.endsOn.description
            record.decisionID = ending.decisionID
            try await record.save(on: tx)
            try await Audit.updated(record, before: before, partnership: partnershipID, by: actor, on: tx)
        }
    }

    public static func holders(on db: any Database) async throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        for org in try await OrganisationQueries.moneyHolders(on: db) { out[try org.requireID()] = org.name }
        return out
    }

    public static func decisions(of partnershipID: UUID, on db: any Database) async throws -> [UUID: LTOChoice.DecisionFact] {
        var out: [UUID: LTOChoice.DecisionFact] = [:]
        for d in try await DecisionQueries.log(in: partnershipID, on: db) { out[try d.requireID()] = .init(title: d.title, result: d.result) }
        return out
    }

    public static func periods(of partnershipID: UUID, on db: any Database) async throws -> [LTOPeriod] {
        try await PartnershipLTORecord.query(on: db).filter(\.$partnership.$id == partnershipID).all().map(\.period)
    }
}

extension PartnershipLTORecord {
    public var period: LTOPeriod {
        LTOPeriod(id: id ?? UUID(), organisationID: $organisation.id, startsOn: Day(startsOnRaw) ?? Day(year: 2000, month: 1, day: 1)!,
                  endsOn: endsOnRaw.flatMap(Day.init), decisionID: decisionID)
    }
}
