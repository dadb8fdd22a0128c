import Dispatch
import Foundation

/// Counts equal shares for several budget increments at once, one per processor.
///
/// Each run is independent of the others (same profile, its own budgets), so running them side by
/// side changes nothing in any outcome; the completion still reads them in increment order.
enum SpeculativeRuns {
    /// How many increments to count at once: the processors this process may use.
    static let width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Selections of equal shares for each increment in `increments`, in that order.
    static func outcomes(_ engine: EqualSharesEngine, increments: Range<Int>) -> [[Int]] {
        let count = increments.count
        if count <= 1 {
            return increments.map { engine.run(increment: $0).selected }
        }
        let slots = ResultSlots(count: count)
        let first = increments.lowerBound
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots.store(engine.run(increment: first + i).selected, at: i)
        }
        return slots.values
    }
}

/// One result slot per parallel run; each slot is written by exactly one run, read after all end.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [[Int]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ value: [Int], at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [[Int]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
