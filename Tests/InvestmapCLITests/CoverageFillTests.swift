import BoundaryStore
import Foundation
import GeoCore
import GeoFormats
import TestSupport
import XCTest

/// Issue 16, part 1: the full-resolution N03 2022 boundaries (1,882 codes) filled from the
/// complete 1 % N03 2021 coverage: every code, conflated to the full-resolution borders.
final class CoverageFillTests: XCTestCase {
    /// The 20 codes the full-resolution file lacks (../shared/geodata/N03-22_220101_fullres.MISSING.tsv).
    static let missing = ["03202", "03203", "03211", "04202", "04205", "04606", "13421", "22304", "24215", "24472",
                          "32205", "38202", "38203", "42201", "42202", "42209", "42210", "42211", "47207", "47214"]

    static let imported = TestFixture("fullres-filled") { folder in
        let geojson = try TestData.sharedFile("geodata/N03-22_220101_fullres.geojson.xz", environmentKey: "INVESTMAP_FULLRES_GEOJSON")
        let coarse = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("filled.gpkg")
        return (store: db, output: try CLI.run(["import", "boundaries", geojson.path, "--fill-from", coarse.path, "--verbose", "--db", db.path]))
    }

    private func importedStore() throws -> (URL, String) {
        let (store, output) = try Self.imported.value()
        XCTAssertEqual(output.status, 0, output.stderr)
        return (store, output.stdout)
    }

