import Foundation
import Hummingbird
import HummingbirdTesting
import MapService
import XCTest

/// Issue 15, defect 2: expensive routes take turns and refuse what is beyond their queue (503
/// with Retry-After) while the cheap routes answer; answers too large for the cache are handed
/// out but not kept. Before, every gap report ran at once (RSS 488 MB → 2.6 GB under a flood)
/// and a huge answer pushed everything else out of the cache.
final class ServiceLimitsTests: XCTestCase {
    func testAFloodOfGapReportsIsRefusedBeyondItsQueueWhileLocateAnswers() async throws {
        try await MapServiceRouterTests.withRouter(configure: { $0.queryWorkers = 1; $0.reportQueue = 0 }) { client in
            // The builder first (made once, shared by the flood).
            let first = try await client.execute(uri: "/api/gaps?bureau=shikoku", method: .get)
            XCTAssertEqual(first.status, .ok)
            let answers = try await withThrowingTaskGroup(of: (kind: String, status: Int, retryAfter: String?).self) { group in
                for i in 0..<12 {
                    group.addTask {
                        let response = try await client.execute(uri: "/api/gaps?bureau=shikoku&km=\(i + 1)&level=ward&format=geojson", method: .get)
                        return ("gaps", response.status.code, response.headers[.retryAfter])
                    }
                    group.addTask {
                        let response = try await client.execute(uri: "/api/locate?lon=\(133.5 + Double(i) * 0.01)&lat=33.56", method: .get)
                        return ("locate", response.status.code, nil)
                    }
                }
                var all: [(kind: String, status: Int, retryAfter: String?)] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            let gaps = answers.filter { $0.kind == "gaps" }, locate = answers.filter { $0.kind == "locate" }
            XCTAssertEqual(locate.map(\.status), Array(repeating: 200, count: 12), "the cheap route is never refused")
            XCTAssertTrue(gaps.allSatisfy { $0.status == 200 || $0.status == 503 }, "\(gaps.map(\.status))")
            XCTAssertGreaterThan(gaps.filter { $0.status == 200 }.count, 0)
            let refused = gaps.filter { $0.status == 503 }
            XCTAssertGreaterThan(refused.count, 0, "one report at a time, none waiting: the rest are refused")
            XCTAssertTrue(refused.allSatisfy { $0.retryAfter == "1" })
        }
    }

    func testAnswersLargerThanTheLargestEntryAreNotKept() {
        let cache = ResourceCache<[UInt8]>(capacity: 1000, largestEntry: 100)
        cache.insert(Array(repeating: 1, count: 200), cost: 200, for: "big")
        XCTAssertNil(cache.value("big"))
        cache.insert(Array(repeating: 1, count: 50), cost: 50, for: "small")
        XCTAssertNotNil(cache.value("small"))
        XCTAssertEqual(cache.usage.bytes, 50)
        // Full: the least recently used go first, the total stays within the capacity.
        for i in 0..<40 { cache.insert([1], cost: 90, for: "k\(i)") }
        XCTAssertLessThanOrEqual(cache.usage.bytes, 1000)
        XCTAssertNotNil(cache.value("k39"))
    }
}
