import Hummingbird
import NIOCore

/// A request's context: Hummingbird's, with the address of the client (what the throttle of
/// wrong tokens counts by; nil when the request did not come over a socket, as in tests).
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text ("unknown" without one).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
