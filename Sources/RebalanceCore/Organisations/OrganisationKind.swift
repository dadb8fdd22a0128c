/// The kinds of organisation a partnership deals with.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case council
    case lto
    case communityGroup = "community_group"
    case localOrganisation = "local_organisation"
    /// Gives the partnership its money and accepts its plan (for example a national trust).
    case funder

    public var label: String {
        switch self {
        case .council: return "Council"
        case .lto: return "Locally Trusted Organisation (LTO)"
        case .communityGroup: return "Community group"
        case .localOrganisation: return "Other local organisation"
        case .funder: return "Funder"
        }
    }

    /// Councils and LTOs carry public money and duties, so only site administrators add them;
    /// anyone signed in can list a community group or a local organisation.
    public var needsAdministratorToCreate: Bool { self == .council || self == .lto || self == .funder }
}
