import Foundation
import HTTPTypes
import Synchronization

/// How much expensive work (a query answer, a map, a tile) runs at once: at most `concurrent`
/// jobs, at most `queued` more waiting their turn in arrival order; a job beyond that is refused
/// at once with 503 and `Retry-After`, so a flood of expensive requests costs the server a
/// bounded amount of memory and CPU and leaves the cheap routes (finished tiles, locate, the
/// edition list), which never come here, their share of the machine.
///
/// Written here because no package on this machine offers an async semaphore with a bounded queue.
public final class WorkLimiter: Sendable {
    public let name: String
    public let concurrent: Int
    public let queued: Int

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var refused = 0
    }
    private let state = Mutex(State())

    public init(name: String, concurrent: Int, queued: Int) {
        self.name = name
        self.concurrent = max(1, concurrent)
        self.queued = max(0, queued)
    }

    /// Jobs running, waiting, and refused so far.
    public var usage: (running: Int, waiting: Int, refused: Int) {
        state.withLock { ($0.running, $0.waiting.count, $0.refused) }
    }

    /// Runs `work` off the server's threads when its turn comes.
    /// - Throws: `ServiceError` 503 `busy` with `Retry-After` when `concurrent` jobs run and
    ///   `queued` wait already; whatever `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await offload(work)
    }

    private func acquire() async throws {
        // Decided and enqueued under one lock, so a release cannot miss a waiter. A waiter is
        // resumed with true when its turn comes; false refuses at once.
        let admitted = await withCheckedContinuation { (turn: CheckedContinuation<Bool, Never>) in
            let decision: Bool? = state.withLock { state in
                if state.running < concurrent {
                    state.running += 1
                    return true
                }
                guard state.waiting.count < queued else {
                    state.refused += 1
                    return false
                }
                state.waiting.append(turn)
                return nil
            }
            if let decision { turn.resume(returning: decision) }
        }
        guard admitted else { throw busy() }
    }

    /// Hands the slot to the next waiter, or frees it; when the last job of the kind is done,
    /// the memory it freed goes back to the system.
    private func release() {
        let (next, idle): (CheckedContinuation<Bool, Never>?, Bool) = state.withLock { state in
            if state.waiting.isEmpty {
                state.running -= 1
                return (nil, state.running == 0)
            }
            return (state.waiting.removeFirst(), false)
        }
        next?.resume(returning: true)
        if idle { ProcessMemory.releaseFreeMemory() }
    }

    private func busy() -> ServiceError {
        var error = ServiceError(status: .serviceUnavailable, code: "busy",
                                 reason: "the server is busy with \(concurrent + queued) \(name) already; try again in a moment")
        error.headers[.retryAfter] = "1"
        return error
    }
}
