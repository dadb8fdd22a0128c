import Foundation
import Synchronization
import Vapor

/// `/health` answers load balancers without touching the database; `/metrics` gives request
/// counts and time spent per route, in Prometheus text format, to administrators only (a
/// scraper uses an administrator's API token): it tells an attacker which routes are busy.
enum HealthEndpoints {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .health, .fixed(.viewPublic)) { _ in
                let response = Response(status: .ok, body: .init(staticString: "ok\n"))
                response.headers.contentType = .plainText
                return response
            },
            {
                var metrics = Endpoint(.GET, "/metrics", .fixed(.site(.administer))) { req in
                    let response = Response(status: .ok, body: .init(string: req.application.requestMetrics.exposition()))
                    response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
                    return response
                }
                metrics.cacheable = false
                return metrics
            }(),
        ]
    }
}

final class RequestMetrics: Sendable {
    struct Key: Hashable { let method: String; let route: String; let status: Int }
    struct Tally { var count = 0; var seconds = 0.0 }
    private let tallies = Mutex<[Key: Tally]>([:])

    func record(method: String, route: String, status: Int, seconds: Double) {
        tallies.withLock { t in
            t[Key(method: method, route: route, status: status), default: Tally()].count += 1
            t[Key(method: method, route: route, status: status), default: Tally()].seconds += seconds
        }
    }

    func exposition() -> String {
        let snapshot = tallies.withLock { $0 }
        let keys = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        var lines = ["# HELP rebalance_http_requests_total Requests answered, by route and status.",
                     "# TYPE rebalance_http_requests_total counter"]
        for k in keys { lines.append("rebalance_http_requests_total{\(labels(k))} \(snapshot[k]!.count)") }
        lines += ["# HELP rebalance_http_request_seconds_total Time spent answering, by route and status.",
                  "# TYPE rebalance_http_request_seconds_total counter"]
        for k in keys { lines.append("rebalance_http_request_seconds_total{\(labels(k))} \(String(format: "%.6f", snapshot[k]!.seconds))") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func labels(_ k: Key) -> String {
        "method=\"\(k.method)\",route=\"\(k.route.replacingOccurrences(of: "\"", with: ""))\",status=\"\(k.status)\""
    }
}

struct MetricsMiddleware: AsyncMiddleware {
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// Any method a client invents counts as "other", so no one can add series at will.
    static func label(for method: HTTPMethod) -> String {
        knownMethods.contains(method.rawValue) ? method.rawValue : "other"
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: req)
        let elapsed = ContinuousClock.now - start
        // The route pattern, not the URL, so the number of series stays small.
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        req.application.requestMetrics.record(method: Self.label(for: req.method), route: route, status: Int(response.status.code), seconds: seconds)
        return response
    }
}
