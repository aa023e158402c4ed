import Foundation
import GeoFormats
import TestSupport
import XCTest

/// Issue 16, part 3: codes that change. The N03 2021 boundaries have 浜松市's seven wards; on
/// 2024-01-01 they became 中央区 22138, 浜名区 22139 and 天竜区 22140 (old 北区 22135 split
/// between the first two). A hand-made ledger of points in those wards: declared new codes are
/// consistent where the row lies in a ward they came from, an unknown code is rejected, and
/// `stats --codes-as-of 2024-01-01` carries whole wards and reports the split one apart.
final class CodeChangesTests: XCTestCase {
    static let environment = ["INVESTMAP_GEODATA": TestPaths.geoData.path]

    /// Points checked with `investmap locate` on the N03 2021 1 % boundaries: 天竜区役所 (二俣),
    /// 細江 (old 北区, now 浜名区), 三方原町 (old 北区, now 中央区), 浜松市役所 (中区), 浜北区役所.
    static let ledger = """
        id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
        T1,天竜 工場,B,,500000000,10,planned,2026-01-10,137.818,34.866,22140,hand-made test row
        K1,細江 工場,B,,300000000,5,planned,2026-01-10,137.6275,34.7993,22139,hand-made test row
        K2,三方原 倉庫,C,,100000000,2,planned,2026-01-10,137.7275,34.8002,,hand-made test row
        N1,中区 本社,B,,700000000,30,planned,2026-01-10,137.7262,34.7108,22138,hand-made test row
        N2,中区 支店,C,,200000000,4,planned,2026-01-10,137.7262,34.7108,22139,hand-made test row
        H1,浜北 工場,B,,400000000,8,planned,2026-01-10,137.7808,34.7930,,hand-made test row
        X1,架空 工場,B,,100000000,1,planned,2026-01-10,137.7262,34.7108,22199,hand-made test row

        """

    static let store = TestFixture("code-changes") { folder in
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("codes.gpkg").path
        let ledger = folder.appendingPathComponent("hamamatsu.csv")
        try Data(CodeChangesTests.ledger.utf8).write(to: ledger)
        try CLI.runAll([["import", "boundaries", topojson.path, "--db", db],
                        ["edition", "create", "e", "--note", "hand-made test ledger", "--db", db]], environment: environment)
        let imported = try CLI.run(["import", "investments", ledger.path, "--edition", "e", "--db", db], environment: environment)
        return (db: db, importOutput: imported)
    }

    func testDeclaredCodesOfAnyVintageAreUnderstoodAndAnUnknownOneIsRejected() throws {
        let (db, imported) = try Self.store.value()
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue((imported.stdout + imported.stderr).contains("code 22199: no municipality of the boundaries or of the code changes table has it"),
                      imported.stdout + imported.stderr)
        let projects = try CLI.run(["projects", "--edition", "e", "--db", db], environment: Self.environment)
        XCTAssertEqual(projects.status, 0, projects.stderr)
        let records = try CSVReader.records(in: projects.stdout)
        let header = try XCTUnwrap(records.first)
        let id = try XCTUnwrap(header.firstIndex(of: "id")), ward = try XCTUnwrap(header.firstIndex(of: "ward_code"))
        let mismatch = try XCTUnwrap(header.firstIndex(of: "code_mismatch"))
        var byID: [String: (ward: String, mismatch: String)] = [:]
        for record in records.dropFirst() { byID[record[id]] = (record[ward], record[mismatch]) }
        XCTAssertEqual(Set(byID.keys), ["T1", "K1", "K2", "N1", "N2", "H1"], "X1 rejected, the rest accepted")
        XCTAssertEqual(byID["T1"]?.ward, "22137")
        XCTAssertEqual(byID["K1"]?.ward, "22135")
        XCTAssertEqual(byID["K2"]?.ward, "22135")
        XCTAssertEqual(byID["N1"]?.ward, "22131")
        XCTAssertEqual(byID["H1"]?.ward, "22136")
        XCTAssertEqual(byID["T1"]?.mismatch, "0", "22140 in old 天竜区 22137")
        XCTAssertEqual(byID["K1"]?.mismatch, "0", "22139 got part of old 北区 22135")
        XCTAssertEqual(byID["N1"]?.mismatch, "0", "22138 in old 中区 22131")
        XCTAssertEqual(byID["N2"]?.mismatch, "1", "old 中区 went wholly into 中央区, not 浜名区")
    }

