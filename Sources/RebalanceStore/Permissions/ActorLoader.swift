import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Builds the policy's view of a person from the database.
///
/// Every signed-in request needs it, so it reads only the columns the policy uses, in two
/// indexed queries (memberships; staff posts with their organisation's kind), without
/// building full records.
public enum ActorLoader {
    public static func load(_ person: PersonRecord, today: Day = .today(), on db: any Database) async throws -> Actor {
        let id = try person.requireID()
        let membershipRows = try await db.sql.select()
            .columns("partnership_id", "role", "starts_on", "ends_on")
            .from(MembershipRecord.schema)
            .where("person_id", .equal, SQLBind(id))
            .all()
        var byPartnership: [UUID: Set<MembershipRole>] = [:]
        for row in membershipRows {
            let startsOn = Day(try row.decode(column: "starts_on", as: String.self)) ?? Day(year: 2000, month: 1, day: 1)!
            let endsOn = try row.decode(column: "ends_on", as: String?.self).flatMap(Day.init)
            guard startsOn <= today, endsOn.map({ $0 >= today }) ?? true else { continue }
            let role = MembershipRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .observer
            byPartnership[try row.decode(column: "partnership_id", as: UUID.self), default: []].insert(role)
        }
        let staffRows = try await db.sql.select()
            .column(SQLColumn("organisation_id", table: StaffRecord.schema))
            .column(SQLColumn("is_administrator", table: StaffRecord.schema))
            .column(SQLColumn("kind", table: OrganisationRecord.schema))
            .from(StaffRecord.schema)
            .join(OrganisationRecord.schema, on: SQLColumn("id", table: OrganisationRecord.schema), .equal,
                  SQLColumn("organisation_id", table: StaffRecord.schema))
            .where(SQLColumn("person_id", table: StaffRecord.schema), .equal, SQLBind(id))
            .all()
        var staffOf: Set<UUID> = []
        var councils: Set<UUID> = []
        var administers: Set<UUID> = []
        for row in staffRows {
            let organisation = try row.decode(column: "organisation_id", as: UUID.self)
            staffOf.insert(organisation)
            if try row.decode(column: "is_administrator", as: Bool.self) { administers.insert(organisation) }
            if try row.decode(column: "kind", as: String.self) == OrganisationKind.council.rawValue { councils.insert(organisation) }
        }
        return Actor(personID: id, name: person.name, isAdmin: person.isAdmin,
                     memberships: byPartnership, staffOf: staffOf, councilsStaffed: councils,
                     administers: administers)
    }
}
