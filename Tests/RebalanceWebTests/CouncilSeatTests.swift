import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import VaporTesting

/// Issue 12, item 7: the council-officer seat carries the council's signature, so the chair
/// cannot give it to someone the council does not employ.
@Suite struct CouncilSeatTests {
    @Test func theChairCannotSeatANonStaffPersonAsCouncilOfficer() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let path = "/api/v1/partnerships/\(Demo.partnership)/members"
            let before = try await MembershipRecord.query(on: app.db).count()
            let friend = try await chair.json(.POST, path, #"{"person":"nadia@fernhill.example","role":"council_officer"}"#)
            #expect(friend.status == .unprocessableEntity)
            #expect((try friend.json()["fields"] as? [String: String])?["role"]?.contains("Only staff of this area's council") == true)
            #expect(try await MembershipRecord.query(on: app.db).count() == before)
            // The same through the form.
            try await chair.get("/partnerships/\(Demo.partnership)/members/new")
            let form = try await chair.post("/partnerships/\(Demo.partnership)/members/new",
                                            ["person": "nadia@fernhill.example", "role": "council_officer"])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("Only staff of this area"))
            // Council staff may take the seat.
            let staff = try await chair.json(.POST, path, #"{"person":"\#(Demo.councilStaff)","role":"council_officer"}"#)
            #expect(staff.status == .created)
        }
    }

    @Test func onlyCouncilStaffCanBeNamedToSignForTheCouncil() async throws {
        try await TestApp.run { app in
            let partnership = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db))
            // A seat given before this rule existed still names a non-employee as council officer.
            let nadia = try #require(try await AccountQueries.person(email: Demo.resident, on: app.db))
            let seat = MembershipRecord()
            seat.$partnership.id = try partnership.requireID()
            seat.$person.id = try nadia.requireID()
            seat.roleRaw = MembershipRole.councilOfficer.rawValue
            seat.votes = false
            seat.livesInArea = true
            seat.startsOnRaw = Day.today().adding(days: -30).description
            seat.version = 1
            try await seat.create(on: app.db)
            let officers = try await AgreementQueries.officers(of: try partnership.requireID(), on: app.db)
            #expect(!officers.contains { $0.id == nadia.id })
            #expect(!officers.isEmpty)
        }
    }
}
