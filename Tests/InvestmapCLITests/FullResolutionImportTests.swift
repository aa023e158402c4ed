import Foundation
import GeoFormats
import TestSupport
import XCTest
import Reference

/// The acceptance checks of the boundary store on the real full-resolution N03 2022 data
/// (90,718 parts, 12.1 M vertices): imported once for the whole class.
final class FullResolutionImportTests: XCTestCase {
    /// The full-resolution boundaries imported once: the store and what the import printed.
    static let imported = TestFixture("fullres") { folder in
        let geojson = try TestData.sharedFile("geodata/N03-22_220101_fullres.geojson.xz", environmentKey: "INVESTMAP_FULLRES_GEOJSON")
        let db = folder.appendingPathComponent("fullres.gpkg")
        return (store: db, output: try CLI.run(["import", "boundaries", geojson.path, "--db", db.path]))
    }

    private func importedStore() throws -> URL {
        let (store, output) = try Self.imported.value()
        XCTAssertEqual(output.status, 0, output.stderr)
        return store
    }

    private func units(_ level: String, _ db: URL) throws -> [[String]] {
        let result = try CLI.run(["units", "--level", level, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return Array(try CSVReader.records(in: result.stdout).dropFirst())
    }

    func testEveryLevelHasTheExpectedUnits() throws {
        let db = try importedStore()
        let wards = try units("ward", db)
        XCTAssertEqual(wards.count, 1_882, "N03 units of the 2022 full-resolution file")
        XCTAssertEqual(try units("prefecture", db).count, 47)
        XCTAssertEqual(try units("bureau", db).count, 9)
        let cities = try units("designated-city", db)
        XCTAssertEqual(cities.count, 20)
        let wardCount = wards.filter { $0[5] != $0[0] }.count  // city_code differs from code: a ward
        XCTAssertEqual(try units("municipality", db).count, wards.count - wardCount + cities.count)
        XCTAssertEqual(try units("unassigned", db).count, 0, "the full-resolution file has no 所属未定地")
    }

    func testNoPartIsLost() throws {
        let db = try importedStore()
        let output = try Self.imported.value().output.stdout
        XCTAssertTrue(output.contains("parts read 90718"), output)
        // The parts column counts the polygons read for each unit, before any repair.
        let parts = try units("ward", db).reduce(0) { $0 + Int($1[9])! }
        XCTAssertEqual(parts, 90_718)
    }

    func testPopulationJoinedAndMismatchesReported() throws {
        let db = try importedStore()
        let tokyo = try XCTUnwrap(try units("prefecture", db).first { $0[0] == "13" })
        XCTAssertEqual(tokyo[1], "東京都")
        XCTAssertEqual(tokyo[7], "14047594", "2020 census population of Tokyo")
        let output = try Self.imported.value().output.stdout
        // 浜松's 2022 wards are not in the census (which has the 2024 layout): matched through the
        // code changes table and reported as another vintage, not as missing.
        XCTAssertTrue(output.contains("census_vintage"), output)
        XCTAssertTrue(output.contains("  22135 浜松市北区: the census table has it in another vintage, as 22138 浜松市中央区, 22139 浜松市浜名区"), output)
        XCTAssertFalse(output.contains("  22138 浜松市中央区: in the 2020 census table"), output)
        XCTAssertTrue(output.contains("census_unmatched"), "the 20 codes the full-resolution file lacks:\n\(output)")
    }

    func testGDALOpensTheStoreWithTheRightCounts() throws {
        let db = try importedStore()
        let ogrinfo = try Program.run(TestData.tool("ogrinfo", package: "gdal-bin"), ["-ro", "-so", "-al", db.path])
        let text = ogrinfo.output, errors = ogrinfo.errors
        XCTAssertEqual(ogrinfo.status, 0, errors)
        XCTAssertFalse(errors.contains("ERROR"), errors)
        var counts: [String: Int] = [:]
        var layer = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Layer name: ") { layer = String(line.dropFirst("Layer name: ".count)) }
            if line.hasPrefix("Feature Count: ") { counts[layer] = Int(line.dropFirst("Feature Count: ".count)) }
        }
        XCTAssertEqual(counts["wards"], 1_882)
        XCTAssertEqual(counts["prefectures"], 47)
        XCTAssertEqual(counts["bureaus"], 9)
        XCTAssertEqual(counts["designated_cities"], 20)
        XCTAssertEqual(counts["municipalities"], try units("municipality", db).count)
        XCTAssertEqual(counts["unassigned_areas"], 0)
        XCTAssertTrue(text.contains("Geometry: Multi Polygon"), text)
    }

    func testEveryStoredGeometryIsValid() throws {
        let db = try importedStore()
        let result = try CLI.run(["check", "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("invalid 0"), result.stdout)
    }

    func testTownPointsLandInTheirOwnMunicipality() throws {
        let db = try importedStore()
        let points = try TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS")
        let result = try CLI.run(["locate", "--csv", points.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let present = Set(try units("ward", db).map { $0[0] })
        var eligible = 0, agreeing = 0
        for f in try CSVReader.records(in: result.stdout).dropFirst() {
            // code5,pref,city,town,koaza,lat,lng + municipality_code,city_code,prefecture_code,bureau,match
            guard f.count >= 12, !f[5].isEmpty, !f[6].isEmpty, present.contains(f[0]) else { continue }
            eligible += 1
            if f[7] == f[0] { agreeing += 1 }
        }
        XCTAssertGreaterThan(eligible, 273_000)
        let share = Double(agreeing) / Double(eligible)
        XCTAssertGreaterThanOrEqual(share, 0.999, "\(agreeing) of \(eligible) points in their own municipality")
        print("town points: \(agreeing) of \(eligible) in their own municipality (\(share * 100) %)")
    }

    func testTownPointsThroughTheLedgerImportLandInTheirOwnMunicipality() throws {
        let db = try importedStore()
        let points = try TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS")
        // The town points as a ledger: one plan-C project per point, its code5 declared.
        let folder = try TemporaryFolder.url(for: self)
        var ledger = "id,name,plan,lon,lat,code\n"
        var declared: [String: String] = [:]
        for (i, f) in try CSVReader.records(in: String(decoding: try Data(contentsOf: points), as: UTF8.self)).dropFirst().enumerated() {
            // code5,pref,city,town,koaza,lat,lng
            let id = "T\(i + 1)"
            declared[id] = f[0]
            ledger += CSVWriter.record([id, f[2] + f[3], "C", f[6], f[5], f[0]])
        }
        let ledgerFile = folder.appendingPathComponent("town_points_ledger.csv")
        try Data(ledger.utf8).write(to: ledgerFile)
        let copy = folder.appendingPathComponent("ledger.gpkg")
        try FileManager.default.copyItem(at: db, to: copy)
        XCTAssertEqual(try CLI.run(["edition", "create", "towns", "--db", copy.path]).status, 0)
        let imported = try CLI.run(["import", "investments", ledgerFile.path, "--edition", "towns", "--db", copy.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        print(imported.stdout)
        let listed = try CLI.run(["projects", "--edition", "towns", "--db", copy.path])
        let present = Set(try units("ward", db).map { $0[0] })
        var eligible = 0, agreeing = 0, byCode = 0
        let records = try CSVReader.records(in: listed.stdout)
        let header = try XCTUnwrap(records.first)
        let ward = try XCTUnwrap(header.firstIndex(of: "ward_code")), precision = try XCTUnwrap(header.firstIndex(of: "location_precision"))
        for f in records.dropFirst() {
            guard let code = declared[f[0]], present.contains(code) else { continue }
            // The points without coordinates are placed by their code, inside their unit.
            if f[precision] == "municipality" {
                byCode += 1
                XCTAssertEqual(f[ward], code, "\(f[0]) placed by its code lies in it")
                continue
            }
            eligible += 1
            if f[ward] == code { agreeing += 1 }
        }
        XCTAssertGreaterThan(byCode, 400, "the points without coordinates are placed by their code")
        XCTAssertGreaterThan(eligible, 273_000)
        let share = Double(agreeing) / Double(eligible)
        XCTAssertGreaterThanOrEqual(share, 0.999, "\(agreeing) of \(eligible) points in their own municipality")
        print("town points through the ledger: \(agreeing) of \(eligible) in their own municipality (\(share * 100) %)")
    }
}
