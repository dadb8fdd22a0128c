import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct PublicPageCacheTests {
    @Test func anonymousPagesAreReusedUntilAChange() async throws {
        // A lifetime far longer than the test, so a slow machine cannot let the copy expire.
        try await TestApp.run(settings: { $0.publicCacheSeconds = 600 }) { app in
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

    /// A public page that hands a visitor a form token sets a cookie, so the cache can never keep
    /// it: at 150 areas the meetings pages served 93 a second to visitors instead of thousands.
    @Test func aPartnershipsPublicPagesGiveVisitorsNoCookie() async throws {
        try await TestApp.run { app in
            let visitor = TestClient(app)
            let base = "/partnerships/\(Demo.partnership)"
            let meetings = try await visitor.get(base + "/meetings").text
            let meeting = try #require(meetings.firstMatch(of: try Regex(#"/partnerships/[a-z0-9-]+/meetings/[a-z0-9-]+/\d{4}-\d\d-\d\d"#)))
            for path in ["", "/meetings", String(meetings[meeting.range]), "/timeline", "/accountability", "/commitments",
                         "/projects", "/updates", "/decisions", "/agreement", "/communication-plan"].map({ $0.hasPrefix("/partnerships") ? $0 : base + $0 }) {
                let r = try await TestClient(app).get(path)
                #expect(r.status == .ok, "\(path)")
                #expect(r.headers[.setCookie].isEmpty, "\(path) gives a visitor a cookie")
            }
        }
    }

    @Test func pagesThatStartASessionOrChangeByThemselvesAreNeverKept() async throws {
        try await TestApp.run { app in
            let first = TestClient(app), second = TestClient(app)
            let a = try await first.get("/sign-in")
            let b = try await second.get("/sign-in")
            // Each visitor gets their own form cookie and CSRF token.
            #expect(!a.headers[.setCookie].isEmpty && !b.headers[.setCookie].isEmpty)
            #expect(TestClient.csrfToken(in: a.text) != TestClient.csrfToken(in: b.text))
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let m1 = try await admin.get("/metrics").text
            let m2 = try await admin.get("/metrics").text
            #expect(m1.contains("rebalance_http_requests_total") && m1 != m2)
        }
    }

    @Test func oneRequestRendersWhileOthersAreServedOrWait() async {
        let cache = PublicPageCache(lifetime: .seconds(2), maxEntries: 2)
        let now = ContinuousClock.now
        func entry(_ at: ContinuousClock.Instant, _ text: String = "x") -> PublicPageCache.Entry {
            .init(stored: at, generation: cache.generation, status: .ok, headers: [:], body: ByteBuffer(string: text))
        }
        // Nothing kept: the first request renders, the next waits and gets its result.
        guard case .render = cache.decide("/a", now: now) else { Issue.record("first should render"); return }
        guard case .wait = cache.decide("/a", now: now) else { Issue.record("second should wait"); return }
        async let waited = cache.waitForRender("/a")
        try? await Task.sleep(for: .milliseconds(50))
        cache.finish("/a", entry(now, "first"))
        #expect(await waited.map { String(buffer: $0.body) } == "first")
        // Fresh: served. Aged: one refresh, the others get the aged copy meanwhile.
        guard case .serve = cache.decide("/a", now: now + .seconds(1)) else { Issue.record("fresh"); return }
        guard case .render = cache.decide("/a", now: now + .seconds(3)) else { Issue.record("aged: refresh"); return }
        guard case .serve(let aged) = cache.decide("/a", now: now + .seconds(3)) else { Issue.record("aged: serve"); return }
        #expect(String(buffer: aged.body) == "first")
        cache.finish("/a", entry(now + .seconds(3), "second"))
        // After a change nothing kept is served, not even while a refresh runs.
        cache.invalidate()
        guard case .render = cache.decide("/a", now: now + .seconds(3)) else { Issue.record("after change: render"); return }
        guard case .wait = cache.decide("/a", now: now + .seconds(3)) else { Issue.record("after change: wait"); return }
        cache.finish("/a", nil)
        // A page rendered across a change is not kept.
        let old = entry(now + .seconds(3))
        guard case .render = cache.decide("/b", now: now) else { Issue.record("a new page should render"); return }
        cache.invalidate()
        cache.finish("/b", old)
        guard case .render = cache.decide("/b", now: now) else { Issue.record("stale render was kept"); return }
        cache.finish("/b", nil)
        // Bounded: the oldest entry goes.
        for (i, k) in ["/x", "/y", "/z"].enumerated() {
            guard case .render = cache.decide(k, now: now) else { Issue.record("\(k) should render"); return }
            cache.finish(k, entry(now + .milliseconds(i)))
        }
        guard case .render = cache.decide("/x", now: now + .milliseconds(10)) else { Issue.record("oldest should be gone"); return }
        cache.finish("/x", nil)
        guard case .serve = cache.decide("/z", now: now + .milliseconds(10)) else { Issue.record("newest kept"); return }
    }

    @Test func keptBodiesStayWithinTheirByteBudget() {
        let cache = PublicPageCache(lifetime: .seconds(60), maxEntries: 100, maxTotalBytes: 10)
        let now = ContinuousClock.now
        for (i, k) in ["/a", "/b", "/c"].enumerated() {
            guard case .render(let generation) = cache.decide(k, now: now) else { Issue.record("\(k) should render"); return }
            cache.finish(k, .init(stored: now + .milliseconds(i), generation: generation, status: .ok, headers: [:],
                                  body: ByteBuffer(string: "123456")))
        }
        // Six bytes each in ten: only the newest fits.
        guard case .serve = cache.decide("/c", now: now) else { Issue.record("newest kept"); return }
        for k in ["/a", "/b"] {
            guard case .render = cache.decide(k, now: now) else { Issue.record("\(k) should have been dropped"); return }
            cache.finish(k, nil)
        }
    }
}
