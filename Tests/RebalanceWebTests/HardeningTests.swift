import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Issue 12, item 10: the smaller findings of the security review.
@Suite struct HardeningTests {
    @Test func errorResponsesCarryTheSecurityHeaders() async throws {
        try await TestApp.run { app in
            let client = TestClient(app)
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            for response in [try await client.get("/no-such-page"),
                             try await client.get("/api/v1/no-such-thing"),
                             try await member.get("/admin/people"),
                             try await member.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/updates", "{")] {
                #expect(response.status.code >= 400)
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(response.status)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            }
        }
    }

    @Test func inventedMethodsDoNotAddMetricsSeries() async throws {
        try await TestApp.run { app in
            let client = TestClient(app)
            for i in 0..<5 { try await client.request(HTTPMethod(rawValue: "BREW\(i)"), "/health") }
            try await client.signIn(Demo.admin)
            let metrics = try await client.get("/metrics").text
            #expect(!metrics.contains("BREW"))
            #expect(metrics.contains(#"method="other""#))
        }
    }

    @Test func theDemoIsRefusedOverRealAccountsUnlessAskedFor() async throws {
        try await TestApp.run(demo: false) { app in
            let real = PersonRecord(name: "Real Officer", email: "officer@council.gov.uk", passwordHash: "x", isAdmin: true)
            try await real.create(on: app.db)
            let refused = await #expect(throws: DemoData.DemoRefused.self) { try await RebalanceApp.loadDemo(app) }
            #expect(refused?.existingPeople == 1)
            #expect(try await PersonRecord.query(on: app.db).count() == 1)
            #expect(try await AreaRecord.query(on: app.db).count() == 0)
            let loaded = try await RebalanceApp.loadDemo(app, overExistingData: true)
            #expect(loaded.created)
            // Once there, loading again is still a harmless no-op.
            let again = try await RebalanceApp.loadDemo(app)
            #expect(!again.created)
        }
    }

    @Test func theDemoLoadsIntoAnEmptyDatabase() async throws {
        try await TestApp.run(demo: false) { app in
            let summary = try await RebalanceApp.loadDemo(app)
            #expect(summary.created)
        }
    }
}
