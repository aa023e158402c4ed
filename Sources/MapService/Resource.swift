import Crypto
import Foundation
import Gzip
import Hummingbird

/// One finished answer the service can send again and again: its bytes, their gzip'd form
/// (JSON, SVG, HTML, JavaScript and CSS over 1 KB, when that is smaller), a strong ETag per
/// form, and how long clients may keep it.
public struct Resource: Sendable {
    public let contentType: String
    public let body: ByteBuffer
    public let gzipped: ByteBuffer?
    /// Strong validators: the SHA-256 of the bytes (the gzip'd form's own, with "-gz").
    public let etag: String
    public let gzippedETag: String
    public let cacheControl: String

    /// Bytes held in memory (what the caches count).
    public var cost: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) + 256 }

    public init(bytes: [UInt8], contentType: String, cacheControl: String) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        body = ByteBuffer(bytes: bytes)
        let digest = Self.hex(SHA256.hash(data: bytes).prefix(16))
        etag = "\"\(digest)\""
        gzippedETag = "\"\(digest)-gz\""
        if bytes.count >= 1024, Self.compressible(contentType), let packed = try? Gzip.compress(bytes), packed.count < bytes.count {
            gzipped = ByteBuffer(bytes: packed)
        } else {
            gzipped = nil
        }
    }

    /// Lower-case hexadecimal (String(format:) costs microseconds a byte on Linux).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: text, as: UTF8.self)
    }

    static func compressible(_ type: String) -> Bool {
        type.hasPrefix("application/json") || type.hasPrefix("application/geo+json") || type.hasPrefix("image/svg+xml")
            || type.hasPrefix("text/")
    }

    /// The answer to `request`: 304 when its If-None-Match names this form's ETag, else 200 with
    /// the gzip'd form when the client accepts gzip.
    public func response(to request: Request) -> Response {
        let useGzip = gzipped != nil && Self.acceptsGzip(request.headers[.acceptEncoding])
        let tag = useGzip ? gzippedETag : etag
        var fields = HTTPFields()
        fields.reserveCapacity(6)
        fields[.eTag] = tag
        fields[.cacheControl] = cacheControl
        if gzipped != nil { fields[.vary] = "Accept-Encoding" }
        if let condition = request.headers[.ifNoneMatch], Self.matches(condition, tag) {
            return Response(status: .notModified, headers: fields)
        }
        fields[.contentType] = contentType
        let bytes = useGzip ? gzipped! : body
        if useGzip { fields[.contentEncoding] = "gzip" }
        fields[.contentLength] = String(bytes.readableBytes)
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: bytes))
    }

    /// Whether an Accept-Encoding header allows gzip (a q of 0 refuses it).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header, header.contains("gzip") || header.contains("*") else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = parts.first?.lowercased(), coding == "gzip" || coding == "*" else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    /// If-None-Match against an ETag: `*`, or any listed tag equal under the weak comparison
    /// (RFC 9110 13.1.2: W/ ignored).
    static func matches(_ condition: String, _ tag: String) -> Bool {
        if condition.trimmingCharacters(in: .whitespaces) == "*" { return true }
        return condition.split(separator: ",").contains { item in
            var candidate = item.trimmingCharacters(in: .whitespaces)
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == tag
        }
    }
}
