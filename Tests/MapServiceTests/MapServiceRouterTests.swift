import BoundaryStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MapService
import QueryOutput
import SpatialJoin
import TestStores
import TestSupport
import XCTest

/// The HTTP service's routes through its router (`app.test(.router)`, no sockets) on the fixture
/// store with a published edition "pub" and a draft "draft" copied from it: the editions list,
/// `locate` answering as the CLI's JSON, bad parameters as JSON errors, TileJSON and a tile with
/// a strong ETag and 304, drafts only with the token, HEAD without a body, unknown paths 404.
final class MapServiceRouterTests: XCTestCase {
    static let token = "fixture-draft-token-0123456789"

    /// The store, made once for the class (the service opens it read-only).
    static let store = TestFixture("map-service") { folder -> String in
        let path = folder.appendingPathComponent("service.gpkg").path
        try FileManager.default.copyItem(atPath: FixtureStore.path(), toPath: path)
        let store = try BoundaryStore(path: path)
        _ = try store.createEdition("pub", note: "fictional test ledger")
        try FixtureStore.importLedger(into: store, edition: "pub", projectsCSV: """
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            P1,高知,B,,1000000000,10,operating,,133.5311,33.5597,,
            P2,岡山,A,ai_semiconductors,500000000,5,planned,,133.9344,34.6618,,

            """, folder: folder)
        _ = try store.publishEdition("pub")
        _ = try store.createEdition("draft", from: "pub", note: "under review")
        return path
    }

    /// The service on the class's store, through its router.
    static func withRouter(configure: (inout ServiceOptions) -> Void = { _ in },
                           _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        setenv("INVESTMAP_GEODATA", TestPaths.geoData.path, 1)
        var options = ServiceOptions(storePath: try store.value(), draftToken: token, renderersFolder: TestPaths.renderers,
                                     cacheBytes: 16 << 20, minZoom: 4, maxZoom: 6)
        configure(&options)
        var logger = Logger(label: "investmap.serve.test")
        logger.logLevel = .warning
        let service = try MapService(options: options, logger: logger)
        try await MapServer.application(service, logger: logger).test(.router) { client in try await body(client) }
    }

    private func withRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Self.withRouter(body)
    }

    func testEditionsListShowsDraftsOnlyWithTheToken() async throws {
        try await withRouter { client in
            let open = try await client.execute(uri: "/editions", method: .get)
            XCTAssertEqual(open.status, .ok)
            XCTAssertEqual(try open.jsonArray().map { $0["name"] as? String }, ["pub"])
            let authorized = try await client.execute(uri: "/editions", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            XCTAssertEqual(try authorized.jsonArray().map { $0["name"] as? String }, ["pub", "draft"])
            XCTAssertEqual(try authorized.jsonArray().last?["based_on"] as? String, "pub")
        }
    }

    func testLocateAnswersAsTheCLIsJSON() async throws {
        let office = FixturePlaces.kochiOffice.location
        let expected = try LocationAnswer.json(PointLocator(store: FixtureStore.open()).locate(office), lon: office.x, lat: office.y)
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/locate?lon=\(office.x)&lat=\(office.y)", method: .get)
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers[.contentType]?.hasPrefix("application/json"), true)
            XCTAssertEqual(response.text.trimmingCharacters(in: .newlines), expected, "the CLI's bytes")
            XCTAssertEqual((try response.json()["municipality"] as? [String: Any])?["code"] as? String, "39201")
        }
    }

    func testBadParametersAreJSONErrorsNamingTheParameter() async throws {
        try await withRouter { client in
            for (uri, parameter) in [("/api/locate?lon=abc&lat=33.5", "lon"), ("/api/locate?lon=133.5", "lat"),
                                     ("/api/locate?lon=133.5&lat=33.5&extra=1", "extra"),
                                     ("/api/stats?level=village&metric=count", "level")] {
                let response = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(response.status, .badRequest, uri)
                let json = try response.json()
                XCTAssertEqual(json["error"] as? String, "bad_parameter", uri)
                XCTAssertEqual(json["parameter"] as? String, parameter, uri)
                XCTAssertEqual(json["status"] as? Int, 400, uri)
            }
        }
    }

    func testTileJSONAndTilesOfAPublishedEditionAreImmutable() async throws {
        try await withRouter { client in
            let tileJSON = try await client.execute(uri: "/editions/pub/tiles.json", method: .get)
            XCTAssertEqual(tileJSON.status, .ok)
            let document = try tileJSON.json()
            XCTAssertEqual(document["tilejson"] as? String, "3.0.0")
            XCTAssertEqual(document["minzoom"] as? Int, 4)
            XCTAssertEqual(document["maxzoom"] as? Int, 6)
            // z6 tile holding 高知市.
            let tile = try await client.execute(uri: "/editions/pub/tiles/6/55/25.json", method: .get)
            XCTAssertEqual(tile.status, .ok, tile.text)
            let layers = try XCTUnwrap(try tile.json()["layers"] as? [String: Any], tile.text.prefix(300).description)
            XCTAssertNotNil(layers["municipalities"], "municipalities from zoom 6: \(layers.keys)")
            let etag = try XCTUnwrap(tile.headers[.eTag])
            XCTAssertEqual(tile.headers[.cacheControl], "public, max-age=86400, immutable")
            let again = try await client.execute(uri: "/editions/pub/tiles/6/55/25.json", method: .get, headers: [.ifNoneMatch: etag])
            XCTAssertEqual(again.status, .notModified)
            let outside = try await client.execute(uri: "/editions/pub/tiles/6/55/99.json", method: .get)
            XCTAssertEqual(outside.status, .badRequest, "y beyond 2^z: \(outside.text)")
            let zoom = try await client.execute(uri: "/editions/pub/tiles/9/0/0.json", method: .get)
            XCTAssertNotEqual(zoom.status, .ok, "beyond --maxzoom")
        }
    }

    func testDraftsNeedTheTokenAndUnknownThingsAre404() async throws {
        try await withRouter { client in
            // Without the token a draft is answered as an edition that does not exist.
            let none = try await client.execute(uri: "/editions/draft/tiles.json", method: .get)
            let unknown = try await client.execute(uri: "/editions/nosuch/tiles.json", method: .get)
            XCTAssertEqual(none.status, .notFound)
            XCTAssertEqual(try none.json()["error"] as? String, "not_found")
            XCTAssertEqual(none.text.replacingOccurrences(of: "draft", with: "nosuch"), unknown.text, "a draft is not revealed")
            let right = try await client.execute(uri: "/editions/draft/tiles.json", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            XCTAssertEqual(right.status, .ok)
            XCTAssertNotEqual(right.headers[.cacheControl], "public, max-age=86400, immutable", "a draft may change")
            for uri in ["/editions/nope/tiles.json", "/editions/pub/maps/nope.svg", "/nothing/here"] {
                let response = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(response.status, .notFound, uri)
            }
        }
    }

    func testStatsAndHeadAnswers() async throws {
        try await withRouter { client in
            let stats = try await client.execute(uri: "/api/stats?level=prefecture&metric=count", method: .get)
            XCTAssertEqual(stats.status, .ok)
            let json = try stats.json()
            XCTAssertEqual(json["edition"] as? String, "pub", "the latest published edition by default")
            XCTAssertEqual((json["units"] as? [[String: Any]])?.map { $0["count"] as? Int }, [1, 0, 0, 0, 1])
            let get = try await client.execute(uri: "/editions", method: .get)
            let head = try await client.execute(uri: "/editions", method: .head)
            XCTAssertEqual(head.status, .ok)
            XCTAssertEqual(head.body.readableBytes, 0)
            XCTAssertEqual(head.headers[.contentLength], get.headers[.contentLength])
            XCTAssertEqual(head.headers[.eTag], get.headers[.eTag])
        }
    }

    func testMapOfAPublishedEditionIsSVGWithTheCredits() async throws {
        try await withRouter { client in
            let map = try await client.execute(uri: "/editions/pub/maps/national_municipal_count.svg", method: .get)
            XCTAssertEqual(map.status, .ok, map.text.prefix(300).description)
            XCTAssertEqual(map.headers[.contentType]?.hasPrefix("image/svg+xml"), true)
            XCTAssertTrue(map.text.contains("国土数値情報（行政区域データ）（国土交通省）を加工して作成"))
            XCTAssertTrue(map.text.contains("data-code=\"39201\""), "the fixture's municipalities are drawn")
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Array(buffer: body))) as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    /// The body as a JSON array of objects.
    func jsonArray() throws -> [[String: Any]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Array(buffer: body))) as? [[String: Any]], "not a JSON array: \(text.prefix(200))")
    }
}

