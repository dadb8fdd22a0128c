import Foundation
import RebalanceCore
import Vapor

/// The JSON error body: a code, a sentence, and one message per field that was wrong.
struct APIProblem: Encodable {
    let error: String
    let message: String
    let fields: [String: String]?
    let status: HTTPResponseStatus

    enum CodingKeys: String, CodingKey { case error, message, fields }

    init(_ problem: Problem) {
        error = problem.code
        message = problem.message
        fields = problem.fields.isEmpty ? nil : Dictionary(problem.fields.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        status = problem.status
    }

    func response(for req: Request) throws -> Response {
        let response = try API.json(self, status: status)
        if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        return response
    }
}

/// Page through a list: `?page=2&per=50`. The limits live in `PageWindow` (Core), so no
/// page number, however large, can overflow the offset computed from it.
struct Paging: Sendable {
    static let maxPer = PageWindow.maxPer
    static let maxPage = PageWindow.maxPage
    let window: PageWindow
    var page: Int { window.page }
    var per: Int { window.per }

    init(_ req: Request, defaultPer: Int = 20) throws {
        window = try PageWindow.parse(page: req.query[String.self, at: "page"], per: req.query[String.self, at: "per"],
                                      defaultPer: defaultPer)
    }

    /// This page of a list already loaded whole.
    func slice<C: Collection>(_ items: C) -> [C.Element] { window.slice(of: items) }
}

struct ListBody<Item: Encodable>: Encodable {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
    let pages: Int

    init(_ items: [Item], paging: Paging, total: Int) {
        self.items = items
        self.page = paging.page
        self.per = paging.per
        self.total = total
        self.pages = paging.window.pages(of: total)
    }

    /// A list the API returns whole (one range of meetings), written in the same shape: one page.
    init(whole items: [Item]) {
        self.items = items
        page = 1
        per = max(items.count, 1)
        total = items.count
        pages = 1
    }
}

enum API {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: encoder)
        return response
    }

    /// Reads a JSON body, answering 400 with a readable reason when it is not JSON of the right shape.
    static func body<T: Decodable>(_ type: T.Type, from req: Request) throws -> T {
        guard req.headers.contentType == .json || req.headers.contentType?.subType == "json" else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as JSON, with Content-Type: application/json")
        }
        guard let buffer = req.body.data else {
            throw Abort(.badRequest, reason: "The request has no body: send a JSON object")
        }
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw error
        }
    }

    /// `version` must be sent with every change, so two editors cannot overwrite each other.
    static func requireVersion(_ version: Int?) throws -> Int {
        guard let version else {
            throw ValidationFailure("version", "version is missing: send the version you last read, so we can tell if someone else changed it since")
        }
        return version
    }
}

