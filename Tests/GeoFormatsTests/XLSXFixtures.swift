import Foundation
import GeoFormats
import TestSupport
import XCTest

/// The committed .xlsx fixtures (`Tests/Fixtures/xlsx`, made by `Scripts/make_xlsx_fixtures.py`)
/// and helpers shared by the spreadsheet tests.
enum XLSXFixtures {
    /// The fixture `name` (a missing one fails the test).
    static func url(_ name: String) throws -> URL {
        try TestPaths.fixture("xlsx/\(name)")
    }

    static func workbook(_ name: String, limits: XLSXLimits = .standard) throws -> XLSXWorkbook {
        try XLSXWorkbook(contentsOf: url(name), limits: limits)
    }

    /// The rows of `name`'s sheet `sheet` (the first when nil), by row number.
    static func rows(_ name: String, sheet: String? = nil, fillingMergedCells: Bool = false) throws -> [Int: XLSXRow] {
        let workbook = try workbook(name)
        let loaded = try sheet.map { try workbook.sheet(named: $0) } ?? workbook.firstSheet()
        let rows = try loaded.rows(fillingMergedCells: fillingMergedCells)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0) })
    }

    /// The `XLSXError` that `body` throws; fails the test when it throws none or another error.
    static func error(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> XLSXError? {
        do {
            try body()
            XCTFail("expected an XLSXError", file: file, line: line)
        } catch let error as XLSXError {
            return error
        } catch {
            XCTFail("expected an XLSXError, got \(error)", file: file, line: line)
        }
        return nil
    }

    /// A number cell as the reader gives it.
    static func number(_ text: String) -> XLSXCellValue {
        .number(Double(text)!, text: text)
    }
}
