import Foundation
import Hummingbird
import HummingbirdTesting
import MapService
import XCTest

/// Issue 15: wrong tokens are throttled (before, 19,810 wrong tokens in a row were all
/// answered 401, a guessing machine's dream); published editions stay open to everyone.
final class TokenThrottleTests: XCTestCase {
    func testAnAddressIsThrottledAfterTheLimitUntilItsWindowPasses() {
        let throttle = TokenThrottle(limit: 3, window: .seconds(60))
        let start = ContinuousClock.now
        for _ in 0..<3 {
            XCTAssertNil(throttle.wait(for: "10.0.0.1", now: start))
            throttle.recordFailure(from: "10.0.0.1", now: start)
        }
        XCTAssertEqual(throttle.wait(for: "10.0.0.1", now: start + .seconds(1)), 60)
        XCTAssertNil(throttle.wait(for: "10.0.0.2", now: start + .seconds(1)), "other addresses are not affected")
        XCTAssertNil(throttle.wait(for: "10.0.0.1", now: start + .seconds(61)), "the window has passed")
    }

    func testOnlyTheMostRecentAddressesAreRemembered() {
        let throttle = TokenThrottle(limit: 1, window: .seconds(60), maximumClients: 2)
        let start = ContinuousClock.now
        throttle.recordFailure(from: "a", now: start)
        throttle.recordFailure(from: "b", now: start + .seconds(1))
        throttle.recordFailure(from: "c", now: start + .seconds(2))
        XCTAssertNil(throttle.wait(for: "a", now: start + .seconds(3)), "the oldest went")
        XCTAssertNotNil(throttle.wait(for: "c", now: start + .seconds(3)))
    }

    /// Through the service: 20 wrong tokens are answered 401, then every request with a token
    /// gets 429 with Retry-After (the right one too), while requests without one are served.
    func testTheServiceAnswers429AfterTwentyWrongTokens() async throws {
        try await MapServiceRouterTests.withRouter { client in
            for attempt in 0..<20 {
                let wrong = try await client.execute(uri: "/editions/draft/tiles.json", method: .get, headers: [.authorization: "Bearer guess-\(attempt)"])
                XCTAssertEqual(wrong.status, .unauthorized)
            }
            let throttled = try await client.execute(uri: "/editions/draft/tiles.json", method: .get, headers: [.authorization: "Bearer guess-x"])
            XCTAssertEqual(throttled.status, .tooManyRequests)
            XCTAssertNotNil(throttled.headers[.retryAfter])
            let right = try await client.execute(uri: "/editions/draft/tiles.json", method: .get,
                                                 headers: [.authorization: "Bearer \(MapServiceRouterTests.token)"])
            XCTAssertEqual(right.status, .tooManyRequests, "guessing faster learns nothing")
            let open = try await client.execute(uri: "/editions/pub/tiles.json", method: .get)
            XCTAssertEqual(open.status, .ok, "published editions stay open")
        }
    }
}
