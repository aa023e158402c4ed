import Foundation
import GeoFormats
import XCTest

/// The CSV reader on the shared town points sample (needs the shared folder).
final class SharedTownPointsCSVTests: XCTestCase {
    /// The sample of town points (CRLF, 10,000 rows) parses into 7 fields per row.
    func testTownPointsSample() throws {
        let url = try TestPaths.sharedFile("points/town_points_sample10k.csv")
        var rows = 0
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            XCTAssertEqual(fields.count, 7, "line \(line)")
            if line == 1 { XCTAssertEqual(fields, ["code5", "pref", "city", "town", "koaza", "lat", "lng"]) }
            rows += 1
        }
        XCTAssertEqual(rows, 10_001)
    }
}
