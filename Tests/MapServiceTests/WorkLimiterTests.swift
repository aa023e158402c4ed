import Foundation
import Hummingbird
import MapService
import XCTest

/// Issue 15: expensive work runs a few at a time, a bounded number wait in arrival order, and
/// the rest are refused at once with 503 and Retry-After (before, every request started its own
/// work: 16 gap-report floods took the server to 2.6 GB and starved the cheap routes).
final class WorkLimiterTests: XCTestCase {
    /// A gate the jobs wait at until the test opens it.
    final class Gate: @unchecked Sendable {
        private let condition = NSCondition()
        private var open = false
        func wait() {
            condition.lock()
            while !open { condition.wait() }
            condition.unlock()
        }
        func openIt() {
            condition.lock()
            open = true
            condition.broadcast()
            condition.unlock()
        }
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { return XCTFail("timed out") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func testOneRunsOneWaitsTheRestAreRefusedWithRetryAfter() async throws {
        let limiter = WorkLimiter(name: "queries", concurrent: 1, queued: 1)
        let gate = Gate()
        let order = Order()
        let first = Task { try await limiter.run { gate.wait(); order.add(1); return 1 } }
        try await waitUntil { limiter.usage.running == 1 }
        let second = Task { try await limiter.run { order.add(2); return 2 } }
        try await waitUntil { limiter.usage.waiting == 1 }
        do {
            _ = try await limiter.run { 3 }
            XCTFail("a third job must be refused while one runs and one waits")
        } catch let error as ServiceError {
            XCTAssertEqual(error.status.code, 503)
            XCTAssertEqual(error.code, "busy")
            XCTAssertEqual(error.headers[.retryAfter], "1")
        }
        XCTAssertEqual(limiter.usage.refused, 1)
        gate.openIt()
        let results = try await [first.value, second.value]
        XCTAssertEqual(results, [1, 2])
        XCTAssertEqual(order.values, [1, 2], "the waiting job runs after the running one, in turn")
        XCTAssertEqual(limiter.usage.running, 0)
        XCTAssertEqual(limiter.usage.waiting, 0)
        // Free again: a job runs at once.
        let again = try await limiter.run { 4 }
        XCTAssertEqual(again, 4)
    }

    func testAFailedJobFreesItsTurn() async throws {
        let limiter = WorkLimiter(name: "tiles", concurrent: 1, queued: 0)
        struct Failure: Error {}
        do { _ = try await limiter.run { () throws -> Int in throw Failure() } } catch is Failure {}
        let after = try await limiter.run { 5 }
        XCTAssertEqual(after, 5)
        XCTAssertEqual(limiter.usage.running, 0)
    }

    final class Order: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int] = []
        func add(_ value: Int) { lock.withLock { list.append(value) } }
        var values: [Int] { lock.withLock { list } }
    }
}
