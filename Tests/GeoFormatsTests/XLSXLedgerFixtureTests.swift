import GeoFormats
import XCTest

/// `ledger_title_merged.xlsx`: a ledger as a ministry publishes it — a merged title row, an
/// empty row, a two-row header with merged cells, shared strings with furigana, dates in several
/// formats, formulas with and without their saved results.
final class XLSXLedgerFixtureTests: XCTestCase {
    let fixture = "ledger_title_merged.xlsx"

    func testSheetNamesAndMergedRanges() throws {
        let workbook = try XLSXFixtures.workbook(fixture)
        XCTAssertEqual(workbook.sheetNames, ["採択案件"])
        XCTAssertFalse(workbook.usesDate1904)
        let sheet = try workbook.firstSheet()
        XCTAssertEqual(sheet.name, "採択案件")
        XCTAssertEqual(Set(sheet.mergedRanges.map(\.description)),
                       ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:H3", "I3:I4"])
        XCTAssertEqual(sheet.cellName(row: 12, column: 8), "採択案件!I12")
    }

    func testRowNumbersSkipTheEmptyRow() throws {
        let rows = try XLSXFixtures.workbook(fixture).firstSheet().rows()
        XCTAssertEqual(rows.map(\.number), [1] + Array(3...25))
        XCTAssertEqual(rows[0].cells, [.text("令和7年度 採択案件一覧")])
    }

    func testHeaderRowsAsWrittenAndWithMergedCellsFilled() throws {
        let raw = try XLSXFixtures.rows(fixture)
        XCTAssertEqual(raw[3]?.csvTexts, ["番号", "事業者名", "市区町村コード", "金額", "", "総投資額×2（百万円）", "日付", "", "継続"])
        XCTAssertEqual(raw[4]?.csvTexts, ["", "", "", "支援額（百万円）", "総投資額（百万円）", "", "採択日", "公表日"])

        let filled = try XLSXFixtures.rows(fixture, fillingMergedCells: true)
        XCTAssertEqual(filled[1]?.csvTexts, Array(repeating: "令和7年度 採択案件一覧", count: 8))
        XCTAssertEqual(filled[3]?.csvTexts, ["番号", "事業者名", "市区町村コード", "金額", "金額", "総投資額×2（百万円）", "日付", "日付", "継続"])
        // Vertical merges repeat the top cell in the second header row.
        XCTAssertEqual(filled[4]?.csvTexts, ["番号", "事業者名", "市区町村コード", "支援額（百万円）", "総投資額（百万円）",
                                             "総投資額×2（百万円）", "採択日", "公表日", "継続"])
        // Data rows have no merged cells: unchanged.
        XCTAssertEqual(filled[5], raw[5])
    }

    func testDataRowValues() throws {
        let rows = try XLSXFixtures.rows(fixture)
        let first = try XCTUnwrap(rows[5])
        XCTAssertEqual(first[0], XLSXFixtures.number("1"))
        // The phonetic run (ホッカイセイキ) of the shared string is left out.
        XCTAssertEqual(first[1], .text("株式会社北海精機"))
        // A code stored as text keeps its leading zero.
        XCTAssertEqual(first[2], .text("01101"))
        XCTAssertEqual(first[3], XLSXFixtures.number("120.5"))
        XCTAssertEqual(first[4], XLSXFixtures.number("1250"))
        // The formula's saved result.
        XCTAssertEqual(first[5], XLSXFixtures.number("2500"))
        XCTAssertEqual(first[6], .date(XLSXDate(year: 2024, month: 3, day: 15)!, text: "45366"))
        XCTAssertEqual(first[7], .text("令和6年3月15日"))
        XCTAssertEqual(first[8], .bool(true))
        XCTAssertEqual(first.csvTexts, ["1", "株式会社北海精機", "01101", "120.5", "1250", "2500", "2024-03-15", "令和6年3月15日", "TRUE"])

        XCTAssertEqual(rows[6]?[7], .text("2026/1/5"))
        XCTAssertEqual(rows[6]?[8], .bool(false))
        // [$-411]ggge"年"m"月"d"日" (a Japanese era format) is a date format.
        XCTAssertEqual(rows[7]?[6].csvText, "2025-04-01")
        XCTAssertEqual(rows[7]?[8], .empty)
    }

    func testNumbersKeepTheirText() throws {
        let rows = try XLSXFixtures.rows(fixture)
        let big = try XCTUnwrap(rows[8])
        XCTAssertEqual(big[2], XLSXFixtures.number("13101"))
        XCTAssertEqual(big[4], XLSXFixtures.number("12345678901"))
        XCTAssertEqual(big[4].csvText, "12345678901")
        XCTAssertEqual(big[5], XLSXFixtures.number("24691357802"))
        // Built-in format 14 (the locale's short date).
        XCTAssertEqual(big[6].csvText, "2024-12-31")
        // A carriage return saved as _x000D_ in the shared string.
        XCTAssertEqual(big[1], .text("株式会社第１２工場\r\n第２事業所"))

        let decimals = try XCTUnwrap(rows[9])
        XCTAssertEqual(decimals[3], XLSXFixtures.number("0.1"))
        XCTAssertEqual(decimals[4].csvText, "0.3")
        XCTAssertEqual(decimals[5].csvText, "0.6")
        // yyyy/m/d h:mm: a date and time.
        XCTAssertEqual(decimals[6], .date(XLSXDate(year: 2024, month: 7, day: 1, secondsOfDay: 9 * 3600 + 30 * 60)!, text: "45474.39583333334"))
        XCTAssertEqual(decimals[6].csvText, "2024-07-01T09:30:00")
    }

    func testTextInNumberColumnsErrorsAndLeapDay() throws {
        let rows = try XLSXFixtures.rows(fixture)
        // Full-width digits stay text: the ledger reader normalises them.
        XCTAssertEqual(rows[11]?[3], .text("１，２００"))
        XCTAssertEqual(rows[12]?[8], .error("#N/A"))
        XCTAssertEqual(rows[12]?[8].csvText, "#N/A")
        XCTAssertEqual(rows[13]?[6].csvText, "2024-02-29")
    }

    func testRichTextFormulaWithoutResultAndFooter() throws {
        let rows = try XLSXFixtures.rows(fixture)
        let last = try XCTUnwrap(rows[24])
        // Inline rich text: the runs joined.
        XCTAssertEqual(last[1], .text("株式会社テスト工業"))
        // The formula saved without its result is empty.
        XCTAssertEqual(last[5], .empty)
        XCTAssertEqual(last[8], .bool(false))

        let footer = try XCTUnwrap(rows[25])
        XCTAssertEqual(footer[0], .empty)
        // A formula's text result (t="str").
        XCTAssertEqual(footer[1], .text("合計 20件"))
        XCTAssertEqual(footer[3], XLSXFixtures.number("7226.195"))
        XCTAssertEqual(footer.cells.count, 4)
    }

    func testStreamingStopsOnTheCallersError() throws {
        struct Stop: Error {}
        var seen: [Int] = []
        XCTAssertThrowsError(try XLSXFixtures.workbook(fixture).firstSheet().forEachRow { row in
            seen.append(row.number)
            if row.number == 4 { throw Stop() }
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(seen, [1, 3, 4])
    }
}
