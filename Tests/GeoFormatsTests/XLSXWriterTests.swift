import Foundation
import GeoFormats
import TestSupport
import XCTest

/// The writer's output read back by the reader and by openpyxl, and its determinism.
final class XLSXWriterTests: XCTestCase {
    static let header = ["id", "事業名", "件数", "金額（百万円）", "採択日", "備考"]

    /// A sheet with Japanese headers, integers, decimals, dates, empty cells and awkward text.
    static func sampleWriter() throws -> XLSXWriter {
        var writer = try XLSXWriter(sheetName: "採択案件", header: header)
        try writer.append([.text("P-1"), .text("工場新設"), .integer(12), .number(1250.5), .date(XLSXDate(iso: "2025-04-01")!), .text("A & B <C>")])
        try writer.append([.text("P-2"), .text("研究所"), .integer(-3), .number(0.1), .date(XLSXDate(iso: "2024-07-01T09:30:00")!), .empty])
        try writer.append([.text("P-3"), .empty, .integer(12_345_678_901), .number(1e-7), .empty, .text("  前後に空白 \u{1}\u{7}\r\n改行")])
        try writer.append([.text("P-4"), .text("_x0041_ のまま"), .empty, .number(.infinity), .date(XLSXDate(iso: "1850-01-01")!), .text("")])
        try writer.append([])
        return writer
    }

