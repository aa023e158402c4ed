import Foundation
import Synchronization

/// Slows down guessing of the draft token: a client address that sent `limit` wrong tokens
/// within `window` gets 429 with Retry-After for every request that carries a token until the
/// window it started has passed (a right token too, so guessing faster learns nothing). Requests
/// without a token (published editions) are never throttled. At most `maximumClients`
/// addresses are remembered; the oldest go first.
///
/// Written here because no package on this machine offers rate limiting for Hummingbird 2.
public final class TokenThrottle: Sendable {
    public let limit: Int
    public let window: Duration
    public let maximumClients: Int
    private struct Client {
        var failures: Int
        var since: ContinuousClock.Instant
    }
    private let clients = Mutex<[String: Client]>([:])

    public init(limit: Int = 20, window: Duration = .seconds(60), maximumClients: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.maximumClients = maximumClients
    }

    /// Whole seconds until `address` may send a token again; nil when it may now.
    public func wait(for address: String, now: ContinuousClock.Instant = .now) -> Int? {
        clients.withLock { clients in
            guard let client = clients[address] else { return nil }
            let elapsed = now - client.since
            if elapsed >= window {
                clients[address] = nil
                return nil
            }
            guard client.failures >= limit else { return nil }
            return max(1, Int((window - elapsed).components.seconds) + 1)
        }
    }

    /// Counts a wrong token sent from `address`.
    public func recordFailure(from address: String, now: ContinuousClock.Instant = .now) {
        clients.withLock { clients in
            if var client = clients[address], now - client.since < window {
                client.failures += 1
                clients[address] = client
                return
            }
            if clients[address] == nil, clients.count >= maximumClients,
               let oldest = clients.min(by: { $0.value.since < $1.value.since })?.key {
                clients[oldest] = nil
            }
            clients[address] = Client(failures: 1, since: now)
        }
    }
}
