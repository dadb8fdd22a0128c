import FluentKit
import Foundation
import RebalanceCore

public final class PartnershipRecord: Model, @unchecked Sendable {
    public static let schema = "partnerships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "area_id") public var area: AreaRecord
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var summary: String?
    @OptionalParent(key: "lto_id") public var lto: OrganisationRecord?
    @Field(key: "version") public var version: Int
    @Children(for: \.$partnership) public var memberships: [MembershipRecord]

    public init() {}
}

extension PartnershipRecord: Audited {
    public static let auditType = "partnership"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "slug": slug, "description": summary ?? "", "lto_id": $lto.id?.uuidString ?? ""]
    }
}

public final class MembershipRecord: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "role") public var roleRaw: String
    @Field(key: "votes") public var votes: Bool
    @Field(key: "lives_in_area") public var livesInArea: Bool
    @Field(key: "starts_on") public var startsOnRaw: String
    @OptionalField(key: "ends_on") public var endsOnRaw: String?
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationRecord?
    @Field(key: "version") public var version: Int

    public init() {}

    public var role: MembershipRole { MembershipRole(rawValue: roleRaw) ?? .observer }
    public var startsOn: Day { Day(startsOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var endsOn: Day? { endsOnRaw.flatMap(Day.init) }

    public func isCurrent(on day: Day) -> Bool {
        startsOn <= day && (endsOn.map { $0 >= day } ?? true)
    }

    func apply(_ draft: MembershipDraft) {
        $person.id = draft.personID
        roleRaw = draft.role.rawValue
        votes = draft.votes
        livesInArea = draft.livesInArea
        startsOnRaw = draft.startsOn.description
        endsOnRaw = draft.endsOn?.description
        $organisation.id = draft.organisationID
    }
}

extension MembershipRecord: Audited {
    public static let auditType = "membership"
    public var auditLabel: String { role.label }
    public var auditFields: [String: String] {
        ["person_id": $person.id.uuidString, "role": roleRaw, "votes": votes ? "yes" : "no",
         "lives_in_area": livesInArea ? "yes" : "no", "starts_on": startsOnRaw, "ends_on": endsOnRaw ?? "",
         "organisation_id": $organisation.id?.uuidString ?? ""]
    }
}
