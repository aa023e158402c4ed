import Foundation
import GeoFormats
import TestSupport
import XCTest
import Reference

/// How the import judges and repairs a unit's parts: the multipolygon rules between parts
/// (interiors disjoint, boundaries meeting at points only), checked on hand-made units.
final class RepairTests: XCTestCase {
    private func square(_ x: Double, _ y: Double, _ size: Double) -> String {
        let (x0, y0, x1, y1) = (139 + x, 35 + y, 139 + x + size, 35 + y + size)
        return "[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]"
    }

    /// Imports one unit (code 13101) made of the given parts; returns the import's output.
    private func importParts(_ parts: [String]) throws -> (CLI.Result, URL) {
        let folder = try TemporaryFolder.url(for: self)
        let features = parts.map {
            "{\"type\":\"Feature\",\"properties\":{\"N03_001\":\"東京都\",\"N03_004\":\"千代田区\",\"N03_007\":\"13101\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\($0)}}"
        }
        let file = folder.appendingPathComponent("parts.geojson")
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(to: file, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("parts.gpkg")
        let result = try CLI.run(["import", "boundaries", file.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return (result, db)
    }

    private func storedParts(_ db: URL) throws -> [String] {
        let rows = try CSVReader.records(in: CLI.run(["units", "--level", "ward", "--db", db.path]).stdout)
        return Array(rows.dropFirst().first ?? [])
    }

    func testSeparateIslandsAreValidAsRead() throws {
        let (result, db) = try importParts([square(0, 0, 0.1), square(0.2, 0, 0.1), square(0.5, 0.5, 0.01)])
        XCTAssertFalse(result.stdout.contains("repair:"), result.stdout)
        XCTAssertEqual(try CLI.run(["check", "--db", db.path]).status, 0)
    }

    func testPartsTouchingAtOnePointAreValid() throws {
        let (result, _) = try importParts([square(0, 0, 0.1), square(0.1, 0.1, 0.1)])
        XCTAssertFalse(result.stdout.contains("repair:"), result.stdout)
    }

    func testPartsSharingAnEdgeAreDissolvedAndReported() throws {
        let (result, db) = try importParts([square(0, 0, 0.1), square(0.1, 0, 0.1)])
        XCTAssertTrue(result.stdout.contains("share a boundary line"), result.stdout)
        XCTAssertTrue(result.stdout.contains("2 part(s) → 1"), result.stdout)
        XCTAssertEqual(try storedParts(db)[9], "2", "parts read are still counted")
        XCTAssertEqual(try CLI.run(["check", "--db", db.path]).status, 0)
    }

    func testOverlappingAndNestedPartsAreRepaired() throws {
        let (crossing, db) = try importParts([square(0, 0, 0.1), square(0.05, 0.05, 0.1)])
        XCTAssertTrue(crossing.stdout.contains("parts 1 and 2 overlap"), crossing.stdout)
        XCTAssertEqual(try CLI.run(["check", "--db", db.path]).status, 0)
        let (nested, _) = try importParts([square(0, 0, 0.1), square(0.02, 0.02, 0.01)])
        XCTAssertTrue(nested.stdout.contains("overlap"), nested.stdout)
    }

    func testSelfIntersectingPartIsRepaired() throws {
        let bowTie = "[[[139,35],[139.1,35.1],[139.1,35],[139,35.1],[139,35]]]"
        let (result, db) = try importParts([bowTie])
        XCTAssertTrue(result.stdout.contains("Self-intersection"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 part(s) → 2"), result.stdout)
        XCTAssertEqual(try CLI.run(["check", "--db", db.path]).status, 0)
    }
}
