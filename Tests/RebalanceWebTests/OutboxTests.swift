import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct OutboxTests {
    static func queue(_ app: Application, to email: String, subject: String, key: String? = nil) async throws {
        let person = try #require(try await AccountQueries.person(email: email, on: app.db))
        try await Outbox.enqueue(OutboxDraft(personID: person.id, email: person.email, name: person.name, subject: subject,
                                             body: "The partnership meets on Tuesday at 7pm in the community centre.\n.A line that starts with a dot.",
                                             kind: "notification", dedupeKey: key), on: app.db)
    }

    static func smtp(_ port: Int) -> MailSettings.SMTP { .init(host: "127.0.0.1", port: port, security: .none, username: nil, password: nil) }

    @Test func messagesGoThroughARealSMTPServer() async throws {
        let server = try await LoopbackSMTPServer()
        defer { server.stop() }
        try await TestApp.run(settings: { $0.mail.smtp = Self.smtp(server.port); $0.mail.baseURL = "https://fernhill.example" }) { app in
            try await Self.queue(app, to: Demo.member, subject: "Partnership meeting: Tuesday")
            try await Self.queue(app, to: Demo.chair, subject: "Café agenda – please read")
            let report = try await OutboxDelivery.deliverDue(app)
            #expect(report == .init(sent: 2, failed: 0, skipped: 0))
            let received = try server.received()
            #expect(received.count == 2)
            let toTom = try #require(received.first { $0.contains("tom@fernhill.example") })
            #expect(toTom.contains("Subject: Partnership meeting: Tuesday"))
            #expect(toTom.contains("List-Unsubscribe: <https://fernhill.example/unsubscribe?token="))
            #expect(toTom.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            // The dot-stuffed line arrives intact.
            #expect(toTom.contains("\n.A line that starts with a dot."))
            #expect(try await Outbox.counts(on: app.db)[.sent] == 2)
            // Nothing is sent twice.
            #expect(try await OutboxDelivery.deliverDue(app) == .init())
            #expect(try server.received().count == 2)
        }
    }

    @Test func anUnreachableServerKeepsMessagesQueuedForRetry() async throws {
        let port = LoopbackSMTPServer.freePort()
        try await TestApp.run(settings: { $0.mail.smtp = Self.smtp(port) }) { app in
            try await Self.queue(app, to: Demo.member, subject: "Will arrive later")
            let now = Date()
            #expect(try await OutboxDelivery.deliverDue(app, now: now) == .init(sent: 0, failed: 1, skipped: 0))
            let waiting = try #require(try await OutboxMessageRecord.query(on: app.db).first())
            #expect(waiting.status == .queued)
            #expect(waiting.attempts == 1)
            #expect(waiting.lastError?.contains("could not talk to the mail server") == true)
            #expect(abs(waiting.nextAttemptAt.timeIntervalSince(now) - 60) < 1)
            // Not due yet: nothing happens.
            #expect(try await OutboxDelivery.deliverDue(app, now: now.addingTimeInterval(30)) == .init())
        }
    }

    @Test func aMessageSurvivesAnOutageAndIsSentOnce() async throws {
        let port = LoopbackSMTPServer.freePort()
        try await TestApp.run(settings: { $0.mail.smtp = Self.smtp(port) }) { app in
            try await Self.queue(app, to: Demo.member, subject: "Outage test")
            let now = Date()
            _ = try await OutboxDelivery.deliverDue(app, now: now)
            // The server comes up on that port; the retry goes through, once.
            let server = try await LoopbackSMTPServerOnPort.start(port)
            defer { server.stop() }
            #expect(try await OutboxDelivery.deliverDue(app, now: now.addingTimeInterval(61)) == .init(sent: 1, failed: 0, skipped: 0))
            #expect(try await OutboxDelivery.deliverDue(app, now: now.addingTimeInterval(3600)) == .init())
            #expect(try server.received().count == 1)
        }
    }

    @Test func withoutAMailServerMessagesBecomeEmlFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-eml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.run(settings: { $0.mail.directory = folder.path }) { app in
            try await Self.queue(app, to: Demo.member, subject: "Written to a file")
            #expect(try await OutboxDelivery.deliverDue(app).sent == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files.count == 1 && files[0].hasSuffix(".eml"))
            let text = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
            #expect(text.contains("Subject: Written to a file\r\n"))
        }
    }

    @Test func theSameMessageIsQueuedOnceAndClaimedByOneWorker() async throws {
        try await TestApp.run { app in
            try await Self.queue(app, to: Demo.member, subject: "Once", key: "reminder:1")
            try await Self.queue(app, to: Demo.member, subject: "Once", key: "reminder:1")
            #expect(try await OutboxMessageRecord.query(on: app.db).count() == 1)
            for i in 0..<5 { try await Self.queue(app, to: Demo.chair, subject: "Batch \(i)") }
            let now = Date()
            let claims = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<4 { group.addTask { try await Outbox.claimDue(limit: 10, now: now, on: app.db).compactMap(\.id) } }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            #expect(claims.count == 6)
            #expect(Set(claims).count == 6)
            // A worker that died mid-send: its claim is taken over once the lease runs out, by one worker only.
            let later = now.addingTimeInterval(301)
            let takeovers = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await Outbox.claimDue(limit: 10, now: later, on: app.db).count } }
                return try await group.reduce(0, +)
            }
            #expect(takeovers == 6)
        }
    }

    @Test func peopleWhoOptedOutGetNothingAndTheLinkWorksWithoutSigningIn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-eml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.run(settings: { $0.mail.directory = folder.path }) { app in
            try await Self.queue(app, to: Demo.member, subject: "First")
            _ = try await OutboxDelivery.deliverDue(app)
            let file = try FileManager.default.contentsOfDirectory(atPath: folder.path)[0]
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let link = try #require(text.firstMatch(of: /List-Unsubscribe: <http[^>]+(\/unsubscribe\?token=[^>]+)>/)?.1)
            // A mail program's one-click POST: no cookie, no CSRF token, just the signed link.
            let mailProgram = TestClient(app)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let r = try await mailProgram.request(.POST, String(link), headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(r.status == .ok)
            #expect(try await AccountQueries.person(email: Demo.member, on: app.db)?.emailOptOut == true)
            try await Self.queue(app, to: Demo.member, subject: "Second")
            #expect(try await OutboxDelivery.deliverDue(app) == .init(sent: 0, failed: 0, skipped: 1))
            // A forged token is refused.
            let forged = String(link).replacingOccurrences(of: "token=", with: "token=00000000-0000-0000-0000-000000000000.x")
            #expect(try await mailProgram.get(forged).status == .notFound)
            // Signed in, the person can turn e-mail back on.
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get("/account/notifications")
            #expect(try await tom.post("/account/notifications", ["email": "true"]).status == .seeOther)
            #expect(try await AccountQueries.person(email: Demo.member, on: app.db)?.emailOptOut == false)
        }
    }
}

/// Starts aiosmtpd on a given port (for the outage test, where the port is chosen first).
enum LoopbackSMTPServerOnPort {
    static func start(_ port: Int) async throws -> LoopbackSMTPServer {
        try await LoopbackSMTPServer(port: port)
    }
}
