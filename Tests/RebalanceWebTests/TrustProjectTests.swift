import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct TrustProjectTests {
    @Test func projectsAreCreatedEditedAndClimbTheLadder() async throws {
        try await TestApp.run { app in
            let started = Date()
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            try await staff.get(Demo.trust + "/projects/new")
            let bad = try await staff.post(Demo.trust + "/projects/new", ["title": "Bulb planting", "stage": "giant"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Enter the community lead"))
            #expect(bad.text.contains("Stage must be one of"))
            let made = try await staff.post(Demo.trust + "/projects/new", ["title": "Bulb planting", "stage": "small_action", "communityLead": "Gwen Hughes",
                                                                          "councilContact": "Beth Summers", "endpoint": "Bulbs in three verges"])
            #expect(made.status == .seeOther)
            let project = try #require(try await ProjectRecord.query(on: app.db).filter(\.$title == "Bulb planting").first())
            let path = Demo.trust + "/projects/\(project.id!.uuidString)"
            #expect(made.location == path)

            let member = TestClient(app), chair = TestClient(app)
            try await member.signIn(Demo.member)
            try await chair.signIn(Demo.chair)
            try await member.get(path + "/edit")
            try await chair.get(path + "/edit")
            var fields = ["title": "Bulb planting", "stage": "pilot", "communityLead": "Gwen Hughes", "councilContact": "Beth Summers",
                          "endpoint": "Bulbs in three verges", "version": String(project.version)]
            #expect(try await member.post(path + "/edit", fields).status == .seeOther)
            fields["stage"] = "scaling"; fields["lastingImpact"] = "Chair's note"
            let conflict = try await chair.post(path + "/edit", fields)
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("Chair&#39;s note") || conflict.text.contains("Chair's note"))
            #expect(try await ProjectRecord.find(project.id, on: app.db)?.stage == .pilot)

            try await member.get(path + "/milestones")
            let badMilestone = try await member.post(path + "/milestones", ["title": "Planted", "dueOn": "2026-10-01",
                                                                             "doneOn": Day.today().adding(days: 3).description])
            #expect(badMilestone.status == .unprocessableEntity)
            #expect(try await member.post(path + "/milestones", ["title": "Planted", "dueOn": "2026-10-01", "doneOn": "2026-10-02"]).status == .seeOther)
            #expect(try await member.post(path + "/permissions", ["kind": "licensing", "status": "applied"]).status == .seeOther)
            #expect(try await member.post(path + "/permissions", ["kind": "licensing", "status": "granted", "note": "Ref 42"]).status == .seeOther)
            let page = try await TestClient(app).get(path)
            #expect(page.text.contains("Stage: Pilot"))
            #expect(page.text.contains("Ref 42") && page.text.contains("Granted"))
            #expect(try await ProjectPermissionRecord.query(on: app.db).filter(\.$project.$id == project.id!).count() == 1)

            let timeline = try await TestClient(app).get(Demo.trust + "/timeline?kind=project&kind=milestone")
            #expect(timeline.text.contains("Project started: Bulb planting (Small action)"))
            #expect(timeline.text.contains("Bulb planting moved to pilot"))
            #expect(timeline.text.contains("Milestone reached: Planted"))
            #expect(!timeline.text.contains("· Commitments"))
            let types = Set(try await AuditQueries.named(AuditEntryRecord.query(on: app.db)
                .filter(\.$partnershipID != nil).filter(\.$at >= started).all(), on: app.db)
                .filter { ["Beth Summers", "Tom Price"].contains($0.actorName) }.map(\.entityType))
            #expect(types == ["project", "milestone", "project_permission"])
        }
    }

    @Test func theAPICreatesAndPatchesProjects() async throws {
        try await TestApp.run { app in
            let list = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/projects").json()
            #expect((list["items"] as? [[String: Any]])?.map { $0["stage"] as? String } == ["idea", "small_action", "pilot", "sustained"])
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let base = "/api/v1/partnerships/\(Demo.partnership)/projects"
            let bad = try await chair.json(.POST, base, #"{"title":"Murals"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect((try bad.json()["fields"] as? [String: String])?.keys.sorted() == ["communityLead", "councilContact", "endpoint", "stage"])
            let made = try await chair.json(.POST, base, #"{"title":"Murals","communityLead":"Lucy","councilContact":"Hannah","stage":"idea","endpoint":"Two walls painted"}"#)
            #expect(made.status == .created)
            let id = try #require(try made.json()["id"] as? String)
            let patched = try await chair.json(.PATCH, "\(base)/\(id)", #"{"stage":"small_action","version":1}"#)
            #expect(patched.status == .ok)
            #expect(try patched.json()["stage"] as? String == "small_action")
            #expect(try patched.json()["title"] as? String == "Murals")
            #expect(try await chair.json(.PATCH, "\(base)/\(id)", #"{"stage":"pilot","version":1}"#).status == .conflict)
            let timeline = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/timeline?kind=project&per=100").json()
            let titles = (timeline["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            #expect(titles.contains("Murals moved to small action"))
            #expect((timeline["items"] as? [[String: Any]] ?? []).allSatisfy { $0["kind"] as? String == "project" })
        }
    }
}
