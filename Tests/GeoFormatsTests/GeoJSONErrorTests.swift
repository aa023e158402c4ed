import TestSupport
import XCTest
import GeoFormats

/// Bad input gives a one-line `FormatError` naming the file, the feature or line, and the reason.
final class GeoJSONErrorTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder = nil
    }

    /// A FeatureCollection whose feature at `index` (of three) has the given geometry JSON.
    private func collection(badGeometry: String, at index: Int = 1) -> String {
        let good = #"{"type":"Point","coordinates":[1,2]}"#
        let geometries = (0..<3).map { $0 == index ? badGeometry : good }
        let features = geometries.map { #"{"type":"Feature","properties":{},"geometry":\#($0)}"# }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}"
    }

    private func geometryError(_ geometry: String, file: StaticString = #filePath, line: UInt = #line) throws -> FormatError? {
        let url = try folder.write("bad.geojson", collection(badGeometry: geometry))
        let error = Fixture.formatError(url, file: file, line: line)
        XCTAssertEqual(error?.featureIndex, 1, "\(error?.description ?? "")", file: file, line: line)
        XCTAssertEqual(error?.file, "bad.geojson", file: file, line: line)
        return error
    }

    func testCSVIsNotJSON() throws {
        let url = try folder.write("towns.csv", "id,name\n1,札幌\n")
        let error = Fixture.formatError(url)
        XCTAssertEqual(error?.description, "towns.csv: line 1: not JSON: unexpected byte 'i'")
        XCTAssertNil(error?.featureIndex)
    }

    func testBinaryAndCompressedFilesAreNotJSON() throws {
        let png = try folder.write("map.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(Fixture.formatError(png)?.description, "map.png: line 1: not JSON: unexpected byte 0x89")
        let gzip = try folder.write("n03.geojson.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0])
        XCTAssertEqual(Fixture.formatError(gzip)?.reason, "not JSON: the file is gzip-compressed (decompress it first)")
        let xz = try folder.write("n03.geojson.xz", bytes: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0, 4])
        XCTAssertEqual(Fixture.formatError(xz)?.reason, "not JSON: the file is xz-compressed (decompress it first)")
    }

    func testEmptyAndMissingFiles() throws {
        let empty = try folder.write("empty.geojson", " \n ")
        XCTAssertEqual(Fixture.formatError(empty)?.reason, "not JSON: the file is empty")
        let missing = folder.url.appendingPathComponent("missing.geojson")
        XCTAssertEqual(Fixture.formatError(missing)?.description, "missing.geojson: cannot open the file: No such file or directory")
    }

    func testTruncatedFileNamesTheFeature() throws {
        let full = Fixture.squares(20)
        // Cut inside the feature with index 17 (line 19: line 1 opens the collection).
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines[0...17].joined(separator: "\n") + "\n" + lines[18].prefix(60)
        let url = try folder.write("cut.geojson", cut)
        let error = Fixture.formatError(url)
        XCTAssertEqual(error?.featureIndex, 17)
        XCTAssertEqual(error?.line, 19)
        XCTAssertTrue(error?.reason.hasPrefix("truncated: unexpected end of file") ?? false, "\(error?.description ?? "")")
        XCTAssertTrue(error?.description.hasPrefix("cut.geojson: feature 17 (line 19): truncated: unexpected end of file") ?? false)

        let inString = try folder.write("cut2.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"abc"#)
        XCTAssertEqual(Fixture.formatError(inString)?.reason, "truncated: unexpected end of file inside a string")
        let betweenFeatures = try folder.write("cut3.geojson", String(full.dropLast(4)))
        XCTAssertTrue(Fixture.formatError(betweenFeatures)?.reason.hasPrefix("truncated") ?? false)
    }

    func testOtherTextEncodingsAreRefused() throws {
        let text = Array(#"{"type":"FeatureCollection","features":[]}"#.utf8)
        let utf16LE: [UInt8] = text.flatMap { [$0, 0] as [UInt8] }
        let utf16BE: [UInt8] = text.flatMap { [0, $0] as [UInt8] }
        let utf32LE: [UInt8] = text.flatMap { [$0, 0, 0, 0] as [UInt8] }
        let cases: [(String, [UInt8], String)] = [
            ("le.geojson", [0xFF, 0xFE] + utf16LE, "UTF-16"),
            ("be.geojson", [0xFE, 0xFF] + utf16BE, "UTF-16"),
            ("nobom.geojson", utf16LE, "UTF-16"),
            ("utf32.geojson", [0xFF, 0xFE, 0, 0] + utf32LE, "UTF-32"),
        ]
        for (name, bytes, encoding) in cases {
            let url = try folder.write(name, bytes: bytes)
            XCTAssertEqual(Fixture.formatError(url)?.description, "\(name): line 1: unsupported text encoding: \(encoding) (expected UTF-8)")
        }
    }

    func testInvalidUTF8NamesTheFeature() throws {
        // "東京" in Shift_JIS.
        let prefix = Array(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"ok"},"geometry":null},{"type":"Feature","properties":{"N03_001":""#.utf8)
        let suffix = Array(#""},"geometry":null}]}"#.utf8)
        let url = try folder.write("sjis.geojson", bytes: prefix + [0x93, 0x8C, 0x8B, 0x9E] + suffix)
        let error = Fixture.formatError(url)
        XCTAssertEqual(error?.featureIndex, 1)
        XCTAssertTrue(error?.reason.hasPrefix("unsupported text encoding: invalid UTF-8 byte 0x93") ?? false, "\(error?.description ?? "")")
        // Overlong encodings and encoded surrogates are invalid too.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE3, 0x81]] {
            let url = try folder.write("bad.geojson", bytes: prefix + bad + suffix)
            XCTAssertTrue(Fixture.formatError(url)?.reason.contains("invalid UTF-8") ?? false, "\(bad)")
        }
    }

    func testGeometryStructureErrorsNameTheFeature() throws {
        let cases: [(String, String)] = [
            (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],5]]}"#,
             "invalid coordinates: expected a position [x, y], found a number"),
            (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1]]]}"#,
             "invalid coordinates: a position needs at least 2 numbers, found 1"),
            (#"{"type":"Polygon","coordinates":[1,2]}"#,
             "Polygon coordinates must be an array of rings (arrays of positions), found a single position"),
            (#"{"type":"Polygon","coordinates":[[1,2],[3,4]]}"#,
             "Polygon coordinates must be an array of rings (arrays of positions), found an array of positions"),
            (#"{"type":"Point","coordinates":[[1,2]]}"#,
             "Point coordinates must be a single position [x, y], found an array of positions"),
            (#"{"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,
             "MultiPolygon coordinates must be an array of polygons (arrays of rings), found an array of arrays of positions"),
            (#"{"type":"LineString","coordinates":[["0","1"]]}"#,
             "invalid coordinates: expected a number or an array, found a string"),
            (#"{"type":"LineString","coordinates":[[0,1],[0,"1"]]}"#,
             "invalid coordinates: a position must hold numbers, found a string"),
            (#"{"type":"Polygonn","coordinates":[]}"#, #"unknown geometry type "Polygonn""#),
            (#"{"type":"Poly\ngon","coordinates":[]}"#, #"unknown geometry type "Poly\ngon""#),
            (#"{"type":"Polygon"}"#, #"Polygon without "coordinates""#),
            (#"{"coordinates":[1,2]}"#, #"a geometry has no "type""#),
            (#"{"type":"GeometryCollection","geometries":[null]}"#, "a GeometryCollection member is null"),
            (#""Polygon""#, "a geometry must be an object or null, found a string"),
            (#"{"type":"Point","coordinates":[1e400,0]}"#, "invalid coordinates: number out of range in position [inf, 0.0]"),
        ]
        for (geometry, reason) in cases {
            let error = try geometryError(geometry)
            XCTAssertEqual(error?.reason, reason, geometry)
        }
    }

    func testSyntaxErrorsGiveTheLine() throws {
        let cases: [(String, String, Int)] = [
            ("{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":\"Feature\" \"properties\":{}}]}",
             "invalid JSON: unexpected byte '\"' (expected ',' or '}')", 3),
            ("{\"type\":\"FeatureCollection\",\"features\":[]}\n,", "invalid JSON: unexpected byte ',' after the end of the document", 2),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":\"x\\qy\"}}]}",
             "invalid JSON: unknown escape '\\q' in a string", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":\"x\\\u{7}y\"}}]}",
             "invalid JSON: unknown escape '\\' + byte 0x07 in a string", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":\"\\uD800x\"}}]}",
             "invalid JSON: unpaired UTF-16 surrogate \\uD800 in a string", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":\"x\ny\"}}]}",
             "invalid JSON: line break inside a string (unterminated string?)", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":01}}]}",
             "invalid JSON: unexpected byte '1' (expected ',' or '}')", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":1.}}]}",
             "invalid JSON: malformed number '1.'", 1),
            ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":nul}}]}",
             "invalid JSON: unexpected byte 'n' (expected a value)", 1),
        ]
        for (text, reason, line) in cases {
            let url = try folder.write("syntax.geojson", text)
            let error = Fixture.formatError(url)
            XCTAssertEqual(error?.reason, reason, text)
            XCTAssertEqual(error?.line, line, text)
        }
    }

    func testDocumentsThatAreNotGeoJSON() throws {
        let cases: [(String, String)] = [
            ("[1,2]", "not GeoJSON: the document is an array (expected a FeatureCollection or Feature object)"),
            (#"{"type":"Polygon","coordinates":[]}"#, #"not GeoJSON: the top-level type is "Polygon" (expected FeatureCollection, Feature or Topology)"#),
            (#"{"name":"x"}"#, #"not GeoJSON: the top-level object has no "type""#),
            (#"{"type":"FeatureCollection","features":[{"type":"Polygon","coordinates":[]}]}"#, #"expected a Feature, found type "Polygon""#),
            (#"{"type":"FeatureCollection","features":{}}"#, #""features" must be an array"#),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":[1]}]}"#, #""properties" must be an object or null, found an array"#),
        ]
        for (text, reason) in cases {
            let url = try folder.write("other.geojson", text)
            XCTAssertEqual(Fixture.formatError(url)?.reason, reason, text)
        }
    }
}
