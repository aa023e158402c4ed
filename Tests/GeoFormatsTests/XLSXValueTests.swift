import GeoFormats
import XCTest

/// Date serials, ISO dates, date formats, cell references and the CSV text of values.
final class XLSXValueTests: XCTestCase {
    func testSerialsOfThe1900DateSystem() {
        XCTAssertEqual(XLSXDate(serial: 1)?.isoDate, "1900-01-01")
        XCTAssertEqual(XLSXDate(serial: 59)?.isoDate, "1900-02-28")
        // Excel's fictitious leap day.
        XCTAssertEqual(XLSXDate(serial: 60)?.isoDate, "1900-02-29")
        XCTAssertEqual(XLSXDate(serial: 61)?.isoDate, "1900-03-01")
        XCTAssertEqual(XLSXDate(serial: 45366)?.isoDate, "2024-03-15")
        XCTAssertEqual(XLSXDate(serial: 2_958_465)?.isoDate, "9999-12-31")
        XCTAssertNil(XLSXDate(serial: 2_958_466))
        XCTAssertNil(XLSXDate(serial: -1))
        XCTAssertNil(XLSXDate(serial: .nan))
        XCTAssertEqual(XLSXDate(serial: 45366.75)?.isoText, "2024-03-15T18:00:00")
        // A fraction that rounds to midnight is the next day.
        XCTAssertEqual(XLSXDate(serial: 45366.999999999)?.isoText, "2024-03-16")
        for serial in [1.0, 59, 60, 61, 45366, 45366.5] {
            XCTAssertEqual(XLSXDate(serial: serial)?.serial(), serial)
        }
        XCTAssertNil(XLSXDate(year: 1899, month: 12, day: 30)?.serial())
        XCTAssertLessThan(XLSXDate(serial: 45366.5)!, XLSXDate(serial: 45367)!)
    }

    func testSerialsOfThe1904DateSystem() {
        XCTAssertEqual(XLSXDate(serial: 0, date1904: true)?.isoDate, "1904-01-01")
        XCTAssertEqual(XLSXDate(serial: 45366, date1904: true)?.isoDate, "2028-03-16")
        XCTAssertEqual(XLSXDate(year: 2024, month: 3, day: 15)?.serial(date1904: true), 45366 - 1462)
        XCTAssertNil(XLSXDate(year: 1903, month: 12, day: 31)?.serial(date1904: true))
    }

    func testISODates() {
        XCTAssertEqual(XLSXDate(iso: "2025-04-01"), XLSXDate(year: 2025, month: 4, day: 1))
        XCTAssertEqual(XLSXDate(iso: "2025-04-01T09:30")?.secondsOfDay, 9 * 3600 + 1800)
        XCTAssertEqual(XLSXDate(iso: "2025-04-01 09:30:15.250Z")?.isoText, "2025-04-01T09:30:15")
        XCTAssertEqual(XLSXDate(iso: "1900-02-29")?.serial(), 60)
        for invalid in ["2025-02-29", "2025-13-01", "2025/04/01", "25-04-01", "2025-04-01T24:00", "2025-04-01x"] {
            XCTAssertNil(XLSXDate(iso: invalid), invalid)
        }
    }

    func testDateFormats() {
        for id in [14, 22, 27, 36, 45, 47, 50, 58] { XCTAssertTrue(XLSXNumberFormat.isBuiltInDate(id), "\(id)") }
        for id in [0, 1, 4, 13, 23, 26, 37, 44, 48, 49, 59] { XCTAssertFalse(XLSXNumberFormat.isBuiltInDate(id), "\(id)") }
        let dates = ["yyyy/m/d", "[$-411]ggge\"年\"m\"月\"d\"日\"", "yyyy\"年\"m\"月\"d\"日\"", "h:mm", "mm:ss", "[h]:mm:ss",
                     "m/d/yy h:mm AM/PM", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "yyyy年m月d日", "ge.m.d", "d-mmm"]
        for code in dates { XCTAssertTrue(XLSXNumberFormat.showsDate(code), code) }
        let numbers = ["General", "0", "0.00", "#,##0", "#,##0\"円\"", "[Red]0.0", "0.00E+00", "0\"日\"", "@", "0%",
                       "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "#,##0;[Red]-#,##0", "\\d0", "GENERAL"]
        for code in numbers { XCTAssertFalse(XLSXNumberFormat.showsDate(code), code) }
    }

    func testCellReferences() {
        XCTAssertEqual(XLSXCellReference("AB12"), XLSXCellReference(column: 27, row: 12))
        XCTAssertEqual(XLSXCellReference("$a$1"), XLSXCellReference(column: 0, row: 1))
        XCTAssertEqual(XLSXCellReference("XFD1048576")?.column, XLSXCellReference.maxColumn)
        for invalid in ["", "12", "A0", "XFE1", "AAAA1", "A1B", "A-1"] { XCTAssertNil(XLSXCellReference(invalid), invalid) }
        XCTAssertEqual(XLSXCellReference.columnName(0), "A")
        XCTAssertEqual(XLSXCellReference.columnName(25), "Z")
        XCTAssertEqual(XLSXCellReference.columnName(26), "AA")
        XCTAssertEqual(XLSXCellReference.columnName(16_383), "XFD")
        XCTAssertEqual(XLSXCellRange("C4:A3")?.description, "A3:C4")
        XCTAssertEqual(XLSXCellRange("B2")?.description, "B2")
        XCTAssertNil(XLSXCellRange("A1:B2:C3"))
        let range = XLSXCellRange("B3:C4")!
        XCTAssertTrue(range.contains(row: 4, column: 2))
        XCTAssertFalse(range.contains(row: 5, column: 2))
        XCTAssertFalse(range.contains(row: 3, column: 0))
        XCTAssertEqual(XLSXCellReference.qualified(sheet: "案件", cell: "C12"), "案件!C12")
        XCTAssertEqual(XLSXCellReference.qualified(sheet: "it's", cell: "A1"), "'it''s'!A1")
        XCTAssertEqual(XLSXCellReference.qualified(sheet: "A1", cell: "A1"), "'A1'!A1")
        XCTAssertEqual(XLSXCellReference.qualified(sheet: "2025", cell: "A1"), "'2025'!A1")
    }

    func testCSVText() {
        let cases: [(Double, String)] = [
            (3, "3"), (-0.0, "0"), (0.1, "0.1"), (12_345_678_901, "12345678901"), (1e-7, "0.0000001"),
            (-1.25e-5, "-0.0000125"), (1.5e20, "150000000000000000000"), (123456.789, "123456.789"),
            (1e15, "1000000000000000"), (0.30000000000000004, "0.30000000000000004"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(XLSXCellValue.number(value, text: "").csvText, text, "\(value)")
        }
        XCTAssertEqual(XLSXCellValue.bool(false).csvText, "FALSE")
        XCTAssertEqual(XLSXCellValue.empty.csvText, "")
        XCTAssertEqual(XLSXRow(number: 3, cells: [.empty, .text("a")])[5], .empty)
        XCTAssertTrue(XLSXRow(number: 3, cells: [.empty]).isEmpty)
    }
}
