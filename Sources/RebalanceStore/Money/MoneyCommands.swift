import FluentKit
import Foundation
import RebalanceCore

/// Writing the plan and the money: each command checks its input with the rules in Core, writes
/// in one transaction and audits the change. Ledger lines are only ever added.
public enum MoneyCommands {
    // MARK: the plan

    public static func draftPlan(for partnershipID: UUID, _ content: PlanContent, summary rawSummary: String?, by actor: Actor,
                                 today: Day = .today(), on db: any Database) async throws -> PlanVersionRecord {
        var errors = FieldErrorList()
        let summary = TextRules.optional(rawSummary, field: "changeSummary", label: "what changed", max: 500, into: &errors) ?? "First version"
        try errors.throwIfAny()
        return try await db.writeTransaction { tx in
            let latest = try await PlanVersionRecord.query(on: tx).filter(\.$partnership.$id == partnershipID).sort(\.$number, .descending).first()
            if let latest, !latest.isAccepted, latest.isSignedOff {
                throw ValidationFailure("vision", "Version \(latest.number) is signed off and waiting for the funder: it must be accepted before a new version is drafted")
            }
            let record = (latest.map { $0.isAccepted ? nil : $0 } ?? nil) ?? PlanVersionRecord()
            let before = record.id == nil ? nil : record.auditFields
            if record.id == nil {
                record.$partnership.id = partnershipID
                record.number = (latest?.number ?? 0) + 1
                record.version = 1
            } else {
                record.version += 1
            }
            record.contentJSON = try encode(content)
            record.changeSummary = summary
            record.draftedByName = actor.name
            record.draftedOnRaw = today.description
            try await record.save(on: tx)
            if let before { try await Audit.updated(record, before: before, partnership: partnershipID, by: actor, on: tx) }
            else { try await Audit.created(record, partnership: partnershipID, by: actor, on: tx) }
            return record
        }
    }

    public enum PlanStep: Sendable { case signOff, accept }

    public static func approve(_ number: Int, of partnershipID: UUID, _ step: PlanStep, by actor: Actor, today: Day = .today(),
                               on db: any Database) async throws -> PlanVersionRecord {
        try await db.writeTransaction { tx in
            guard let v = try await PlanVersionRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                .filter(\.$number == number).first() else { throw NotFound("plan version") }
            let before = v.auditFields
            switch step {
            case .signOff:
                if v.isSignedOff { throw ValidationFailure("plan", "Version \(number) was signed off on \(Day(v.signedOffOnRaw!)?.readable ?? "")") }
                v.signedOffByName = actor.name
                v.signedOffOnRaw = today.description
            case .accept:
                if !v.isSignedOff { throw ValidationFailure("plan", "The partnership must sign off version \(number) before the funder accepts it") }
                if v.isAccepted { throw ValidationFailure("plan", "Version \(number) was accepted on \(Day(v.acceptedOnRaw!)?.readable ?? "")") }
                v.acceptedByName = actor.name
                v.acceptedOnRaw = today.description
            }
            v.version += 1
            try await v.save(on: tx)
            try await Audit.updated(v, before: before, partnership: partnershipID, by: actor, on: tx)
            return v
        }
    }

    /// Records a year's review and drafts the plan version it leads to.
    public static func review(_ review: PlanReview, of partnershipID: UUID, by actor: Actor, today: Day = .today(),
                              on db: any Database) async throws -> PlanReviewRecord {
        try await db.writeTransaction { tx in
            guard let current = try await PlanVersionRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                .filter(\.$acceptedOnRaw != nil).sort(\.$number, .descending).first(), let content = current.content else {
                throw ValidationFailure("year", "The funder has not accepted a plan yet: there is nothing to review")
            }
            let next = try review.applied(to: content)
            let version = try await draftPlan(for: partnershipID, next, summary: "After the \(review.year) review", by: actor, today: today, on: tx)
            let r = PlanReviewRecord()
            r.$partnership.id = partnershipID
            r.year = review.year
            r.reviewJSON = try encode(review)
            r.planNumber = version.number
            r.writtenByName = actor.name
            r.writtenOnRaw = today.description
            try await r.create(on: tx)
            try await Audit.created(r, partnership: partnershipID, by: actor, on: tx)
            return r
        }
    }

    // MARK: funding

    public static func offer(to partnershipID: UUID, funder: UUID, award: Pence, on day: Day, by actor: Actor,
                             on db: any Database) async throws -> FundingOfferRecord {
        try await db.writeTransaction { tx in
            let o = try await FundingOfferRecord.query(on: tx).filter(\.$partnership.$id == partnershipID).first() ?? FundingOfferRecord()
            let before = o.id == nil ? nil : o.auditFields
            o.$partnership.id = partnershipID
            o.$funder.id = funder
            o.awardPence = award.value
            o.offeredOnRaw = day.description
            o.version = (o.id == nil ? 0 : o.version) + 1
            try await o.save(on: tx)
            if let before { try await Audit.updated(o, before: before, partnership: partnershipID, by: actor, on: tx) }
            else { try await Audit.created(o, partnership: partnershipID, by: actor, on: tx) }
            return o
        }
    }

