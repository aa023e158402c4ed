import Foundation
import TestSupport
import XCTest
import Reference

/// `simplify` and `export` on the simplified national TopoJSON (fast), and their bad input.
final class SimplifyTests: XCTestCase {
    private func simplifiedStore(_ folder: URL, levels: String = "national,500m") throws -> (URL, CLI.Result) {
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("simplified.gpkg")
        XCTAssertEqual(try CLI.run(["import", "boundaries", topojson.path, "--db", db.path]).status, 0)
        let result = try CLI.run(["simplify", "--levels", levels, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return (db, result)
    }

    func testEveryLevelKeepsEveryUnitAndSharesBorders() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (db, result) = try simplifiedStore(folder)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stdout)
        for line in lines {
            XCTAssertTrue(line.contains("gaps and overlaps none"), String(line))
        }
        // Fewer vertices at the coarser level.
        let vertices = lines.map { line -> Int in
            let words = line.split(separator: " ")
            return Int(words[words.firstIndex(of: "vertices")! + 1])!
        }
        XCTAssertLessThan(vertices[0], vertices[1], "national (1 km) is coarser than 500 m")
        // Every unit survives, and the simplified store is valid for GEOS.
        XCTAssertEqual(try CLI.run(["check", "--db", db.path]).status, 0)
        let geojson = folder.appendingPathComponent("muni.geojson")
        let export = try CLI.run(["export", "--level", "national", "--unit", "ward", "--out", geojson.path, "--db", db.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("1902 features"), "every N03 unit (所属未定地 are their own layer): \(export.stdout)")
        let text = try String(contentsOf: geojson, encoding: .utf8)
        XCTAssertTrue(text.contains("国土数値情報（行政区域データ）（国土交通省）を加工して作成"), "the MLIT credit travels with the export")
        XCTAssertTrue(text.contains("\"edition\":\"N03-21_210101\""))
    }

    func testNeighboursShareIdenticalSimplifiedBorders() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (db, _) = try simplifiedStore(folder, levels: "2km")
        let out = folder.appendingPathComponent("wards.geojson")
        XCTAssertEqual(try CLI.run(["export", "--level", "2km", "--unit", "ward", "--out", out.path, "--db", db.path]).status, 0)
        // 千代田区 (13101) and 中央区 (13102) are neighbours: the vertices they share at full
        // resolution are simplified identically on both sides.
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let features = try XCTUnwrap(object?["features"] as? [[String: Any]])
        func positions(_ code: String) throws -> Set<[Double]> {
            let feature = try XCTUnwrap(features.first { ($0["properties"] as? [String: Any])?["code"] as? String == code })
            let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
            let polygons = geometry["type"] as? String == "Polygon"
                ? [try XCTUnwrap(geometry["coordinates"] as? [[[Double]]])]
                : try XCTUnwrap(geometry["coordinates"] as? [[[[Double]]]])
            return Set(polygons.flatMap { $0.flatMap { $0 } })
        }
        let shared = try positions("13101").intersection(try positions("13102"))
        XCTAssertGreaterThanOrEqual(shared.count, 2, "neighbours still meet along a common border")
    }

    func testTopoJSONExportSharesArcsAndGDALOpensIt() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (db, _) = try simplifiedStore(folder, levels: "national")
        let out = folder.appendingPathComponent("prefectures.topojson")
        let result = try CLI.run(["export", "--level", "national", "--unit", "prefecture", "--format", "topojson", "--out", out.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("47 features"), result.stdout)
        // investmap reads its own TopoJSON back: 47 prefectures.
        let again = folder.appendingPathComponent("again.gpkg")
        let reimport = try CLI.run(["import", "boundaries", out.path, "--db", again.path])
        XCTAssertNotEqual(reimport.status, 0, "prefectures carry no N03_007: not an N03 file, and the import says so")
        let ogrinfo = try Program.run(TestData.tool("ogrinfo", package: "gdal-bin"), ["-ro", "-so", "-al", out.path])
        let text = ogrinfo.output
        XCTAssertEqual(ogrinfo.status, 0, ogrinfo.errors)
        XCTAssertTrue(text.contains("Feature Count: 47"), text)
    }

