import Foundation

/// Who is asking: everything the policy needs to know about a person, loaded once per request.
public struct Actor: Sendable, Equatable {
    public var personID: UUID?
    public var name: String
    public var isAdmin: Bool
    /// Current memberships: partnership id to the roles held there.
    public var memberships: [UUID: Set<MembershipRole>]
    /// Organisations the person works for (councils, LTOs, groups).
    public var staffOf: Set<UUID>
    /// The subset of `staffOf` that are councils.
    public var councilsStaffed: Set<UUID>
    /// The subset of `staffOf` where the person is one of the organisation's administrators.
    public var administers: Set<UUID>

    public init(personID: UUID?, name: String, isAdmin: Bool = false,
                memberships: [UUID: Set<MembershipRole>] = [:],
                staffOf: Set<UUID> = [], councilsStaffed: Set<UUID> = [], administers: Set<UUID> = []) {
        self.personID = personID
        self.name = name
        self.isAdmin = isAdmin
        self.memberships = memberships
        self.staffOf = staffOf
        self.councilsStaffed = councilsStaffed
        self.administers = administers
    }

    public static let visitor = Actor(personID: nil, name: "Visitor")

    public var isSignedIn: Bool { personID != nil }

    public func isMember(of partnership: UUID) -> Bool { !(memberships[partnership] ?? []).isEmpty }

    public func holds(_ role: MembershipRole, in partnership: UUID) -> Bool {
        memberships[partnership]?.contains(role) ?? false
    }

    public func worksForAnyOf(_ councils: Set<UUID>) -> Bool { !councilsStaffed.isDisjoint(with: councils) }
}

/// The facts about a partnership that decide who may do what to it.
public struct PartnershipScope: Sendable, Hashable {
    public var partnershipID: UUID
    public var councilIDs: Set<UUID>
    public init(partnershipID: UUID, councilIDs: Set<UUID>) {
        self.partnershipID = partnershipID
        self.councilIDs = councilIDs
    }
}

public struct AreaScope: Sendable, Hashable {
    public var areaID: UUID
    public var councilIDs: Set<UUID>
    public var partnershipID: UUID?
    public init(areaID: UUID, councilIDs: Set<UUID>, partnershipID: UUID?) {
        self.areaID = areaID
        self.councilIDs = councilIDs
        self.partnershipID = partnershipID
    }
}

public struct OrganisationScope: Sendable, Hashable {
    public var organisationID: UUID
    public var kind: OrganisationKind
    public init(organisationID: UUID, kind: OrganisationKind) {
        self.organisationID = organisationID
        self.kind = kind
    }
}
