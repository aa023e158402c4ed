import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `investmap serve`: the routes of `MapService` on Hummingbird's HTTP/1.1 server.
public enum MapServer {
    /// Every route, behind `ServiceMiddleware` (JSON errors, request id, one log line each).
    public static func router(_ service: MapService) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.middlewares.add(ServiceMiddleware(throttle: service.throttle))
        // `/editions/{E}/tiles/{z}/{x}/{y}.json`, the route asked most by far, is matched here
        // without the router's trie (a tenth of a tile's time on the server).
        router.middlewares.add(TileRoute(service: service))
        /// GET, and HEAD answering its headers without the body.
        func route(_ path: RouterPath, _ handler: @escaping @Sendable (Request, ServiceRequestContext) async throws -> Response) {
            router.get(path, use: handler)
            router.head(path) { request, context in withoutBody(try await handler(request, context)) }
        }
        route("/") { request, _ in try await service.viewerPage(request, editionName: nil) }
        route("/viewer.js") { request, _ in try service.viewerFile(request, name: "viewer.js") }
        route("/viewer.css") { request, _ in try service.viewerFile(request, name: "viewer.css") }
        route("/editions") { request, _ in try await service.editionList(request) }
        route("/editions/{edition}") { request, context in
            try await service.viewerPage(request, editionName: try edition(context))
        }
        route("/editions/{edition}/viewer.js") { request, context in
            _ = try await service.access.edition(try edition(context), for: request)
            return try service.viewerFile(request, name: "viewer.js")
        }
        route("/editions/{edition}/viewer.css") { request, context in
            _ = try await service.access.edition(try edition(context), for: request)
            return try service.viewerFile(request, name: "viewer.css")
        }
        route("/editions/{edition}/tiles.json") { request, context in
            try await service.tileJSON(request, editionName: try edition(context))
        }
        route("/editions/{edition}/maps/{spec}.svg") { request, context in
            try await service.map(request, editionName: try edition(context), spec: try segment(context, "spec"))
        }
        route("/api/locate") { request, _ in try await service.locate(request) }
        route("/api/near") { request, _ in try await service.near(request) }
        route("/api/stats") { request, _ in try await service.stats(request) }
        route("/api/gaps") { request, _ in try await service.gaps(request) }
        return router
    }

    /// A HEAD answer: GET's status and headers (its Content-Length too), no body.
    static func withoutBody(_ response: Response) -> Response {
        var response = response
        let length = response.body.contentLength ?? 0
        response.body = ResponseBody(contentLength: length) { _ in }
        return response
    }

    /// A path segment, percent-decoded.
    static func segment(_ context: ServiceRequestContext, _ name: String) throws -> String {
        try decodedSegment(context.parameters.get(name) ?? "", name)
    }

    static func decodedSegment(_ raw: some StringProtocol, _ name: String) throws -> String {
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return String(raw) }
        guard let decoded = String(raw).removingPercentEncoding else {
            throw ServiceError.badParameter(name, "not valid percent-encoded UTF-8")
        }
        return decoded
    }

    static func edition(_ context: ServiceRequestContext) throws -> String { try segment(context, "edition") }

    /// The application: HTTP/1.1 with the service's idle timeout and header limit.
    public static func application(_ service: MapService, logger: Logger,
                                   onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let options = service.options
        let idle = options.idleTimeout.components
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [MalformedRequestHandler()],
            idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: options.maxHeaderBytes, maxHeaderListSize: options.maxHeaderBytes, maxHeaderFieldCount: 100))
        return Application(router: router(service), server: .http1(configuration: http),
                           configuration: .init(address: .hostname(options.host, port: options.port), serverName: "investmap"),
                           onServerRunning: onServerRunning, logger: logger)
    }
}

/// `GET /editions/{E}/tiles/{z}/{x}/{y}.json`, answered before the router (see `MapServer.router`).
struct TileRoute: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let service: MapService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, path.hasPrefix("/editions/"), path.hasSuffix(".json") else {
            return try await next(request, context)
        }
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        // "", "editions", E, "tiles", z, x, "y.json"
        guard parts.count == 7, parts[3].elementsEqual("tiles".utf8) else { return try await next(request, context) }
        let response = try await service.tile(request, editionName: try MapServer.decodedSegment(Substring(parts[2]), "edition"),
                                              z: String(Substring(parts[4])), x: String(Substring(parts[5])), y: String(Substring(parts[6]).dropLast(5)))
        return request.method == .head ? MapServer.withoutBody(response) : response
    }
}
