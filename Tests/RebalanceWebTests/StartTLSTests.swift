import Foundation
import NIOPosix
import RebalanceCore
@testable import RebalanceWeb
import Testing

/// Issue 12, item 10: bytes that arrive after the plain-text answer to STARTTLS must never be
/// read as if they had come over TLS.
@Suite(.serialized) struct StartTLSTests {
    let message = MailMessage(from: .init(name: "Rebalance", email: "noreply@rebalance.example"),
                              to: .init(email: "tom@fernhill.example"), subject: "Test", text: "Hello",
                              date: Date(), messageID: "starttls@rebalance")

    func client(_ port: Int, roots: URL? = nil) -> SMTPClient {
        var settings = MailSettings.SMTP(host: "localhost", port: port, security: .startTLS, username: "rebalance", password: "secret")
        settings.trustRootsFile = roots?.path
        var client = SMTPClient(settings: settings, group: MultiThreadedEventLoopGroup.singleton)
        client.timeout = .seconds(20)
        return client
    }

    @Test func aForgedReplyAfterTheSwitchIsRefusedAndNothingMoreIsSentInTheClear() async throws {
        let server = try await ScriptedSMTPServer(mode: "inject")
        let error = await #expect(throws: MailSendError.self) { try await client(server.port).send(message) }
        #expect(error?.description.contains("more after agreeing to STARTTLS") == true)
        let log = try await server.finish()
        // The client sent neither a plain EHLO nor its password after the forged reply.
        #expect(log.contains { $0.hasPrefix("after:") })
        #expect(!log.contains { $0.contains("EHLO") || $0.contains("AUTH") || $0 == "after:tls" })
    }

    @Test func aRealUpgradeCarriesTheLoginAndTheMessage() async throws {
        let server = try await ScriptedSMTPServer(mode: "starttls")
        var failure: (any Error)?
        do { try await client(server.port, roots: server.certificate).send(message) } catch { failure = error }
        let log = try await server.finish()
        #expect(failure == nil, "\(failure.map { "\($0)" } ?? "") after the server logged \(log)")
        #expect(log.first?.hasPrefix("tls:TLS") == true)
        #expect(log.contains("cmd:AUTH"))
        #expect(log.contains("message"))
    }
}
