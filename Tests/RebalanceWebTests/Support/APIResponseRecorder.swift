import Foundation
import Testing
import Vapor
import VaporTesting

/// Writes every /api/v1 response the tests receive, one JSON object a line, to the file
/// `REBALANCE_API_RECORD` names. Swift has no JSON Schema validator to hand, so
/// `scripts/check-api-responses` checks each one against the OpenAPI document afterwards; this
/// way signed-in responses, refusals and errors are checked as well as the public happy paths.
final class APIResponseRecorder: @unchecked Sendable {
    static let shared: APIResponseRecorder? = ProcessInfo.processInfo.environment["REBALANCE_API_RECORD"]
        .flatMap { $0.isEmpty ? nil : APIResponseRecorder(path: $0) }

    private let handle: FileHandle
    private let lock = NSLock()

    private init?(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func record(_ method: HTTPMethod, _ path: String, _ response: TestingHTTPResponse) {
        guard path.hasPrefix("/api/v1") else { return }
        let body = response.body.getString(at: response.body.readerIndex, length: response.body.readableBytes)
        let entry: [String: Any] = [
            "test": Test.current?.name ?? "?",
            "method": method.rawValue,
            "path": path,
            "status": Int(response.status.code),
            "contentType": response.headers.first(name: .contentType) ?? "",
            // Every API body is UTF-8 (JSON or CSV); a body that is not is recorded as such and fails.
            "body": body ?? "",
            "bodyIsUTF8": body != nil,
        ]
        guard var line = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        handle.write(line)
    }
}
