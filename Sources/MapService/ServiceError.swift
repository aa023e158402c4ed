import Cartography
import GeoFormats
import Hummingbird

/// An answer other than 2xx/304, always a small JSON document:
/// `{"error":"bad_parameter","parameter":"lon","reason":"…","status":400}`. Reasons name what
/// was asked, never a file path, a query or a stack.
public struct ServiceError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// A short machine-readable code: bad_parameter, not_found, unauthorized, timeout, internal…
    public var code: String
    /// The query or path parameter at fault, if one is.
    public var parameter: String?
    public var reason: String
    /// Extra header fields of the answer (WWW-Authenticate, Retry-After).
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, parameter: String? = nil, reason: String) {
        self.status = status
        self.code = code
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(status.code) \(code)\(parameter.map { " (\($0))" } ?? ""): \(reason)" }

    static func badParameter(_ parameter: String, _ reason: String) -> ServiceError {
        ServiceError(status: .badRequest, code: "bad_parameter", parameter: parameter, reason: reason)
    }

    static func notFound(_ reason: String, parameter: String? = nil) -> ServiceError {
        ServiceError(status: .notFound, code: "not_found", parameter: parameter, reason: reason)
    }

    static func unauthorized(_ reason: String, invalidToken: Bool) -> ServiceError {
        var error = ServiceError(status: .unauthorized, code: "unauthorized", reason: reason)
        error.headers[.wwwAuthenticate] = invalidToken ? #"Bearer realm="investmap", error="invalid_token""# : #"Bearer realm="investmap""#
        return error
    }

    /// The JSON body.
    var body: [UInt8] {
        var members: [String: JSONValue] = ["error": .string(code), "reason": .string(reason), "status": .integer(status.code)]
        if let parameter { members["parameter"] = .string(parameter) }
        return JSONValue.object(members).bytes + [UInt8(ascii: "\n")]
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        let bytes = body
        fields[.contentLength] = String(bytes.count)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
