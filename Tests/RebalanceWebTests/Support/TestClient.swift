import Foundation
import NIOCore
import RebalanceStore
@testable import RebalanceWeb
import Vapor
import VaporTesting

/// A browser-like client over the in-memory transport: keeps cookies, finds the CSRF token in
/// pages it loads, posts forms and JSON.
final class TestClient: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?

    init(_ app: Application) { self.app = app }

    func adoptCookie(_ name: String, _ value: String) { cookies[name] = value }

    @discardableResult
    func request(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var h = headers
        if !cookies.isEmpty {
            h.replaceOrAdd(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().performTest(request: TestingHTTPRequest(
            method: method, url: URI(string: path), headers: h, body: body ?? ByteBuffer()))
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.string.isEmpty || (value.expires.map { $0 < Date() } ?? false) { cookies[name] = nil } else { cookies[name] = value.string }
        }
        let text = response.body.string
        if let token = Self.csrfToken(in: text) { csrf = token }
        APIResponseRecorder.shared?.record(method, path, response)
        return response
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await request(.GET, path, headers: headers)
    }

    /// Posts a form as a browser would, with the CSRF token of the last page loaded.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if includeCSRF, let csrf { all.append(("csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await request(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        try await post(path, fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, includeCSRF: includeCSRF)
    }

    /// Sends JSON; with the session's CSRF token unless a bearer token is given.
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, _ body: String, bearer: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        else if let csrf { headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf) }
        return try await request(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    func signIn(_ email: String, password: String = DemoData.password) async throws {
        try await get("/sign-in")
        let response = try await post("/sign-in", ["email": email, "password": password])
        guard response.status == .seeOther else {
            throw SignInFailed(email: email, status: response.status.code, body: response.body.string)
        }
        // Load a page so the new session's token is known.
        try await get("/account")
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s).replacingOccurrences(of: "%20", with: "+")
    }
}

struct SignInFailed: Error, CustomStringConvertible {
    let email: String
    let status: UInt
    let body: String
    var description: String { "sign-in as \(email) answered \(status): \(body.prefix(500))" }
}

/// The demo's people by the role the permission tests need.
enum Demo {
    static let admin = "admin@fernhill.example"
    static let chair = "ada@fernhill.example"
    static let member = "tom@fernhill.example"
    static let councilStaff = "beth@harbourside.example"
    /// Council staff who administer the council: edit it, its teams, staff and directory.
    static let councilAdmin = "grace@harbourside.example"
    static let resident = "nadia@fernhill.example"
    static let partnership = "fernhill-big-local-partnership"
    static let area = "fernhill"
    static let council = "harbourside-city-council"
    static let funder = "local-trust"
}

extension TestingHTTPResponse {
    var text: String { body.string }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    var location: String? { headers.first(name: .location) }
}
