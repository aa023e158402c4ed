import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MapService
import TestSupport
import XCTest

/// Every endpoint of `investmap serve` answers what the CLI answers for the same question, byte
/// for byte: the edition list, tiles.json and every tile of the pyramid, a map, and the queries
/// (locate, near, stats, gaps in each of their formats).
final class ServiceAnswerTests: XCTestCase {
    /// `investmap ARGS --db STORE` (with the GeoData environment); its standard output.
    func cli(_ arguments: [String]) throws -> String {
        let store = try ServiceFixture.store()
        let result = try CLI.run(arguments + ["--db", store.db], environment: ServiceFixture.environment)
        XCTAssertEqual(result.status, 0, "investmap \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Asks `command` each question on the command line and `endpoint` over HTTP; the answers
    /// must be the same bytes.
    func assertSameAnswers(_ endpoint: String, _ command: [String], _ questions: [(query: String, arguments: [String])],
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let expected = try questions.map { try cli(command + $0.arguments) }
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for (question, answer) in zip(questions, expected) {
                let response = try await client.execute(uri: "\(endpoint)?\(question.query)", method: .get)
                XCTAssertEqual(response.status, .ok, response.text, file: file, line: line)
                XCTAssertEqual(response.text, answer, "\(endpoint)?\(question.query)", file: file, line: line)
            }
        }
    }

    func testEditionListIsTheCLIsWithoutDraftsUnlessTheTokenIsSent() async throws {
        let all = try cli(["edition", "list", "--format", "json"])
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            let withToken = try await client.execute(uri: "/editions", method: .get,
                                                     headers: [.authorization: "Bearer \(ServiceFixture.token)"])
            XCTAssertEqual(withToken.status, .ok)
            XCTAssertEqual(withToken.text, all)
            let public_ = try await client.execute(uri: "/editions", method: .get)
            let names = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(public_.bytes)) as? [[String: Any]]).compactMap { $0["name"] as? String }
            XCTAssertEqual(names, ["sample"], "drafts are not listed without the token")
        }
    }

    func testTileJSONAndEveryTileEqualTheCLIsPyramid() async throws {
        try await assertServesTheCLIsPyramid(try ServiceFixture.service())
    }

    func testTilesFromTheMBTilesFileEqualTheCLIsPyramid() async throws {
        let store = try ServiceFixture.store()
        let file = store.folder.appendingPathComponent("pyramid.mbtiles").path
        let service = try ServiceFixture.service(mbtiles: ["sample": file])
        try await assertServesTheCLIsPyramid(service)
    }

    func testAnMBTilesFileOfVectorTilesOrForAnUnknownEditionIsRefused() throws {
        let store = try ServiceFixture.store()
        let pbf = store.folder.appendingPathComponent("pyramid-pbf.mbtiles").path
        if !FileManager.default.fileExists(atPath: pbf) {
            _ = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "4", "--out", store.folder.appendingPathComponent("pbf").path,
                             "--mbtiles", pbf, "--mbtiles-format", "pbf", "--db", store.db], environment: ServiceFixture.environment)
        }
        XCTAssertThrowsError(try ServiceFixture.service(mbtiles: ["sample": pbf])) { error in
            XCTAssertTrue("\(error)".contains("JSON tiles"), "\(error)")
        }
        XCTAssertThrowsError(try ServiceFixture.service(mbtiles: ["nope": store.folder.appendingPathComponent("pyramid.mbtiles").path]))
        XCTAssertThrowsError(try ServiceFixture.service(mbtiles: ["sample": store.db + ".missing"]))
    }

    /// tiles.json and every tile of the CLI's pyramid of "sample", and a 404 for a tile it lacks.
    func assertServesTheCLIsPyramid(_ service: MapService) async throws {
        let store = try ServiceFixture.store()
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: store.pyramid, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "json" && url.lastPathComponent != "tiles.json" {
            files[url.pathComponents.suffix(3).joined(separator: "/")] = try Data(contentsOf: url)
        }
        XCTAssertGreaterThan(files.count, 20)
        let tileJSON = try Data(contentsOf: store.pyramid.appendingPathComponent("tiles.json"))
        let expected = files
        try await ServiceFixture.withRouter(service) { client in
            let document = try await client.execute(uri: "/editions/sample/tiles.json", method: .get)
            XCTAssertEqual(document.status, .ok)
            XCTAssertEqual(document.bytes, Array(tileJSON), "tiles.json differs from `investmap tiles --base-url`")
            for (path, bytes) in expected.sorted(by: { $0.key < $1.key }) {
                let tile = try await client.execute(uri: "/editions/sample/tiles/\(path)", method: .get)
                XCTAssertEqual(tile.status, .ok, path)
                XCTAssertEqual(tile.headers[.contentType], "application/json")
                XCTAssertEqual(tile.bytes, Array(bytes), "tile \(path) differs from the CLI's file")
            }
            // A tile of the pyramid's range that the CLI did not write (open sea) is a 404.
            var empty: String?
            for x in 0..<64 where expected["6/\(x)/0.json"] == nil { empty = "6/\(x)/0.json"; break }
            let missing = try await client.execute(uri: "/editions/sample/tiles/\(try XCTUnwrap(empty))", method: .get)
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(try missing.json()["error"] as? String, "not_found")
        }
    }

    func testMapEqualsTheCLIsRendering() async throws {
        let store = try ServiceFixture.store()
        let spec = TestPaths.repositoryRoot.appendingPathComponent("Renderers/national_prefecture_amount_per_capita.json").path
        let out = store.folder.appendingPathComponent("cli-map.svg").path
        _ = try cli(["render", spec, "--edition", "sample", "--out", out])
        let expected = try Data(contentsOf: URL(fileURLWithPath: out))
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            let map = try await client.execute(uri: "/editions/sample/maps/national_prefecture_amount_per_capita.svg", method: .get)
            XCTAssertEqual(map.status, .ok)
            XCTAssertEqual(map.headers[.contentType], "image/svg+xml; charset=utf-8")
            XCTAssertEqual(map.bytes, Array(expected))
        }
    }

    func testLocateEqualsTheCLI() async throws {
        // Inside 新宿区, in the sea off 横浜 (nearest unit), and in the Pacific (none).
        try await assertSameAnswers("/api/locate", ["locate"], [("139.6917", "35.6895"), ("139.70", "35.40"), ("150.0", "30.0")].map { lon, lat in
            ("lon=\(lon)&lat=\(lat)", [lon, lat, "--format", "json"])
        })
    }

    func testNearEqualsTheCLIInEveryFormat() async throws {
        let questions: [(query: String, arguments: [String])] = [
            ("lon=139.7&lat=35.68&km=5", ["139.7", "35.68", "--km", "5"]),
            ("lon=139.7&lat=35.68&km=30&kind=sites", ["139.7", "35.68", "--km", "30", "--kind", "sites"]),
            ("lon=135.5&lat=34.7&km=50&limit=3&plan=A&edition=sample", ["135.5", "34.7", "--km", "50", "--limit", "3", "--plan", "A", "--edition", "sample"]),
        ]
        try await assertSameAnswers("/api/near", ["near"], questions.flatMap { question in
            ["geojson", "json", "csv"].map { ("\(question.query)&format=\($0)", question.arguments + ["--format", $0]) }
        })
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            let geojson = try await client.execute(uri: "/api/near?lon=139.7&lat=35.68&km=5", method: .get)
            XCTAssertEqual(geojson.headers[.contentType], "application/geo+json")
            XCTAssertEqual(try geojson.json()["type"] as? String, "FeatureCollection")
        }
    }

    func testStatsEqualTheCLI() async throws {
        let questions: [(query: String, arguments: [String])] = [
            ("level=prefecture&metric=count", ["--level", "prefecture", "--metric", "count"]),
            ("level=municipality&metric=amount_per_capita&plan=B", ["--level", "municipality", "--metric", "amount_per_capita", "--plan", "B"]),
            ("level=bureau&metric=jobs&status=all&edition=sample", ["--level", "bureau", "--metric", "jobs", "--status", "all", "--edition", "sample"]),
            // The two amounts, and the filters of the programme schema (the sample ledger has no
            // programme: every unit answers 0, the same on both sides).
            ("level=prefecture&metric=support", ["--level", "prefecture", "--metric", "support"]),
            ("level=prefecture&metric=total_investment_per_km2", ["--level", "prefecture", "--metric", "total_investment_per_km2"]),
            ("level=bureau&metric=count&programme=monodzukuri&company_size=sme",
             ["--level", "bureau", "--metric", "count", "--programme", "monodzukuri", "--company-size", "sme"]),
            ("level=bureau&metric=support_per_capita&category=digital",
             ["--level", "bureau", "--metric", "support_per_capita", "--category", "digital"]),
        ]
        try await assertSameAnswers("/api/stats", ["stats", "--format", "json"], questions)
    }

    func testStatsRefuseUnknownProgrammesCategoriesAndSizes() async throws {
        let service = try ServiceFixture.service()
        try await ServiceFixture.withRouter(service) { client in
            for (query, parameter) in [("programme=nope", "programme"), ("category=nope", "category"), ("company_size=huge", "company_size")] {
                let response = try await client.execute(uri: "/api/stats?level=prefecture&metric=count&\(query)", method: .get)
                XCTAssertEqual(response.status, .badRequest, query)
                XCTAssertTrue(response.text.contains(parameter), response.text)
            }
        }
    }

    func testGapsEqualTheCLI() async throws {
        let questions: [(query: String, arguments: [String])] = [
            ("bureau=shikoku&format=json", ["--bureau", "shikoku", "--format", "json"]),
            ("bureau=shikoku&format=geojson&level=municipality", ["--bureau", "shikoku", "--format", "geojson", "--level", "municipality"]),
            ("bureau=kinki&format=csv&summary=true", ["--bureau", "kinki", "--format", "csv", "--summary"]),
            ("bureau=kanto&prefecture=13&km=20&min_population=10000&plan=A&format=json",
             ["--bureau", "kanto", "--prefecture", "13", "--km", "20", "--min-population", "10000", "--plan", "A", "--format", "json"]),
        ]
        try await assertSameAnswers("/api/gaps", ["gaps"], questions)
    }
}
