import Foundation
import GeoFormats
import TestSupport
import XCTest

/// The ledger the published map is made of, through the CLI: support cases with programmes,
/// companies and two amounts; rows located by address, code or name; workbooks in and out; the
/// new metrics and filters on maps and tiles; an old store upgraded. On the simplified national
/// boundaries (complete, imported once for the class) and the real town points.
final class LedgerCasesTests: XCTestCase {
    static let boundaries = TestFixture("ledger-cases") { folder in
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("boundaries.gpkg")
        for step in [["import", "boundaries", topojson.path], ["simplify", "--levels", "national,z5"]] {
            let result = try CLI.run(step + ["--db", db.path])
            guard result.status == 0 else { throw Failure(result.stderr) }
        }
        return db
    }

    struct Failure: Error { var message: String; init(_ m: String) { message = m } }

    /// The committed fixtures: the same 2,000 fictional cases as a workbook and as CSV
    /// (Scripts/make_ledger_fixtures.py, openpyxl), 40 of them broken on purpose.
    static func workbook() throws -> URL { try TestPaths.fixture("ledger/ledger_cases.xlsx") }
    static func csv() throws -> URL { try TestPaths.fixture("ledger/ledger_cases.csv") }

    private func townPoints() throws -> String {
        try TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS").path
    }

    /// A copy of the boundary store with the given draft editions, in a fresh folder.
    private func store(editions: [String]) throws -> (db: String, folder: URL) {
        let folder = try TemporaryFolder.url(for: self)
        let db = folder.appendingPathComponent("cases.gpkg")
        try FileManager.default.copyItem(at: try Self.boundaries.value(), to: db)
        for edition in editions { try run(["edition", "create", edition, "--db", db.path]) }
        return (db.path, folder)
    }

