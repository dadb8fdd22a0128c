import Foundation
import RebalanceCore

/// Where e-mail goes: an SMTP server, or (when none is configured) `.eml` files in a folder, so a
/// new installation loses nothing and an administrator can see exactly what would have been sent.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable { case none, startTLS = "starttls", tls }

    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        /// PEM file of the roots to trust for the server's certificate (a council's own CA); the system's when nil.
        public var trustRootsFile: String? = nil
    }

    public var smtp: SMTP?
    public var directory: String
    public var from: MailMessage.Address
    /// The site's public address, for links in messages.
    public var baseURL: String
    /// How often the server looks for messages to send (0: never; use `rebalance deliver`).
    public var intervalSeconds: Double

    public init(smtp: SMTP? = nil, directory: String = "outbox",
                from: MailMessage.Address = .init(name: "Rebalance", email: "noreply@rebalance.invalid"),
                baseURL: String = "http://127.0.0.1:8080", intervalSeconds: Double = 30) {
        self.smtp = smtp
        self.directory = directory
        self.from = from
        self.baseURL = baseURL
        self.intervalSeconds = intervalSeconds
    }

    public enum Problem: Error, CustomStringConvertible {
        case badSMTPURL(String)
        case badFrom(String)
        public var description: String {
            switch self {
            case .badSMTPURL(let s): return "SMTP_URL is not understood (\(s)): write it like smtp://user:password@mail.example.org:587?security=starttls"
            case .badFrom(let s): return "MAIL_FROM is not an e-mail address (\(s)): write it like \"Rebalance <noreply@example.org>\""
            }
        }
    }

    /// Reads `SMTP_URL`, `MAIL_FROM`, `MAIL_DIRECTORY`, `REBALANCE_BASE_URL`, `OUTBOX_INTERVAL`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> MailSettings {
        var settings = MailSettings()
        if let raw = env["SMTP_URL"], !raw.isEmpty {
            settings.smtp = try parseSMTP(raw)
            if let roots = env["SMTP_CA_FILE"], !roots.isEmpty { settings.smtp?.trustRootsFile = roots }
        }
        if let dir = env["MAIL_DIRECTORY"], !dir.isEmpty { settings.directory = dir }
        if let from = env["MAIL_FROM"], !from.isEmpty { settings.from = try parseAddress(from) }
        if let base = env["REBALANCE_BASE_URL"], !base.isEmpty {
            settings.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        }
        if let interval = env["OUTBOX_INTERVAL"].flatMap(Double.init) { settings.intervalSeconds = interval }
        return settings
    }

    static func parseSMTP(_ raw: String) throws -> SMTP {
        guard let url = URLComponents(string: raw), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme),
              let host = url.host, !host.isEmpty else { throw Problem.badSMTPURL(raw) }
        var security: Security = scheme == "smtps" ? .tls : .none
        if let value = url.queryItems?.first(where: { $0.name == "security" })?.value {
            guard let s = Security(rawValue: value) else { throw Problem.badSMTPURL(raw) }
            security = s
        }
        let port = url.port ?? (security == .tls ? 465 : security == .startTLS ? 587 : 25)
        return SMTP(host: host, port: port, security: security,
                    username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding)
    }

    static func parseAddress(_ raw: String) throws -> MailMessage.Address {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            let name = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            guard email.contains("@") else { throw Problem.badFrom(raw) }
            return .init(name: name.isEmpty ? nil : name, email: email)
        }
        guard text.contains("@"), !text.contains(" ") else { throw Problem.badFrom(raw) }
        return .init(email: text)
    }
}
