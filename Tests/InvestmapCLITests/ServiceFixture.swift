import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MapService
import TestSupport
import XCTest

/// The store the HTTP service's tests read, made once per test run with the CLI: the sample store
/// (`SampleStore`) at the tile scales z4–z6 and the national map scale, "sample" published, and a
/// draft "review" copied from it; beside it the CLI's own pyramid of "sample" (z4–z6, tile URLs
/// under http://example.org/; files and a JSON MBTiles), which the service must match byte for byte.
enum ServiceFixture {
    static let token = "test-draft-token-0123456789"
    static let publicURL = "http://example.org/"
    static let environment = SampleStore.environment

    struct Store {
        var folder: URL
        var db: String
        var pyramid: URL
    }

    private static let fixture = TestFixture("service") { folder in
        let db = folder.appendingPathComponent("service.gpkg").path
        let pyramid = folder.appendingPathComponent("pyramid")
        try CLI.runAll(try SampleStore.steps(db: db, levels: "z4,z5,z6,national") + [
            ["edition", "create", "review", "--from", "sample", "--note", "a draft under review", "--db", db],
            ["edition", "publish", "sample", "--db", db],
            ["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--base-url", "\(publicURL)editions/sample/tiles/",
             "--out", pyramid.path, "--mbtiles", folder.appendingPathComponent("pyramid.mbtiles").path, "--db", db]],
                       environment: environment)
        return Store(folder: folder, db: db, pyramid: pyramid)
    }

    /// The store (made on first use; a failure is reported by every test that needs it).
    static func store() throws -> Store { try fixture.value() }

    /// The service over the store, in this process (as `investmap serve` makes it).
    static func service(cacheBytes: Int = 64 << 20, requestTimeout: Duration = .seconds(30), mbtiles: [String: String] = [:]) throws -> MapService {
        let store = try store()
        setenv("INVESTMAP_GEODATA", environment["INVESTMAP_GEODATA"]!, 1)
        let options = ServiceOptions(storePath: store.db, draftToken: token, renderersFolder: TestPaths.repositoryRoot.appendingPathComponent("Renderers"),
                                     publicURL: publicURL, cacheBytes: cacheBytes, requestTimeout: requestTimeout, minZoom: 4, maxZoom: 6,
                                     mbtiles: mbtiles)
        var logger = Logger(label: "investmap.serve.test")
        logger.logLevel = .warning
        return try MapService(options: options, logger: logger)
    }

    /// Runs `body` with a client of the service's router (no sockets).
    static func withRouter(_ service: MapService, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var logger = Logger(label: "investmap.serve.test")
        logger.logLevel = .warning
        try await MapServer.application(service, logger: logger).test(.router) { client in try await body(client) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var bytes: [UInt8] { Array(buffer: body) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }
}
