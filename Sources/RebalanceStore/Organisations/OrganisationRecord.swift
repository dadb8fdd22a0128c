import FluentKit
import Foundation
import RebalanceCore

public final class OrganisationRecord: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kindRaw: String
    @OptionalField(key: "identifier") public var identifier: String?
    @OptionalField(key: "description") public var summary: String?
    @OptionalField(key: "website") public var website: String?
    @Field(key: "holds_money") public var holdsMoney: Bool
    @Field(key: "version") public var version: Int
    @Children(for: \.$organisation) public var teams: [TeamRecord]

    public init() {}

    public var kind: OrganisationKind { OrganisationKind(rawValue: kindRaw) ?? .localOrganisation }

    func apply(_ draft: OrganisationDraft) {
        name = draft.name
        kindRaw = draft.kind.rawValue
        identifier = draft.identifier?.description
        summary = draft.description
        website = draft.website
        holdsMoney = draft.holdsMoney
    }
}

extension OrganisationRecord: Audited {
    public static let auditType = "organisation"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "slug": slug, "kind": kindRaw, "identifier": identifier ?? "",
         "description": summary ?? "", "website": website ?? "", "holds_money": holdsMoney ? "yes" : "no"]
    }
}

/// A team inside a council: the unit commitments and enquiries are addressed to.
public final class TeamRecord: Model, @unchecked Sendable {
    public static let schema = "teams"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: OrganisationRecord
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "remit") public var remit: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

extension TeamRecord: Audited {
    public static let auditType = "team"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "slug": slug, "remit": remit ?? "", "organisation_id": $organisation.id.uuidString]
    }
}

/// A person who works for an organisation (and, in a council, for one of its teams).
public final class StaffRecord: Model, @unchecked Sendable {
    public static let schema = "organisation_staff"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: OrganisationRecord
    @OptionalParent(key: "team_id") public var team: TeamRecord?
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "job_title") public var jobTitle: String
    /// May edit the organisation, its teams, staff and (for a council) its responsibility
    /// directory. Other staff answer for their team's work but do not change the organisation.
    @Field(key: "is_administrator") public var isAdministrator: Bool

    public init() {}
}

extension StaffRecord: Audited {
    public static let auditType = "staff"
    public var auditLabel: String { jobTitle }
    public var auditFields: [String: String] {
        ["organisation_id": $organisation.id.uuidString, "team_id": $team.id?.uuidString ?? "",
         "person_id": $person.id.uuidString, "job_title": jobTitle,
         "is_administrator": isAdministrator ? "yes" : "no"]
    }
}
