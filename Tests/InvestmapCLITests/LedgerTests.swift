import Foundation
import GeoFormats
import TestSupport
import XCTest
import Reference

/// The investment ledger through the CLI: import (encodings, bad rows, idempotency), editions,
/// diff, stats, on the simplified national boundaries (imported once for the class).
final class LedgerTests: XCTestCase {
    /// The simplified national TopoJSON imported, no edition yet.
    static let boundaries = TestFixture("ledger") { folder in
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("boundaries.gpkg")
        let result = try CLI.run(["import", "boundaries", topojson.path, "--db", db.path])
        guard result.status == 0 else { throw CLIFailure(result.stderr) }
        return db
    }

    struct CLIFailure: Error { var message: String; init(_ m: String) { message = m } }

    /// A copy of the boundary store with edition `edition` created, in a fresh folder.
    private func store(edition: String = "2026-04") throws -> (db: URL, folder: URL) {
        let boundaries = try Self.boundaries.value()
        let folder = try TemporaryFolder.url(for: self)
        let db = folder.appendingPathComponent("ledger.gpkg")
        try FileManager.default.copyItem(at: boundaries, to: db)
        try expectSuccess(["edition", "create", edition, "--db", db.path])
        return (db, folder)
    }

    @discardableResult
    private func expectSuccess(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLI.Result {
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.status, 0, "investmap \(arguments.joined(separator: " ")): " + result.stderr, file: file, line: line)
        return result
    }

