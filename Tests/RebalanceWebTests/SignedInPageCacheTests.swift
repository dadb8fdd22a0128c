import FluentKit
import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Pages kept per signed-in session (ADR 0037): shown again while nothing changes, never to
/// anyone else, never past a change, a sign-out or a message meant to be shown once.
@Suite struct SignedInPageCacheTests {
    let path = "/partnerships/\(Demo.partnership)"

    func renameBehindItsBack(_ app: Application, to name: String) async throws {
        try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).set(\.$name, to: name).update()
    }

    @Test func aPageIsShownAgainToItsSessionOnlyUntilAChangeIsHandled() async throws {
        try await TestApp.run(settings: { $0.signedInPageCacheSeconds = 600 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get(path).status == .ok)
            try await renameBehindItsBack(app, to: "Renamed behind its back")
            // Nothing was changed through the application: the chair's kept page still answers.
            #expect(!(try await chair.get(path).text.contains("Renamed behind its back")))
            // Another person's page is their own, rendered for them.
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get(path).text.contains("Renamed behind its back"))
            // Signing in was a change handled here: the chair's page is rendered afresh.
            #expect(try await chair.get(path).text.contains("Renamed behind its back"))
            try await renameBehindItsBack(app, to: "Renamed a second time")
            #expect(!(try await chair.get(path).text.contains("Renamed a second time")))
            // Any other change (here a refused form) empties it too.
            _ = try await member.post(Demo.trust + "/projects/new", ["title": "x", "stage": "giant"])
            #expect(try await chair.get(path).text.contains("Renamed a second time"))
        }
    }

    @Test func aMessageShownOnceIsNotShownAgain() async throws {
        try await TestApp.run(settings: { $0.signedInPageCacheSeconds = 600 }) { app in
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            try await staff.get(Demo.trust + "/projects/new")
            let made = try await staff.post(Demo.trust + "/projects/new", ["title": "Bulb planting", "stage": "small_action", "communityLead": "Gwen Hughes",
                                                                          "councilContact": "Beth Summers", "endpoint": "Bulbs in three verges"])
            let location = try #require(made.location)
            #expect(try await staff.get(location).text.contains("The project has been created."))
            #expect(!(try await staff.get(location).text.contains("The project has been created.")))
        }
    }

    @Test func aSignedOutSessionIsNeverServedAKeptPage() async throws {
        try await TestApp.run(settings: { $0.signedInPageCacheSeconds = 600; $0.signedInCacheSeconds = 600 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let cookie = chair.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            #expect(try await chair.get("/account").status == .ok)
            #expect(try await chair.post("/sign-out", [:]).status == .seeOther)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .cookie, value: cookie)
            let again = try await TestClient(app).get("/account", headers: headers)
            #expect(again.status == .seeOther)
            #expect(!again.text.contains(Demo.chair))
        }
    }

    @Test func turnedOffEveryPageIsRenderedAfresh() async throws {
        try await TestApp.run(settings: { $0.signedInPageCacheSeconds = 0 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get(path).status == .ok)
            try await renameBehindItsBack(app, to: "Renamed behind its back")
            #expect(try await chair.get(path).text.contains("Renamed behind its back"))
        }
    }
}
