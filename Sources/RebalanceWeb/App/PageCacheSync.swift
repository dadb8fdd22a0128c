import Foundation
import RebalanceStore
import Synchronization
import Vapor

/// Keeps the anonymous page caches of several instances sharing one database honest (ADR 0032).
///
/// Each change an instance handles adds one to a counter in the database; every instance reads
/// that counter in the background every `interval` and empties its own cache when the value is
/// not the one it saw last. So a cached request never waits for the database, and a page cached
/// on one instance is refreshed at most about `interval` after a change made on another.
final class PageCacheSync: Sendable {
    let caches: PageCaches
    /// The counter's value this instance last acted on; nil until the first look, which empties
    /// the cache too (a page may have been kept before it).
    private let seen = Mutex<Int64?>(nil)

    init(caches: PageCaches) {
        self.caches = caches
    }

    /// After a change handled here (the local cache is already emptied): tell the others. When
    /// the new value is exactly one past what we saw, no one else changed anything in between,
    /// so our own next look need not empty the cache again.
    func changed(on db: any Database, logger: Logger) async {
        do {
            let value = try await ChangeCounter.bump(on: db)
            seen.withLock { if $0 == value - 1 { $0 = value } }
        } catch {
            // The change itself is done; other instances will catch up when their copies age.
            logger.warning("Could not tell other instances about a change: \(error)")
        }
    }

    /// One look at the counter: empties the cache if anyone changed anything since the last look.
    func check(on db: any Database) async throws {
        let value = try await ChangeCounter.value(on: db)
        let moved = seen.withLock { s -> Bool in
            defer { s = value }
            return s != value
        }
        if moved { caches.invalidateAll() }
    }
}

/// Runs `PageCacheSync.check` every `interval` seconds while the server runs.
struct PageCacheSyncWorker: LifecycleHandler {
    let sync: PageCacheSync
    let interval: Double
    let task = TaskHolder()

    func didBootAsync(_ app: Application) async throws {
        let (sync, interval) = (self.sync, self.interval)
        task.start(Task {
            var failing = false
            while !Task.isCancelled {
                do {
                    try await sync.check(on: app.db)
                    failing = false
                } catch {
                    // Said once per outage, not four times a second. Kept pages still age out.
                    if !failing { app.logger.warning("Could not read the change counter: \(error)") }
                    failing = true
                }
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
        })
    }

    func shutdownAsync(_ app: Application) async {
        await task.stop()
    }
}
