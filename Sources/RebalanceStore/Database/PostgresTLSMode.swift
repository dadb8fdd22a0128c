import FluentPostgresDriver
import Foundation
import NIOSSL

/// What `sslmode` in a PostgreSQL URL asks for, read as libpq reads it, so an operator's
/// existing connection string means the same here as in `psql`:
/// - `disable`: plain TCP;
/// - `allow`, `prefer` (the default): TLS when the server offers it, certificate not checked;
/// - `require`: TLS or no connection, certificate not checked;
/// - `verify-ca`: TLS, and the certificate must chain to a trusted root (`sslrootcert=FILE`,
///   or the system's roots);
/// - `verify-full`: as `verify-ca`, and the certificate must also name the host.
/// The driver's own reading treats `verify-ca` like `require` and makes `prefer` verify in full,
/// which is why the mode is read here.
public enum PostgresTLSMode: String, CaseIterable, Sendable, Equatable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    static let parameterNames: Set<String> = ["sslmode", "tlsmode", "ssl", "tls", "sslrootcert"]

    public init(url: String) throws {
        let items = URLComponents(string: url)?.queryItems ?? []
        guard let raw = items.last(where: { ["sslmode", "tlsmode"].contains($0.name.lowercased()) })?.value else {
            self = .prefer
            return
        }
        guard let mode = PostgresTLSMode(rawValue: raw.lowercased()) else {
            throw DatabaseURLProblem(message: "DATABASE_URL: sslmode must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(raw)\"")
        }
        self = mode
    }

    /// Whether a plain connection is acceptable when the server offers no TLS.
    public var allowsPlainText: Bool { self == .disable || self == .allow || self == .prefer }

    /// How far the server's certificate is checked; nil when TLS is not used at all.
    public var verification: CertificateVerification? {
        switch self {
        case .disable: return nil
        case .allow, .prefer, .require: return CertificateVerification.none
        case .verifyCA: return .noHostnameVerification
        case .verifyFull: return .fullVerification
        }
    }

    public func connectionTLS(rootCertificate: String?) throws -> PostgresConnection.Configuration.TLS {
        guard let verification else { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verification
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        let context = try NIOSSLContext(configuration: tls)
        return allowsPlainText ? .prefer(context) : .require(context)
    }

    static func rootCertificate(in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.last { $0.name.lowercased() == "sslrootcert" }?.value
    }

    /// The URL with the TLS parameters taken out, for the driver, which would otherwise apply its own reading of them.
    public static func withoutTLSParameters(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        let kept = (parts.queryItems ?? []).filter { !parameterNames.contains($0.name.lowercased()) }
        parts.queryItems = kept.isEmpty ? nil : kept
        return parts.string ?? url
    }
}

public struct DatabaseURLProblem: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
