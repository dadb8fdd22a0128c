import FluentKit
import Foundation
import RebalanceCore

public enum EnquiryQueries {
    /// A council with its teams; anything else (an LTO, a group) is not found.
    public static func council(_ id: UUID, on db: any Database) async throws -> OrganisationRecord {
        guard let org = try await OrganisationRecord.query(on: db).filter(\.$id == id).with(\.$teams).first(),
              org.kind == .council else { throw NotFound("council") }
        return org
    }

    public static func teamNames(_ council: OrganisationRecord) -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: (council.$teams.value ?? []).compactMap { t in t.id.map { ($0, t.name) } })
    }

    /// Team names for every council in the list, in one query.
    public static func teamNames(of councils: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !councils.isEmpty else { return [:] }
        let teams = try await TeamRecord.query(on: db).filter(\.$organisation.$id ~~ councils).all()
        return Dictionary(uniqueKeysWithValues: teams.compactMap { t in t.id.map { ($0, t.name) } })
    }

    /// A council's directory, by topic, with each entry's team.
    public static func directory(of councilID: UUID, on db: any Database) async throws -> [ResponsibilityEntryRecord] {
        try await ResponsibilityEntryRecord.query(on: db).filter(\.$council.$id == councilID).with(\.$team).all()
            .sorted { $0.topic.localizedCaseInsensitiveCompare($1.topic) == .orderedAscending }
    }

    /// One page of a partnership's enquiries, newest first, with their hand-offs and council.
    public static func list(partnership id: UUID, page: Int, per: Int, on db: any Database) async throws -> (items: [EnquiryRecord], total: Int) {
        let query = EnquiryRecord.query(on: db).filter(\.$partnership.$id == id)
        let total = try await query.count()
        let items = try await query.copy().with(\.$handOffs).with(\.$council)
            .sort(\.$receivedOnRaw, .descending).sort(\.$id)
            .range(PageWindow.clampedRange(page: page, per: per)).all()
        return (items, total)
    }

    public static func find(_ id: UUID, partnership: UUID, on db: any Database) async throws -> EnquiryRecord? {
        try await EnquiryRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership)
            .with(\.$handOffs).with(\.$council).first()
    }

    /// Every enquiry to a council as the rules see them, for its statistics.
    public static func forCouncil(_ councilID: UUID, on db: any Database) async throws -> [Enquiry] {
        try await EnquiryRecord.query(on: db).filter(\.$council.$id == councilID).with(\.$handOffs).all()
            .map { try $0.core(handOffs: $0.handOffs) }
    }

    /// Every open enquiry, for the reminder pass.
    public static func open(on db: any Database) async throws -> [EnquiryRecord] {
        try await EnquiryRecord.query(on: db)
            .filter(\.$stateRaw ~~ [EnquiryState.open.rawValue, EnquiryState.handedOff.rawValue])
            .with(\.$handOffs).with(\.$partnership).all()
    }

    /// The people who work in a team, with their accounts.
    public static func staff(ofTeam teamID: UUID, on db: any Database) async throws -> [StaffRecord] {
        try await StaffRecord.query(on: db).filter(\.$team.$id == teamID).with(\.$person).all()
            .sorted { $0.person.name < $1.person.name }
    }
}

/// A council's inbox: what is open, and what was answered lately.
public enum EnquiryInbox {
    /// Open enquiries to the council (held by any of its teams), with hand-offs and partnership.
    public static func open(council councilID: UUID, on db: any Database) async throws -> [EnquiryRecord] {
        try await EnquiryRecord.query(on: db).filter(\.$council.$id == councilID)
            .filter(\.$stateRaw ~~ [EnquiryState.open.rawValue, EnquiryState.handedOff.rawValue])
            .with(\.$handOffs).with(\.$partnership).all()
    }

    /// Enquiries answered on or after `since`, newest first.
    public static func answered(council councilID: UUID, since: Day, on db: any Database) async throws -> [EnquiryRecord] {
        try await EnquiryRecord.query(on: db).filter(\.$council.$id == councilID)
            .filter(\.$stateRaw == EnquiryState.answered.rawValue).filter(\.$closedOnRaw >= since.description)
            .with(\.$handOffs).with(\.$partnership).sort(\.$closedOnRaw, .descending).all()
    }

    /// The teams of this council a person works in.
    public static func teams(of personID: UUID, in councilID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await StaffRecord.query(on: db).filter(\.$person.$id == personID).filter(\.$organisation.$id == councilID)
            .all().compactMap { $0.$team.id })
    }
}
