import FluentKit
import Foundation
import RebalanceCore

public enum AgreementCommands {
    /// Saves a proposed change. When the newest version is still an unsigned draft, the draft
    /// is edited in place (claiming its `version`); otherwise a new version is numbered after
    /// it, so signed words are never rewritten. `seenLatest` is the newest version number the
    /// editor saw (0 for none): if another version appeared since, the save is refused.
    public static func saveDraft(in partnershipID: UUID, _ input: AgreementDraft.Input, seenLatest: Int, expectedVersion: Int?,
                                 today: Day = .today(), by actor: Actor, on db: any Database) async throws -> AgreementVersionRecord {
        try await db.writeTransaction { tx in
            let officers = try await AgreementQueries.officers(of: partnershipID, on: tx)
            let draft = try AgreementDraft.validate(input, today: today, officers: Set(officers.map(\.id)))
            let latest = try await AgreementQueries.latest(in: partnershipID, on: tx)
            try AgreementSignOff.checkDraftBase(seenLatest: seenLatest, actualLatest: latest?.number ?? 0)
            let officerName = officers.first { $0.id == draft.councilOfficerID }?.name ?? ""
            if let latest, !latest.hasAnySignature {
                guard let expectedVersion else {
                    throw ValidationFailure("version", "version is missing: send the version of the draft you are changing")
                }
                let version = try await VersionClaim.claim(AgreementVersionRecord.schema, id: try latest.requireID(),
                                                           expected: expectedVersion, entity: "agreement draft", on: tx)
                let before = latest.auditFields
                latest.content = draft.content
                latest.changeSummary = draft.changeSummary
                latest.councilOfficerID = draft.councilOfficerID
                latest.councilOfficerName = officerName
                latest.version = version
                try await latest.save(on: tx)
                try await Audit.updated(latest, before: before, partnership: partnershipID, by: actor, on: tx)
                return latest
            }
            let v = AgreementVersionRecord()
            v.$partnership.id = partnershipID
            v.number = (latest?.number ?? 0) + 1
            v.content = draft.content
            v.changeSummary = draft.changeSummary
            v.draftedByID = actor.personID
            v.draftedByName = actor.personID == nil ? "System" : actor.name
            v.draftedOnRaw = today.description
            v.councilOfficerID = draft.councilOfficerID
            v.councilOfficerName = officerName
            v.version = 1
            try await v.create(on: tx)
            try await Audit.created(v, partnership: partnershipID, by: actor, on: tx)
            return v
        }
    }

    /// Signs one version for one side; see `AgreementSignOff` for who may.
    public static func sign(number: Int, in partnershipID: UUID, side: String?, expectedVersion: Int, today: Day = .today(),
                            by actor: Actor, notify sender: NoticeSender? = nil, on db: any Database) async throws -> AgreementVersionRecord {
        try await db.writeTransaction { tx in
            guard let v = try await AgreementQueries.version(number, in: partnershipID, on: tx) else { throw NotFound("agreement version") }
            let latest = try await AgreementQueries.latest(in: partnershipID, on: tx)?.number ?? number
            let councilIDs = try await AreaQueries.councilIDs(ofPartnership: partnershipID, on: tx)
            let chosen = try AgreementSignOff.check(side, version: v.facts(latest: latest), actor: actor, partnershipID: partnershipID,
                                                    councilIDs: councilIDs)
            let version = try await VersionClaim.claim(AgreementVersionRecord.schema, id: try v.requireID(), expected: expectedVersion,
                                                       entity: "agreement version", on: tx)
            let before = v.auditFields
            switch chosen {
            case .partnership:
                v.partnershipSignedByID = actor.personID
                v.partnershipSignedByName = actor.name
                v.partnershipSignedOnRaw = today.description
            case .council:
                v.councilSignedByID = actor.personID
                v.councilSignedByName = actor.name
                v.councilSignedOnRaw = today.description
            }
            v.version = version
            try await v.save(on: tx)
            try await Audit.updated(v, before: before, partnership: partnershipID, by: actor, on: tx)
            // The other side hears that it is their turn (or that the version is now in force).
            let slug = try await PartnershipRecord.find(partnershipID, on: tx)?.slug ?? ""
            let chairs = Set(try await MembershipRecord.query(on: tx).filter(\.$partnership.$id == partnershipID).all()
                .filter { $0.role == .chair && $0.isCurrent(on: today) }.map { $0.$person.id })
            let both = v.partnershipSignedByID != nil && v.councilSignedByID != nil
            let others: Set<UUID> = chosen == .partnership ? [v.councilOfficerID] : chairs
            try await Notices.send(to: others, except: actor.personID, partnershipID: partnershipID,
                                   title: both ? "Version \(number) of the agreement is in force" : "Version \(number) of the agreement waits for your signature",
                                   path: "/partnerships/\(slug)/agreement/versions/\(number)",
                                   body: "\(actor.name) signed version \(number) of the agreement for \(chosen.label)." + (both ? " Both sides have now signed, so it is in force." : " It takes effect when you sign for your side."),
                                   key: "agreement-signed:\(try v.requireID().uuidString):\(chosen.rawValue)", sender: sender, on: tx)
            return v
        }
    }
}

public enum AgreementQueries {
    public struct Officer: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    /// Every version, oldest first.
    public static func versions(in partnershipID: UUID, on db: any Database) async throws -> [AgreementVersionRecord] {
        try await AgreementVersionRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$number).all()
    }

    public static func version(_ number: Int, in partnershipID: UUID, on db: any Database) async throws -> AgreementVersionRecord? {
        try await AgreementVersionRecord.query(on: db).filter(\.$partnership.$id == partnershipID).filter(\.$number == number).first()
    }

    public static func latest(in partnershipID: UUID, on db: any Database) async throws -> AgreementVersionRecord? {
        try await AgreementVersionRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$number, .descending).first()
    }

    /// The version in force: the newest signed by both sides.
    public static func inForce(_ versions: [AgreementVersionRecord]) -> AgreementVersionRecord? {
        versions.filter { $0.partnershipSignedByID != nil && $0.councilSignedByID != nil }.max { $0.number < $1.number }
    }

    public static func statuses(_ versions: [AgreementVersionRecord]) -> [Int: AgreementVersionStatus] {
        let latest = versions.map(\.number).max() ?? 0
        return AgreementVersionStatus.of(versions.map { $0.facts(latest: latest) })
    }

    /// People who may be named to sign for the council: staff of the area's councils only
    /// (a council-officer seat is given by the partnership, so it proves nothing about the council).
    public static func officers(of partnershipID: UUID, on db: any Database) async throws -> [Officer] {
        guard let p = try await (PartnershipRecord.query(on: db).filter(\.$id == partnershipID)
            .with(\.$area) { $0.with(\.$councils) }).first() else { throw NotFound("partnership") }
        let councilIDs = try p.area.councils.map { try $0.requireID() }
        var officers: [UUID: String] = [:]
        if !councilIDs.isEmpty {
            for s in try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ councilIDs).with(\.$person).all() {
                officers[s.$person.id] = s.person.name
            }
        }
        return officers.map { Officer(id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }
}
