import BoundaryStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The header naming the request (as the log lines do).
let requestIDField = HTTPField.Name("X-Request-Id")!

/// The outermost layer of every request: turns every error into its JSON answer (anything
/// unexpected becomes a 500 that names only the request id; the detail goes to the log), adds
/// the request id to the answer, throttles clients that send wrong tokens (`TokenThrottle`),
/// and logs one structured line per request with its status, size and latency.
struct ServiceMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let throttle: TokenThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        let sendsToken = request.headers[.authorization] != nil
        if request.method == .options {
            response = Self.preflight()
        } else if sendsToken, let seconds = throttle.wait(for: context.clientAddress) {
            var error = ServiceError(status: .tooManyRequests, code: "too_many_attempts",
                                     reason: "too many wrong tokens from this address: try again in \(seconds) s")
            error.headers[.retryAfter] = String(seconds)
            response = Self.answer(error, request: request, context: context)
        } else {
            do {
                response = try await next(request, context)
            } catch {
                response = Self.answer(error, request: request, context: context)
            }
            Self.allowCrossOrigin(&response)
            if sendsToken, response.status == .unauthorized { throttle.recordFailure(from: context.clientAddress) }
        }
        response.headers[requestIDField] = context.id
        let elapsed = ContinuousClock.now - start
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(String(request.uri.path.prefix(200))),
            "status": .stringConvertible(response.status.code),
            "bytes": .stringConvertible(response.body.contentLength ?? 0),
            "ms": .string(Self.milliseconds(microseconds)),
        ])
        return response
    }

    /// CORS: what is public (published editions, their tiles, maps and answers: `Cache-Control:
    /// public`) may be read by any web page; drafts (`private`) and errors never say so, so a
    /// browser keeps them from other origins.
    static func allowCrossOrigin(_ response: inout Response) {
        guard let control = response.headers[.cacheControl], control.hasPrefix("public") else { return }
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "ETag, X-Request-Id"
    }

    /// The answer to a CORS preflight (OPTIONS): simple GET and HEAD with `If-None-Match`, no
    /// credentials (drafts are not for other origins).
    static func preflight() -> Response {
        var response = Response(status: .noContent)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlAllowMethods] = "GET, HEAD, OPTIONS"
        response.headers[.accessControlAllowHeaders] = "If-None-Match"
        response.headers[.accessControlMaxAge] = "86400"
        response.headers[.contentLength] = "0"
        return response
    }

    /// Microseconds as milliseconds with three decimals ("12.345"), without String(format:),
    /// which is slow on Linux.
    static func milliseconds(_ microseconds: Int64) -> String {
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// The JSON answer of an error.
    static func answer(_ error: any Error, request: Request, context: Context) -> Response {
        let serviceError: ServiceError
        switch error {
        case let error as ServiceError:
            serviceError = error
        case let error as StoreError:
            if case .unknownEdition(_, let name, _) = error {
                serviceError = .notFound("no edition '\(name)'", parameter: "edition")
            } else {
                context.logger.error("store error", metadata: ["error": .string(error.description)])
                serviceError = ServiceError(status: .internalServerError, code: "internal", reason: "the store could not answer (request \(context.id))")
            }
        case let error as HTTPError:
            let reason = error.status == .notFound ? "no such resource: \(String(request.uri.path.prefix(100)))" : error.body ?? error.status.reasonPhrase
            serviceError = ServiceError(status: error.status, code: error.status == .notFound ? "not_found" : "http_\(error.status.code)", reason: reason)
        default:
            context.logger.error("unexpected error", metadata: ["error": .string(String(describing: error))])
            serviceError = ServiceError(status: .internalServerError, code: "internal", reason: "the server failed to answer (request \(context.id))")
        }
        return (try? serviceError.response(from: request, context: context)) ?? Response(status: .internalServerError)
    }
}
