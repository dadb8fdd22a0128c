/// The seat a person holds on a partnership (the report's glossary: residents, a chair,
/// councillors, council officers, the LTO, a rep, project workers, local organisations).
public enum MembershipRole: String, CaseIterable, Codable, Sendable {
    case resident
    case chair
    case councillor
    case councilOfficer = "council_officer"
    case ltoRepresentative = "lto_representative"
    case rep
    case projectWorker = "project_worker"
    case localOrganisation = "local_organisation"
    case observer

    public var label: String {
        switch self {
        case .resident: return "Resident"
        case .chair: return "Chair"
        case .councillor: return "Councillor"
        case .councilOfficer: return "Council officer"
        case .ltoRepresentative: return "LTO representative"
        case .rep: return "Rep"
        case .projectWorker: return "Project worker"
        case .localOrganisation: return "Local organisation"
        case .observer: return "Observer"
        }
    }

    /// Whether a new membership in this role votes unless someone says otherwise.
    /// Reps, paid workers and observers support the partnership rather than steer it.
    public var votesByDefault: Bool {
        switch self {
        case .rep, .projectWorker, .observer, .councilOfficer: return false
        default: return true
        }
    }

    /// Roles that speak for the council, the side opposite the community in a partnership.
    public var isCouncilSide: Bool { self == .councillor || self == .councilOfficer }
}
