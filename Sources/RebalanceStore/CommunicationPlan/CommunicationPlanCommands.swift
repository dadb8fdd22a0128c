import FluentKit
import Foundation
import RebalanceCore

public enum CommunicationPlanCommands {
    /// What can be changed in a plan, one thing at a time (each is its own small form).
    public enum Change: Sendable {
        case setEntry(CommunicationPlanEntry.Input)
        case removeEntry(stakeholder: String)
        case setRhythm(MeetingKind, MeetingDraft.Input)
        case removeRhythm(MeetingKind)
    }

    /// Applies a change. `expectedVersion` is the plan's version as loaded (0 when the
    /// partnership had none yet).
    @discardableResult
    public static func apply(_ change: Change, to partnership: PartnershipRecord, expectedVersion: Int,
                             today: Day = .today(), by actor: Actor, on db: any Database) async throws -> CommunicationPlanRecord {
        let partnershipID = try partnership.requireID()
        let known = try await CommunicationPlanQueries.stakeholders(of: partnership, on: db)
        return try await db.writeTransaction { tx in
            let existing = try await CommunicationPlanRecord.query(on: tx).filter(\.$partnership.$id == partnershipID).first()
            let current = try existing?.plan ?? CommunicationPlan(entries: [], rhythms: [:])
            var entries = current.entries
            var rhythms = current.rhythms
            switch change {
            case .setEntry(var input):
                // A person reached by e-mail defaults to the address they registered with.
                if TextRules.trimmed(input.email).isEmpty, input.channel == ContactChannel.email.rawValue,
                   let ref = StakeholderRef(key: TextRules.trimmed(input.stakeholder)), let registered = known[ref]?.email {
                    input.email = registered
                }
                let entry = try CommunicationPlanEntry.validate(input) { ref in known[ref]?.speaksForCouncil }
                if let i = entries.firstIndex(where: { $0.stakeholder == entry.stakeholder }) {
                    entries[i] = entry
                } else {
                    entries.append(entry)
                }
            case .removeEntry(let key):
                guard let ref = StakeholderRef(key: key), entries.contains(where: { $0.stakeholder == ref }) else {
                    throw ValidationFailure("stakeholder", "This person or organisation is not in the plan")
                }
                entries.removeAll { $0.stakeholder == ref }
            case .setRhythm(let kind, let input):
                rhythms[kind] = try MeetingRhythm.validate(input, kind: kind, from: today)
            case .removeRhythm(let kind):
                rhythms[kind] = nil
            }
            let plan = try CommunicationPlan(entries: entries, rhythms: rhythms)
            let json = String(decoding: try JSONEncoder.sorted.encode(plan), as: UTF8.self)
            if let existing {
                let before = existing.auditFields
                existing.version = try await VersionClaim.claim(CommunicationPlanRecord.schema, id: existing.requireID(),
                                                                expected: expectedVersion, entity: "communication plan", on: tx)
                existing.planJSON = json
                try await existing.save(on: tx)
                try await Audit.updated(existing, before: before, partnership: partnershipID, by: actor, on: tx)
                return existing
            }
            guard expectedVersion <= 0 else { throw VersionConflict(entity: "communication plan") }
            let record = CommunicationPlanRecord()
            record.$partnership.id = partnershipID
            record.planJSON = json
            record.version = 1
            do {
                try await record.create(on: tx)
            } catch {
                throw VersionConflict(entity: "communication plan")
            }
            try await Audit.created(record, partnership: partnershipID, by: actor, on: tx)
            return record
        }
    }
}

/// Someone or something a plan can name, with how pages show them.
public struct Stakeholder: Sendable {
    public let ref: StakeholderRef
    public let name: String
    public let detail: String
    public let speaksForCouncil: Bool
    public let email: String?
    public let personID: UUID?
}

public enum CommunicationPlanQueries {
    public static func record(of partnershipID: UUID, on db: any Database) async throws -> CommunicationPlanRecord? {
        try await CommunicationPlanRecord.query(on: db).filter(\.$partnership.$id == partnershipID).first()
    }

    /// Who may be in the plan: current members, staff of the area's councils, the councils
    /// themselves and the LTO.
    public static func stakeholders(of partnership: PartnershipRecord, on db: any Database, today: Day = .today()) async throws -> [StakeholderRef: Stakeholder] {
        var out: [StakeholderRef: Stakeholder] = [:]
        let councilIDs = Set(try partnership.area.councils.map { try $0.requireID() })
        for council in partnership.area.councils {
            let ref = StakeholderRef.organisation(try council.requireID())
            out[ref] = Stakeholder(ref: ref, name: council.name, detail: "Council", speaksForCouncil: true, email: nil, personID: nil)
        }
        if let lto = partnership.lto {
            let ref = StakeholderRef.organisation(try lto.requireID())
            out[ref] = Stakeholder(ref: ref, name: lto.name, detail: "Local trusted organisation", speaksForCouncil: false, email: nil, personID: nil)
        }
        if !councilIDs.isEmpty {
            for s in try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ Array(councilIDs)).with(\.$person).all() {
                let ref = StakeholderRef.person(s.$person.id)
                out[ref] = Stakeholder(ref: ref, name: s.person.name, detail: s.jobTitle, speaksForCouncil: true,
                                       email: s.person.email, personID: s.$person.id)
            }
        }
        // People who asked to be kept informed and were accepted: the plan can name them.
        let informed = try await JoinRequestRecord.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$kindRaw == JoinRequestKind.keepInformed.rawValue).filter(\.$stateRaw == JoinRequestState.accepted.rawValue)
            .with(\.$person).all()
        for r in informed {
            let ref = StakeholderRef.person(r.$person.id)
            out[ref] = Stakeholder(ref: ref, name: r.person.name, detail: "Asked to be kept informed", speaksForCouncil: false,
                                   email: r.person.email, personID: r.$person.id)
        }
        for m in partnership.memberships where m.isCurrent(on: today) {
            let ref = StakeholderRef.person(m.$person.id)
            let council = m.role == .councillor || m.role == .councilOfficer || out[ref]?.speaksForCouncil == true
            out[ref] = Stakeholder(ref: ref, name: m.person.name, detail: m.role.label, speaksForCouncil: council,
                                   email: m.person.email, personID: m.$person.id)
        }
        return out
    }
}
