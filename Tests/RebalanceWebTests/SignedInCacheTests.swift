import FluentKit
import Foundation
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The signed-in cache (ADR 0036): a kept session is used while nothing changes, and dropped as
/// soon as anything may have, on this instance or on another sharing the database.
@Suite struct SignedInCacheTests {
    @Test func aKeptSessionIsUsedUntilAChangeIsHandled() async throws {
        try await TestApp.run(settings: { $0.signedInCacheSeconds = 600 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get("/account").status == .ok)
            // Gone from the database: while nothing has changed, the kept copy still answers…
            try await WebSessionRecord.query(on: app.db).delete()
            #expect(try await chair.get("/account").status == .ok)
            // …and any change handled here drops it, so the session is read again: it is gone.
            let visitor = TestClient(app)
            try await visitor.get("/sign-in")
            _ = try await visitor.post("/sign-in", ["email": Demo.member, "password": "not the password"])
            #expect(try await chair.get("/account").status == .seeOther)
        }
    }

    /// An API token's holder is kept like a session's: used while nothing changes and dropped by
    /// any change handled here (a revocation is one).
    @Test func aKeptTokenIsUsedUntilAChangeIsHandled() async throws {
        try await TestApp.run(settings: { $0.signedInCacheSeconds = 600; $0.signedInPageCacheSeconds = 600 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let made = try await chair.post("/account/tokens", ["tokenName": "script"])
            let token = try #require(made.text.firstMatch(of: /rb_[A-Za-z0-9_-]+/).map { String($0.output) })
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .ok)
            // Gone from the database behind the application's back: the kept holder still answers…
            let record = try #require(try await APITokenRecord.query(on: app.db).first())
            try await record.delete(on: app.db)
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .ok)
            // …until any change is handled here.
            try await chair.get("/account")
            _ = try await chair.post("/account/tokens", ["tokenName": "another"])
            #expect(try await TestClient(app).json(.GET, "/api/v1/me", "", bearer: token).status == .unauthorized)
        }
    }

    @Test func withoutTheCacheEveryRequestReadsTheSession() async throws {
        try await TestApp.run(settings: { $0.signedInCacheSeconds = 0 }) { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await WebSessionRecord.query(on: app.db).delete()
            #expect(try await chair.get("/account").status == .seeOther)
        }
    }

    @Test func aChangeOnAnotherInstanceDropsWhatThisOneKept() async throws {
        let database = try await TestDatabases.shared()
        let reader = try await TestApp.make(database.location) { $0.signedInCacheSeconds = 600; $0.publicCacheCheckSeconds = 0.05 }
        let writer = try await TestApp.make(database.location) { $0.signedInCacheSeconds = 600 }
        do {
            try await reader.asyncBoot()
            if !database.location.isPostgres { _ = try await RebalanceApp.loadDemo(writer) }
            let chair = TestClient(reader)
            try await chair.signIn(Demo.chair)
            #expect(try await chair.get("/account").status == .ok)
            try await WebSessionRecord.query(on: writer.db).delete()
            #expect(try await chair.get("/account").status == .ok)
            // A change through the other instance (someone signing in) reaches this one's cache.
            try await TestClient(writer).signIn(Demo.member)
            var signedOut = false
            for _ in 0..<100 where !signedOut {
                signedOut = try await chair.get("/account").status == .seeOther
                if !signedOut { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(signedOut, "the reading instance still honours a session deleted through the other")
        } catch {
            Issue.record(error)
        }
        for app in [reader, writer] { try? await app.asyncShutdown() }
        try await database.drop()
    }

    @Test func aPersonHandedOutIsACopyWithTheSameValues() throws {
        let person = PersonRecord()
        person.id = UUID(); person.name = "Ada"; person.email = "ada@example.org"; person.passwordHash = "x"
        person.isAdmin = true; person.version = 3; person.createdAt = Date(timeIntervalSince1970: 1_000)
        person.emailOptOut = true; person.emailVerifiedAt = Date(timeIntervalSince1970: 2_000); person.linkGeneration = 4
        let copy = person.detachedCopy()
        #expect(copy !== person)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(copy) == encoder.encode(person))
        #expect(copy.$id.exists)
    }
}
