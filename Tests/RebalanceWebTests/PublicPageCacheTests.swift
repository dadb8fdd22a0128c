import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct PublicPageCacheTests {
    @Test func anonymousPagesAreReusedUntilAChange() async throws {
        try await TestApp.run { app in
            let visitor = TestClient(app)
            let path = "/partnerships/\(Demo.partnership)"
            #expect(try await visitor.get(path).text.contains("Fernhill Big Local Partnership"))
            // Changed behind the application's back: the visitor still sees the kept page...
            let p = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            p.name = "Renamed directly"
            try await p.save(on: app.db)
            #expect(try await visitor.get(path).text.contains("Fernhill Big Local Partnership"))
            // ...but a signed-in member never gets a kept page,
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            #expect(try await member.get(path).text.contains("Renamed directly"))
            // and any change made through the application empties the cache at once.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get("/partnerships/\(Demo.partnership)/edit")
            try await chair.post("/partnerships/\(Demo.partnership)/edit", ["name": "Fernhill Together", "version": String(p.version), "lto": ""])
            #expect(try await visitor.get(path).text.contains("Fernhill Together"))
        }
    }

    @Test func pagesThatStartASessionOrChangeByThemselvesAreNeverKept() async throws {
        try await TestApp.run { app in
            let first = TestClient(app), second = TestClient(app)
            let a = try await first.get("/sign-in")
            let b = try await second.get("/sign-in")
            // Each visitor gets their own session and CSRF token.
            #expect(!a.headers[.setCookie].isEmpty && !b.headers[.setCookie].isEmpty)
            #expect(TestClient.csrfToken(in: a.text) != TestClient.csrfToken(in: b.text))
            let m1 = try await TestClient(app).get("/metrics").text
            let m2 = try await TestClient(app).get("/metrics").text
            #expect(m1 != m2)
        }
    }

    @Test func entriesExpireAndTheCacheStaysBounded() {
        let cache = PublicPageCache(lifetime: .seconds(2), maxEntries: 2)
        let now = ContinuousClock.now
        func entry(_ at: ContinuousClock.Instant) -> PublicPageCache.Entry {
            .init(stored: at, generation: cache.generation, status: .ok, headers: [:], body: ByteBuffer(string: "x"))
        }
        cache.store("/a", entry(now))
        #expect(cache.lookup("/a", now: now + .seconds(1)) != nil)
        #expect(cache.lookup("/a", now: now + .seconds(3)) == nil)
        cache.store("/a", entry(now)); cache.store("/b", entry(now + .milliseconds(1))); cache.store("/c", entry(now + .milliseconds(2)))
        #expect(cache.lookup("/a", now: now) == nil)
        #expect(cache.lookup("/c", now: now) != nil)
        // A page made while a change was happening is not kept.
        let stale = entry(now)
        cache.invalidate()
        cache.store("/d", stale)
        #expect(cache.lookup("/d", now: now) == nil)
    }
}