    @discardableResult
    private func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLI.Result {
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.status, 0, "investmap \(arguments.joined(separator: " ")): " + result.stderr, file: file, line: line)
        return result
    }

    private func importCases(_ file: URL, edition: String, db: String, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["import", "investments", file.path, "--edition", edition, "--db", db, "--town-points", try townPoints()] + extra)
    }

    /// `projects` as rows keyed by id, each a dictionary by column.
    private func projects(_ db: String, edition: String) throws -> [String: [String: String]] {
        let records = try CSVReader.records(in: try run(["projects", "--edition", edition, "--db", db]).stdout)
        let header = try XCTUnwrap(records.first)
        var result: [String: [String: String]] = [:]
        for record in records.dropFirst() { result[record[0]] = Dictionary(uniqueKeysWithValues: zip(header, record)) }
        return result
    }

    // MARK: Excel in

    func testWorkbookAndCSVOfTheSameCasesImportAlike() throws {
        let (db, folder) = try store(editions: ["book", "text"])
        let bookRejects = folder.appendingPathComponent("book_rejects.csv"), textRejects = folder.appendingPathComponent("text_rejects.csv")
        let book = try importCases(try Self.workbook(), edition: "book", db: db, extra: ["--rejects", bookRejects.path])
        let text = try importCases(try Self.csv(), edition: "text", db: db, extra: ["--rejects", textRejects.path])
        XCTAssertEqual(book.status, 0, book.stderr)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(book.stdout.contains("2000 rows read, 1960 accepted, 40 rejected\n"), book.stdout)
        XCTAssertTrue(text.stdout.contains("2000 rows read, 1960 accepted, 40 rejected (utf-8)"), text.stdout)
        XCTAssertFalse(book.stdout.contains("ignored columns"), "the two-row header is understood whole: \(book.stdout)")
        for output in [book.stdout, text.stdout] {
            XCTAssertTrue(output.contains("located: 104 point, 1482 address, 374 municipality"), output)
        }
        // The same rows rejected for the same reasons; the workbook's named by sheet and row.
        let bookRows = try CSVReader.records(in: String(contentsOf: bookRejects, encoding: .utf8)).dropFirst()
        let textRows = try CSVReader.records(in: String(contentsOf: textRejects, encoding: .utf8)).dropFirst()
        XCTAssertEqual(bookRows.map { [$0[2], $0[3]] }, textRows.map { [$0[2], $0[3]] })
        XCTAssertEqual(bookRows.first.map { [$0[1], $0[2]] }, ["採択案件!12", "C0000008"], "row 12 of the sheet is case 8 (4 rows above)")
        XCTAssertEqual(textRows.first.map { [$0[1], $0[2]] }, ["9", "C0000008"])
        let reasons = bookRows.map { $0[3] }
        for expected in ["is not a programme of GeoData/programmes.csv", "is larger than the total investment", "is outside 0–50 %",
                         "is not a company size", "no municipality matches"] {
            XCTAssertEqual(reasons.filter { $0.contains(expected) }.count, 8, expected)
        }
        // What was stored is the same, value for value: amounts in 千円 become yen, the Excel
        // dates and the 令和 text dates the same ISO days, the programmes' short names their ids.
        let diff = try run(["edition", "diff", "book", "text", "--db", db]).stdout
        XCTAssertTrue(diff.hasPrefix("edition book → text: 0 added, 0 removed, 0 withdrawn, 0 changed"), diff)
        let first = try XCTUnwrap(try projects(db, edition: "book")["C0000001"])
        XCTAssertEqual(first["programme"], "it_introduction")
        XCTAssertEqual(first["category"], "digital")
        XCTAssertEqual(first["company_size"], "small")
        XCTAssertEqual(first["support_jpy"], "2997000")
        XCTAssertEqual(first["total_investment_jpy"], "5993000")
        XCTAssertEqual(first["wage_commitment_pct"], "3.5")
        XCTAssertEqual(first["budget"], "FY2024-supplementary")
        XCTAssertEqual(first["adopted"], "2026-02-13")
        XCTAssertEqual(first["announced"], "2026-03-15", "令和8年3月15日")
        XCTAssertEqual(first["location_precision"], "address")
        XCTAssertEqual(first["ward_code"], "42308", "長崎県西彼杵郡時津町")
    }

    func testWorkbooksThatCannotBeReadAreRefusedWithTheReason() throws {
        let (db, _) = try store(editions: ["e"])
        func refused(_ fixture: String, _ extra: [String] = []) throws -> String {
            let result = try importCases(TestPaths.fixture(fixture), edition: "e", db: db, extra: extra)
            XCTAssertNotEqual(result.status, 0, fixture)
            return result.stderr
        }
        XCTAssertTrue(try refused("xlsx/not_a_zip.xlsx").contains("not_a_zip.xlsx"))
        XCTAssertTrue(try refused("xlsx/encrypted.xlsx").contains("password-protected or encrypted workbook"))
        let noHeader = try refused("xlsx/ledger_title_merged.xlsx")
        XCTAssertTrue(noHeader.contains("no header row in the first 30 rows; the closest is row 4"), noHeader)
        XCTAssertTrue(noHeader.contains("missing required columns name (or 事業名"), "the fixture has no 事業名: \(noHeader)")
        let noSheet = try refused("ledger/ledger_cases.xlsx", ["--sheet", "案件一覧"])
        XCTAssertTrue(noSheet.contains("案件一覧") && noSheet.contains("採択案件"), "names the sheet asked for and those there are: \(noSheet)")
        XCTAssertEqual(try run(["edition", "list", "--format", "json", "--db", db]).stdout.contains("\"projects\" : 0"), true,
                       "nothing was written")
    }

    // MARK: Rows without coordinates

    func testRowsByAddressCodeOrNameAreLocatedAndSaySo() throws {
        let (db, folder) = try store(editions: ["e"])
        let file = folder.appendingPathComponent("places.csv")
        try Data("""
            id,name,programme,address,code,prefecture,municipality,lon,lat
            A1,全角の住所,monodzukuri,北海道札幌市中央区北一条東６丁目１２番地,,,,,
            A2,県なし・ビル名,monodzukuri,札幌市中央区北一条東六丁目5-3 中央ビル3F,,,,,
            A3,町丁目が見つからない,monodzukuri,北海道札幌市中央区存在しない町1-1,,,,,
            A4,県のない美郷町,monodzukuri,美郷町1-1,,,,,
            A5,美郷町とコード,monodzukuri,美郷町1-1,45431,,,,
            A6,住所とコードが違う,monodzukuri,北海道札幌市中央区北一条東六丁目1,01102,,,,
            A7,存在しない市,monodzukuri,架空県存在市1-1,,,,,
            C1,政令市のコードのみ,monodzukuri,,04100,,,,
            C2,検査数字付きコードのみ,monodzukuri,,011011,,,,
            N1,県と市町村名のみ,monodzukuri,,,宮崎県,美郷町,,
            N2,市町村名のみ,monodzukuri,,,,美郷町,,
            P1,座標,monodzukuri,,,,,139.7671,35.6812
            X1,場所なし,monodzukuri,,,,,,

            """.utf8).write(to: file)
        let result = try importCases(file, edition: "e", db: db)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("13 rows read, 9 accepted, 4 rejected"), result.stdout)
        XCTAssertTrue(result.stdout.contains("located: 1 point, 3 address, 5 municipality"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 declared code differs from the location"), result.stdout)
        XCTAssertTrue(result.stderr.contains("A4: address '美郷町1-1': ambiguous") && result.stderr.contains("05434, 32448, 45431"), result.stderr)
        XCTAssertTrue(result.stderr.contains("N2: municipality '美郷町': ambiguous"), result.stderr)
        XCTAssertTrue(result.stderr.contains("A7: address '架空県存在市1-1': no municipality matches"), result.stderr)
        XCTAssertTrue(result.stderr.contains("X1: no location"), result.stderr)
        XCTAssertTrue(result.stderr.contains("A3: placed at its municipality"), result.stderr)

        let rows = try projects(db, edition: "e")
        func row(_ id: String) throws -> [String: String] { try XCTUnwrap(rows[id], id) }
        let town = ["141.365303", "43.064471"]  // 北一条東六丁目's town point
        for id in ["A1", "A2", "A6"] {
            XCTAssertEqual(try row(id)["location_precision"], "address", id)
            XCTAssertEqual([try row(id)["lon"]!, try row(id)["lat"]!], town, id)
            XCTAssertEqual(try row(id)["ward_code"], "01101", id)
        }
        XCTAssertEqual(try row("A6")["code_mismatch"], "1", "an address in 中央区 declared as 北区 is flagged")
        for (id, ward, municipality) in [("A3", "01101", "01100"), ("A5", "45431", "45431"), ("C1", "", "04100"), ("C2", "01101", "01100"),
                                         ("N1", "45431", "45431")] {
            XCTAssertEqual(try row(id)["location_precision"], "municipality", id)
            XCTAssertEqual(try row(id)["ward_code"], ward, "\(id): a designated city's case is the city's, not a ward's")
            XCTAssertEqual(try row(id)["municipality_code"], municipality, id)
        }
        XCTAssertEqual(try row("P1")["location_precision"], "point")
        // A representative point lies inside its unit.
        for id in ["A3", "C2", "N1"] {
            let r = try row(id)
            let located = try run(["locate", r["lon"]!, r["lat"]!, "--db", db]).stdout
            XCTAssertTrue(located.contains(r["ward_code"]!), "\(id): \(located)")
        }
    }

    // MARK: Any list's headers

    func testHeadersTheTableDoesNotKnowAreMappedOrReportedWithTheClosestNames() throws {
        let (db, folder) = try store(editions: ["e"])
        let file = folder.appendingPathComponent("own_headers.csv")
        try Data("""
            案件番号,取組テーマ,申請事業者,実施住所,補助金名,補助金交付決定額（千円）
            K1,工場の自動化,株式会社青葉精機,北海道札幌市中央区北一条東六丁目1,ものづくり補助金,1000

            """.utf8).write(to: file)
        let refused = try importCases(file, edition: "e", db: db)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("missing required columns name"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("headers found: 案件番号, 取組テーマ, 申請事業者, 実施住所, 補助金名, 補助金交付決定額（千円）"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("'申請事業者' (closest: company)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--map canonical=header"), refused.stderr)

        let mapped = try importCases(file, edition: "e", db: db, extra: ["--map", "name=取組テーマ", "--map", "address=実施住所",
                                                                            "--map", "company=申請事業者"])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        let row = try XCTUnwrap(try projects(db, edition: "e")["K1"])
        XCTAssertEqual([row["name"], row["company"], row["support_jpy"], row["location_precision"]],
                       ["工場の自動化", "株式会社青葉精機", "1000000", "address"])

        let columns = folder.appendingPathComponent("columns.csv")
        try Data("canonical,header\nname,取組テーマ\naddress,実施住所\ncompany,申請事業者\n".utf8).write(to: columns)
        let fromFile = try importCases(file, edition: "e", db: db, extra: ["--columns", columns.path])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertTrue(fromFile.stdout.contains("0 new, 0 updated, 1 unchanged"), "--columns is --map from a file: \(fromFile.stdout)")
        let wrong = try importCases(file, edition: "e", db: db, extra: ["--map", "nmae=取組テーマ"])
        XCTAssertTrue(wrong.stderr.contains("'nmae' is not a ledger column (closest: name"), wrong.stderr)
    }

    // MARK: Excel out

    func testExportsOpenInOpenpyxlWithTheCSVsValues() throws {
        let (db, folder) = try store(editions: ["book", "text"])
        XCTAssertEqual(try importCases(try Self.workbook(), edition: "book", db: db).status, 0)
        XCTAssertEqual(try importCases(try Self.csv(), edition: "text", db: db).status, 0)
        try run(["edition", "publish", "book", "--db", db])
        var pairs: [(xlsx: URL, csv: URL)] = []
        for (name, arguments) in [
            ("projects", ["projects", "--edition", "book"]),
            ("stats", ["stats", "--edition", "book", "--level", "prefecture", "--metric", "support"]),
            ("gaps", ["gaps", "--edition", "book", "--bureau", "kyushu"]),
            ("diff", ["edition", "diff", "book", "text"]),
        ] {
            let xlsx = folder.appendingPathComponent("\(name).xlsx"), csv = folder.appendingPathComponent("\(name).csv")
            try run(arguments + ["--format", "xlsx", "--output", xlsx.path, "--db", db])
            try run(arguments + ["--format", "csv", "--output", csv.path, "--db", db])
            pairs.append((xlsx, csv))
            // For Excel: a byte order mark, CRLF, the same text otherwise.
            let excel = folder.appendingPathComponent("\(name)_excel.csv")
            try run(arguments + ["--format", "csv", "--excel", "--output", excel.path, "--db", db])
            let bytes = try Data(contentsOf: excel), plain = try Data(contentsOf: csv)
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
                           String(decoding: plain, as: UTF8.self), name)
        }
        // openpyxl reads each workbook: the header frozen, the table's cells equal the CSV's
        // (numbers as numbers, dates as dates), the edition and credits below the table.
        let script = """
            import csv, datetime, sys
            import openpyxl
            for xlsx, text in zip(sys.argv[1::2], sys.argv[2::2]):
                ws = openpyxl.load_workbook(xlsx).active
                assert ws.freeze_panes == "A2", (xlsx, ws.freeze_panes)
                rows = list(csv.reader(open(text, encoding="utf-8")))[1:]
                sheet = [list(r) for r in ws.iter_rows(min_row=2, max_row=len(rows) + 1, values_only=True)]
                def same(cell, value):
                    if cell is None: return value == ""
                    if isinstance(cell, datetime.datetime): return cell.date().isoformat() == value
                    if isinstance(cell, (int, float)) and not isinstance(cell, bool): return abs(float(cell) - float(value)) <= 1e-9 * max(1, abs(float(value)))
                    return str(cell) == value
                for n, (cells, values) in enumerate(zip(sheet, rows)):
                    assert len(values) <= len(cells) or all(v == "" for v in values[len(cells):]), (xlsx, n)
                    for c, v in zip(cells, values):
                        assert same(c, v), (xlsx, n + 2, c, v)
                numbers = sum(isinstance(c, (int, float)) for r in sheet for c in r)
                notes = [r[0] for r in ws.iter_rows(min_row=len(rows) + 3, values_only=True) if r[0]]
                assert any("版:" in n for n in notes) and any("国土数値情報" in n for n in notes), (xlsx, notes)
                print(xlsx.split("/")[-1], len(rows), "rows,", numbers, "numbers")
            """
        let checked = try Program.run("/usr/bin/env", ["python3", "-c", script] + pairs.flatMap { [$0.xlsx.path, $0.csv.path] })
        XCTAssertEqual(checked.status, 0, checked.errors)
        XCTAssertTrue(checked.output.contains("projects.xlsx 1960 rows"), checked.output)
        print(checked.output)
    }

    // MARK: Metrics and filters on maps and tiles

    func testMapsAndTilesTakeTheNewMetricsAndFilters() throws {
        let (db, folder) = try store(editions: ["e"])
        XCTAssertEqual(try importCases(try Self.csv(), edition: "e", db: db).status, 0)
        let spec = folder.appendingPathComponent("support.json")
        try Data("""
            {"title": "投資支援総額（デジタル化）", "level": "prefecture", "metric": "support",
             "filters": {"category": "digital", "company_size": "small"},
             "overlays": {"projects": {"size_by": "amount", "color_by": "category"}}}
            """.utf8).write(to: spec)
        let svg = folder.appendingPathComponent("support.svg")
        try run(["render", spec.path, "--edition", "e", "--out", svg.path, "--db", db])
        let map = try String(contentsOf: svg, encoding: .utf8)
        XCTAssertTrue(map.contains("投資支援総額"), "the legend names the metric")
        XCTAssertTrue(map.contains("デジタル化・IT導入"), "the category legend")
        XCTAssertTrue(map.contains(##"fill="#2980b9""##), "circles in the category's own colour")
        XCTAssertTrue(map.contains(##"data-precision="municipality" stroke="#333333" stroke-dasharray"##), "cases known by their municipality only are dashed")
        XCTAssertFalse(map.contains(#"data-plan="A""#), "only the filtered cases")

        let pyramid = folder.appendingPathComponent("pyramid")
        try run(["tiles", "--edition", "e", "--metric", "support", "--minzoom", "5", "--maxzoom", "5", "--points-from-zoom", "5",
                 "--out", pyramid.path, "--db", db])
        let tilejson = try String(contentsOf: pyramid.appendingPathComponent("tiles.json"), encoding: .utf8)
        XCTAssertTrue(tilejson.contains("投資支援総額"), "the legend of the support metric")
        var cases = 0, byMunicipality = 0
        let enumerator = FileManager.default.enumerator(at: pyramid, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json", url.lastPathComponent != "tiles.json" else { continue }
            let tile = try String(contentsOf: url, encoding: .utf8)
            cases += tile.components(separatedBy: "\"support_jpy\"").count - 1
            byMunicipality += tile.components(separatedBy: "\"location_precision\":\"municipality\"").count - 1
        }
        // Tiles over their size cap keep clusters (TilesTests counts those); the rest list cases.
        XCTAssertGreaterThan(cases, 400, "cases listed one by one carry their support")
        XCTAssertGreaterThan(byMunicipality, 40, "and how exactly they are located")
    }

    // MARK: Stores made before the programme schema

    func testAStoreOfTheOldLedgerLayoutIsRefusedReadOnlyAndUpgradedOnWrite() throws {
        let (db, _) = try store(editions: ["old"])
        let sample = TestPaths.repositoryRoot.appendingPathComponent("GeoData/sample_investments.csv")
        try run(["import", "investments", sample.path, "--edition", "old", "--db", db])
        let before = try run(["stats", "--edition", "old", "--level", "prefecture", "--metric", "amount", "--format", "csv", "--db", db]).stdout
        // Back to the layout before programmes: one amount (amount_jpy), no support and the rest.
        let downgrade = """
            ALTER TABLE investments RENAME COLUMN total_investment_jpy TO amount_jpy;
            ALTER TABLE investments DROP COLUMN support_jpy;
            ALTER TABLE investments DROP COLUMN company;
            DROP TABLE investment_totals; DELETE FROM gpkg_contents WHERE table_name = 'investment_totals';
            """
        let sqlite = try Program.run("/usr/bin/env", ["sqlite3", db, downgrade])
        XCTAssertEqual(sqlite.status, 0, sqlite.errors)
        let refused = try CLI.run(["stats", "--edition", "old", "--level", "prefecture", "--metric", "amount", "--db", db])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("predates programmes and two amounts"), refused.stderr)
        try run(["edition", "create", "next", "--db", db])  // opens it for writing: upgraded
        let after = try run(["stats", "--edition", "old", "--level", "prefecture", "--metric", "amount", "--format", "csv", "--db", db]).stdout
        XCTAssertEqual(after, before, "the one amount became the total investment")
        let ogr = try Program.run("/usr/bin/env", ["ogrinfo", "-ro", "-so", db, "investments"])
        XCTAssertEqual(ogr.status, 0, ogr.errors)
        XCTAssertTrue(ogr.output.contains("support_jpy") && ogr.output.contains("total_investment_jpy"), "GDAL reads the upgraded layer")
    }
}
