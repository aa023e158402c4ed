import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import XCTest

/// How `investmap serve` answers as an HTTP service (in process, through its router): published
/// editions public and immutable (strong ETag, Cache-Control, 304), drafts only with the bearer
/// token, gzip, JSON errors that name the parameter for every bad request, 404s for unknown
/// editions, specs, tiles and paths, no way out of the data, bounded caches and timeouts.
final class ServiceHTTPTests: XCTestCase {
    func testPublishedEditionsAreImmutableWithStrongETagsAnd304() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for uri in ["/editions/sample/tiles.json", "/editions/sample/tiles/5/28/12.json", "/editions/sample/maps/national_municipal_count.svg",
                        "/api/stats?level=prefecture&metric=count"] {
                let first = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(first.status, .ok, uri)
                let etag = try XCTUnwrap(first.headers[.eTag], uri)
                XCTAssertTrue(etag.hasPrefix("\"") && !etag.hasPrefix("W/"), "strong ETag: \(etag)")
                XCTAssertEqual(first.headers[.cacheControl], "public, max-age=86400, immutable", uri)
                let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
                XCTAssertEqual(again.status, .notModified, uri)
                XCTAssertEqual(again.body.readableBytes, 0)
                XCTAssertEqual(again.headers[.eTag], etag)
                let list = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)"])
                XCTAssertEqual(list.status, .notModified, "weak comparison for If-None-Match, any of a list")
                let stale = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"stale\""])
                XCTAssertEqual(stale.status, .ok)
                XCTAssertEqual(stale.bytes, first.bytes, "the same bytes every time")
            }
        }
    }

    func testDraftsNeedTheBearerToken() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for uri in ["/editions/review/tiles.json", "/editions/review/tiles/5/28/12.json", "/editions/review/maps/national_municipal_count.svg",
                        "/api/stats?level=prefecture&metric=count&edition=review", "/api/near?lon=139.7&lat=35.68&km=5&edition=review",
                        "/api/gaps?bureau=shikoku&edition=review", "/editions/review"] {
                // Without the token a draft is answered exactly as an edition that does not exist.
                let none = try await client.execute(uri: uri, method: .get)
                let unknown = try await client.execute(uri: uri.replacingOccurrences(of: "review", with: "nosuch"), method: .get)
                XCTAssertEqual(none.status, .notFound, uri)
                XCTAssertEqual(try none.json()["error"] as? String, "not_found")
                XCTAssertEqual(none.text.replacingOccurrences(of: "review", with: "nosuch"), unknown.text, uri)
                // A wrong token gets 401 for the draft and for an unknown edition alike.
                let wrong = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(ServiceFixture.token)x"])
                XCTAssertEqual(wrong.status, .unauthorized, uri)
                XCTAssertEqual(wrong.headers[.wwwAuthenticate], #"Bearer realm="investmap", error="invalid_token""#)
                if uri.hasPrefix("/editions/review/tiles") {  // (not for every route: 20 wrong tokens a minute are throttled)
                    let wrongUnknown = try await client.execute(uri: uri.replacingOccurrences(of: "review", with: "nosuch"), method: .get,
                                                                headers: [.authorization: "Bearer \(ServiceFixture.token)x"])
                    XCTAssertEqual(wrongUnknown.status, .unauthorized, uri)
                }
                let basic = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Basic \(ServiceFixture.token)"])
                XCTAssertEqual(basic.status, .unauthorized, uri)
                let right = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(ServiceFixture.token)"])
                XCTAssertEqual(right.status, .ok, "\(uri): \(right.text.prefix(200))")
                XCTAssertNotEqual(right.headers[.cacheControl], "public, max-age=86400, immutable", "a draft may change: \(uri)")
            }
        }
    }

    func testJSONAndSVGAreGzippedForClientsThatAcceptIt() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for uri in ["/editions/sample/tiles/5/28/12.json", "/editions/sample/maps/national_municipal_count.svg", "/api/gaps?bureau=kanto"] {
                let plain = try await client.execute(uri: uri, method: .get)
                let packed = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
                XCTAssertNil(plain.headers[.contentEncoding])
                XCTAssertEqual(packed.headers[.contentEncoding], "gzip", uri)
                XCTAssertEqual(packed.headers[.vary], "Accept-Encoding")
                XCTAssertNotEqual(packed.headers[.eTag], plain.headers[.eTag], "each form has its own strong ETag")
                XCTAssertLessThan(packed.body.readableBytes, plain.body.readableBytes)
                XCTAssertEqual(try Self.gunzip(packed.bytes), plain.bytes, uri)
                let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
                XCTAssertNil(refused.headers[.contentEncoding])
            }
        }
    }

    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try Program.run("gzip", ["-dc"], input: Data(bytes)).stdout)
    }

    /// Each bad request and the status and parameter its JSON answer must name.
    static let badRequests: [(uri: String, status: Int, parameter: String?)] = [
        ("/api/locate", 400, "lon"),
        ("/api/locate?lon=139.7", 400, "lat"),
        ("/api/locate?lon=abc&lat=35", 400, "lon"),
        ("/api/locate?lon=139.7&lat=95", 400, "lat"),
        ("/api/locate?lon=nan&lat=35", 400, "lon"),
        ("/api/locate?lon=1e400&lat=35", 400, "lon"),
        ("/api/locate?lon=139.7&lat=35&lat=36", 400, "lat"),
        ("/api/locate?lon=139.7&lat=35&debug=1", 400, "debug"),
        ("/api/locate?lon=%ZZ&lat=35", 400, "lon"),
        ("/api/locate?lon=\(String(repeating: "1", count: 300))&lat=35", 400, "lon"),
        ("/api/near?lon=139.7&lat=35.6", 400, "km"),
        ("/api/near?lon=139.7&lat=35.6&km=0", 400, "km"),
        ("/api/near?lon=139.7&lat=35.6&km=-1", 400, "km"),
        ("/api/near?lon=139.7&lat=35.6&km=5000", 400, "km"),
        ("/api/near?lon=10&lat=35.6&km=5", 400, "lon"),
        ("/api/near?lon=139.7&lat=35.6&km=5&kind=roads", 400, "kind"),
        ("/api/near?lon=139.7&lat=35.6&km=5&limit=0", 400, "limit"),
        ("/api/near?lon=139.7&lat=35.6&km=5&limit=99999999999", 400, "limit"),
        ("/api/near?lon=139.7&lat=35.6&km=5&plan=Z", 400, "plan"),
        ("/api/near?lon=139.7&lat=35.6&km=5&field=robots", 400, "field"),
        ("/api/near?lon=139.7&lat=35.6&km=5&status=dreaming", 400, "status"),
        ("/api/near?lon=139.7&lat=35.6&km=5&format=xml", 400, "format"),
        ("/api/near?lon=139.7&lat=35.6&km=5&edition=", 400, "edition"),
        ("/api/near?lon=139.7&lat=35.6&km=5&edition=nope", 404, "edition"),
        ("/api/stats?metric=count", 400, "level"),
        ("/api/stats?level=prefecture", 400, "metric"),
        ("/api/stats?level=galaxy&metric=count", 400, "level"),
        ("/api/stats?level=prefecture&metric=happiness", 400, "metric"),
        ("/api/gaps", 400, "bureau"),
        ("/api/gaps?bureau=atlantis", 400, "bureau"),
        ("/api/gaps?bureau=kanto&prefecture=99", 400, "prefecture"),
        ("/api/gaps?bureau=kanto&km=0", 400, "km"),
        ("/api/gaps?bureau=kanto&min_population=-5", 400, "min_population"),
        ("/api/gaps?bureau=kanto&level=prefecture", 400, "level"),
        ("/api/gaps?bureau=kanto&summary=maybe", 400, "summary"),
        ("/editions/sample/tiles/23/0/0.json", 400, "z"),
        ("/editions/sample/tiles/-1/0/0.json", 400, "z"),
        ("/editions/sample/tiles/5/32/0.json", 400, "x"),
        ("/editions/sample/tiles/5/0/99999999999.json", 400, "y"),
        ("/editions/sample/tiles/5/a/0.json", 400, "x"),
        ("/editions/sample/tiles/3/0/0.json", 404, "z"),
        ("/editions/sample/tiles/7/0/0.json", 404, "z"),
        ("/editions/nope/tiles.json", 404, "edition"),
        ("/editions/nope/tiles/5/28/12.json", 404, "edition"),
        ("/editions/sample/maps/nope.svg", 404, "spec"),
        ("/editions/sample/maps/..%2F..%2Fetc%2Fpasswd.svg", 404, "spec"),
        ("/editions/%2e%2e/tiles.json", 404, "edition"),
        ("/editions/..%2F..%2Fetc/tiles.json", 404, "edition"),
        ("/editions/%00/tiles.json", 400, "edition"),
        ("/editions/sample/tiles/5/28/12.png", 404, nil),
        ("/editions/sample/../../etc/passwd", 404, nil),
        ("/etc/passwd", 404, nil),
        ("/api/nothing", 404, nil),
        ("/editions/sample/tiles.json/../../x", 404, nil),
    ]

    func testBadRequestsGetJSONErrorsNamingTheParameter() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for bad in Self.badRequests {
                let response = try await client.execute(uri: bad.uri, method: .get)
                XCTAssertEqual(Int(response.status.code), bad.status, "\(bad.uri): \(response.text)")
                XCTAssertEqual(response.headers[.contentType], "application/json", bad.uri)
                let body = try response.json()
                XCTAssertEqual(body["status"] as? Int, bad.status, bad.uri)
                XCTAssertNotNil(body["reason"] as? String, bad.uri)
                XCTAssertEqual(body["parameter"] as? String, bad.parameter, "\(bad.uri): \(response.text)")
                XCTAssertFalse(response.text.contains("/tmp/") || response.text.contains(".gpkg"), "no path leaks: \(response.text)")
            }
            let good = try await client.execute(uri: "/api/locate?lon=139.7&lat=35.68", method: .get)
            XCTAssertEqual(good.status, .ok, "the service still answers")
        }
    }

    func testHEADAnswersTheHeadersOfGETWithoutTheBody() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for uri in ["/editions/sample/tiles/5/28/12.json", "/editions/sample/tiles.json", "/api/locate?lon=139.7&lat=35.68"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                XCTAssertEqual(head.status, .ok, uri)
                XCTAssertEqual(head.body.readableBytes, 0, uri)
                XCTAssertEqual(head.headers[.eTag], get.headers[.eTag], uri)
                XCTAssertEqual(head.headers[.contentLength], get.headers[.contentLength], uri)
            }
            let missing = try await client.execute(uri: "/editions/nope/tiles.json", method: .head)
            XCTAssertEqual(missing.status, .notFound)
        }
    }

    func testOtherMethodsAreRefusedWithJSON() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for method in [HTTPRequest.Method.post, .put, .delete] {
                let response = try await client.execute(uri: "/editions/sample/tiles.json", method: method)
                XCTAssertTrue((400..<500).contains(Int(response.status.code)), "\(method): \(response.status)")
                XCTAssertNotNil(try response.json()["error"])
            }
        }
    }

    func testTheViewerIsServedForTheLatestPublishedEdition() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .ok)
            XCTAssertEqual(page.headers[.contentType], "text/html; charset=utf-8")
            XCTAssertTrue(page.text.contains(#"<base href="/editions/sample/">"#), page.text)
            XCTAssertTrue(page.text.contains(#"<script src="viewer.js">"#))
            for uri in ["/editions/sample/viewer.js", "/editions/sample/viewer.css", "/viewer.js"] {
                let file = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(file.status, .ok, uri)
            }
            let own = try await client.execute(uri: "/editions/sample", method: .get)
            XCTAssertTrue(own.text.contains(#"<base href="/editions/sample/">"#))
        }
    }

    func testASmallCacheStillAnswersRightAndStaysWithinItsBound() async throws {
        let service = try ServiceFixture.service(cacheBytes: 256 << 10)
        let reference = try ServiceFixture.service()
        try await ServiceFixture.withRouter(reference) { client in
            var expected: [String: [UInt8]] = [:]
            for z in 4...6 {
                let uri = "/editions/sample/tiles/\(z)/\(z == 4 ? 14 : z == 5 ? 28 : 56)/\(z == 4 ? 6 : z == 5 ? 12 : 25).json"
                expected[uri] = try await client.execute(uri: uri, method: .get).bytes
            }
            let answers = expected
            try await ServiceFixture.withRouter(service) { small in
                for _ in 0..<2 {
                    for (uri, bytes) in answers.sorted(by: { $0.key < $1.key }) {
                        let response = try await small.execute(uri: uri, method: .get)
                        XCTAssertEqual(response.status, .ok, uri)
                        XCTAssertEqual(response.bytes, bytes, uri)
                    }
                }
            }
        }
        XCTAssertLessThanOrEqual(service.cacheUsage.bytes, 256 << 10)
    }

    func testSlowAnswersTimeOutWithA503() async throws {
        let service = try ServiceFixture.service(requestTimeout: .milliseconds(1))
        try await ServiceFixture.withRouter(service) { client in
            let response = try await client.execute(uri: "/api/gaps?bureau=kyushu&km=50", method: .get)
            XCTAssertEqual(response.status, .serviceUnavailable, response.text)
            XCTAssertEqual(try response.json()["error"] as? String, "timeout")
        }
    }
}
