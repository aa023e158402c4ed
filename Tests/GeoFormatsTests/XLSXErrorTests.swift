import Foundation
import GeoFormats
import TestSupport
import XCTest

/// Files that are not workbooks, broken workbooks and workbooks over the limits: each error
/// names the file, the place and the reason.
final class XLSXErrorTests: XCTestCase {
    func testTextFileIsNotAZip() throws {
        let error = XLSXFixtures.error { _ = try XLSXFixtures.workbook("not_a_zip.xlsx") }
        XCTAssertEqual(error?.description, "not_a_zip.xlsx: not a zip archive but text (a CSV or HTML file named .xlsx?): an .xlsx workbook is a zip file")
    }

    func testCompoundFileIsAnEncryptedWorkbookOrAnOldXLS() throws {
        let error = XLSXFixtures.error { _ = try XLSXFixtures.workbook("encrypted.xlsx") }
        XCTAssertEqual(error?.file, "encrypted.xlsx")
        XCTAssertTrue(error?.reason.contains("password-protected or encrypted workbook") == true, "\(String(describing: error))")
        XCTAssertTrue(error?.reason.contains("an old .xls file (save it as .xlsx") == true, "\(String(describing: error))")
    }

    func testZipWithoutWorkbook() throws {
        let error = XLSXFixtures.error { _ = try XLSXFixtures.workbook("no_workbook.xlsx") }
        XCTAssertEqual(error?.description, "no_workbook.xlsx: not an .xlsx workbook: no xl/workbook.xml (the archive holds readme.txt)")
    }

    func testMissingFileAndDisplayName() throws {
        let url = try XLSXFixtures.url("two_sheets.xlsx").deletingLastPathComponent().appendingPathComponent("absent.xlsx")
        let error = XLSXFixtures.error { _ = try XLSXWorkbook(contentsOf: url, displayName: "input/absent.xlsx") }
        XCTAssertEqual(error?.description, "input/absent.xlsx: no such file")
    }

    func testMalformedXMLNamesThePartAndTheLine() throws {
        let workbook = try XLSXFixtures.workbook("malformed_sheet.xlsx")
        let error = XLSXFixtures.error { _ = try workbook.sheet(named: "概要").rows() }
        XCTAssertEqual(error?.part, "xl/worksheets/sheet1.xml")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.description.hasPrefix("malformed_sheet.xlsx: xl/worksheets/sheet1.xml line 3: malformed XML at byte ") == true,
                      "\(String(describing: error))")
        XCTAssertTrue(error?.reason.hasSuffix("</rw> where </row> was expected") == true, "\(String(describing: error))")
    }

    func testUnderstatedSizeIsCaughtWhileInflating() throws {
        let workbook = try XLSXFixtures.workbook("understated_size.xlsx")
        let error = XLSXFixtures.error { _ = try workbook.sheet(named: "概要") }
        XCTAssertEqual(error?.part, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(error?.reason.contains("inflates to more than the 100 bytes the zip directory gives") == true, "\(String(describing: error))")
    }

    func testFileSizeLimit() throws {
        let error = XLSXFixtures.error { _ = try XLSXFixtures.workbook("ledger_title_merged.xlsx", limits: XLSXLimits(maxFileBytes: 1000)) }
        XCTAssertTrue(error?.reason.hasPrefix("the file is ") == true, "\(String(describing: error))")
        XCTAssertTrue(error?.reason.hasSuffix(" bytes, over the limit of 1000 bytes") == true, "\(String(describing: error))")
    }

    func testPartSizeAndCompressionRatioLimits() throws {
        let partError = XLSXFixtures.error {
            _ = try XLSXFixtures.workbook("ledger_title_merged.xlsx", limits: XLSXLimits(maxPartBytes: 5000)).firstSheet()
        }
        XCTAssertEqual(partError?.part, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(partError?.reason.contains("once inflated, over the limit of") == true, "\(String(describing: partError))")

        let ratioError = XLSXFixtures.error {
            _ = try XLSXFixtures.workbook("ledger_title_merged.xlsx", limits: XLSXLimits(maxCompressionRatio: 2, compressionRatioFloorBytes: 0))
        }
        XCTAssertTrue(ratioError?.reason.contains("over the limit of 2 times (a zip bomb?)") == true, "\(String(describing: ratioError))")
    }

    func testRowAndCellLimits() throws {
        let rowError = XLSXFixtures.error {
            _ = try XLSXFixtures.workbook("ledger_title_merged.xlsx", limits: XLSXLimits(maxRows: 3)).firstSheet().rows()
        }
        // Rows 1, 3 and 4: the third row is past row 3.
        XCTAssertEqual(rowError?.description, "ledger_title_merged.xlsx: sheet 採択案件: row 4 is past the limit of 3 rows")
        let cellError = XLSXFixtures.error {
            _ = try XLSXFixtures.workbook("ledger_title_merged.xlsx", limits: XLSXLimits(maxCells: 10)).firstSheet().rows()
        }
        XCTAssertEqual(cellError?.description, "ledger_title_merged.xlsx: sheet 採択案件: more than 10 cells, over the limit")
    }

    func testCellErrorsNameTheCell() {
        let error = XLSXError(file: "ledger.xlsx", sheet: "My sheet", cell: "C12", reason: "\"x\" is not a number")
        XCTAssertEqual(error.description, #"ledger.xlsx: 'My sheet'!C12: "x" is not a number"#)
        XCTAssertEqual(error.localizedDescription, error.description)
    }
}
