import Foundation
import GeoFormats
import TestSupport
import XCTest

/// Not a timed assertion: writes a ledger-sized sheet (340,000 rows × 12 columns, like the
/// largest ledger), reads it back, checks a few values and prints the seconds and sizes. A debug
/// build (plain `swift test`) is about 20 times slower and does a tenth of the rows;
/// `Scripts/test` runs the release build.
final class XLSXSpeedCheckTests: XCTestCase {
    #if DEBUG
    static let rowCount = 34_000
    #else
    static let rowCount = 340_000
    #endif

    func testWriteAndReadALedgerSizedSheet() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("ledger.xlsx")
        let plans = ["A", "B", "C"]
        let fields = ["半導体", "蓄電池", "データセンター", "バイオ", "航空機"]
        let statuses = ["planned", "under_construction", "operating"]

        var clock = Date()
        var writer = try XLSXWriter(sheetName: "projects", header: ["id", "name", "plan", "field", "amount_jpy", "jobs",
                                                                    "status", "announced", "lon", "lat", "code", "source"])
        for index in 0..<Self.rowCount {
            try writer.append([
                .text("P\(100_000 + index)"), .text("株式会社サンプル\(index % 50_000)工場"), .text(plans[index % 3]),
                .text(fields[index % 5]), .integer(1_000_000 * (index % 9_973 + 1)), .integer(index % 500),
                .text(statuses[index % 3]), .date(XLSXDate(serial: Double(44_000 + index % 1_500))!),
                .number(130 + Double(index % 100_000) / 10_000), .number(33 + Double(index % 70_000) / 10_000),
                .text(String(13_101 + index % 800)), .text("https://www.meti.go.jp/press/\(index % 40)"),
            ])
        }
        let appended = Date().timeIntervalSince(clock)
        clock = Date()
        try writer.write(to: url)
        let written = Date().timeIntervalSince(clock)
        let fileBytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)

        clock = Date()
        let sheet = try XLSXWorkbook(contentsOf: url).sheet(named: "projects")
        let loaded = Date().timeIntervalSince(clock)
        clock = Date()
        var rows = 0
        var cells = 0
        var last: XLSXRow?
        try sheet.forEachRow { row in
            rows += 1
            cells += row.cells.count
            last = row
        }
        let scanned = Date().timeIntervalSince(clock)

        XCTAssertEqual(rows, Self.rowCount + 1)
        XCTAssertEqual(cells, (Self.rowCount + 1) * 12)
        let lastIndex = Self.rowCount - 1
        XCTAssertEqual(last?.number, Self.rowCount + 1)
        XCTAssertEqual(last?[0], .text("P\(100_000 + lastIndex)"))
        XCTAssertEqual(last?[7].csvText, XLSXDate(serial: Double(44_000 + lastIndex % 1_500))!.isoDate)

        func seconds(_ value: TimeInterval) -> String { String(format: "%.2f s", value) }
        print("""
        XLSX speed check, \(Self.rowCount) rows × 12 columns:
          write: append \(seconds(appended)), zip and write \(seconds(written)); file \(String(format: "%.1f", Double(fileBytes) / 1e6)) MB
          read: open and inflate \(seconds(loaded)), rows \(seconds(scanned)) (\(Int(Double(rows) / max(scanned, 1e-9))) rows/s)
        """)
    }
}
