import Foundation
import GeoFormats
import TestSupport
import XCTest

/// Issue 16, part 2: boundary editions side by side. A hand-made pair of vintages in the N03
/// layout — in N03-20_200101 three units in a row (39201 | 39202 | 39203), in N03-22_220101 the
/// border of 39201 and 39202 moved east and 39203 merged into 39202 — and four projects, two of
/// which change unit between them.
final class BoundaryVintagesTests: XCTestCase {
    static let environment = ["INVESTMAP_GEODATA": TestPaths.geoData.path]

    /// One N03 feature per unit: code → (west, east) of a 0.1°-high strip at 33.0–33.1°N.
    static func vintage(_ units: [(code: String, name: String, west: Double, east: Double)]) -> String {
        let features = units.map { u in
            """
            {"type":"Feature","properties":{"N03_001":"高知県","N03_004":"\(u.name)","N03_007":"\(u.code)"},\
            "geometry":{"type":"Polygon","coordinates":[[[\(u.west),33.0],[\(u.east),33.0],[\(u.east),33.1],[\(u.west),33.1],[\(u.west),33.0]]]}}
            """
        }
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    static let older = vintage([("39201", "甲市", 133.0, 133.1), ("39202", "乙市", 133.1, 133.2), ("39203", "丙町", 133.2, 133.3)])
    static let newer = vintage([("39201", "甲市", 133.0, 133.12), ("39202", "乙市", 133.12, 133.3)])

    /// P1 and P3 stay; P2 (in the strip 133.10–133.12) moves from 39202 to 39201, P4 from 丙町
    /// 39203 into 乙市 39202.
    static let ledger = """
        id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
        P1,甲 工場,B,,100000000,1,planned,2026-01-10,133.05,33.05,,hand-made test row
        P2,境 工場,B,,100000000,1,planned,2026-01-10,133.11,33.05,,hand-made test row
        P3,乙 工場,B,,100000000,1,planned,2026-01-10,133.15,33.05,,hand-made test row
        P4,丙 工場,B,,100000000,1,planned,2026-01-10,133.25,33.05,39203,hand-made test row

        """

    private func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: Self.environment)
    }

    private func wards(_ db: String, edition: String) throws -> [String: String] {
        let result = try run(["projects", "--edition", edition, "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        let records = try CSVReader.records(in: result.stdout)
        let id = records[0].firstIndex(of: "id")!, ward = records[0].firstIndex(of: "ward_code")!
        return Dictionary(uniqueKeysWithValues: records.dropFirst().map { ($0[id], $0[ward]) })
    }

    func testTwoVintagesSideBySideAndARejoinListsExactlyTheProjectsThatMoved() throws {
        let folder = try TemporaryFolder()
        let newer = try folder.write("N03-22_220101_test.geojson", Self.newer)
        let older = try folder.write("N03-20_200101_test.geojson", Self.older)
        let ledger = try folder.write("ledger.csv", Self.ledger)
        let db = folder.file("vintages.gpkg").path

        // The newer first, then the older: the older is kept beside the newer, which stays the default.
        var result = try run(["import", "boundaries", newer.path, "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        result = try run(["import", "boundaries", older.path, "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("N03-20_200101 is kept beside the store's default N03-22_220101"), result.stdout)
        XCTAssertEqual(try CSVReader.records(in: try run(["units", "--level", "ward", "--db", db]).stdout).count - 1, 2)
        let old = try run(["units", "--level", "ward", "--boundaries", "N03-20_200101", "--db", db])
        XCTAssertEqual(try CSVReader.records(in: old.stdout).dropFirst().map { $0[0] }, ["39201", "39202", "39203"])
        let unknown = try run(["units", "--level", "ward", "--boundaries", "N03-19_190101", "--db", db])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no boundary edition 'N03-19_190101' (boundary editions: N03-22_220101, N03-20_200101)"),
                      unknown.stderr)

        // A ledger joined on the older vintage; writing it on the newer one is refused.
        XCTAssertEqual(try run(["edition", "create", "e", "--db", db]).status, 0)
        result = try run(["import", "investments", ledger.path, "--edition", "e", "--boundaries", "N03-20_200101", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try wards(db, edition: "e"), ["P1": "39201", "P2": "39202", "P3": "39202", "P4": "39203"])
        result = try run(["import", "investments", ledger.path, "--edition", "e", "--db", db])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("edition 'e' is joined on boundaries N03-20_200101, not N03-22_220101"), result.stderr)

        // Stats of the edition read the boundaries it is joined on, and say so.
        let stats = try run(["stats", "--edition", "e", "--level", "ward", "--metric", "count", "--format", "csv", "--db", db])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stderr.contains("edition e is joined on boundaries N03-20_200101: reading those"), stats.stderr)
        XCTAssertTrue(stats.stdout.contains("39203,丙町,ward,1"), stats.stdout)

        // A dry run lists, writes nothing; the rejoin lists exactly P2 and P4 and writes them.
        let dry = try run(["edition", "rejoin", "e", "--dry-run", "--boundaries", "N03-22_220101", "--db", db])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(try wards(db, edition: "e")["P2"], "39202")
        let rejoin = try run(["edition", "rejoin", "e", "--boundaries", "N03-22_220101", "--db", db])
        XCTAssertEqual(rejoin.status, 0, rejoin.stderr)
        XCTAssertEqual(rejoin.stdout, dry.stdout)
        let changed = try CSVReader.records(in: rejoin.stdout)
        XCTAssertEqual(changed.dropFirst().map { [$0[0], $0[2], $0[3]] }, [["P2", "39202", "39201"], ["P4", "39203", "39202"]])
        XCTAssertTrue(rejoin.stderr.contains("e: 4 projects joined on N03-20_200101 → N03-22_220101: 2 changed their unit; written"),
                      rejoin.stderr)
        XCTAssertEqual(try wards(db, edition: "e"), ["P1": "39201", "P2": "39201", "P3": "39202", "P4": "39202"])
        let list = try CSVReader.records(in: try run(["edition", "list", "--format", "csv", "--db", db]).stdout)
        XCTAssertEqual(list[0].last, "boundary_edition")
        XCTAssertEqual(list.dropFirst().first { $0[0] == "e" }?.last, "N03-22_220101", "the edition records the boundaries it is joined on")
        let after = try run(["stats", "--edition", "e", "--level", "ward", "--metric", "count", "--format", "csv", "--db", db])
        XCTAssertFalse(after.stderr.contains("reading those"), "joined on the default now")
        XCTAssertTrue(after.stdout.contains("39202,乙市,ward,2"), after.stdout)

        // A published edition never changes: a rejoin is refused (a dry run still lists).
        XCTAssertEqual(try run(["edition", "publish", "e", "--db", db]).status, 0)
        let refused = try run(["edition", "rejoin", "e", "--boundaries", "N03-20_200101", "--db", db])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("edition 'e' is published and cannot change"), refused.stderr)
        let listed = try run(["edition", "rejoin", "e", "--dry-run", "--boundaries", "N03-20_200101", "--db", db])
        XCTAssertEqual(try CSVReader.records(in: listed.stdout).dropFirst().map(\.[0]), ["P2", "P4"])
    }

    /// A newer edition moves the default aside with its simplified scales; GDAL opens the result.
    func testANewerImportKeepsTheOldDefaultBesideIt() throws {
        let folder = try TemporaryFolder()
        let older = try folder.write("N03-20_200101_test.geojson", Self.older)
        let newer = try folder.write("N03-22_220101_test.geojson", Self.newer)
        let db = folder.file("vintages.gpkg").path
        XCTAssertEqual(try run(["import", "boundaries", older.path, "--db", db]).status, 0)
        XCTAssertEqual(try run(["simplify", "--levels", "national", "--db", db]).status, 0)
        let result = try run(["import", "boundaries", newer.path, "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("N03-22_220101 is now the store's default (the newest); N03-20_200101 is kept beside it"),
                      result.stdout)
        let kept = try run(["export", "--level", "national", "--unit", "ward", "--boundaries", "N03-20_200101", "--out",
                            folder.file("old.geojson").path, "--db", db])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertTrue(kept.stdout.contains("3 features"), kept.stdout)
        let none = try run(["export", "--level", "national", "--unit", "ward", "--out", folder.file("new.geojson").path, "--db", db])
        XCTAssertEqual(none.status, 1, "the new default has no simplified scale yet")
        XCTAssertEqual(try run(["check", "--boundaries", "N03-20_200101", "--db", db]).status, 0)
        let ogrinfo = try Program.run(TestData.tool("ogrinfo", package: "gdal-bin"), ["-ro", "-so", db])
        XCTAssertTrue(ogrinfo.output.contains("wards__n03_20_200101 (Multi Polygon)"), ogrinfo.output + ogrinfo.errors)
        XCTAssertTrue(ogrinfo.output.contains("wards_national__n03_20_200101 (Multi Polygon)"), ogrinfo.output)
        XCTAssertFalse(ogrinfo.errors.contains("ERROR"), ogrinfo.errors)
    }
}