    func testBadTolerancesAndUnknownLevelsAreClearErrors() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (db, _) = try simplifiedStore(folder, levels: "national")
        for (levels, expected) in [("-5m", "positive"), ("0m", "positive"), ("200km", "50 km"), ("fine", "not a level"), ("abcm", "not a number")] {
            let result = try CLI.run(["simplify", "--levels=\(levels)", "--db", db.path])
            XCTAssertNotEqual(result.status, 0, levels)
            XCTAssertTrue(result.stderr.contains(expected), "\(levels): \(result.stderr)")
        }
        let unbuilt = try CLI.run(["export", "--level", "z9", "--out", folder.appendingPathComponent("x.geojson").path, "--db", db.path])
        XCTAssertNotEqual(unbuilt.status, 0)
        XCTAssertTrue(unbuilt.stderr.contains("has not been built (built: national"), unbuilt.stderr)
    }

    /// Imports 千代田区 (13101) and 中央区 (13102) with the given polygon coordinates.
    private func importTwoUnits(_ first: String, _ second: String, in folder: URL) throws -> URL {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"N03_001":"東京都","N03_004":"千代田区","N03_007":"13101"},"geometry":{"type":"Polygon","coordinates":\(first)}},
            {"type":"Feature","properties":{"N03_001":"東京都","N03_004":"中央区","N03_007":"13102"},"geometry":{"type":"Polygon","coordinates":\(second)}}]}
            """
        let file = folder.appendingPathComponent("units.geojson")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("units.gpkg")
        XCTAssertEqual(try CLI.run(["import", "boundaries", file.path, "--db", db.path]).status, 0)
        return db
    }

    private let westSquare = "[[[139,35],[139.1,35],[139.1,35.1],[139,35.1],[139,35]]]"

    /// Two neighbours whose common border was digitised twice, differently — as when prefecture
    /// files are simplified separately: nothing is shared, so the topology alone sees only coasts.
    private func importNeighbours(rightBorderMiddle: String, in folder: URL) throws -> URL {
        let right = "[[[139.1,35],[139.2,35],[139.2,35.1],[139.1,35.1],\(rightBorderMiddle),[139.1,35]]]"
        return try importTwoUnits(westSquare, right, in: folder)
    }

    func testCrossingAndNonMatchingBordersAreRefusedWithThePair() throws {
        let crossing = try importNeighbours(rightBorderMiddle: "[139.098,35.05]", in: try TemporaryFolder.url(for: self))
        let overlap = try CLI.run(["simplify", "--levels", "500m", "--db", crossing.path])
        XCTAssertNotEqual(overlap.status, 0)
        XCTAssertTrue(overlap.stderr.contains("13101 千代田区 / 13102 中央区 overlap") || overlap.stderr.contains("13102 中央区 / 13101 千代田区 overlap"), overlap.stderr)
        let tJunction = try importNeighbours(rightBorderMiddle: "[139.1,35.05]", in: try TemporaryFolder.url(for: self))
        let mismatch = try CLI.run(["simplify", "--levels", "500m", "--db", tJunction.path])
        XCTAssertNotEqual(mismatch.status, 0)
        XCTAssertTrue(mismatch.stderr.contains("borders do not match"), mismatch.stderr)
    }

    func testOverlappingUnitsAreRefusedWithThePair() throws {
        let db = try importTwoUnits(westSquare, westSquare, in: try TemporaryFolder.url(for: self))
        let result = try CLI.run(["simplify", "--levels", "500m", "--db", db.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("13101") && result.stderr.contains("13102") && result.stderr.contains("not a coverage"), result.stderr)
    }
}
