/// Everything a person can ask to do, grouped by feature. Each feature answers for its own
/// group; `Policy` is the one place every route, page and API call asks.
public enum Permission: Sendable, Hashable {
    /// Pages and data anyone may read, signed in or not.
    case viewPublic
    case site(SitePermission)
    case account(AccountPermission)
    case area(AreaPermission)
    case partnership(PartnershipPermission)
    case organisation(OrganisationPermission)
    case meeting(MeetingPermission)
    case communicationPlan(CommunicationPlanPermission)
    case update(UpdatePermission)
    case agreement(AgreementPermission)
    case commitment(CommitmentPermission)
    case project(ProjectPermission)
    case enquiry(EnquiryPermission)
    case handover(HandoverPermission)
    case healthCheck(HealthCheckPermission)
    case decision(DecisionPermission)
    case money(MoneyPermission)
}

public enum Policy {
    public static func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        switch permission {
        case .viewPublic: return true
        case .site(let p): return p.allows(actor)
        case .account(let p): return p.allows(actor)
        case .area(let p): return p.allows(actor)
        case .partnership(let p): return p.allows(actor)
        case .organisation(let p): return p.allows(actor)
        case .meeting(let p): return p.allows(actor)
        case .communicationPlan(let p): return p.allows(actor)
        case .update(let p): return p.allows(actor)
        case .agreement(let p): return p.allows(actor)
        case .commitment(let p): return p.allows(actor)
        case .project(let p): return p.allows(actor)
        case .enquiry(let p): return p.allows(actor)
        case .handover(let p): return p.allows(actor)
        case .healthCheck(let p): return p.allows(actor)
        case .decision(let p): return p.allows(actor)
        case .money(let p): return p.allows(actor)
        }
    }
}

public enum SitePermission: Sendable, Hashable {
    /// People, administrators and every organisation.
    case administer

    func allows(_ actor: Actor) -> Bool { actor.isAdmin }
}

public enum AccountPermission: Sendable, Hashable {
    /// Your own account page, password and API tokens.
    case useOwn

    func allows(_ actor: Actor) -> Bool { actor.isSignedIn }
}

public enum AreaPermission: Sendable, Hashable {
    case create
    case edit(AreaScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .create:
            // Areas are set up by the council that serves them (or by an administrator).
            return !actor.councilsStaffed.isEmpty
        case .edit(let scope):
            if actor.worksForAnyOf(scope.councilIDs) { return true }
            if let p = scope.partnershipID, actor.holds(.chair, in: p) { return true }
            return false
        }
    }
}

public enum PartnershipPermission: Sendable, Hashable {
    /// Name, description, LTO.
    case edit(PartnershipScope)
    /// Add members, change roles and voting rights, end memberships.
    case manageMembers(PartnershipScope)
    /// Members' email addresses and the partnership's internal record.
    case viewMemberContacts(PartnershipScope)
    case viewAuditLog(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .edit(let s), .manageMembers(let s):
            // Resident-led: the chair runs the partnership's own records.
            return actor.holds(.chair, in: s.partnershipID)
        case .viewMemberContacts(let s), .viewAuditLog(let s):
            return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}

public enum OrganisationPermission: Sendable, Hashable {
    case create(OrganisationKind)
    /// Details, teams and staff of one organisation: its administrators only, so a council
    /// officer answers for their team's work without being able to rearrange the council.
    case edit(OrganisationScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .create(let kind):
            return actor.isSignedIn && !kind.needsAdministratorToCreate
        case .edit(let scope):
            return actor.administers.contains(scope.organisationID)
        }
    }
}
