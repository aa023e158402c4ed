import GeoFormats
import XCTest

/// Sheets by name and order (`two_sheets.xlsx`), and what other programs than Excel write
/// (`handmade_variants.xlsx`: prefixes, 1904 dates, CDATA, references, ISO date cells …).
final class XLSXWorkbookStructureTests: XCTestCase {
    func testSheetsByNameInWorkbookOrder() throws {
        let workbook = try XLSXFixtures.workbook("two_sheets.xlsx")
        XCTAssertEqual(workbook.sheetNames, ["概要", "案件"])
        XCTAssertEqual(try workbook.firstSheet().name, "概要")
        let projects = try workbook.sheet(named: "案件").rows()
        XCTAssertEqual(projects.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(projects[0].csvTexts, ["id", "名称", "金額"])
        XCTAssertEqual(projects[2].cells, [.text("P-2"), .text("研究所"), XLSXFixtures.number("350.5")])
        XCTAssertEqual(projects[3].csvTexts, ["P-3", "物流拠点", "0"])
        XCTAssertEqual(try workbook.sheet(named: "概要").rows()[1].csvTexts, ["件数", "3"])
    }

    func testMissingSheetListsTheSheets() throws {
        let workbook = try XLSXFixtures.workbook("two_sheets.xlsx")
        let error = XLSXFixtures.error { _ = try workbook.sheet(named: "案件 ") }
        XCTAssertEqual(error?.description, #"two_sheets.xlsx: no sheet named "案件 " (sheets: "概要", "案件")"#)
    }

    func testHandMadeWorkbook() throws {
        let workbook = try XLSXFixtures.workbook("handmade_variants.xlsx")
        XCTAssertEqual(workbook.sheetNames, ["Hidden", "Data & Notes"])
        XCTAssertTrue(workbook.usesDate1904)
        // The first sheet that is not hidden.
        let sheet = try workbook.firstSheet()
        XCTAssertEqual(sheet.name, "Data & Notes")
        XCTAssertEqual(sheet.cellName(row: 1, column: 0), "'Data & Notes'!A1")
        XCTAssertEqual(sheet.mergedRanges.map(\.description), ["B4:C5"])
        // The hidden sheet is UTF-16.
        let hidden = try workbook.sheet(named: "Hidden")
        XCTAssertEqual(hidden.mergedRanges, [XLSXCellRange("A1:B1")!])
        XCTAssertEqual(try hidden.rows(fillingMergedCells: true).first?.cells, [.text("隠し"), .text("隠し")])

        let rows = try sheet.rows()
        XCTAssertEqual(rows.map(\.number), [1, 3, 4])
        // A row and cells without r; CDATA; serial 0 of the 1904 system; an ISO date cell; an error.
        XCTAssertEqual(rows[0].cells, [
            .text("a < b"),
            .date(XLSXDate(year: 1904, month: 1, day: 1)!, text: "0"),
            .date(XLSXDate(year: 2025, month: 4, day: 1, secondsOfDay: 9 * 3600 + 1800)!, text: "2025-04-01T09:30:00"),
            .error("#DIV/0!"),
        ])
        // Preserved spaces, the phonetic run left out; an exponent (General, not a date, though
        // the conditional formats define a format 0 as yyyy); _x005F_ and references decoded.
        XCTAssertEqual(rows[1].cells, [.empty, .text("  spaced  "), .number(1.5e20, text: "1.5E+20"), .text("x_x0041_y & AB \r")])
        XCTAssertEqual(rows[1][2].csvText, "150000000000000000000")
        // Built-in 57 (yyyy"年"m"月") in the 1904 system; #,##0.00 stays a number; style-only cells
        // are empty and trailing ones dropped.
        XCTAssertEqual(rows[2].cells, [.date(XLSXDate(year: 2028, month: 3, day: 16)!, text: "45366"), XLSXFixtures.number("1234.5")])
        XCTAssertEqual(try sheet.rows(fillingMergedCells: true)[2].csvTexts, ["2028-03-16", "1234.5", "1234.5"])
    }
}