    func testReadBackByTheReader() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("sample.xlsx")
        try Self.sampleWriter().write(to: url)
        let workbook = try XLSXWorkbook(contentsOf: url)
        XCTAssertEqual(workbook.sheetNames, ["採択案件"])
        let sheet = try workbook.firstSheet()
        XCTAssertEqual(sheet.mergedRanges, [])
        let rows = try sheet.rows()
        // The last row has no cells: the file leaves it out, as Excel does.
        XCTAssertEqual(rows.map(\.number), [1, 2, 3, 4, 5])
        XCTAssertEqual(rows[0].csvTexts, Self.header)
        XCTAssertEqual(rows[1].cells, [
            .text("P-1"), .text("工場新設"), .number(12, text: "12"), .number(1250.5, text: "1250.5"),
            .date(XLSXDate(year: 2025, month: 4, day: 1)!, text: "45748"), .text("A & B <C>"),
        ])
        XCTAssertEqual(rows[2].csvTexts, ["P-2", "研究所", "-3", "0.1", "2024-07-01T09:30:00"])
        // Control characters other than tab and line ends are dropped; the carriage return kept.
        XCTAssertEqual(rows[3].cells, [.text("P-3"), .empty, .number(12_345_678_901, text: "12345678901"),
                                       .number(1e-7, text: "0.0000001"), .empty, .text("  前後に空白 \r\n改行")])
        // A literal _x0041_ survives; infinity is #NUM!; a date before 1900 is its ISO text.
        XCTAssertEqual(rows[4].cells, [.text("P-4"), .text("_x0041_ のまま"), .empty, .error("#NUM!"), .text("1850-01-01")])
    }

    func testTheSameInputGivesTheSameBytes() throws {
        let first = try Self.sampleWriter().data()
        let second = try Self.sampleWriter().data()
        XCTAssertEqual(first, second)
        // Members in a fixed order, dated 1980-01-01 00:00 (DOS date 0x0021, time 0).
        let bytes = [UInt8](first)
        XCTAssertEqual(Array(bytes[0..<4]), [0x50, 0x4B, 0x03, 0x04])
        XCTAssertEqual(Array(bytes[10..<14]), [0x00, 0x00, 0x21, 0x00])
        XCTAssertEqual(String(decoding: bytes[30..<49], as: UTF8.self), "[Content_Types].xml")
    }

    func testSheetNamesExcelAccepts() throws {
        XCTAssertEqual(XLSXWriter.validSheetName("a/b:c*d?e[f]g\\h"), "a_b_c_d_e_f_g_h")
        XCTAssertEqual(XLSXWriter.validSheetName("'quoted'"), "quoted")
        XCTAssertEqual(XLSXWriter.validSheetName(""), "Sheet1")
        XCTAssertEqual(XLSXWriter.validSheetName("History"), "History_")
        XCTAssertEqual(XLSXWriter.validSheetName(String(repeating: "案", count: 40)), String(repeating: "案", count: 31))
        XCTAssertEqual(try XLSXWriter(sheetName: "a/b", header: []).sheetName, "a_b")
    }

    func testTooWideARow() throws {
        var writer = try XLSXWriter(sheetName: "s", header: ["a"], displayName: "out.xlsx")
        let error = XLSXFixtures.error { try writer.append(Array(repeating: .integer(1), count: 16_385)) }
        XCTAssertEqual(error?.description, "out.xlsx: sheet s: a row of 16385 columns: an Excel sheet holds 16384")
    }

    func testEmptySheetIsReadable() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("empty.xlsx")
        try XLSXWriter(sheetName: "空", header: []).write(to: url)
        XCTAssertEqual(try XLSXWorkbook(contentsOf: url).sheet(named: "空").rows(), [])
    }

    /// openpyxl, an independent reader, sees the same values, the frozen header, the bold
    /// header font, the date formats, the autofilter and the column widths.
    func testReadBackByOpenpyxl() throws {
        let python = try TestData.tool("python3", package: "python3")
        let probe = try Program.run(python, ["-c", "import openpyxl"])
        guard probe.status == 0 else {
            throw TestData.missing("openpyxl is not installed for \(python) (pip install openpyxl==3.1.5)")
        }
        let folder = try TemporaryFolder()
        let url = folder.file("sample.xlsx")
        try Self.sampleWriter().write(to: url)
        let script = """
        import datetime, json, sys
        import openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.active
        def show(value):
            if isinstance(value, datetime.datetime):
                return value.isoformat()
            return value
        print(json.dumps({
            "sheets": wb.sheetnames,
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "bold": [c.font.b for c in ws[1]],
            "rows": [[show(c.value) for c in row] for row in ws.iter_rows()],
            "types": [c.data_type for c in ws[2]],
            "formats": [ws["E2"].number_format, ws["E3"].number_format],
            "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items())},
        }, ensure_ascii=False, sort_keys=True))
        """
        let result = try Program.run(python, ["-c", script, url.path])
        XCTAssertEqual(result.status, 0, result.errors)
        let answer = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        XCTAssertEqual(answer["sheets"] as? [String], ["採択案件"])
        XCTAssertEqual(answer["freeze"] as? String, "A2")
        XCTAssertEqual(answer["filter"] as? String, "A1:F6")
        XCTAssertEqual(answer["bold"] as? [Bool], Array(repeating: true, count: 6))
        XCTAssertEqual(answer["types"] as? [String], ["s", "s", "n", "n", "d", "s"])
        XCTAssertEqual(answer["formats"] as? [String], ["yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"])
        let rows = try XCTUnwrap(answer["rows"] as? [[Any]])
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows[0].compactMap { $0 as? String }, Self.header)
        XCTAssertEqual(rows[1][0] as? String, "P-1")
        XCTAssertEqual(rows[1][2] as? Int, 12)
        XCTAssertEqual(rows[1][3] as? Double, 1250.5)
        XCTAssertEqual(rows[1][4] as? String, "2025-04-01T00:00:00")
        XCTAssertEqual(rows[1][5] as? String, "A & B <C>")
        XCTAssertEqual(rows[2][4] as? String, "2024-07-01T09:30:00")
        XCTAssertEqual(rows[3][2] as? Int, 12_345_678_901)
        XCTAssertEqual(rows[3][3] as? Double, 1e-7)
        XCTAssertTrue(rows[3][4] is NSNull)
        XCTAssertEqual(rows[4][3] as? String, "#NUM!")
        let widths = try XCTUnwrap(answer["widths"] as? [String: Double])
        XCTAssertEqual(widths.keys.sorted(), ["A", "B", "C", "D", "E", "F"])
        // Column B's widest text is "_x0041_ のまま" (8 + 3 wide characters) + padding; 件数's
        // widest value is 12345678901 (11) + padding; id's header and values are narrower than 8.
        XCTAssertEqual(widths["A"], 8)
        XCTAssertEqual(widths["B"], 16)
        XCTAssertEqual(widths["C"], 13)
    }
}