    public static func addTranche(_ t: Tranche, to offer: FundingOfferRecord, by actor: Actor, on db: any Database) async throws -> TrancheRecord {
        try await db.writeTransaction { tx in
            let r = TrancheRecord()
            r.id = t.id
            r.$offer.id = try offer.requireID()
            r.partnershipID = offer.$partnership.id
            r.ltoID = t.ltoID
            r.dueRaw = t.due.description
            r.amountPence = t.amount.value
            r.stateRaw = t.state.rawValue
            r.version = 1
            try await r.create(on: tx)
            try await Audit.created(r, partnership: offer.$partnership.id, by: actor, on: tx)
            return r
        }
    }

    /// A tranche arrives: its state changes and the ledger records the money received.
    public static func receive(_ trancheID: UUID, on day: Day, by actor: Actor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let t = try await TrancheRecord.find(trancheID, on: tx) else { throw NotFound("tranche") }
            guard t.stateRaw != Tranche.State.received.rawValue else {
                throw ValidationFailure("tranche", "This tranche was recorded as received on \(Day(t.receivedOnRaw ?? "")?.readable ?? "")")
            }
            let before = t.auditFields
            let entry = LedgerEntry(id: UUID(), ltoID: t.ltoID, kind: .received, amount: Pence(t.amountPence), on: day, priority: nil,
                                    reference: "TRANCHE-\(t.dueRaw)-\(trancheID.uuidString.prefix(8))",
                                    description: "Tranche due \(Day(t.dueRaw)?.readable ?? t.dueRaw), received from the funder")
            let line = LedgerEntryRecord(entry, partnershipID: t.partnershipID, by: actor.name, at: Date())
            try await line.create(on: tx)
            try await Audit.created(line, partnership: t.partnershipID, by: actor, on: tx)
            t.stateRaw = Tranche.State.received.rawValue
            t.receivedOnRaw = day.description
            t.ledgerEntryID = entry.id
            t.version += 1
            try await t.save(on: tx)
            try await Audit.updated(t, before: before, partnership: t.partnershipID, by: actor, on: tx)
        }
    }

    // MARK: the ledger

    public static func post(_ input: LedgerEntryInput, to partnership: PartnershipRecord, confirmOverpay: Bool, by actor: Actor,
                            today: Day = .today(), on db: any Database) async throws -> LedgerEntryRecord {
        try await db.writeTransaction { tx in
            let picture = try await MoneyQueries.picture(of: partnership, today: today, on: tx)
            let pid = try partnership.requireID()
            guard let context = picture.context(projects: try await projectIDs(pid, on: tx), commitments: try await commitmentIDs(pid, on: tx)) else {
                throw ValidationFailure("kind", "The partnership has no plan yet: write one before recording money against it")
            }
            let entry = try LedgerRules.validate(input, id: UUID(), context: context, confirmOverpay: confirmOverpay)
            let line = LedgerEntryRecord(entry, partnershipID: pid, by: actor.name, at: Date())
            try await line.create(on: tx)
            try await Audit.created(line, partnership: pid, by: actor, on: tx)
            return line
        }
    }

    public static func reverse(_ entryID: UUID, in partnership: PartnershipRecord, on rawDay: String?, reason: String?, by actor: Actor,
                               today: Day = .today(), on db: any Database) async throws -> LedgerEntryRecord {
        try await db.writeTransaction { tx in
            let picture = try await MoneyQueries.picture(of: partnership, today: today, on: tx)
            guard let context = picture.context() else { throw NotFound("ledger entry") }
            var errors = FieldErrorList()
            let day = TextRules.trimmed(rawDay).isEmpty ? today : DayRules.required(rawDay, field: "on", label: "Date", into: &errors)
            try errors.throwIfAny()
            let entry = try LedgerRules.reversal(of: entryID, id: UUID(), on: day!, reason: reason, context: context)
            let line = LedgerEntryRecord(entry, partnershipID: try partnership.requireID(), by: actor.name, at: Date())
            try await line.create(on: tx)
            try await Audit.created(line, partnership: partnership.id, by: actor, on: tx)
            return line
        }
    }

    /// Imports an LTO's CSV: all rows or none. Returns how many were added and how many skipped
    /// as already imported.
    public static func importCSV(_ text: String, lto: UUID, into partnership: PartnershipRecord, by actor: Actor,
                                 today: Day = .today(), on db: any Database) async throws -> (added: Int, skipped: Int) {
        try await db.writeTransaction { tx in
            let picture = try await MoneyQueries.picture(of: partnership, today: today, on: tx)
            let pid = try partnership.requireID()
            guard picture.ltos[lto] != nil else { throw ValidationFailure("lto", "Choose one of the partnership's LTOs") }
            guard let context = picture.context(projects: try await projectIDs(pid, on: tx), commitments: try await commitmentIDs(pid, on: tx)) else {
                throw ValidationFailure("file", "The partnership has no plan yet: write one before importing money against it")
            }
            let result = try LedgerImport.check(text, lto: lto, context: context, newID: UUID.init)
            let now = Date()
            for entry in result.entries {
                let line = LedgerEntryRecord(entry, partnershipID: pid, by: actor.name, at: now)
                try await line.create(on: tx)
                try await Audit.created(line, partnership: pid, by: actor, on: tx)
            }
            return (result.entries.count, result.alreadyImported)
        }
    }

    static func projectIDs(_ pid: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await ProjectRecord.query(on: db).filter(\.$partnership.$id == pid).all().compactMap(\.id))
    }

    static func commitmentIDs(_ pid: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await CommitmentRecord.query(on: db).filter(\.$partnership.$id == pid).all().compactMap(\.id))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
