/// The report's "start small and scale up", as a ladder a co-owned project climbs.
public enum ProjectStage: String, CaseIterable, Codable, Sendable {
    case idea
    case smallAction = "small_action"
    case pilot
    case scaling
    case sustained
    case closed

    public var label: String {
        switch self {
        case .idea: return "Idea"
        case .smallAction: return "Small action"
        case .pilot: return "Pilot"
        case .scaling: return "Scaling up"
        case .sustained: return "Sustained"
        case .closed: return "Closed"
        }
    }

    /// Position on the ladder, from 1 (idea) to 6 (closed).
    public var step: Int { ProjectStage.allCases.firstIndex(of: self)! + 1 }
}

/// The permissions a project may need from the council, and where each stands.
public enum ProjectPermissionKind: String, CaseIterable, Codable, Sendable {
    case planning, licensing
    case assetTransfer = "asset_transfer"
    case riskAssessment = "risk_assessment"

    public var label: String {
        switch self {
        case .planning: return "Planning permission"
        case .licensing: return "Licensing"
        case .assetTransfer: return "Asset transfer"
        case .riskAssessment: return "Risk assessment"
        }
    }
}

public enum ProjectPermissionStatus: String, CaseIterable, Codable, Sendable {
    case notNeeded = "not_needed"
    case needed
    case applied
    case granted
    case refused

    public var label: String {
        switch self {
        case .notNeeded: return "Not needed"
        case .needed: return "Needed, not applied for"
        case .applied: return "Applied for"
        case .granted: return "Granted"
        case .refused: return "Refused"
        }
    }

    public var tagColour: String {
        switch self {
        case .notNeeded: return "grey"
        case .needed: return "yellow"
        case .applied: return "blue"
        case .granted: return "green"
        case .refused: return "red"
        }
    }
}

public enum ProjectPermission: Sendable, Hashable {
    /// Create and edit projects, their milestones and permissions: they are co-owned, so
    /// partnership members and staff of the area's council alike.
    case edit(PartnershipScope)

    func allows(_ actor: Actor) -> Bool {
        if actor.isAdmin { return true }
        switch self {
        case .edit(let s): return actor.isMember(of: s.partnershipID) || actor.worksForAnyOf(s.councilIDs)
        }
    }
}