/// Issue 15: a public, immutable tile service answers any origin for published editions (and
/// CORS preflights), never for drafts; one URL per tile.
final class MapServiceCORSTests: XCTestCase {
    private func withRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await MapServiceRouterTests.withRouter(body)
    }

    func testPublishedAnswersAllowAnyOriginDraftsNever() async throws {
        try await withRouter { client in
            for uri in ["/editions/pub/tiles/6/55/25.json", "/editions/pub/tiles.json", "/api/stats?level=prefecture&metric=count"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.origin: "https://example.org"])
                XCTAssertEqual(response.status, .ok, uri)
                XCTAssertEqual(response.headers[.accessControlAllowOrigin], "*", uri)
            }
            let draft = try await client.execute(uri: "/editions/draft/tiles/6/55/25.json", method: .get,
                                                 headers: [.authorization: "Bearer \(MapServiceRouterTests.token)", .origin: "https://example.org"])
            XCTAssertEqual(draft.status, .ok)
            XCTAssertNil(draft.headers[.accessControlAllowOrigin], "a draft is never shared with other origins")
            let refused = try await client.execute(uri: "/editions/draft/tiles/6/55/25.json", method: .get, headers: [.origin: "https://example.org"])
            XCTAssertNil(refused.headers[.accessControlAllowOrigin])
        }
    }

    func testPreflightIsAnswered() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/editions/pub/tiles/6/55/25.json", method: .options,
                                                    headers: [.origin: "https://example.org", .accessControlRequestMethod: "GET"])
            XCTAssertEqual(response.status, .noContent)
            XCTAssertEqual(response.headers[.accessControlAllowOrigin], "*")
            XCTAssertEqual(response.headers[.accessControlAllowMethods], "GET, HEAD, OPTIONS")
        }
    }

    func testTileCoordinatesHaveOneSpelling() async throws {
        try await withRouter { client in
            for uri in ["/editions/pub/tiles/06/55/25.json", "/editions/pub/tiles/6/055/25.json", "/editions/pub/tiles/6/55/025.json"] {
                let response = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(response.status, .badRequest, uri)
                XCTAssertTrue(response.text.contains("leading zeros"), response.text)
            }
        }
    }
}
