import Foundation
import GeoCore
import TestSupport
import XCTest

/// The spatial queries and the gap report on a store made from the simplified national TopoJSON
/// with a hand-made ledger for Shikoku: one project at a real town point of every municipality
/// of 四国経済産業局 except the three prefectural capitals 高松市, 松山市 and 高知市 (known gaps),
/// and one cluster site in 高松市.
final class QueryTests: XCTestCase {
    static let store = TestFixture("queries") { folder in
        let db = folder.appendingPathComponent("q.gpkg").path
        try ShikokuLedgerFixture.build(db: db, folder: folder)
        return db
    }
    static let environment = ShikokuLedgerFixture.environment
    static let knownGaps = ShikokuLedgerFixture.knownGaps
    static let takamatsuSite = ShikokuLedgerFixture.takamatsuSite

    private var db: String { get throws { try Self.store.value() } }

    private func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db], environment: Self.environment)
    }

    private func json(_ result: CLI.Result) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    /// CSV rows as dictionaries (no quoted commas in these outputs).
    private func csv(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func testGapReportListsExactlyTheUnitsWithoutProjects() throws {
        let units = csv(try run(["units", "--level", "municipality", "--format", "csv"]).stdout).filter { $0["bureau"] == "shikoku" }
        let projects = csv(try run(["projects", "--edition", "hand", "--format", "csv"]).stdout)
        let covered = Set(projects.compactMap { $0["municipality_code"] })
        let expected = Set(units.compactMap { $0["code"] }).subtracting(covered)
        XCTAssertTrue(Self.knownGaps.isSubset(of: expected), "the capitals have no project")
        let report = try json(run(["gaps", "--bureau", "shikoku", "--level", "municipality", "--edition", "hand", "--format", "json"]))
        let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["code"] as? String }), expected)
        let populations = rows.compactMap { ($0["population"] as? NSNumber)?.doubleValue }
        XCTAssertEqual(populations, populations.sorted(by: >), "largest population first")
        XCTAssertEqual(rows.first?["code"] as? String, "38201", "松山市 is the most populous gap")
        for row in rows {
            XCTAssertEqual(row["nearest_covered_km"] as? NSNumber, 0, "\(row["name"] ?? ""): a neighbour has a project")
            XCTAssertNotNil(row["nearest_site_km"] as? NSNumber)
        }
        let takamatsu = try XCTUnwrap(rows.first { $0["code"] as? String == "37201" })
        XCTAssertEqual((takamatsu["nearest_site_km"] as? NSNumber)?.doubleValue, 0, "the site lies in 高松市")
        let metadata = try XCTUnwrap(report["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["edition"] as? String, "hand")
        XCTAssertTrue((metadata["attribution"] as? String)?.contains("国土数値情報") == true)
        let summary = try XCTUnwrap(metadata["summary"] as? [[String: Any]])
        XCTAssertEqual(summary.compactMap { $0["prefecture_code"] as? String }, ["36", "37", "38", "39"])
        XCTAssertEqual(summary.reduce(0) { $0 + ($1["units"] as? Int ?? 0) }, units.count)
        XCTAssertEqual(summary.reduce(0) { $0 + ($1["uncovered_units"] as? Int ?? 0) }, expected.count)
    }

    func testGapReportBySiteDistance() throws {
        let report = try json(run(["gaps", "--bureau", "shikoku", "--level", "municipality", "--km", "30", "--edition", "hand", "--format", "json"]))
        let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
        let gaps = Set(rows.compactMap { $0["code"] as? String })
        XCTAssertFalse(gaps.contains("37201"), "高松市 holds the site")
        XCTAssertTrue(gaps.contains("39201"), "高知市 is farther than 30 km")
        for row in rows { XCTAssertGreaterThan((row["nearest_site_km"] as? NSNumber)?.doubleValue ?? 0, 30, "\(row["name"] ?? "")") }
        let near = try json(run(["gaps", "--bureau", "shikoku", "--level", "municipality", "--km", "300", "--edition", "hand", "--format", "json"]))
        XCTAssertEqual((near["rows"] as? [Any])?.count, 0, "every Shikoku municipality lies within 300 km of 高松")
    }

    func testNearFindsWhatMeasuringEveryProjectFinds() throws {
        let centre = Coordinate(x: 133.5311, y: 33.5597)  // 高知市
        let projects = csv(try run(["projects", "--edition", "hand", "--format", "csv"]).stdout)
        let expected = projects.compactMap { row -> (String, Double)? in
            guard let id = row["id"], let lon = Double(row["lon"] ?? ""), let lat = Double(row["lat"] ?? "") else { return nil }
            let d = GeodesicDistance.metres(from: centre, to: Coordinate(x: lon, y: lat))
            return d <= 40_000 ? (id, d) : nil
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        XCTAssertGreaterThan(expected.count, 3)
        let result = try json(run(["near", "133.5311", "33.5597", "--km", "40", "--edition", "hand", "--format", "json"]))
        let rows = try XCTUnwrap(result["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["id"] as? String }, expected.map(\.0))
        for (row, (_, metres)) in zip(rows, expected) {
            XCTAssertEqual(try XCTUnwrap((row["distance_km"] as? NSNumber)?.doubleValue), metres / 1000, accuracy: 0.0006)
        }
        let geojson = try json(run(["near", "133.5311", "33.5597", "--km", "40", "--edition", "hand", "--format", "geojson"]))
        XCTAssertEqual(geojson["type"] as? String, "FeatureCollection")
        XCTAssertEqual((geojson["features"] as? [Any])?.count, expected.count)
        let sites = try json(run(["near", "134.0", "34.3", "--km", "10", "--kind", "sites", "--edition", "hand", "--format", "json"]))
        XCTAssertEqual((sites["rows"] as? [[String: Any]])?.first?["id"] as? String, "S1")
    }

    func testNearBatchStreamsTheSameRowsAsSingleQueries() throws {
        let folder = try TemporaryFolder.url(for: self)
        let queries = folder.appendingPathComponent("q.csv")
        try "id,lon,lat\nkochi,133.5311,33.5597\nmatsuyama,132.7657,33.8416\n".write(to: queries, atomically: true, encoding: .utf8)
        let batch = try run(["near", "--queries", queries.path, "--km", "15", "--edition", "hand", "--format", "csv"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        let rows = csv(batch.stdout)
        for (id, lon, lat) in [("kochi", "133.5311", "33.5597"), ("matsuyama", "132.7657", "33.8416")] {
            let single = csv(try run(["near", lon, lat, "--km", "15", "--edition", "hand", "--format", "csv"]).stdout)
            let mine = rows.filter { $0["query"] == id }
            XCTAssertEqual(mine.map { $0["id"] ?? "" }, single.map { $0["id"] ?? "" }, id)
            XCTAssertEqual(mine.map { $0["distance_km"] ?? "" }, single.map { $0["distance_km"] ?? "" }, id)
        }
        XCTAssertTrue(batch.stderr.contains("2 queries"), batch.stderr)
        let bad = folder.appendingPathComponent("bad.csv")
        try "id,lon,lat\na,133.5,33.5\nb,north,33.5\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try run(["near", "--queries", bad.path, "--km", "5", "--edition", "hand"])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertTrue(failed.stderr.contains("bad.csv") && failed.stderr.contains("3"), "names the file and the line: \(failed.stderr)")
    }

    func testWithinAndNearestSite() throws {
        let within = try json(run(["within", "37", "--edition", "hand", "--format", "json"]))
        let totals = try XCTUnwrap((within["metadata"] as? [String: Any])?["totals"] as? [String: Any])
        let rows = try XCTUnwrap(within["rows"] as? [[String: Any]])
        XCTAssertEqual(totals["count"] as? Int, rows.count)
        XCTAssertEqual((totals["total_investment_jpy"] as? NSNumber)?.doubleValue, Double(rows.count) * 100_000_000)
        XCTAssertTrue(rows.allSatisfy { ($0["ward_code"] as? String)?.hasPrefix("37") == true }, "only 香川県's projects")
        let nearest = try json(run(["nearest-site", "39201", "--edition", "hand", "--format", "json"]))
        let answers = try XCTUnwrap(nearest["rows"] as? [[String: Any]])
        XCTAssertEqual(answers.compactMap { $0["plan"] as? String }, ["B", "any"])
        let km = try XCTUnwrap((answers[0]["distance_km"] as? NSNumber)?.doubleValue)
        XCTAssertLessThan(km, GeodesicDistance.metres(from: Coordinate(x: 133.5311, y: 33.5597), to: Self.takamatsuSite) / 1000,
                          "from the polygon's edge, nearer than from the city centre")
        XCTAssertGreaterThan(km, 50)
    }

    func testBadInputFailsWithSuggestions() throws {
        for (arguments, expected) in [(["gaps", "--bureau", "shikokuu"], "closest: shikoku"),
                                      (["gaps", "--bureau", "shikoku", "--prefecture", "13"], "no prefecture '13'"),
                                      (["gaps", "--bureau", "shikoku", "--km", "5000"], "Japan's extent"),
                                      (["within", "99999"], "no unit with code '99999'"),
                                      (["near", "0", "0", "--km", "5"], "outside Japan"),
                                      (["near", "133.5", "33.5", "--km", "0"], "positive"),
                                      (["gaps", "--bureau", "shikoku", "--edition", "nope"], "nope")] {
            let result = try run(arguments + (arguments.contains("--edition") ? [] : ["--edition", "hand"]))
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
    }
}
