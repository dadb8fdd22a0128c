import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Two application instances on one database (a SQLite file, or PostgreSQL): a page kept by one
/// is refreshed soon after a change made through the other (ADR 0032).
@Suite struct PageCacheAcrossInstancesTests {
    @Test func aChangeOnOneInstanceEmptiesTheOthersCache() async throws {
        let database = try await TestDatabases.shared()
        // Kept pages would live far longer than the test: only the shared counter can refresh them.
        let reader = try await TestApp.make(database.location) { $0.publicCacheSeconds = 600; $0.publicCacheCheckSeconds = 0.05 }
        // A third instance that never looks at the counter shows what happens without it.
        let deaf = try await TestApp.make(database.location) { $0.publicCacheSeconds = 600; $0.publicCacheCheckSeconds = 0 }
        let writer = try await TestApp.make(database.location) { $0.publicCacheSeconds = 600 }
        do {
            // The testing client boots with the synchronous `boot()`, which skips async lifecycle
            // handlers such as the counter's reader; a server boots with `asyncBoot()`, as here.
            try await reader.asyncBoot()
            if !database.location.isPostgres { _ = try await RebalanceApp.loadDemo(writer) }
            let path = "/partnerships/\(Demo.partnership)"
            let visitor = TestClient(reader), other = TestClient(deaf)
            #expect(try await visitor.get(path).text.contains("Fernhill Big Local Partnership"))
            #expect(try await other.get(path).text.contains("Fernhill Big Local Partnership"))

            let chair = TestClient(writer)
            try await chair.signIn(Demo.chair)
            let p = try #require(try await PartnershipRecord.query(on: writer.db).filter(\.$slug == Demo.partnership).first())
            try await chair.get("\(path)/edit")
            let saved = try await chair.post("\(path)/edit", ["name": "Fernhill Together", "version": String(p.version), "lto": ""])
            #expect(saved.status == .seeOther)

            var refreshed = false
            for _ in 0..<100 where !refreshed {
                refreshed = try await visitor.get(path).text.contains("Fernhill Together")
                if !refreshed { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(refreshed, "the reading instance still serves the page it kept before the change")
            #expect(try await other.get(path).text.contains("Fernhill Big Local Partnership"))
        } catch {
            Issue.record(error)
        }
        for app in [reader, deaf, writer] { try? await app.asyncShutdown() }
        try await database.drop()
    }

    @Test func theCounterOnlyMovesForChangesThatMayHaveHappened() async throws {
        try await TestApp.run(settings: { $0.publicCacheSeconds = 600 }) { app in
            let before = try await ChangeCounter.value(on: app.db)
            let visitor = TestClient(app)
            try await visitor.get("/sign-in")
            // Refused for want of a CSRF token: nothing was written, no one needs telling.
            let refused = try await visitor.post("/sign-in", ["email": Demo.chair, "password": "wrong"], includeCSRF: false)
            #expect(refused.status.code >= 400)
            #expect(try await ChangeCounter.value(on: app.db) == before)
            try await visitor.signIn(Demo.chair)
            #expect(try await ChangeCounter.value(on: app.db) > before)
        }
    }
}
