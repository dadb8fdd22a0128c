import Foundation
import RebalanceCore
import Synchronization

/// The scores of closed health-check rounds, kept for the life of the process.
///
/// Once a round has closed and its answer sheets are detached from the people who gave them, the
/// sheets never change, so neither do its scores nor its comparison with the round before it.
/// Scoring means decoding every sheet: at fifteen years of rounds that was most of the health
/// check page, and the cross-area table scores the latest round of every area. Keyed by the round
/// and the round it is compared with, so a round scored against a different predecessor (one
/// that closed later but ended earlier) is never served the wrong comparison.
final class ClosedRoundScores: Sendable {
    struct Key: Hashable, Sendable {
        let round: UUID
        let previous: UUID?
    }

    static let shared = ClosedRoundScores(capacity: 50_000)

    private let capacity: Int
    private let kept = Mutex<[Key: HealthCheckResults]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func results(for key: Key) -> HealthCheckResults? {
        kept.withLock { $0[key] }
    }

    func keep(_ results: HealthCheckResults, for key: Key) {
        kept.withLock { k in
            if k.count >= capacity { k.removeAll(keepingCapacity: true) }
            k[key] = results
        }
    }
}