    func testEveryCodeIsThereAndEachFillIsReportedWithItsArea() throws {
        let (db, report) = try importedStore()
        let wards = try CLI.run(["units", "--level", "ward", "--db", db.path])
        let codes = Set(try CSVReader.records(in: wards.stdout).dropFirst().map { $0[0] })
        XCTAssertEqual(codes.count, 1902)
        XCTAssertTrue(Set(Self.missing).isSubset(of: codes))
        XCTAssertTrue(report.contains("4 unassigned areas"), report)
        for code in Self.missing {
            // "NNNNN name: from FILE: feature K (edition …), coarser than the rest; …, area +0.34 % of the source's …"
            guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("  \(code) ") && $0.contains("coarser than the rest") }),
                  let range = line.range(of: "area "), let change = Double(line[range.upperBound...].prefix { $0 != " " }) else {
                XCTFail("no fill row for \(code) in the report")
                continue
            }
            XCTAssertLessThan(abs(change), 2, "\(code): area within 2 % of the source's: \(line)")
        }
    }

    /// No dissolved prefecture keeps a hole next to a filled unit that no unit fills: every
    /// interior ring a filled unit touches is land of another unit (an enclave), never a gap
    /// the fill left.
    func testNoPrefectureHasAHoleThatAFilledUnitShouldCover() throws {
        let (db, _) = try importedStore()
        let store = try BoundaryStore(path: db.path, readOnly: true)
        let units = try store.units(.ward) + store.units(.unassigned)
        let filled = units.filter { $0.fillSource != nil }
        XCTAssertEqual(filled.count, 24, "20 municipalities and 4 所属未定地")
        XCTAssertEqual(Set(filled.compactMap(\.fillEdition)), ["N03-21_210101"])
        let boxes = units.map(\.geometry.boundingBox)
        let context = GEOSContext()
        var holes = 0
        var gaps: [String] = []
        for prefecture in try store.units(.prefecture) {
            for polygon in prefecture.geometry.polygons {
                for ring in polygon.holes {
                    let hole = Geometry.polygon(Polygon(exterior: ring))
                    let box = hole.boundingBox
                    var gap = try GEOSGeometry(hole, context: context)
                    // Holes a filled unit touches (others are the primary file's own).
                    guard try filled.contains(where: {
                        try $0.geometry.boundingBox.intersects(box) && gap.distance(to: GEOSGeometry($0.geometry, context: context)) < 1e-9
                    }) else { continue }
                    holes += 1
                    for (unit, unitBox) in zip(units, boxes) where unitBox.intersects(box) {
                        gap = try gap.difference(GEOSGeometry(unit.geometry, context: context))
                    }
                    if try gap.area() > 1e-14 {
                        gaps.append("\(prefecture.name): \(try gap.area()) sq deg uncovered near \(box.minX), \(box.minY)")
                    }
                }
            }
        }
        XCTAssertEqual(gaps, [])
        print("holes of prefectures near filled units: \(holes), all enclaves of other units")
    }

    func testTheFilledStoreIsValidAtEveryLevel() throws {
        let (db, _) = try importedStore()
        let check = try CLI.run(["check", "--db", db.path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("invalid 0"), check.stdout)
    }

    /// Town points of the filled municipalities (named by address, independently of any
    /// polygon) land in their own municipality.
    func testTownPointsOfTheFilledMunicipalitiesLandInThem() throws {
        let (db, _) = try importedStore()
        let points = try TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS")
        let result = try CLI.run(["locate", "--csv", points.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var eligible: [String: Int] = [:], agreeing: [String: Int] = [:]
        let missing = Set(Self.missing)
        for f in try CSVReader.records(in: result.stdout).dropFirst() where f.count >= 12 && missing.contains(f[0]) && !f[5].isEmpty {
            eligible[f[0], default: 0] += 1
            if f[7] == f[0] { agreeing[f[0], default: 0] += 1 }
        }
        XCTAssertEqual(Set(eligible.keys), missing.subtracting(["13421"]).union(eligible["13421"] == nil ? [] : ["13421"]))
        let total = eligible.values.reduce(0, +), inOwn = agreeing.values.reduce(0, +)
        XCTAssertGreaterThan(total, 3_900)
        for code in eligible.keys.sorted() {
            XCTAssertGreaterThan(agreeing[code] ?? 0, 0, "\(code): at least one of its town points lands in it")
        }
        XCTAssertGreaterThanOrEqual(Double(inOwn) / Double(total), 0.99, "\(inOwn) of \(total) town points in their own filled municipality")
        print("filled municipalities: \(inOwn) of \(total) town points in their own municipality")
    }

    /// Every answer drawn from a filled store credits the fill, as its maps and tiles do:
    /// the query metadata (JSON), the stats JSON and the workbooks' notes (read by openpyxl).
    func testAnswersOfAFilledStoreCreditTheFill() throws {
        let (store, _) = try importedStore()
        let folder = try TemporaryFolder()
        // A copy: the other tests read the fixture's store as imported.
        let db = folder.url.appendingPathComponent("answers.gpkg").path
        try FileManager.default.copyItem(atPath: store.path, toPath: db)
        let ledger = folder.url.appendingPathComponent("ledger.csv")
        try Data("""
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            P1,長崎の案件,B,,1000000000,10,operating,,129.8737,32.7503,,
            P2,今治の案件,B,,2000000000,20,operating,,132.9978,34.0660,,

            """.utf8).write(to: ledger)
        try CLI.runAll([["edition", "create", "e", "--note", "hand-made test ledger", "--db", db],
                        ["import", "investments", ledger.path, "--edition", "e", "--db", db]])
        let credit = "の簡略化された境界で補完"
        let within = try CLI.run(["within", "42201", "--edition", "e", "--format", "json", "--db", db])
        XCTAssertEqual(within.status, 0, within.stderr)
        XCTAssertTrue(within.stdout.contains(credit), within.stdout)
        let stats = try CLI.run(["stats", "--edition", "e", "--level", "prefecture", "--metric", "count", "--format", "json", "--db", db])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertTrue((document["attribution"] as? [String] ?? []).contains { $0.contains(credit) }, stats.stdout)
        var workbooks: [String] = []
        for (name, arguments) in [("stats", ["stats", "--edition", "e", "--level", "prefecture", "--metric", "count"]),
                                  ("projects", ["projects", "--edition", "e"]),
                                  ("gaps", ["gaps", "--bureau", "kyushu", "--edition", "e"])] {
            let xlsx = folder.url.appendingPathComponent("\(name).xlsx").path
            let result = try CLI.run(arguments + ["--format", "xlsx", "--output", xlsx, "--db", db])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            workbooks.append(xlsx)
        }
        let script = """
            import sys, openpyxl
            for path in sys.argv[1:]:
                notes = [str(r[0]) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True) if r and r[0]]
                assert any("\(credit)" in n for n in notes), (path, notes[-6:])
            print("ok")
            """
        let checked = try Program.run("/usr/bin/env", ["python3", "-c", script] + workbooks)
        XCTAssertEqual(checked.status, 0, checked.errors)
    }
}