    private func projects(_ db: URL, edition: String) throws -> [String: [String: String]] {
        let text = try expectSuccess(["projects", "--edition", edition, "--db", db.path]).stdout
        let records = try CSVReader.records(in: text)
        let header = try XCTUnwrap(records.first)
        var result: [String: [String: String]] = [:]
        for record in records.dropFirst() { result[record[0]] = Dictionary(uniqueKeysWithValues: zip(header, record)) }
        return result
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    // MARK: - Import

    func testShiftJISWithJapaneseHeadersImports() throws {
        let (db, folder) = try store()
        let utf8 = folder.appendingPathComponent("utf8.csv")
        try write("""
            事業ID,事業名,計画,分野,投資額（億円）,雇用者数,状況,公表日,経度,緯度,市区町村コード,出典
            J001,名古屋駅前 半導体設計拠点,A,AI・半導体,12.5,120,計画中,2025年4月1日,136.8815,35.1709,231002,経産省資料
            J002,髙島屋跡地 物流施設～第２期,B,,"1,200",30,建設中,令和7年6月30日,135.5023,34.6937,,①地域計画

            """, to: utf8)
        let sjis = folder.appendingPathComponent("sjis.csv")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "CP932", utf8.path]
        FileManager.default.createFile(atPath: sjis.path, contents: nil)
        iconv.standardOutput = try FileHandle(forWritingTo: sjis)
        try iconv.run()
        iconv.waitUntilExit()
        XCTAssertEqual(iconv.terminationStatus, 0)
        XCTAssertNil(String(data: try Data(contentsOf: sjis), encoding: .utf8), "the fixture really is not UTF-8")

        let result = try expectSuccess(["import", "investments", sjis.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertTrue(result.stdout.contains("2 rows read, 2 accepted, 0 rejected (cp932)"), result.stdout)
        let rows = try projects(db, edition: "2026-04")
        let first = try XCTUnwrap(rows["J001"])
        XCTAssertEqual(first["name"], "名古屋駅前 半導体設計拠点")
        XCTAssertEqual(first["field"], "ai_semiconductors")
        XCTAssertEqual(first["total_investment_jpy"], "1250000000", "12.5 億円")
        XCTAssertEqual(first["status"], "planned")
        XCTAssertEqual(first["announced"], "2025-04-01")
        XCTAssertEqual(first["code"], "23100", "6-digit code with its check digit")
        XCTAssertEqual(first["ward_code"], "23105", "名古屋市中村区")
        XCTAssertEqual(first["municipality_code"], "23100")
        XCTAssertEqual(first["prefecture_code"], "23")
        XCTAssertEqual(first["bureau"], "chubu")
        XCTAssertEqual(first["code_mismatch"], "0", "a declared city matches its wards")
        let second = try XCTUnwrap(rows["J002"])
        XCTAssertEqual(second["name"], "髙島屋跡地 物流施設～第２期", "CP932-only characters survive")
        XCTAssertEqual(second["total_investment_jpy"], "120000000000", "1,200 億円")
        XCTAssertEqual(second["announced"], "2025-06-30", "令和7年")
        XCTAssertEqual(second["status"], "under_construction")
        XCTAssertEqual(second["prefecture_code"], "27")
    }

    func testEveryKindOfBadRowIsReportedAndNothingIsLost() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("bad.csv")
        try write("""
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            G1,good one,B,,1000000,5,operating,2025-01-01,139.6917,35.6895,,
            B1,bad number,B,,12x,5,planned,,139.69,35.68,,
            B2,outside Japan,C,,,,planned,,2.35,48.85,,
            B3,unknown field,A,cold_fusion,,,planned,,139.69,35.68,,
            B4,A without field,A,,,,planned,,139.69,35.68,,
            G1,duplicate id,B,,,,planned,,139.69,35.68,,
            B5,bad check digit,B,,,,planned,,139.69,35.68,131019,
            B6,far at sea,B,,,,planned,,145.0,30.0,,
            B7,bad date,B,,,,planned,2025-02-30,139.69,35.68,,
            G2,offshore wind near the coast,A,resource_energy_security_gx,,,planned,,140.90,35.70,,

            """, to: ledger)
        let rejects = folder.appendingPathComponent("rejects.csv")
        let result = try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--rejects", rejects.path,
                                        "--db", db.path])
        XCTAssertTrue(result.stdout.contains("10 rows read, 2 accepted, 8 rejected"), result.stdout)
        let rows = try CSVReader.records(in: String(decoding: try Data(contentsOf: rejects), as: UTF8.self))
        XCTAssertEqual(rows.first, ["file", "line", "id", "reason"])
        let byLine = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (Int($0[1])!, $0[3]) })
        XCTAssertEqual(byLine.keys.sorted(), [3, 4, 5, 6, 7, 8, 9, 10], "one rejection per bad row, with its line")
        func expect(_ line: Int, _ fragments: String...) {
            let reason = byLine[line] ?? ""
            for fragment in fragments { XCTAssertTrue(reason.contains(fragment), "line \(line): \(reason)") }
        }
        expect(3, "12x")
        expect(4, "outside Japan")
        expect(5, "cold_fusion")
        expect(6, "field")
        expect(7, "duplicate", "line 2")
        expect(8, "check digit")
        expect(9, "no municipality within")
        expect(10, "2025-02-30")
        let stored = try projects(db, edition: "2026-04")
        XCTAssertEqual(Set(stored.keys), ["G1", "G2"])
        XCTAssertEqual(stored["G1"]?["name"], "good one", "the first of two rows with one id is kept")
        XCTAssertEqual(stored["G2"]?["match"], "nearest", "a point off the coast is joined to the nearest municipality")
        XCTAssertFalse((stored["G2"]?["sea_distance_km"] ?? "").isEmpty)
    }

    func testReimportingTheSameFileChangesNothing() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "300", "--seed", "11", "--out", ledger.path])
        let first = try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertTrue(first.stdout.contains("300 new, 0 updated, 0 unchanged"), first.stdout)
        let before = try projects(db, edition: "2026-04")
        let second = try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertTrue(second.stdout.contains("0 new, 0 updated, 300 unchanged"), second.stdout)
        XCTAssertEqual(try projects(db, edition: "2026-04"), before)
    }

    func testAFailedImportChangesNothing() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "50", "--seed", "3", "--out", ledger.path])
        try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        let before = try Data(contentsOf: db)
        let noHeader = folder.appendingPathComponent("broken.csv")
        try write("just,some,columns\n1,2,3\n", to: noHeader)
        let result = try CLI.run(["import", "investments", noHeader.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("broken.csv"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: db), before, "the store is untouched")
    }

    // MARK: - Editions

    func testEditionDiffReportsExactlyTheKnownEdits() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "500", "--seed", "2025", "--out", ledger.path])
        try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        try expectSuccess(["edition", "publish", "2026-04", "--db", db.path])
        try expectSuccess(["edition", "create", "2026-05", "--from", "2026-04", "--db", db.path])

        // Known edits: 2 removed, 2 withdrawn, 1 amount changed, 1 moved, 3 added.
        var records = try CSVReader.records(in: String(decoding: try Data(contentsOf: ledger), as: UTF8.self))
        let header = records.removeFirst()
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        records.removeAll { ["P000010", "P000011"].contains($0[0]) }
        // Withdraw the first two projects from P000020 on that are not withdrawn already.
        let toWithdraw = records.filter { $0[0] >= "P000020" && $0[column["status"]!] != "withdrawn" }.prefix(2).map { $0[0] }
        for i in records.indices {
            if toWithdraw.contains(records[i][0]) { records[i][column["status"]!] = "withdrawn" }
            switch records[i][0] {
            case "P000030": records[i][column["amount_jpy"]!] = String(Int(records[i][column["amount_jpy"]!])! + 100_000_000)
            case "P000040": records[i][column["name"]!] += "（第2期）"
            default: break
            }
        }
        for k in 1...3 {
            var added = records[k]
            added[0] = "N00000\(k)"
            records.append(added)
        }
        let edited = folder.appendingPathComponent("edited.csv")
        try write(([header] + records).map(CSVWriter.record).joined(), to: edited)
        let imported = try expectSuccess(["import", "investments", edited.path, "--edition", "2026-05", "--replace", "--db", db.path])
        XCTAssertTrue(imported.stdout.contains("3 new, 4 updated, 494 unchanged, 2 removed"), imported.stdout)

        let diff = try expectSuccess(["edition", "diff", "2026-04", "2026-05", "--format", "json", "--db", db.path])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        func ids(_ key: String) -> [String] { ((json[key] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted() }
        XCTAssertEqual(ids("added"), ["N000001", "N000002", "N000003"])
        XCTAssertEqual(ids("removed"), ["P000010", "P000011"])
        XCTAssertEqual(ids("withdrawn"), toWithdraw.sorted())
        XCTAssertEqual(ids("changed"), ["P000030", "P000040"])
        let changed = (json["changed"] as? [[String: Any]]) ?? []
        let fields = changed.map { (($0["changes"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } }
        XCTAssertEqual(fields, [["total_investment_jpy"], ["name"]])
        XCTAssertFalse(((json["units"] as? [Any]) ?? []).isEmpty, "per-unit totals changed")
    }

    func testPublishedEditionsAreImmutableAndUnknownOnesAreNamed() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "20", "--seed", "5", "--out", ledger.path])
        try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        try expectSuccess(["edition", "publish", "2026-04", "--db", db.path])
        let again = try CLI.run(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("published"), again.stderr)
        let publishTwice = try CLI.run(["edition", "publish", "2026-04", "--db", db.path])
        XCTAssertNotEqual(publishTwice.status, 0)
        let unknown = try CLI.run(["import", "investments", ledger.path, "--edition", "2026-4", "--db", db.path])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("no edition '2026-4'") && unknown.stderr.contains("2026-04"), unknown.stderr)
        for badName in ["../x", "..", ".hidden", "", "a/b"] {
            let result = try CLI.run(["edition", "create", badName, "--db", db.path])
            XCTAssertNotEqual(result.status, 0, "edition name '\(badName)'")
            XCTAssertTrue(result.stderr.contains("not a usable edition name"), result.stderr)
        }
        let duplicate = try CLI.run(["edition", "create", "2026-04", "--db", db.path])
        XCTAssertNotEqual(duplicate.status, 0)
        XCTAssertTrue(duplicate.stderr.contains("already exists"), duplicate.stderr)
        let list = try expectSuccess(["edition", "list", "--format", "json", "--db", db.path]).stdout
        XCTAssertTrue(list.contains("\"status\" : \"published\""), list)
    }

    // MARK: - Statistics

    func testStatsListEveryUnitWithZerosAndAddUpAtEveryLevel() throws {
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "400", "--seed", "9", "--out", ledger.path])
        try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        let stored = try projects(db, edition: "2026-04").values.filter { $0["status"] != "withdrawn" }
        func stats(_ level: String, _ metric: String, _ extra: [String] = []) throws -> [[String]] {
            let text = try expectSuccess(["stats", "--level", level, "--metric", metric, "--format", "csv", "--db", db.path] + extra).stdout
            return try CSVReader.records(in: text)
        }
        let wards = try stats("ward", "count")
        XCTAssertEqual(wards.first, ["code", "name", "level", "count"])
        XCTAssertEqual(wards.count - 1, 1_902, "every N03 unit, zeros included")
        XCTAssertTrue(wards.dropFirst().contains { $0[3] == "0" })
        for level in ["ward", "municipality", "prefecture", "bureau", "nation"] {
            let total = try stats(level, "count").dropFirst().reduce(0) { $0 + Int($1[3])! }
            let located = stored.filter { level == "ward" || level == "municipality" ? !($0["ward_code"] ?? "").isEmpty : true }.count
            XCTAssertEqual(total, located, "counts add up at \(level)")
        }
        let amounts = try stats("prefecture", "amount").dropFirst().reduce(0.0) { $0 + Double($1[3])! }
        XCTAssertEqual(amounts, stored.reduce(0.0) { $0 + (Double($1["total_investment_jpy"] ?? "") ?? 0) }, accuracy: 1,
                       "amount is the total investment")
        let planA = try stats("nation", "count", ["--plan", "A"])
        XCTAssertEqual(Int(planA[1][3]), stored.filter { $0["plan"] == "A" }.count)
        // Per capita and per km²: values where the population and area are known.
        let perCapita = try stats("prefecture", "amount_per_capita")
        XCTAssertEqual(perCapita.count - 1, 47)
        XCTAssertTrue(perCapita.dropFirst().allSatisfy { !$0[3].isEmpty })
        let perArea = try stats("bureau", "amount_per_km2")
        XCTAssertTrue(perArea.dropFirst().allSatisfy { (Double($0[3]) ?? -1) >= 0 }, "\(perArea)")
        let json = try expectSuccess(["stats", "--level", "bureau", "--metric", "count_per_100k", "--format", "json", "--db", db.path]).stdout
        XCTAssertTrue(json.contains("\"edition\" : \"2026-04\"") && json.contains("国土数値情報"), json)
        let badField = try CLI.run(["stats", "--level", "nation", "--metric", "count", "--field", "ai_semiconductor", "--db", db.path])
        XCTAssertNotEqual(badField.status, 0)
        XCTAssertTrue(badField.stderr.contains("ai_semiconductors"), "suggests the closest field: " + badField.stderr)
    }

    // MARK: - Sites and GDAL

    func testSitesJoinPointsAndPolygonsByAreaOfOverlap() throws {
        let (db, folder) = try store()
        let sites = folder.appendingPathComponent("sites.csv")
        // A box across the border of 名古屋市中村区 and its neighbours, mostly in 中村区.
        try write("""
            id,name,plan,fields,status,lon,lat,wkt
            S1,名古屋駅 クラスター,A,ai_semiconductors;quantum,operating,,,"POLYGON((136.870 35.160,136.890 35.160,136.890 35.180,136.870 35.180,136.870 35.160))"
            S2,北九州港 物流拠点,B,,planned,130.90,33.93,

            """, to: sites)
        let result = try expectSuccess(["import", "sites", sites.path, "--edition", "2026-04", "--db", db.path])
        XCTAssertTrue(result.stdout.contains("2 rows read, 2 accepted, 0 rejected"), result.stdout)
        let list = try expectSuccess(["edition", "list", "--format", "json", "--db", db.path]).stdout
        XCTAssertTrue(list.contains("\"sites\" : 2"), list)
    }

    func testGDALOpensTheLedgerLayers() throws {
        let ogrinfo = try TestData.tool("ogrinfo", package: "gdal-bin")
        let (db, folder) = try store()
        let ledger = folder.appendingPathComponent("synth.csv")
        try expectSuccess(["synth", "--count", "100", "--seed", "1", "--out", ledger.path])
        try expectSuccess(["import", "investments", ledger.path, "--edition", "2026-04", "--db", db.path])
        let result = try Program.run(ogrinfo, ["-ro", "-so", db.path, "investments"])
        let text = result.output, warnings = result.errors
        XCTAssertEqual(result.status, 0, warnings)
        XCTAssertTrue(text.contains("Geometry: Point"), text)
        XCTAssertTrue(text.contains("Feature Count: 100"), text)
        XCTAssertFalse(warnings.contains("Warning"), warnings)
    }
}
