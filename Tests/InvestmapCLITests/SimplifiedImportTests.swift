import Foundation
import GeoFormats
import TestSupport
import XCTest
import Reference

/// Import of the simplified national TopoJSON (N03 2021), `units` and `locate` on it.
final class SimplifiedImportTests: XCTestCase {
    private func importTopoJSON(into folder: URL) throws -> (URL, CLI.Result) {
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("simplified.gpkg")
        let result = try CLI.run(["import", "boundaries", topojson.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return (db, result)
    }

    func testCodesUnassignedAreasAndRepairs() throws {
        let (db, result) = try importTopoJSON(into: TemporaryFolder.url(for: self))
        XCTAssertTrue(result.stdout.contains("edition N03-21_210101"), result.stdout)
        let wards = try CSVReader.records(in: CLI.run(["units", "--level", "ward", "--db", db.path]).stdout).dropFirst()
        XCTAssertEqual(wards.count, 1_902)
        XCTAssertEqual(Set(wards.map { $0[0] }).count, 1_902)
        let unassigned = try CSVReader.records(in: CLI.run(["units", "--level", "unassigned", "--db", db.path]).stdout).dropFirst()
        XCTAssertEqual(unassigned.count, 4, "所属未定地 of 千葉県, 東京都, 愛知県, 沖縄県")
        XCTAssertEqual(Set(unassigned.map { $0[4] }), ["千葉県", "東京都", "愛知県", "沖縄県"])
        XCTAssertTrue(unassigned.allSatisfy { $0[0].isEmpty }, "unassigned areas keep a null code")
        // The two self-intersecting inputs are repaired and named in the report.
        let repairLines = result.stdout.split(separator: "\n").filter { $0.contains("repaired with GEOS make-valid") }
        XCTAssertTrue(result.stdout.contains("repair: 2"), result.stdout)
        XCTAssertTrue(repairLines.contains { $0.contains("42201") }, result.stdout)
        XCTAssertTrue(repairLines.contains { $0.contains("47212") }, result.stdout)
        XCTAssertTrue(result.stdout.contains("parts read "), result.stdout)
    }

    func testLocateAnswersWardCityPrefectureAndBureau() throws {
        let (db, _) = try importTopoJSON(into: TemporaryFolder.url(for: self))
        // Nagoya station: 中村区 (23105) of 名古屋市 (23100), 愛知県, 中部.
        let text = try CLI.run(["locate", "136.8815", "35.1709", "--db", db.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stdout, """
            municipality  23105 名古屋市中村区
            city          23100 名古屋市
            prefecture    23 愛知県
            bureau        chubu 中部経済産業局
            match         inside

            """)
        let json = try CLI.run(["locate", "136.8815", "35.1709", "--format", "json", "--db", db.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((object?["municipality"] as? [String: Any])?["code"] as? String, "23105")
        XCTAssertEqual(object?["match"] as? String, "inside")
        // In Tokyo Bay 2 km off Odaiba: the nearest municipality, and it says so.
        let sea = try CLI.run(["locate", "139.79", "35.60", "--format", "json", "--db", db.path])
        let seaObject = try JSONSerialization.jsonObject(with: Data(sea.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(seaObject?["match"] as? String, "nearest", sea.stdout)
        XCTAssertNotNil(seaObject?["distance_km"] as? Double)
        // Far out in the Pacific: none.
        let ocean = try CLI.run(["locate", "150.0", "30.0", "--db", db.path])
        XCTAssertTrue(ocean.stdout.contains("match         none"), ocean.stdout)
    }

    func testLocateCSVAppendsColumnsAndReportsUnusableRows() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (db, _) = try importTopoJSON(into: folder)
        let csv = folder.appendingPathComponent("points.csv")
        try """
            id,name,longitude,latitude
            1,"Tokyo, station",139.7671,35.6812
            2,nowhere,,
            3,Sapporo,141.3544,43.0621
            """.write(to: csv, atomically: true, encoding: .utf8)
        let result = try CLI.run(["locate", "--csv", csv.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            id,name,longitude,latitude,municipality_code,city_code,prefecture_code,bureau,match
            1,"Tokyo, station",139.7671,35.6812,13101,13101,13,kanto,inside
            2,nowhere,,,,,,,none
            3,Sapporo,141.3544,43.0621,01101,01100,01,hokkaido,inside

            """)
        XCTAssertTrue(result.stderr.contains("1 rows without usable coordinates (lines 3)"), result.stderr)
        let renamed = folder.appendingPathComponent("renamed.csv")
        try "id,東,北\n1,139.7671,35.6812\n".write(to: renamed, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["locate", "--csv", renamed.path, "--db", db.path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no longitude column"), missing.stderr)
        let named = try CLI.run(["locate", "--csv", renamed.path, "--lon-column", "東", "--lat-column", "北", "--db", db.path])
        XCTAssertTrue(named.stdout.contains("13101,13101,13,kanto,inside"), named.stdout + named.stderr)
    }

    func testUnitsAsJSON() throws {
        let (db, _) = try importTopoJSON(into: TemporaryFolder.url(for: self))
        let result = try CLI.run(["units", "--level", "bureau", "--format", "json", "--db", db.path])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        // Ordered by code, as every level is.
        XCTAssertEqual(rows?.map { $0["code"] as? String }, ["chubu", "chugoku", "hokkaido", "kanto", "kinki", "kyushu", "okinawa", "shikoku", "tohoku"])
        XCTAssertEqual(rows?.first?["name"] as? String, "中部経済産業局")
    }

    func testMLITZipHoldingTheBoundariesImportsTheSame() throws {
        let folder = try TemporaryFolder.url(for: self)
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let zip = folder.appendingPathComponent("N03-20210101_GML.zip")
        let made = try Program.run("python3", ["-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('N03-20210101_GML/KS-META-N03-20210101.xml', '<meta/>')
                z.write(sys.argv[2], 'N03-20210101_GML/N03-21_210101.topojson')
            """, zip.path, topojson.path])
        XCTAssertEqual(made.status, 0, made.errors)
        let db = folder.appendingPathComponent("zip.gpkg")
        let result = try CLI.run(["import", "boundaries", zip.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("edition N03-20210101"), "edition from the MLIT file name:\n\(result.stdout)")
        XCTAssertTrue(result.stdout.contains("N03-21_210101.topojson"), result.stdout)
        let wards = try CSVReader.records(in: CLI.run(["units", "--level", "ward", "--db", db.path]).stdout).dropFirst()
        XCTAssertEqual(wards.count, 1_902)
    }

    func testImportIsDeterministic() throws {
        let folder = try TemporaryFolder.url(for: self)
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        var hashes: [String] = []
        for name in ["a.gpkg", "b.gpkg"] {
            let db = folder.appendingPathComponent(name)
            let result = try CLI.run(["import", "boundaries", topojson.path, "--db", db.path], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
            XCTAssertEqual(result.status, 0, result.stderr)
            hashes.append(try CLI.sha256(db))
        }
        XCTAssertEqual(hashes[0], hashes[1], "same input, same bytes")
    }
}