    func testStatsAtTheCodesOf2024CarryWholeWardsAndReportTheSplitOne() throws {
        let (db, _) = try Self.store.value()
        let result = try CLI.run(["stats", "--edition", "e", "--level", "ward", "--metric", "amount", "--codes-as-of", "2024-01-01",
                                  "--format", "json", "--db", db], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let units = try XCTUnwrap(answer["units"] as? [[String: Any]])
        func unit(_ code: String) -> [String: Any]? { units.first { $0["code"] as? String == code } }
        for old in ["22131", "22132", "22133", "22134", "22135", "22136", "22137"] {
            XCTAssertNil(unit(old), "\(old) is not a code in force on 2024-01-01")
        }
        let tenryu = try XCTUnwrap(unit("22140"))
        XCTAssertEqual(tenryu["name"] as? String, "浜松市天竜区")
        XCTAssertEqual(tenryu["count"] as? Int, 1)
        XCTAssertEqual(tenryu["value"] as? Double, 500_000_000, "旧天竜区's figures")
        XCTAssertEqual(tenryu["former_codes"] as? [String], ["22137"])
        for code in ["22138", "22139"] {
            let row = try XCTUnwrap(unit(code))
            XCTAssertNil(row["value"], "\(code) got part of the split 北区: no value")
            XCTAssertEqual(row["incomplete_from"] as? [String], ["22135"])
        }
        XCTAssertEqual(unit("22138")?["former_codes"] as? [String], ["22131", "22132", "22133", "22134"])
        XCTAssertEqual(unit("22138")?["count"] as? Int, 2, "N1 and N2 of old 中区; nothing of old 北区")
        XCTAssertEqual(unit("22139")?["former_codes"] as? [String], ["22136"])
        XCTAssertNil(unit("22130"), "the city is not a ward")
        XCTAssertEqual(unit("13101")?["former_codes"] as? [String], ["13101"], "unchanged units keep their code")
        let codesAsOf = try XCTUnwrap(answer["codes_as_of"] as? [String: Any])
        XCTAssertEqual(codesAsOf["boundary_edition"] as? String, "N03-21_210101")
        let split = try XCTUnwrap((codesAsOf["split"] as? [[String: Any]])?.first)
        XCTAssertEqual(split["code"] as? String, "22135")
        XCTAssertEqual(split["new_codes"] as? [String], ["22138", "22139"])
        XCTAssertEqual(split["new_names"] as? [String], ["浜松市中央区", "浜松市浜名区"])
        XCTAssertEqual(split["projects"] as? [String], ["K1", "K2"])

        let table = try CLI.run(["stats", "--edition", "e", "--level", "ward", "--metric", "count", "--codes-as-of", "2024-01-01",
                                 "--db", db], environment: Self.environment)
        XCTAssertTrue(table.stdout.contains("split: 22135 浜松市北区 (N03-21_210101) went on or before 2024-01-01 to 22138 浜松市中央区 and 22139 浜松市浜名区: 2 projects"),
                      table.stdout)
        // The municipality level: 浜松市 stays 22130 with every project of its wards.
        let cities = try CLI.run(["stats", "--edition", "e", "--level", "municipality", "--metric", "count", "--codes-as-of", "2024-01-01",
                                  "--format", "csv", "--db", db], environment: Self.environment)
        XCTAssertTrue(cities.stdout.contains("22130,浜松市,municipality,6,22130,\n"), cities.stdout)
    }

    func testCodesAsOfBeforeTheBoundariesOrNotADateIsAOneLineError() throws {
        let (db, _) = try Self.store.value()
        for (date, message) in [("2020-12-31", "--codes-as-of 2020-12-31 is before boundary edition N03-21_210101 (2021-01-01)"),
                                ("2024-1-1", "--codes-as-of 2024-1-1: not a date (YYYY-MM-DD)")] {
            let result = try CLI.run(["stats", "--edition", "e", "--level", "ward", "--metric", "count", "--codes-as-of", date, "--db", db],
                                     environment: Self.environment)
            XCTAssertEqual(result.status, 1)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
    }
}
