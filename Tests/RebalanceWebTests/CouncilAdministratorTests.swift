import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Council administrators (issue 14, item 3): only they change the council, its teams, staff and
/// responsibility directory; other officers answer for their team's work. The council always
/// keeps an administrator, and its administrators are told about enquiries nobody can answer.
@Suite struct CouncilAdministratorTests {
    let council = "/organisations/\(Demo.council)"

    @Test func onlyAdministratorsChangeTheCouncil() async throws {
        try await TestApp.run { app in
            let officer = TestClient(app)
            try await officer.signIn(Demo.councilStaff)
            #expect(try await officer.get(council + "/edit").status == .forbidden)
            #expect(try await officer.post(council + "/teams", ["name": "Waste and recycling"]).status == .forbidden)
            #expect(try await officer.post("/councils/\(Demo.council)/directory", ["topic": "Bins", "team": ""]).status == .forbidden)
            let asOfficer = try await officer.get(council)
            #expect(!asOfficer.text.contains("Edit details") && !asOfficer.text.contains("Add a staff member"))

            let admin = TestClient(app)
            try await admin.signIn(Demo.councilAdmin)
            #expect(try await admin.get(council + "/edit").status == .ok)
            let page = try await admin.get(council)
            #expect(page.text.contains("Add a staff member") && page.text.contains("Make them an administrator"))
            let added = try await admin.post(council + "/teams", ["name": "Waste and recycling", "remit": "Bins and bulky waste"])
            #expect(added.status == .seeOther)
            #expect(try await TeamRecord.query(on: app.db).filter(\.$name == "Waste and recycling").count() == 1)
        }
    }

    @Test func theCouncilKeepsAnAdministrator() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.councilAdmin)
            let grace = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == Demo.councilAdmin).first())
            let hannah = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == "hannah@harbourside.example").first())
            func post(of person: PersonRecord) async throws -> StaffRecord {
                try #require(try await StaffRecord.query(on: app.db).filter(\.$person.$id == person.requireID()).first())
            }
            let mine = try await post(of: grace)
            #expect(mine.isAdministrator)

            // The only administrator cannot step down or leave while others are listed.
            try await admin.get(council)
            let refused = try await admin.post(council + "/staff/\(mine.id!.uuidString)/administrator", ["isAdministrator": "false"])
            #expect(refused.status == .seeOther)
            #expect(try await admin.get(council).text.contains("needs at least one administrator"))
            #expect(try await post(of: grace).isAdministrator)
            _ = try await admin.post(council + "/staff/\(mine.id!.uuidString)/remove", [:])
            #expect(try await StaffRecord.find(mine.id, on: app.db) != nil)

            // With a second administrator, she can.
            let hannahs = try await post(of: hannah)
            _ = try await admin.post(council + "/staff/\(hannahs.id!.uuidString)/administrator", ["isAdministrator": "true"])
            #expect(try await post(of: hannah).isAdministrator)
            _ = try await admin.post(council + "/staff/\(mine.id!.uuidString)/administrator", ["isAdministrator": "false"])
            #expect(!(try await post(of: grace).isAdministrator))
            // Each change is in the audit log, and she can no longer edit the council.
            let audited = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "staff").filter(\.$action == "updated").count()
            #expect(audited == 2)
            #expect(try await admin.get(council + "/edit").status == .forbidden)
        }
    }

    @Test func administratorsAreToldWhenNobodyCanAnswerAnEnquiry() async throws {
        try await TestApp.run { app in
            let admin = TestClient(app)
            try await admin.signIn(Demo.councilAdmin)
            func items() async throws -> [[String: Any]] {
                try #require(try await admin.get("/api/v1/me/work").json()["items"] as? [[String: Any]])
            }
            #expect(try await items().isEmpty)
            // Highways' only officer leaves: the crossing enquiry it holds now has nobody to answer it.
            let highways = try #require(try await TeamRecord.query(on: app.db).filter(\.$name == "Highways").first())
            let leaver = try #require(try await StaffRecord.query(on: app.db).filter(\.$team.$id == highways.requireID()).first())
            try await admin.get(council)
            #expect(try await admin.post(council + "/staff/\(leaver.id!.uuidString)/remove", [:]).status == .seeOther)
            let waiting = try await items()
            #expect(waiting.map { $0["title"] as? String } == ["Nobody can answer “Crossing outside St Anne's”: Highways has no staff listed"])
            #expect(waiting.first?["kind"] as? String == "staffing" && waiting.first?["href"] as? String == council)
            // An officer who is not an administrator is not asked to staff the council.
            let officer = TestClient(app)
            try await officer.signIn(Demo.councilStaff)
            let theirs = try #require(try await officer.get("/api/v1/me/work").json()["items"] as? [[String: Any]])
            #expect(!theirs.contains { $0["kind"] as? String == "staffing" })
        }
    }

    /// Only the team holding an enquiry is offered the answer form; other officers are told who
    /// holds it and why they cannot answer.
    @Test func onlyTheHoldingTeamSeesTheAnswerForm() async throws {
        try await TestApp.run { app in
            let enquiry = try #require(try await EnquiryRecord.query(on: app.db).filter(\.$title == "Asset transfer of the community centre")
                .with(\.$partnership).first())
            let path = "/partnerships/\(enquiry.partnership.slug)/enquiries/\(enquiry.id!.uuidString)"
            let parks = TestClient(app)
            try await parks.signIn(Demo.councilStaff)
            let page = try await parks.get(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains("Send answer") && !page.text.contains("Hand this enquiry on"))
            #expect(page.text.contains("This enquiry is with Property and Estates. Only that team can answer it or hand it on"))
            let holder = TestClient(app)
            try await holder.signIn("raj@harbourside.example")
            let theirs = try await holder.get(path)
            #expect(theirs.text.contains("Send answer") && theirs.text.contains("Hand this enquiry on"))
            #expect(!theirs.text.contains("Only that team can answer it or hand it on"))
        }
    }
}
