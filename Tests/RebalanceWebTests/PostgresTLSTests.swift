import FluentPostgresDriver
import Foundation
import Logging
import NIOSSL
import RebalanceStore
import Testing

/// Issue 12, item 8: every `sslmode` means what it means to libpq; before, anything but the
/// exact text `sslmode=require` turned TLS off, `verify-full` included.
@Suite struct PostgresTLSTests {
    let base = "postgres://app:secret@db.example:5432/rebalance"

    @Test(arguments: [
        ("disable", false, false), ("allow", true, false), ("prefer", true, false),
        ("require", true, true), ("verify-ca", true, true), ("verify-full", true, true),
    ])
    func eachModeAllowsOrEnforcesTLS(_ mode: String, _ allowed: Bool, _ enforced: Bool) throws {
        let tls = try DatabaseSetup.postgresConfiguration(url: "\(base)?sslmode=\(mode)").coreConfiguration.tls
        #expect(tls.isAllowed == allowed)
        #expect(tls.isEnforced == enforced)
    }

    @Test func certificatesAreCheckedAsTheModeSays() throws {
        #expect(try PostgresTLSMode(url: base) == .prefer)
        #expect(try PostgresTLSMode(url: "\(base)?sslmode=VERIFY-FULL") == .verifyFull)
        #expect(try PostgresTLSMode(url: "\(base)?sslmode=verify-full").verification == .fullVerification)
        #expect(try PostgresTLSMode(url: "\(base)?sslmode=verify-ca").verification == .noHostnameVerification)
        #expect(try PostgresTLSMode(url: "\(base)?sslmode=require").verification == CertificateVerification.none)
        #expect(try PostgresTLSMode(url: "\(base)?sslmode=disable").verification == nil)
        // The driver's own reading of the parameters is kept out of it; other parameters stay.
        #expect(PostgresTLSMode.withoutTLSParameters("\(base)?sslmode=verify-ca&sslrootcert=/etc/ca.pem&application_name=x")
                == "\(base)?application_name=x")
    }

    @Test func anUnknownModeIsRefusedByName() {
        let problem = #expect(throws: DatabaseURLProblem.self) { try PostgresTLSMode(url: "\(base)?sslmode=verify_full") }
        #expect(problem?.message.contains("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full") == true)
    }

    /// Against the real loopback server of the test run, which offers no TLS.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false))
    func aServerWithoutTLSIsRefusedWhenTLSIsRequiredAndUsedWhenPreferred() async throws {
        // The server's own database: the test run's database is made per test from a template.
        var parts = try #require(URLComponents(string: ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]!))
        parts.path = "/postgres"
        parts.queryItems = nil
        let url = try #require(parts.string)
        let logger = Logger(label: "tls-test")
        func connect(_ mode: String) async throws {
            let config = try DatabaseSetup.postgresConfiguration(url: url + "?sslmode=" + mode)
            let connection = try await PostgresConnection.connect(configuration: config.coreConfiguration, id: 1, logger: logger)
            try await connection.close()
        }
        for mode in ["prefer", "disable", "allow"] {
            do { try await connect(mode) } catch { Issue.record("sslmode=\(mode): \(String(reflecting: error))") }
        }
        await #expect(throws: (any Error).self) { try await connect("require") }
        await #expect(throws: (any Error).self) { try await connect("verify-full") }
    }
}
