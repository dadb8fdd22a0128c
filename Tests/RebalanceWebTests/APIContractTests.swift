import Foundation
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Issue 12: no request stops the server, and the OpenAPI document says what the server does.
@Suite struct APIContractTests {
    /// This request used to overflow `(page - 1) * per` and stop the whole process.
    @Test func aHugePageIsAnsweredWith422NamingTheField() async throws {
        try await TestApp.run { app in
            let client = TestClient(app)
            for path in ["/api/v1/areas", "/api/v1/partnerships", "/api/v1/organisations",
                         "/api/v1/partnerships/\(Demo.partnership)/members", "/api/v1/partnerships/\(Demo.partnership)/commitments",
                         "/api/v1/organisations/\(Demo.council)/teams", "/api/v1/councils/\(Demo.council)/directory"] {
                for page in ["1000000000000000000", "9223372036854775807", "1000001", "1e30", "-1", ""] {
                    let r = try await client.get(path + "?page=\(page)")
                    #expect(r.status == .unprocessableEntity, "\(path)?page=\(page)")
                    let fields = try r.json()["fields"] as? [String: String]
                    #expect(fields?["page"] == "page must be a whole number from 1 to 1000000")
                }
                let per = try await client.get(path + "?per=9223372036854775807&page=9223372036854775807")
                #expect(per.status == .unprocessableEntity)
                #expect(try await client.get(path + "?page=1000000&per=100").status == .ok)
            }
            // Pages share Paging: the home page's list of areas, too.
            #expect(try await client.get("/?page=1000000000000000000").status == .unprocessableEntity)
            #expect(try await client.get("/partnerships/\(Demo.partnership)/commitments?page=9223372036854775807").status == .unprocessableEntity)
            // A timeline year outside the history is ignored; one that is no number is refused.
            for year in ["-9223372036854775808", "9223372036854775807", "0", "1e30", "99999999999999999999"] {
                let status = try await client.get("/partnerships/\(Demo.partnership)/timeline?year=\(year)").status.code
                #expect(status == 200 || status == 400, "year=\(year) answered \(status)")
            }
            // Signed in: the lists added for issue 14 share Paging too.
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            for path in ["/api/v1/me/work", "/partnerships/\(Demo.partnership)/proposals"] {
                for page in ["9223372036854775807", "-9223372036854775808", "1e30"] {
                    #expect(try await chair.get(path + "?page=\(page)").status == .unprocessableEntity, "\(path)?page=\(page)")
                }
                #expect(try await chair.get(path + "?page=1000000&per=100").status == .ok, "\(path)")
            }
            #expect(try await chair.post("/your-work/notices/not-a-uuid/seen", [:]).status == .notFound)
            #expect(try await client.get("/health").status == .ok)
        }
    }

    @Test func anUnknownMethodOnAKnownAddressGets405WithAllow() async throws {
        try await TestApp.run { app in
            let client = TestClient(app)
            let trace = try await client.request(HTTPMethod(rawValue: "TRACE"), "/api/v1/areas")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(try trace.json()["error"] as? String == "method_not_allowed")
            let delete = try await client.request(.DELETE, "/api/v1/areas/\(Demo.area)")
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers.first(name: .allow) == "GET, HEAD, PATCH")
            let put = try await client.request(.PUT, "/api/v1/partnerships/\(Demo.partnership)/commitments/\(UUID())")
            #expect(put.headers.first(name: .allow) == "GET, HEAD")
            // No such address at all stays 404.
            #expect(try await client.request(HTTPMethod(rawValue: "TRACE"), "/api/v1/nowhere").status == .notFound)
            #expect(try await client.request(.GET, "/api/v1/areas/\(Demo.area)/nothing").status == .notFound)
        }
    }

    /// Every status an operation can answer is in the document, decided from the endpoint itself.
    @Test func theDocumentListsEveryStatusAnOperationCanAnswer() async throws {
        try await TestApp.run { app in
            let doc = try await TestClient(app).get("/api/v1/openapi.json").json()
            let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
            for (path, operations) in paths {
                for (method, op) in operations {
                    let statuses = Set((op["responses"] as? [String: Any] ?? [:]).keys)
                    let label = "\(method.uppercased()) \(path)"
                    #expect(statuses.contains("400"), "\(label)")
                    if path.contains("{") { #expect(statuses.contains("404"), "\(label)") }
                    if op["requestBody"] != nil {
                        #expect(statuses.isSuperset(of: ["413", "415", "422"]), "\(label): \(statuses.sorted())")
                    }
                    let parameters = op["parameters"] as? [[String: Any]] ?? []
                    if parameters.contains(where: { $0["in"] as? String == "query" }) { #expect(statuses.contains("422"), "\(label)") }
                    if let page = parameters.first(where: { $0["name"] as? String == "page" }) {
                        #expect((page["schema"] as? [String: Any])?["maximum"] as? Int == 1_000_000)
                    }
                }
            }
            let postMembers = try #require(paths["/api/v1/partnerships/{slug}/members"]?["post"])
            #expect(Set((postMembers["responses"] as? [String: Any] ?? [:]).keys).isSuperset(of: ["401", "403"]))
        }
    }

    /// `from` and `through` are dates in the schema; anything else is refused, not quietly replaced.
    @Test func malformedMeetingDatesAreRefused() async throws {
        try await TestApp.run { app in
            let client = TestClient(app)
            let path = "/api/v1/partnerships/\(Demo.partnership)/meetings"
            for bad in ["", "%20", "+026-01-01", "%202026-01-01", "2026-1-01", "2026-02-30", "20260101", "2026-01-01T00:00"] {
                let r = try await client.get(path + "?through=\(bad)")
                #expect(r.status == .unprocessableEntity, "through=\(bad)")
                #expect((try r.json()["fields"] as? [String: String])?["through"] != nil)
            }
            #expect(try await client.get(path + "?from=2026-01-01&through=2026-12-31").status == .ok)
        }
    }

    /// Bodies are held to their published schema before a handler reads them.
    @Test func bodiesOutsideTheirSchemaAreRefused() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let path = "/api/v1/partnerships/\(Demo.partnership)/polls"
            let wrongType = try await chair.json(.POST, path, #"{"title": 5, "kind": "approval"}"#)
            #expect(wrongType.status == .badRequest)
            #expect((try wrongType.json()["message"] as? String)?.contains("title") == true)
            let tooMany = try await chair.json(.POST, path, #"{"title": "Benches", "kind": "dot_vote", "dotAllowance": 9223372036854775808}"#)
            #expect(tooMany.status == .unprocessableEntity)
            #expect((try tooMany.json()["fields"] as? [String: String])?["dotAllowance"] != nil)
            let notJSON = try await chair.request(.POST, path, headers: ["Content-Type": "text/plain", "X-CSRF-Token": chair.csrf ?? ""],
                                                  body: ByteBuffer(string: "title=x"))
            #expect(notJSON.status == .unsupportedMediaType)
            // Longer than the schema allows (a body over 1 MB gets 413 from the real server: test_crash.py).
            let tooLong = try await chair.json(.POST, path, #"{"title": ""# + String(repeating: "x", count: 141) + #"", "kind": "approval"}"#)
            #expect(tooLong.status == .unprocessableEntity)
            #expect((try tooLong.json()["fields"] as? [String: String])?["title"] == "title must be 140 characters or fewer")
            #expect(try await chair.get("/health").status == .ok)
        }
    }
}
