/// The two sides of the relationship a health check looks at.
public enum Side: String, CaseIterable, Codable, Sendable, Comparable {
    case community
    case council

    public static func < (a: Side, b: Side) -> Bool { a == .community && b == .council }

    /// "Community" / "Council", for headings and chart legends.
    public var label: String {
        switch self {
        case .community: return "Community"
        case .council: return "Council"
        }
    }

    /// The party that makes promises for this side: "the partnership" / "the council".
    public var partyName: String {
        switch self {
        case .community: return "the partnership"
        case .council: return "the council"
        }
    }

    public var other: Side { self == .community ? .council : .community }
}

/// The seat someone answered from. Partnership members answer in their membership role;
/// council people who are not members (officers named as stakeholders, ward councillors who do
/// not sit on the partnership) have roles of their own.
public enum RespondentRole: Hashable, Sendable, Codable, CustomStringConvertible {
    case member(MembershipRole)
    case councilStaff
    case councillorStakeholder

    public static let allCases: [RespondentRole] = MembershipRole.allCases.map { .member($0) } + [.councilStaff, .councillorStakeholder]

    /// Stored as text: the membership role's own raw value, or `council_staff` /
    /// `councillor_stakeholder`.
    public var rawValue: String {
        switch self {
        case .member(let role): return role.rawValue
        case .councilStaff: return "council_staff"
        case .councillorStakeholder: return "councillor_stakeholder"
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "council_staff": self = .councilStaff
        case "councillor_stakeholder": self = .councillorStakeholder
        default:
            guard let role = MembershipRole(rawValue: rawValue) else { return nil }
            self = .member(role)
        }
    }

    public var description: String { rawValue }

    public var label: String {
        switch self {
        case .member(let role): return role.label
        case .councilStaff: return "Council staff (not a member)"
        case .councillorStakeholder: return "Councillor (not a member)"
        }
    }

    /// Councillors and council officers speak for the council; everyone else on the partnership
    /// (residents, the LTO, the rep, workers, local organisations) for the community.
    public var side: Side {
        switch self {
        case .member(let role): return role.isCouncilSide ? .council : .community
        case .councilStaff, .councillorStakeholder: return .council
        }
    }

    /// The group the results are broken down by (see `RespondentGroup`).
    public var group: RespondentGroup {
        switch self {
        case .member(.resident), .member(.chair): return .residents
        case .member(.councillor), .councillorStakeholder: return .councillors
        case .member(.councilOfficer), .councilStaff: return .councilOfficers
        case .member: return .otherMembers
        }
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let role = RespondentRole(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Unknown respondent role \(raw)"))
        }
        self = role
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Roles are grouped before results are broken down by role, because single seats (the chair,
/// the rep) would never reach the confidentiality minimum and would only ever show as
/// "not shown". Each group belongs to one side.
public enum RespondentGroup: String, CaseIterable, Codable, Sendable, Comparable {
    /// Residents, including the chair.
    case residents
    /// Everyone else on the community side: LTO, rep, project workers, local organisations, observers.
    case otherMembers = "other_members"
    /// Councillors, whether or not they sit on the partnership.
    case councillors
    /// Council officers and other council staff.
    case councilOfficers = "council_officers"

    public static func < (a: RespondentGroup, b: RespondentGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: String {
        switch self {
        case .residents: return "Residents"
        case .otherMembers: return "Other partnership members"
        case .councillors: return "Councillors"
        case .councilOfficers: return "Council officers and staff"
        }
    }

    public var side: Side {
        switch self {
        case .residents, .otherMembers: return .community
        case .councillors, .councilOfficers: return .council
        }
    }

    public static func groups(on side: Side) -> [RespondentGroup] { allCases.filter { $0.side == side } }
}
