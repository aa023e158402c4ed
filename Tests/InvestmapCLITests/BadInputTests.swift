import Foundation
import TestSupport
import XCTest

/// Every bad input: a one-line error naming the file (and feature), a non-zero exit, and the
/// store (the committed fixture imported) exactly as it was.
final class BadInputTests: XCTestCase {
    private var folder: URL!
    private var db: URL!
    private var storeHash = ""

    override func setUpWithError() throws {
        folder = try TemporaryFolder.url(for: self)
        db = folder.appendingPathComponent("store.gpkg")
        // The committed fixture (岡山県 and Shikoku): a real store, without the shared data.
        let topojson = try TestPaths.fixture("N03-21_210101_s0010_okayama_shikoku.topojson")
        let result = try CLI.run(["import", "boundaries", topojson.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        storeHash = try CLI.sha256(db)
    }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func assertRejected(_ file: URL, mentions expected: [String], line: UInt = #line) throws {
        let result = try CLI.run(["import", "boundaries", file.path, "--db", db.path])
        XCTAssertNotEqual(result.status, 0, "exit code", line: line)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let errorLines = message.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        XCTAssertEqual(errorLines.count, 1, "one error line:\n\(message)", line: line)
        XCTAssertTrue(message.contains(file.lastPathComponent), "names the file:\n\(message)", line: line)
        for text in expected {
            XCTAssertTrue(message.contains(text), "mentions \(text):\n\(message)", line: line)
        }
        XCTAssertEqual(try CLI.sha256(db), storeHash, "store unchanged", line: line)
    }

    private let square = "[[[139,35],[139.1,35],[139.1,35.1],[139,35.1],[139,35]]]"

    func testNotJSON() throws {
        try assertRejected(try write("table.geojson", "code,name\n13101,千代田区\n"), mentions: ["not JSON"])
    }

    func testTruncatedFile() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"N03_001":"東京都","N03_007":"13101"},"geometry":{"type":"Polygon","coordinates":\(square)}},
            {"type":"Feature","properties":{"N03_001":"東京都","N03_007":"13102"},"geometry":{"type":"Polygon","coordinates":[[[139,35],[139.1
            """
        try assertRejected(try write("cut.geojson", text), mentions: ["truncated", "feature 1"])
    }

    func testWrongGeometryType() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"N03_001":"東京都","N03_007":"13101"},"geometry":{"type":"LineString","coordinates":[[139,35],[139.1,35]]}}]}
            """
        try assertRejected(try write("lines.geojson", text), mentions: ["feature 0", "LineString"])
    }

    func testMissingCodeProperty() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"N03_001":"東京都","N03_007":"13101"},"geometry":{"type":"Polygon","coordinates":\(square)}},
            {"type":"Feature","properties":{"N03_001":"東京都"},"geometry":{"type":"Polygon","coordinates":\(square)}}]}
            """
        try assertRejected(try write("nocode.geojson", text), mentions: ["feature 1", "N03_007"])
    }

    func testBadCheckDigit() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"N03_001":"東京都","N03_007":"131017"},"geometry":{"type":"Polygon","coordinates":\(square)}}]}
            """
        try assertRejected(try write("checkdigit.geojson", text), mentions: ["feature 0", "check digit"])
    }

    func testUnknownEncoding() throws {
        let url = folder.appendingPathComponent("utf16.geojson")
        var data = Data([0xFF, 0xFE])
        data.append("{\"type\":\"FeatureCollection\",\"features\":[]}".data(using: .utf16LittleEndian)!)
        try data.write(to: url)
        try assertRejected(url, mentions: ["UTF-16"])
    }

    func testZipWithoutBoundaryData() throws {
        let readme = try write("readme.txt", "no boundaries here")
        let zip = folder.appendingPathComponent("N03-20240101_GML.zip")
        let made = try Program.run("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); z.write(sys.argv[2], 'readme.txt'); z.close()",
                                               zip.path, readme.path])
        XCTAssertEqual(made.status, 0, made.errors)
        try assertRejected(zip, mentions: ["no GeoJSON or TopoJSON"])
    }

    func testFailedImportCreatesNoStore() throws {
        let fresh = folder.appendingPathComponent("never.gpkg")
        let bad = try write("bad.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":")
        let result = try CLI.run(["import", "boundaries", bad.path, "--db", fresh.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "no store file left behind")
        let nowhere = try CLI.run(["import", "boundaries", bad.path, "--db", folder.appendingPathComponent("no/such/dir.gpkg").path])
        XCTAssertTrue(nowhere.stderr.contains("does not exist"), nowhere.stderr)
    }

    func testMissingFile() throws {
        let result = try CLI.run(["import", "boundaries", folder.appendingPathComponent("absent.geojson").path, "--db", db.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("absent.geojson: no such file"), result.stderr)
    }

    func testUnwritableStore() throws {
        let topojson = try TestPaths.fixture("N03-21_210101_s0010_okayama_shikoku.topojson")
        let result = try CLI.run(["import", "boundaries", topojson.path, "--db", "/proc/investmap.gpkg"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("/proc/investmap.gpkg"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }.count, 1, result.stderr)
    }

    func testLocateRejectsOutOfRangeCoordinatesAndEmptyStores() throws {
        let range = try CLI.run(["locate", "200", "35", "--db", db.path])
        XCTAssertNotEqual(range.status, 0)
        XCTAssertTrue(range.stderr.contains("out of range"), range.stderr)
        let empty = try CLI.run(["locate", "139", "35", "--db", folder.appendingPathComponent("empty.gpkg").path])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("import boundaries"), empty.stderr)
    }
}
