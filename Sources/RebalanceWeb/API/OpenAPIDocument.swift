import RebalanceCore
import Vapor

/// What the OpenAPI document says about one API endpoint. It sits on the endpoint itself,
/// so a route cannot exist without its documentation, nor the other way round.
public struct APIDoc: Sendable {
    public enum Body: Sendable {
        case none
        case object(String)
        case list(String)
    }

    public struct QueryParameter: Sendable {
        let name: String
        let description: String
        let schema: JSONValue
    }

    var summary: String
    var tag: String
    var query: [QueryParameter] = []
    var request: String?
    var response: Body
    var status: Int = 200
    var errors: [Int] = []

    static let paging: [QueryParameter] = [
        QueryParameter(name: "page", description: "Page number, from 1 to \(PageWindow.maxPage)",
                       schema: ["type": "integer", "minimum": 1, "maximum": .int(PageWindow.maxPage), "default": 1]),
        QueryParameter(name: "per", description: "Items per page, 1 to \(PageWindow.maxPer)",
                       schema: ["type": "integer", "minimum": 1, "maximum": .int(PageWindow.maxPer), "default": 20]),
    ]
}

enum OpenAPIDocument {
    static func make(_ endpoints: [Endpoint]) -> JSONValue {
        var paths: [(String, JSONValue)] = []
        let apiEndpoints = endpoints.filter(\.isAPI)
        var order: [String] = []
        var byPath: [String: [Endpoint]] = [:]
        for e in apiEndpoints {
            let path = openAPIPath(e.pattern)
            if byPath[path] == nil { order.append(path) }
            byPath[path, default: []].append(e)
        }
        for path in order {
            var operations: [(String, JSONValue)] = []
            for e in byPath[path]! {
                operations.append((e.method.rawValue.lowercased(), operation(e)))
            }
            paths.append((path, .object(operations)))
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Rebalance API",
                "version": "1.0.0",
                "description": "Areas, partnerships, their members and organisations; each partnership's agreement with its council, commitments register, projects, timeline and accountability record. Lists are {\"items\": [...]} with paging. Errors are JSON with a message per field. Authenticate with a personal API token (Authorization: Bearer), or with the browser session plus an X-CSRF-Token header for changes.",
                "license": ["name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"],
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "schemas": APISchemas.components,
                "securitySchemes": [
                    "token": ["type": "http", "scheme": "bearer", "description": "A personal API token made on your account page"],
                    "session": ["type": "apiKey", "in": "cookie", "name": .string(WebSessionMiddleware.cookieName)],
                ],
                "responses": [
                    "Problem": [
                        "description": "What went wrong, with a message per field where fields were wrong",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                    ],
                ],
            ],
            "security": [[:], ["token": []], ["session": []]],
        ]
    }

    static func openAPIPath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    /// Every error status the operation can answer, from what the endpoint is rather than from
    /// memory: a route with a parameter can name nothing (404), one needing a permission can be
    /// refused (401, 403), a body can be malformed (400), too large (413), not JSON (415) or
    /// wrong (422), and a query parameter can be wrong (422). `doc.errors` adds the rest (409).
    static func errorStatuses(_ e: Endpoint) -> Set<Int> {
        let doc = e.doc!
        var codes = Set(doc.errors + [400])
        if e.pattern.split(separator: "/").contains(where: { $0.hasPrefix(":") }) { codes.insert(404) }
        if case .fixed(.viewPublic) = e.rule {} else { codes.formUnion([401, 403]) }
        if doc.request != nil { codes.formUnion([413, 415, 422]) }
        if !doc.query.isEmpty { codes.insert(422) }
        return codes
    }

    static func operation(_ e: Endpoint) -> JSONValue {
        let doc = e.doc!
        var parameters: [JSONValue] = e.pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { p in
            ["name": .string(String(p.dropFirst())), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += doc.query.map { q in
            ["name": .string(q.name), "in": "query", "required": false, "description": .string(q.description), "schema": q.schema]
        }
        let operationID = e.method.rawValue.lowercased() + e.pattern.split(separator: "/").dropFirst(2).map { part -> String in
            let clean = part.hasPrefix(":") ? "By" + part.dropFirst().capitalized : part.capitalized
            return clean.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
        }.joined()
        var responses: [(String, JSONValue)] = []
        let success: JSONValue
        switch doc.response {
        case .none: success = ["description": "Done"]
        case .object(let name):
            success = ["description": "OK", "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(name)")]]]]
        case .list(let name):
            success = ["description": "One page of the list",
                       "content": ["application/json": ["schema": APISchemas.list(of: name)]]]
        }
        responses.append((String(doc.status), success))
        for code in errorStatuses(e).sorted() {
            responses.append((String(code), ["$ref": "#/components/responses/Problem"]))
        }
        var op: JSONValue = [
            "operationId": .string(operationID),
            "summary": .string(doc.summary),
            "tags": [.string(doc.tag)],
            "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        if case .fixed(.viewPublic) = e.rule {} else {
            // Anonymous requests are refused here: a token or a signed-in session is needed.
            op = op.setting("security", [["token": []], ["session": []]])
        }
        if let request = doc.request {
            op = op.setting("requestBody", [
                "required": true,
                "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(request)")]]],
            ])
        }
        return op
    }
}

enum OpenAPIEndpoints {
    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .openAPI, .fixed(.viewPublic),
                 doc: APIDoc(summary: "This document", tag: "meta", response: .object("OpenAPIDocument"))) { req in
                try API.json(OpenAPIDocument.make(req.application.endpoints))
            },
        ]
    }
}
