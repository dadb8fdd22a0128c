import Foundation
import RebalanceCore
import RebalanceStore
import Synchronization
import Vapor

/// Signed-in sessions and the people behind them, kept in memory for a short while (ADR 0036).
///
/// Without it every signed-in request reads its session, its person and their roles before the
/// page's own queries. An entry is dropped when its session is written (sign-out, a flash
/// message, the five-minute "last seen" touch); everything is dropped after any request other
/// than GET or HEAD handled here, as soon as another instance sharing the database reports a
/// change (`PageCacheSync`), and in any case after `lifetime`, which bounds changes made outside
/// requests. Limits are still judged on every request from the kept times.
final class SignedInCache: Sendable {
    struct Session: Sendable {
        let recordID: UUID
        let data: [String: String]
        let startedAt: Date?
        let lastSeenAt: Date?
        let expiresAt: Date
    }

    private struct Entry: @unchecked Sendable {
        let session: Session
        // Never handed out: each request gets a detached copy.
        var person: PersonRecord?
        var actor: Actor?
        /// How many lines the person's "your work" has, for the header.
        var workCount: Int?
        let kept: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Raised by every invalidation: a read that began before one must not store what it read.
        var generation: UInt64 = 0
    }

    let lifetime: Duration
    private let capacity: Int
    private let state = Mutex(State())

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > .zero }

    /// Taken before reading the database; `keep…` stores only if nothing changed since.
    var generation: UInt64 { state.withLock { $0.generation } }

    func session(_ keyHash: String, now: ContinuousClock.Instant = .now) -> Session? {
        state.withLock { s in
            guard let e = s.entries[keyHash], now - e.kept < lifetime else { return nil }
            return e.session
        }
    }

    func person(_ keyHash: String, id: UUID, now: ContinuousClock.Instant = .now) -> (PersonRecord, Actor)? {
        let kept: (PersonRecord, Actor)? = state.withLock { s in
            guard let e = s.entries[keyHash], now - e.kept < lifetime, let p = e.person, p.id == id, let a = e.actor else { return nil }
            return (p, a)
        }
        return kept.map { ($0.0.detachedCopy(), $0.1) }
    }

    func keep(_ keyHash: String, session: Session, readAt generation: UInt64) {
        guard isEnabled else { return }
        state.withLock { s in
            guard s.generation == generation else { return }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[keyHash] = Entry(session: session, person: nil, actor: nil, workCount: nil, kept: .now)
        }
    }

    func keep(_ keyHash: String, person: PersonRecord, actor: Actor, readAt generation: UInt64) {
        guard isEnabled else { return }
        let copy = person.detachedCopy()
        state.withLock { s in
            guard s.generation == generation, var e = s.entries[keyHash] else { return }
            e.person = copy
            e.actor = actor
            s.entries[keyHash] = e
        }
    }

    func workCount(_ keyHash: String, now: ContinuousClock.Instant = .now) -> Int? {
        state.withLock { s in
            guard let e = s.entries[keyHash], now - e.kept < lifetime else { return nil }
            return e.workCount
        }
    }

    func keep(_ keyHash: String, workCount: Int, readAt generation: UInt64) {
        guard isEnabled else { return }
        state.withLock { s in
            guard s.generation == generation, var e = s.entries[keyHash] else { return }
            e.workCount = workCount
            s.entries[keyHash] = e
        }
    }

    func forget(_ keyHash: String) {
        state.withLock { s in
            s.generation &+= 1
            s.entries[keyHash] = nil
        }
    }

    func invalidate() {
        state.withLock { s in
            s.generation &+= 1
            s.entries.removeAll(keepingCapacity: true)
        }
    }
}

struct SignedInCacheKey: StorageKey { typealias Value = SignedInCache }
struct SessionKeyHashKey: StorageKey { typealias Value = String }

extension Application {
    var signedInCache: SignedInCache? { storage[SignedInCacheKey.self] }
}
