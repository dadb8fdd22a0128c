import FluentKit
import Foundation
import RebalanceCore

/// Builds the policy's view of a person from the database.
public enum ActorLoader {
    public static func load(_ person: PersonRecord, today: Day = .today(), on db: any Database) async throws -> Actor {
        let id = try person.requireID()
        let memberships = try await MembershipRecord.query(on: db).filter(\.$person.$id == id).all()
        var byPartnership: [UUID: Set<MembershipRole>] = [:]
        for m in memberships where m.isCurrent(on: today) {
            byPartnership[m.$partnership.id, default: []].insert(m.role)
        }
        let staff = try await StaffRecord.query(on: db).filter(\.$person.$id == id).with(\.$organisation).all()
        return Actor(personID: id, name: person.name, isAdmin: person.isAdmin,
                     memberships: byPartnership,
                     staffOf: Set(staff.map { $0.$organisation.id }),
                     councilsStaffed: Set(staff.filter { $0.organisation.kind == .council }.map { $0.$organisation.id }))
    }
}
