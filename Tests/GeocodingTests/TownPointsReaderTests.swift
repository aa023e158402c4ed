import Foundation
import Geocoding
import XCTest

final class TownPointsReaderTests: XCTestCase {
    private let header = "code5,pref,city,town,koaza,lat,lng\n"

    func testReadsRows() throws {
        let points = try TownPointsReader.parse(Data((header
            + "01101,北海道,札幌市中央区,旭ケ丘一丁目,,43.04223,141.319722\r\n"
            + "01204,北海道,旭川市,東鷹栖一線,十一号,43.817276,142.416526\n"
            + "01204,北海道,旭川市,物流団地一条一丁目,,,\n").utf8), file: "points.csv")
        XCTAssertEqual(points, [
            TownRecord(code5: "01101", prefecture: "北海道", city: "札幌市中央区", town: "旭ケ丘一丁目", latitude: 43.04223, longitude: 141.319722),
            TownRecord(code5: "01204", prefecture: "北海道", city: "旭川市", town: "東鷹栖一線", koaza: "十一号", latitude: 43.817276, longitude: 142.416526),
            TownRecord(code5: "01204", prefecture: "北海道", city: "旭川市", town: "物流団地一条一丁目", latitude: nil, longitude: nil),
        ])
    }

    func testReadsTheExample() throws {
        XCTAssertEqual(try TownPointsExample.points().count, 47)
    }

    func testFailsOnTheFirstMalformedLine() {
        let good = "01101,北海道,札幌市中央区,旭ケ丘一丁目,,43.04223,141.319722\n"
        let cases: [(String, String)] = [
            ("code5,pref,city,town,lat,lng\n", "points.csv line 1: the header is \"code5,pref,city,town,lat,lng\", expected \"code5,pref,city,town,koaza,lat,lng\""),
            (header + good + "01101,北海道,札幌市中央区,旭ケ丘一丁目,43.04223,141.319722\n",
             "points.csv line 3: 6 fields, expected 7 (code5,pref,city,town,koaza,lat,lng)"),
            (header + "01101,北海道,\"札幌市,中央区\",旭ケ丘一丁目,,43.04223,141.319722\n",
             "points.csv line 2: a quote: the file is read as written without quoted fields"),
            (header + "1101,北海道,札幌市中央区,旭ケ丘一丁目,,43.04223,141.319722\n", "points.csv line 2: code5 \"1101\" is not 5 digits"),
            (header + "01101,北海道,札幌市中央区,,,43.04223,141.319722\n", "points.csv line 2: town is empty"),
            (header + "01101,北海道,札幌市中央区,旭ケ丘一丁目,,43.04223,\n", "points.csv line 2: lat and lng must be both given or both empty"),
            (header + "01101,北海道,札幌市中央区,旭ケ丘一丁目,,north,141.3\n", "points.csv line 2: lat \"north\" is not a latitude in degrees"),
            (header + "01101,北海道,札幌市中央区,旭ケ丘一丁目,,43.0,541.3\n", "points.csv line 2: lng \"541.3\" is not a longitude in degrees"),
            (header + good + "01101,北海道,札幌市北区,北二十三条西二丁目,,43.089917,141.347286\n",
             "points.csv line 3: code 01101 is 北海道札幌市北区 here but 北海道札幌市中央区 on line 2"),
            (header + good + "\n" + good, "points.csv line 3: empty line"),
            ("", "points.csv line 1: the file is empty (expected the header code5,pref,city,town,koaza,lat,lng)"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try TownPointsReader.parse(Data(text.utf8), file: "points.csv"), message) { error in
                XCTAssertEqual((error as? TownPointsFileError)?.description, message)
            }
        }
    }

    func testFailsOnInvalidUTF8NamingTheLine() {
        var data = Data((header + "01101,北海道,札幌市中央区,旭ケ丘一丁目,,43.04223,141.319722\n").utf8)
        data.append(contentsOf: [0x30, 0x31, 0x31, 0x30, 0x31, 0x2C, 0xFF, 0xFE, 0x0A])
        XCTAssertThrowsError(try TownPointsReader.parse(data, file: "points.csv")) { error in
            XCTAssertEqual(error as? TownPointsFileError, TownPointsFileError(file: "points.csv", line: 3, reason: "not valid UTF-8"))
        }
    }

    func testReadsAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("town-points-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(TownPointsExample.csv.utf8).write(to: file)
        XCTAssertEqual(try TownPointsReader.read(contentsOf: file), try TownPointsExample.points())
        XCTAssertThrowsError(try TownPointsReader.read(contentsOf: file.appendingPathExtension("missing")))
    }
}
