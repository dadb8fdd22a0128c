/// Every page's address in one place: routes register from it, views link with it, tests
/// request it. Pass `":name"` as an argument to get the route pattern.
public enum SiteURL: Sendable {
    case home
    case health
    case signIn, signOut, register
    case account, accountPassword, accountTokens, revokeToken(String), notifications, unsubscribe
    case adminPeople, adminPersonRole(String), adminOutbox
    case newArea, area(String), editArea(String)
    case partnership(String), editPartnership(String), newMember(String), editMember(String, String), auditLog(String)
    case organisations, newOrganisation, organisation(String), editOrganisation(String)
    case organisationTeams(String), organisationStaff(String), removeStaff(String, String)
    case councilDirectory(String), removeDirectoryEntry(String, String), councilStatistics(String)
    case enquiries(String), newEnquiry(String), enquiry(String, String)
    case enquiryHandOff(String, String), enquiryAnswer(String, String), enquiryWithdraw(String, String)
    case stylesheet

    public var path: String {
        switch self {
        case .home: return "/"
        case .health: return "/health"
        case .signIn: return "/sign-in"
        case .signOut: return "/sign-out"
        case .register: return "/register"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountTokens: return "/account/tokens"
        case .revokeToken(let id): return "/account/tokens/\(id)/revoke"
        case .notifications: return "/account/notifications"
        case .unsubscribe: return "/unsubscribe"
        case .adminOutbox: return "/admin/outbox"
        case .adminPeople: return "/admin/people"
        case .adminPersonRole(let id): return "/admin/people/\(id)/administrator"
        case .newArea: return "/areas/new"
        case .area(let slug): return "/areas/\(slug)"
        case .editArea(let slug): return "/areas/\(slug)/edit"
        case .partnership(let slug): return "/partnerships/\(slug)"
        case .editPartnership(let slug): return "/partnerships/\(slug)/edit"
        case .newMember(let slug): return "/partnerships/\(slug)/members/new"
        case .editMember(let slug, let id): return "/partnerships/\(slug)/members/\(id)/edit"
        case .auditLog(let slug): return "/partnerships/\(slug)/audit"
        case .organisations: return "/organisations"
        case .newOrganisation: return "/organisations/new"
        case .organisation(let slug): return "/organisations/\(slug)"
        case .editOrganisation(let slug): return "/organisations/\(slug)/edit"
        case .organisationTeams(let slug): return "/organisations/\(slug)/teams"
        case .organisationStaff(let slug): return "/organisations/\(slug)/staff"
        case .removeStaff(let slug, let id): return "/organisations/\(slug)/staff/\(id)/remove"
        case .councilDirectory(let slug): return "/councils/\(slug)/directory"
        case .removeDirectoryEntry(let slug, let id): return "/councils/\(slug)/directory/\(id)/remove"
        case .councilStatistics(let slug): return "/councils/\(slug)/enquiries/statistics"
        case .enquiries(let slug): return "/partnerships/\(slug)/enquiries"
        case .newEnquiry(let slug): return "/partnerships/\(slug)/enquiries/new"
        case .enquiry(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)"
        case .enquiryHandOff(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/hand-off"
        case .enquiryAnswer(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/answer"
        case .enquiryWithdraw(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/withdraw"
        case .stylesheet: return "/css/site.css"
        }
    }
}

/// The JSON API's addresses, mirroring the pages under `/api/v1`.
public enum APIURL: Sendable {
    case openAPI
    case me
    case areas, area(String)
    case partnerships, partnership(String), members(String), member(String, String), audit(String)
    case organisations, organisation(String), teams(String)
    case enquiries(String), enquiry(String, String), enquiryHandOff(String, String), enquiryAnswer(String, String), enquiryWithdraw(String, String)
    case councilDirectory(String), councilStatistics(String)

    public var path: String {
        switch self {
        case .openAPI: return "/api/v1/openapi.json"
        case .me: return "/api/v1/me"
        case .areas: return "/api/v1/areas"
        case .area(let slug): return "/api/v1/areas/\(slug)"
        case .partnerships: return "/api/v1/partnerships"
        case .partnership(let slug): return "/api/v1/partnerships/\(slug)"
        case .members(let slug): return "/api/v1/partnerships/\(slug)/members"
        case .member(let slug, let id): return "/api/v1/partnerships/\(slug)/members/\(id)"
        case .audit(let slug): return "/api/v1/partnerships/\(slug)/audit"
        case .organisations: return "/api/v1/organisations"
        case .organisation(let slug): return "/api/v1/organisations/\(slug)"
        case .teams(let slug): return "/api/v1/organisations/\(slug)/teams"
        case .enquiries(let slug): return "/api/v1/partnerships/\(slug)/enquiries"
        case .enquiry(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)"
        case .enquiryHandOff(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/hand-off"
        case .enquiryAnswer(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/answer"
        case .enquiryWithdraw(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/withdraw"
        case .councilDirectory(let slug): return "/api/v1/councils/\(slug)/directory"
        case .councilStatistics(let slug): return "/api/v1/councils/\(slug)/enquiries/statistics"
        }
    }
}
