import Foundation
import Synchronization

/// A bounded in-memory cache of finished answers (tiles, maps, query answers) or of what they
/// are made from, by key: at most `capacity` bytes; a value larger than `largestEntry` is
/// handed out but not kept (one huge answer would push out hundreds of small ones); when full,
/// the least recently used entries go first. Entries of
/// draft editions expire after a while (a draft may change under a running server); published
/// ones only leave when space is needed. Safe to share across requests.
///
/// Written here because no package on this machine offers a byte-bounded, thread-safe LRU.
public final class ResourceCache<Value: Sendable>: Sendable {
    struct Entry {
        var value: Value
        var cost: Int
        var lastUse: UInt64
        var expires: ContinuousClock.Instant?
    }

    struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    public let capacity: Int
    public let largestEntry: Int
    private let state = Mutex(State())
    /// Work under way, by key: requests for the same missing value wait for one computation.
    private let inFlight = Mutex<[String: Task<Value, any Error>]>([:])

    public init(capacity: Int, largestEntry: Int? = nil) {
        self.capacity = capacity
        self.largestEntry = min(capacity, largestEntry ?? capacity)
    }

    /// The value under `key`, if held and not expired.
    public func value(_ key: String) -> Value? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            if let expires = entry.expires, expires < .now {
                state.entries[key] = nil
                state.bytes -= entry.cost
                return nil
            }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.value
        }
    }

    /// Keeps `value` (unless it is larger than `largestEntry`), making room by dropping the
    /// least recently used quarter of the entries as often as needed.
    public func insert(_ value: Value, cost: Int, for key: String, expiresAfter seconds: Double? = nil) {
        guard cost <= largestEntry else { return }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.cost }
            while state.bytes + cost > capacity, !state.entries.isEmpty {
                let oldest = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(max(1, state.entries.count / 4))
                for (oldKey, entry) in oldest {
                    state.entries[oldKey] = nil
                    state.bytes -= entry.cost
                }
            }
            state.clock += 1
            let expires = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
            state.entries[key] = Entry(value: value, cost: cost, lastUse: state.clock, expires: expires)
            state.bytes += cost
        }
    }

    /// Bytes and entries held.
    public var usage: (bytes: Int, entries: Int) { state.withLock { ($0.bytes, $0.entries.count) } }

    /// The value under `key`, made by `make` (off the server's threads, once however many
    /// requests ask at the same time, in its turn under `limiter`) and kept when missing. A
    /// caller waits at most `timeout`: then it gets `ServiceError.timeout` while the work goes
    /// on and fills the cache for later.
    /// - Throws: the limiter's 503 `busy` when it is full; the timeout; what `make` throws.
    public func value(_ key: String, expiresAfter seconds: Double?, timeout: Duration, limiter: WorkLimiter,
                      cost: @escaping @Sendable (Value) -> Int, make: @escaping @Sendable () throws -> Value) async throws -> Value {
        if let held = value(key) { return held }
        let task = inFlight.withLock { running in
            if let task = running[key] { return task }
            let task = Task<Value, any Error> {
                defer { _ = self.inFlight.withLock { $0.removeValue(forKey: key) } }
                let made = try await limiter.run(make)
                self.insert(made, cost: cost(made), for: key, expiresAfter: seconds)
                return made
            }
            running[key] = task
            return task
        }
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await task.value }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ServiceError(status: .serviceUnavailable, code: "timeout",
                                   reason: "the answer took longer than \(timeout); it is still being made: try again shortly")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}

/// Runs blocking work (SQLite, GEOS, building tiles) on a Dispatch worker, not on the threads
/// that serve connections.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result(catching: work)) }
    }
}
