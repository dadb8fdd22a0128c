import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Every route against every role: a role the table allows must get through the gate (any
/// answer but 401, 403 or a sign-in redirect); every other role must be turned away. A route
/// missing from the table fails the test, so new routes must declare who may use them.
@Suite struct RoutePermissionTests {
    enum Role: String, CaseIterable, CustomStringConvertible {
        case visitor, resident, member, chair, councilStaff, councilAdmin, admin
        var email: String? {
            switch self {
            case .visitor: return nil
            case .resident: return Demo.resident
            case .member: return Demo.member
            case .chair: return Demo.chair
            case .councilStaff: return Demo.councilStaff
            case .councilAdmin: return Demo.councilAdmin
            case .admin: return Demo.admin
            }
        }
        var description: String { rawValue }
    }

    static let everyone = Set(Role.allCases)
    static let signedIn = everyone.subtracting([.visitor])
    static let partnershipInsiders: Set<Role> = [.member, .chair, .councilStaff, .councilAdmin, .admin]
    static let orgAdmins: Set<Role> = [.councilAdmin, .admin]

    /// Who may use each route, written out by hand from the policy's intent.
    static let expected: [String: Set<Role>] = [
        "GET /health": everyone, "GET /metrics": [.admin], "GET /": everyone,
        "GET /sign-in": everyone, "POST /sign-in": everyone, "GET /register": everyone, "POST /register": everyone,
        "POST /sign-out": everyone,
        "GET /account": signedIn, "GET /your-work": signedIn, "POST /your-work/notices/:id/seen": signedIn, "POST /account/tokens": signedIn, "POST /account/tokens/:id/revoke": signedIn,
        "GET /account/password": signedIn, "POST /account/password": signedIn,
        // Proving who one is (issue 12): the setup page exists only before there is an administrator.
        "GET /setup": everyone, "POST /setup": everyone, "GET /verify-email": everyone,
        "POST /account/verify-email": signedIn, "POST /account/links/reset": signedIn,
        "GET /password-reset": everyone, "POST /password-reset": everyone,
        "GET /password-reset/:token": everyone, "POST /password-reset/:token": everyone,
        // Privacy (issue 12, ADR 0020): the notice is public; own data and erasure for the
        // signed-in person; erasing someone else for administrators.
        "GET /privacy": everyone, "GET /account/data": signedIn, "GET /api/v1/me/data": signedIn,
        "GET /account/erase": signedIn, "POST /account/erase": signedIn,
        "GET /admin/people/:id/erase": [.admin], "POST /admin/people/:id/erase": [.admin],
        // Meetings, the communication plan and news (issue 4).
        "GET /partnerships/:slug/meetings": everyone, "GET /partnerships/:slug/meetings.ics": everyone,
        "GET /calendars/:token/meetings.ics": everyone,
        "GET /partnerships/:slug/meetings/new": partnershipInsiders, "POST /partnerships/:slug/meetings/new": partnershipInsiders,
        "POST /partnerships/:slug/meetings/from-rhythm": partnershipInsiders,
        "GET /partnerships/:slug/meetings/:series/:day": everyone,
        "POST /partnerships/:slug/meetings/:series/:day/change": partnershipInsiders,
        "POST /partnerships/:slug/meetings/:series/:day/agenda": partnershipInsiders,
        "GET /partnerships/:slug/meetings/:series/:day/minutes": partnershipInsiders,
        "POST /partnerships/:slug/meetings/:series/:day/actions": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/meetings/:series/:day/actions": partnershipInsiders,
        "POST /partnerships/:slug/meetings/:series/:day/minutes": partnershipInsiders,
        "GET /partnerships/:slug/communication-plan": everyone,
        "POST /partnerships/:slug/communication-plan/entries": [.chair, .councilStaff, .councilAdmin, .admin],
        "POST /partnerships/:slug/communication-plan/entries/remove": [.chair, .councilStaff, .councilAdmin, .admin],
        "POST /partnerships/:slug/communication-plan/rhythms": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /partnerships/:slug/updates": everyone, "GET /partnerships/:slug/updates/:id": everyone,
        "GET /partnerships/:slug/updates/new": partnershipInsiders, "POST /partnerships/:slug/updates/new": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/meetings": everyone, "POST /api/v1/partnerships/:slug/meetings": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/meetings/:series/:day": everyone,
        "POST /api/v1/partnerships/:slug/meetings/:series/:day/agenda": partnershipInsiders,
        "PUT /api/v1/partnerships/:slug/meetings/:series/:day/minutes": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/communication-plan": everyone,
        "POST /api/v1/partnerships/:slug/communication-plan/entries": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /api/v1/partnerships/:slug/updates": everyone, "POST /api/v1/partnerships/:slug/updates": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/updates/:id": everyone,
        // A handover is written by the leaver, council staff or the chair; read by insiders. The
        // membership in these URLs is the member's own, so the member passes as the leaver.
        "GET /partnerships/:slug/members/:id/handover": partnershipInsiders,
        "POST /partnerships/:slug/members/:id/handover": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/members/:id/handover": partnershipInsiders,
        "GET /partnerships/:slug/handovers/:id": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/handovers/:id": partnershipInsiders,
        "GET /account/notifications": signedIn, "POST /account/notifications": signedIn,
        "GET /unsubscribe": everyone, "POST /unsubscribe": everyone, "GET /admin/outbox": [.admin],
        "GET /admin/people": [.admin], "POST /admin/people/:id/administrator": [.admin],
        // Accounts and administration (issue 14, item 7): one's own name and address; people and
        // the outbox for administrators.
        "GET /account/details": signedIn, "POST /account/details": signedIn,
        "GET /admin/people/:id": [.admin], "POST /admin/people/:id/disable": [.admin], "POST /admin/people/:id/enable": [.admin],
        "POST /admin/people/:id/password-reset": [.admin],
        "GET /admin/outbox/:id": [.admin], "POST /admin/outbox/:id/resend": [.admin],
        "GET /areas/new": [.councilStaff, .councilAdmin, .admin], "POST /areas/new": [.councilStaff, .councilAdmin, .admin],
        "GET /areas/:slug": everyone,
        "GET /areas/:slug/edit": [.councilStaff, .councilAdmin, .chair, .admin], "POST /areas/:slug/edit": [.councilStaff, .councilAdmin, .chair, .admin],
        "GET /partnerships/:slug": everyone,
        "GET /partnerships/:slug/edit": [.chair, .admin], "POST /partnerships/:slug/edit": [.chair, .admin],
        "GET /partnerships/:slug/members/new": [.chair, .admin], "POST /partnerships/:slug/members/new": [.chair, .admin],
        // The plan and the money (issue 15): spend against plan and the plan are public; the
        // ledger's lines for members, LTOs and the funder; recording for the LTO's staff; the
        // plan drafted by members, signed off by the chair, accepted by the funder.
        "GET /partnerships/:slug/money": everyone, "GET /partnerships/:slug/money/ledger": [.member, .chair, .admin],
        "GET /partnerships/:slug/money.csv": [.member, .chair, .admin],
        "GET /partnerships/:slug/money/entries/new": [.admin], "POST /partnerships/:slug/money/entries/new": [.admin],
        "POST /partnerships/:slug/money/entries/:id/reverse": [.admin],
        "GET /partnerships/:slug/money/import": [.admin], "POST /partnerships/:slug/money/import": [.admin],
        "POST /partnerships/:slug/money/tranches/:id/received": [.admin],
        "GET /funders/:slug": [.admin], "GET /funders/:slug/areas.csv": [.admin],
        "POST /partnerships/:slug/money/offer": [.admin], "POST /partnerships/:slug/money/tranches": [.admin],
        "GET /partnerships/:slug/plan/review": [.member, .chair, .admin], "POST /partnerships/:slug/plan/review": [.member, .chair, .admin],
        "GET /api/v1/partnerships/:slug/money": everyone, "GET /api/v1/partnerships/:slug/money/ledger": [.member, .chair, .admin],
        "POST /api/v1/partnerships/:slug/money/entries": [.admin], "GET /api/v1/partnerships/:slug/plan": everyone,
        "GET /api/v1/funders/:slug/areas": [.admin],
        // Who holds the money: public; the chair records a choice or its end, on a decision.
        "GET /partnerships/:slug/money/ltos": everyone, "POST /partnerships/:slug/money/ltos": [.chair, .admin],
        "GET /partnerships/:slug/money/ltos/:id/end": [.chair, .admin], "POST /partnerships/:slug/money/ltos/:id/end": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/money/ltos": everyone, "POST /api/v1/partnerships/:slug/money/ltos": [.chair, .admin],
        "GET /partnerships/:slug/plan": everyone, "GET /partnerships/:slug/plan/versions/:n": everyone,
        "GET /partnerships/:slug/plan/draft": [.member, .chair, .admin], "POST /partnerships/:slug/plan/draft": [.member, .chair, .admin],
        "POST /partnerships/:slug/plan/versions/:n/sign-off": [.chair, .admin], "POST /partnerships/:slug/plan/versions/:n/accept": [.admin],
        // Joining (issue 14): anyone signed in asks, writes to the chair, reads their own request
        // (the page itself turns away others); the chair lists and answers.
        "GET /partnerships/:slug/join": signedIn, "POST /partnerships/:slug/join": signedIn,
        "GET /partnerships/:slug/requests": [.chair, .admin], "GET /partnerships/:slug/requests/:id": signedIn,
        "POST /partnerships/:slug/requests/:id/answer": [.chair, .admin], "POST /partnerships/:slug/requests/:id/withdraw": signedIn,
        "GET /partnerships/:slug/write-to-the-chair": signedIn, "POST /partnerships/:slug/write-to-the-chair": signedIn,
        "GET /partnerships/:slug/members/:id/edit": [.chair, .admin], "POST /partnerships/:slug/members/:id/edit": [.chair, .admin],
        "GET /partnerships/:slug/audit": partnershipInsiders,
        // Trust: the agreement, commitments, projects, timeline and accountability (ADR 0008).
        "GET /partnerships/:slug/agreement": everyone, "GET /partnerships/:slug/agreement/versions/:id": everyone,
        "GET /partnerships/:slug/agreement/diff": everyone,
        "GET /partnerships/:slug/agreement/draft": partnershipInsiders, "POST /partnerships/:slug/agreement/draft": partnershipInsiders,
        "POST /partnerships/:slug/agreement/versions/:id/sign": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /partnerships/:slug/commitments": everyone, "GET /partnerships/:slug/commitments.csv": everyone,
        "GET /partnerships/:slug/commitments/new": partnershipInsiders, "POST /partnerships/:slug/commitments/new": partnershipInsiders,
        "GET /partnerships/:slug/commitments/:id": everyone,
        // An id naming no commitment has no owner: only the chair (and administrators) get past the gate.
        "GET /partnerships/:slug/commitments/:id/transitions": [.chair, .admin], "POST /partnerships/:slug/commitments/:id/transitions": [.chair, .admin],
        "GET /partnerships/:slug/commitments/:id/renegotiate": [.chair, .admin], "POST /partnerships/:slug/commitments/:id/renegotiate": [.chair, .admin],
        "GET /partnerships/:slug/projects": everyone, "GET /partnerships/:slug/projects.csv": everyone,
        "GET /partnerships/:slug/projects/new": partnershipInsiders, "POST /partnerships/:slug/projects/new": partnershipInsiders,
        "GET /partnerships/:slug/projects/:id": everyone,
        "GET /partnerships/:slug/projects/:id/edit": partnershipInsiders, "POST /partnerships/:slug/projects/:id/edit": partnershipInsiders,
        "GET /partnerships/:slug/projects/:id/milestones": partnershipInsiders, "POST /partnerships/:slug/projects/:id/milestones": partnershipInsiders,
        "GET /partnerships/:slug/projects/:id/permissions": partnershipInsiders, "POST /partnerships/:slug/projects/:id/permissions": partnershipInsiders,
        "GET /partnerships/:slug/timeline": everyone, "GET /partnerships/:slug/accountability": everyone,
        "GET /api/v1/partnerships/:slug/agreement": everyone, "GET /api/v1/partnerships/:slug/agreement/versions": everyone,
        "POST /api/v1/partnerships/:slug/agreement/versions": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/agreement/versions/:id/signatures": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /api/v1/partnerships/:slug/commitments": everyone, "POST /api/v1/partnerships/:slug/commitments": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/commitments/:id": everyone,
        "POST /api/v1/partnerships/:slug/commitments/:id/transitions": [.chair, .admin],
        "POST /api/v1/partnerships/:slug/commitments/:id/renegotiations": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/projects": everyone, "POST /api/v1/partnerships/:slug/projects": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/projects/:id": everyone, "PATCH /api/v1/partnerships/:slug/projects/:id": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/timeline": everyone, "GET /api/v1/partnerships/:slug/accountability": everyone,
        "GET /organisations": everyone, "GET /organisations/new": signedIn, "POST /organisations/new": signedIn,
        "GET /organisations/:slug": everyone,
        // Changing an organisation is for its administrators (issue 14): other staff only read it.
        "GET /organisations/:slug/edit": orgAdmins, "POST /organisations/:slug/edit": orgAdmins,
        "POST /organisations/:slug/teams": orgAdmins, "POST /organisations/:slug/staff": orgAdmins,
        "POST /organisations/:slug/staff/:id/remove": orgAdmins, "POST /organisations/:slug/staff/:id/administrator": orgAdmins,
        "GET /api/v1/openapi.json": everyone, "GET /api/v1/me": signedIn, "GET /api/v1/me/work": signedIn, "POST /api/v1/me/work/notices/:id/seen": signedIn,
        "GET /api/v1/areas": everyone, "POST /api/v1/areas": [.councilStaff, .councilAdmin, .admin],
        "GET /api/v1/areas/:slug": everyone, "PATCH /api/v1/areas/:slug": [.councilStaff, .councilAdmin, .chair, .admin],
        "GET /api/v1/partnerships": everyone, "GET /api/v1/partnerships/:slug": everyone,
        "PATCH /api/v1/partnerships/:slug": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/members": everyone, "POST /api/v1/partnerships/:slug/members": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/members/:id": everyone, "PATCH /api/v1/partnerships/:slug/members/:id": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/audit": partnershipInsiders,
        "GET /api/v1/organisations": everyone, "POST /api/v1/organisations": signedIn,
        "GET /api/v1/organisations/:slug": everyone, "PATCH /api/v1/organisations/:slug": orgAdmins,
        "GET /api/v1/organisations/:slug/teams": everyone, "POST /api/v1/organisations/:slug/teams": orgAdmins,
        "GET /councils/:slug/directory": everyone, "GET /councils/:slug/enquiries": [.councilStaff, .councilAdmin, .admin], "POST /councils/:slug/directory": orgAdmins,
        "POST /councils/:slug/directory/:id/remove": orgAdmins,
        "GET /councils/:slug/enquiries/statistics": everyone,
        "GET /partnerships/:slug/enquiries": partnershipInsiders,
        "GET /partnerships/:slug/enquiries/new": [.member, .chair, .admin], "POST /partnerships/:slug/enquiries/new": [.member, .chair, .admin],
        "GET /partnerships/:slug/enquiries/:id": partnershipInsiders,
        "POST /partnerships/:slug/enquiries/:id/hand-off": [.councilStaff, .councilAdmin, .admin],
        "POST /partnerships/:slug/enquiries/:id/answer": [.councilStaff, .councilAdmin, .admin],
        "POST /partnerships/:slug/enquiries/:id/withdraw": [.member, .chair, .admin],
        "GET /api/v1/councils/:slug/directory": everyone, "POST /api/v1/councils/:slug/directory": orgAdmins,
        "GET /api/v1/councils/:slug/enquiries/statistics": everyone,
        "GET /api/v1/partnerships/:slug/enquiries": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/enquiries": [.member, .chair, .admin],
        "GET /api/v1/partnerships/:slug/enquiries/:id": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/enquiries/:id/hand-off": [.councilStaff, .councilAdmin, .admin],
        "POST /api/v1/partnerships/:slug/enquiries/:id/answer": [.councilStaff, .councilAdmin, .admin],
        "POST /api/v1/partnerships/:slug/enquiries/:id/withdraw": [.member, .chair, .admin],
        // The relationship health check (issue 7, ADR 0016): results for members and the area's
        // council staff; the chair or council staff run rounds; any signed-in person reaches the
        // answering page, where being invited is checked.
        "GET /partnerships/:slug/health-check": partnershipInsiders,
        "GET /partnerships/:slug/health-check/rounds/new": [.chair, .councilStaff, .councilAdmin, .admin],
        "POST /partnerships/:slug/health-check/rounds/new": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /partnerships/:slug/health-check/rounds/:id": partnershipInsiders,
        "POST /partnerships/:slug/health-check/rounds/:id/close": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /partnerships/:slug/health-check/rounds/:id/answer": signedIn,
        "POST /partnerships/:slug/health-check/rounds/:id/answer": signedIn,
        "POST /partnerships/:slug/health-check/next-steps": [.chair, .councilStaff, .councilAdmin, .admin],
        "GET /health-check": [.councilStaff, .councilAdmin, .admin], "GET /health-check.csv": [.councilStaff, .councilAdmin, .admin],
        "GET /api/v1/partnerships/:slug/health-check": partnershipInsiders,
        "GET /api/v1/partnerships/:slug/health-check/rounds": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/health-check/rounds": [.chair, .councilStaff, .councilAdmin, .admin],
        "POST /api/v1/partnerships/:slug/health-check/rounds/:id/close": [.chair, .councilStaff, .councilAdmin, .admin],
        "PUT /api/v1/partnerships/:slug/health-check/rounds/:id/answers": signedIn,
        "GET /api/v1/health-check": [.councilStaff, .councilAdmin, .admin],
        // Deciding together (issue 5): proposals and polls for members and the area's council
        // staff, taken part in by members, managed by whoever put them or the chair (an id that
        // names nothing has no proposer); the decision log is public.
        "GET /partnerships/:slug/proposals": partnershipInsiders,
        "GET /partnerships/:slug/proposals/new": [.member, .chair, .admin], "POST /partnerships/:slug/proposals/new": [.member, .chair, .admin],
        "GET /partnerships/:slug/proposals/:id": partnershipInsiders,
        "POST /partnerships/:slug/proposals/:id/position": [.member, .chair, .admin],
        "POST /partnerships/:slug/proposals/:id/interest": [.member, .chair, .admin],
        "POST /partnerships/:slug/proposals/:id/withdraw": [.chair, .admin], "POST /partnerships/:slug/proposals/:id/close": [.chair, .admin],
        "POST /partnerships/:slug/proposals/:id/outcome": [.chair, .admin],
        "GET /partnerships/:slug/polls": partnershipInsiders,
        "GET /partnerships/:slug/polls/new": [.member, .chair, .admin], "POST /partnerships/:slug/polls/new": [.member, .chair, .admin],
        "GET /partnerships/:slug/polls/:id": partnershipInsiders,
        "POST /partnerships/:slug/polls/:id/vote": [.member, .chair, .admin],
        "POST /partnerships/:slug/polls/:id/close": [.chair, .admin], "POST /partnerships/:slug/polls/:id/outcome": [.chair, .admin],
        "GET /partnerships/:slug/decisions": everyone, "GET /partnerships/:slug/decisions.csv": everyone,
        "GET /partnerships/:slug/decisions/:id": everyone,
        "GET /api/v1/partnerships/:slug/proposals": partnershipInsiders, "POST /api/v1/partnerships/:slug/proposals": [.member, .chair, .admin],
        "GET /api/v1/partnerships/:slug/proposals/:id": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/proposals/:id/positions": [.member, .chair, .admin],
        "POST /api/v1/partnerships/:slug/proposals/:id/interests": [.member, .chair, .admin],
        "POST /api/v1/partnerships/:slug/proposals/:id/withdraw": [.chair, .admin],
        "POST /api/v1/partnerships/:slug/proposals/:id/close": [.chair, .admin],
        "PUT /api/v1/partnerships/:slug/proposals/:id/outcome": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/polls": partnershipInsiders, "POST /api/v1/partnerships/:slug/polls": [.member, .chair, .admin],
        "GET /api/v1/partnerships/:slug/polls/:id": partnershipInsiders,
        "POST /api/v1/partnerships/:slug/polls/:id/votes": [.member, .chair, .admin],
        "POST /api/v1/partnerships/:slug/polls/:id/close": [.chair, .admin],
        "PUT /api/v1/partnerships/:slug/polls/:id/outcome": [.chair, .admin],
        "GET /api/v1/partnerships/:slug/decisions": everyone, "GET /api/v1/partnerships/:slug/decisions/:id": everyone,
    ]

    @Test func everyRegisteredRouteIsInTheTable() async throws {
        try await TestApp.run(demo: false) { app in
            let registered = Set(app.endpoints.map(\.key))
            #expect(registered.subtracting(Self.expected.keys).sorted() == [], "routes without an expectation")
            #expect(Set(Self.expected.keys).subtracting(registered).sorted() == [], "expectations without a route")
            // And the router holds exactly the catalogue: nothing registered around the gate.
            let routed = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            #expect(routed == registered)
        }
    }

    @Test(arguments: Role.allCases)
    func eachRoleGetsExactlyWhatThePolicyAllows(_ role: Role) async throws {
        try await TestApp.run { app in
            let membershipID = try #require(try await MembershipRecord.query(on: app.db).with(\.$person).all()
                .first { $0.person.email == Demo.member }?.id)
            var mismatches: [String] = []
            // Sign-out last: it ends the session the other requests share.
            let endpoints = app.endpoints.sorted { a, b in (a.pattern == "/sign-out" ? 1 : 0) < (b.pattern == "/sign-out" ? 1 : 0) }
            let client = TestClient(app)
            if let email = role.email { try await client.signIn(email) } else { try await client.get("/sign-in") }
            for endpoint in endpoints {
                let path = concrete(endpoint.pattern, membership: membershipID)
                let response: TestingHTTPResponse
                switch (endpoint.method, endpoint.isAPI) {
                case (.GET, _):
                    response = try await client.get(path)
                case (_, true):
                    response = try await client.json(endpoint.method, path, "{}")
                default:
                    // An empty form: allowed roles get a validation answer, and nothing changes.
                    response = try await client.post(path, [:])
                }
                let signInRedirect = response.status == .seeOther && (response.location ?? "").hasPrefix("/sign-in")
                let refused = [.unauthorized, .forbidden].contains(response.status) || signInRedirect
                let shouldPass = Self.expected[endpoint.key]?.contains(role) ?? false
                if shouldPass == refused {
                    mismatches.append("\(endpoint.key) as \(role): \(response.status.code) (expected \(shouldPass ? "allowed" : "refused"))")
                }
                #expect(response.status != .internalServerError, "\(endpoint.key) as \(role) failed: \(response.text.prefix(300))")
            }
            #expect(mismatches == [])
        }
    }

    func concrete(_ pattern: String, membership: UUID) -> String {
        let slug: String
        if pattern.contains("/areas/") { slug = Demo.area }
        else if pattern.contains("/partnerships/") { slug = Demo.partnership }
        else if pattern.contains("/funders/") { slug = Demo.funder }
        else { slug = Demo.council }
        return pattern.replacingOccurrences(of: ":slug", with: slug)
            .replacingOccurrences(of: "members/:id", with: "members/\(membership.uuidString)")
            .replacingOccurrences(of: ":id", with: UUID().uuidString)
    }
}
