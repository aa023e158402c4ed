import Foundation
import GeoCore
import GeoFormats
import TestSupport
import XCTest

/// GeoJSON export: exact text (pinned in Goldens/), rounding, orientation, determinism, the round trip through
/// `BoundarySource.read`, GDAL, and atomic replacement.
final class GeoJSONWriterTests: XCTestCase {
    static let goldens = Golden.folder()

    private func xy(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    private let metadata = ExportMetadata(name: "test \"units\"", edition: "N03-2024", attribution: ["国土数値情報（行政区域データ）", "second"])

    /// A square from (x, y) to (x + size, y + size), counter-clockwise and closed.
    private func square(_ x: Double, _ y: Double, _ size: Double) -> LinearRing {
        LinearRing([xy(x, y), xy(x + size, y), xy(x + size, y + size), xy(x, y + size), xy(x, y)])
    }

    private func reversed(_ ring: LinearRing) -> LinearRing { LinearRing(ring.coordinates.reversed()) }

    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func testSmallCollectionIsWrittenExactly() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("units.geojson")
        let features = [
            ExportFeature(properties: [("code", .string("13101")), ("name", .string("千代田区")), ("area", .number(11.66)),
                                       ("population", .integer(66680)), ("note", .null)],
                          geometry: .polygon(Polygon(exterior: square(139.7, 35.6, 0.5)))),
            ExportFeature(properties: [("z", .number(-0.5)), ("a", .number(12))],
                          geometry: .multiPolygon([Polygon(exterior: square(-1, -1, 1)), Polygon(exterior: square(2, 2, 0.25))])),
        ]
        let summary = try GeoJSONWriter.write(features, metadata: metadata, to: url)
        Golden.assertMatches(try text(url), "units.geojson", in: Self.goldens)
        XCTAssertEqual(summary, ExportSummary(features: 2, positions: 15, droppedRings: 0, bytes: try Data(contentsOf: url).count))
    }

    func testRoundTripThroughTheReader() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("roundtrip.geojson")
        var random = SplitMix64(seed: 7)
        func wobble() -> Double { Double(random.next() % 1_000_000_000) / 1e9 }
        // Irregular rings with 9-decimal coordinates, so rounding really changes them.
        func ring(_ cx: Double, _ cy: Double, _ radius: Double, points: Int) -> LinearRing {
            var cs = (0..<points).map { k -> Coordinate in
                let angle = 2 * Double.pi * Double(k) / Double(points)
                let r = radius * (0.8 + 0.2 * wobble())
                return xy(cx + r * cos(angle), cy + r * sin(angle))
            }
            cs.append(cs[0])
            return LinearRing(cs)
        }
        let features = [
            ExportFeature(properties: [("code", .string("01101")), ("name", .string("札幌市中央区\n\"quoted\"\t\\")), ("n", .number(0.1 + 0.2))],
                          geometry: .polygon(Polygon(exterior: ring(141.3, 43.05, 0.05, points: 40), holes: [reversed(ring(141.3, 43.05, 0.01, points: 12))]))),
            ExportFeature(properties: [("code", .string("47382")), ("big", .integer(-9_000_000_000)), ("tiny", .number(1e-7)), ("huge", .number(1e21))],
                          geometry: .multiPolygon([Polygon(exterior: ring(123.0, 24.4, 0.02, points: 30)), Polygon(exterior: ring(123.1, 24.5, 0.01, points: 20))])),
            ExportFeature(properties: [], geometry: .lineString([xy(0.123456789, -0.987654321), xy(1, 1)])),
        ]
        try GeoJSONWriter.write(features, metadata: metadata, to: url)
        let (read, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries.first?.format, .geoJSON)
        XCTAssertEqual(read.count, features.count)

        XCTAssertEqual(read[0].properties, ["code": "01101", "name": "札幌市中央区\n\"quoted\"\t\\", "n": "0.30000000000000004"])
        XCTAssertEqual(read[1].properties, ["code": "47382", "big": "-9000000000", "tiny": "0.0000001", "huge": "1000000000000000000000"])
        XCTAssertEqual(read[2].properties, [:])
        for (original, back) in zip(features, read) {
            assertEqualWithin(original.geometry, back.geometry, tolerance: 0.5e-6 + 1e-12)
        }
    }

    func testClockwiseExteriorComesOutCounterClockwiseAndHolesClockwise() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("oriented.geojson")
        let clockwise = Polygon(exterior: reversed(square(0, 0, 10)), holes: [square(2, 2, 1), reversed(square(5, 5, 1))])
        try GeoJSONWriter.write([ExportFeature(properties: [], geometry: .polygon(clockwise))], metadata: metadata, to: url)
        let polygon = try XCTUnwrap(Fixture.readAll(url).features.first?.geometry?.polygons.first)
        XCTAssertGreaterThan(polygon.exterior.signedArea, 0)
        XCTAssertEqual(polygon.holes.count, 2)
        XCTAssertLessThan(polygon.holes[0].signedArea, 0)
        XCTAssertLessThan(polygon.holes[1].signedArea, 0)
        // Reversal keeps the first position: the ring still starts where it did.
        XCTAssertEqual(polygon.exterior.coordinates, [xy(0, 0), xy(10, 0), xy(10, 10), xy(0, 10), xy(0, 0)])
        XCTAssertEqual(polygon.holes[0].coordinates, [xy(2, 2), xy(2, 3), xy(3, 3), xy(3, 2), xy(2, 2)])
    }

    func testCoordinatesAreRoundedToSixDecimalsAndRingsStayClean() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("rounded.geojson")
        // Not closed; (1.0000001, 0) and (1.0000004, 0) round onto (1, 0); -0.0000004 rounds to 0, not -0.
        let ring = LinearRing([xy(139.123456789, -0.0000004), xy(140.0000001, 0), xy(140.0000004, 0.0000002),
                               xy(140, 1.9999996), xy(139.1234564, 2)])
        // A hole that rounding squeezes to nothing is left out; a hole given unclosed is closed.
        let sliver = LinearRing([xy(139.5, 1), xy(139.5000001, 1), xy(139.5000001, 1.0000001), xy(139.5, 1)])
        let hole = LinearRing([xy(139.5, 0.5), xy(139.5, 1.5), xy(139.6, 1.5), xy(139.6, 0.5)])
        let point = Geometry.point(xy(-179.9999996, -89.12345649))
        let summary = try GeoJSONWriter.write([
            ExportFeature(properties: [], geometry: .polygon(Polygon(exterior: ring, holes: [sliver, hole]))),
            ExportFeature(properties: [], geometry: point),
        ], metadata: metadata, to: url)
        let lines = try text(url).split(separator: "\n")
        XCTAssertEqual(lines[1], #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[139.123457,0],[140,0],[140,2],[139.123456,2],[139.123457,0]],[[139.5,0.5],[139.5,1.5],[139.6,1.5],[139.6,0.5],[139.5,0.5]]]}},"#)
        XCTAssertEqual(lines[2], #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-180,-89.123456]}}"#)
        XCTAssertEqual(summary.droppedRings, 1)
        XCTAssertEqual(summary.positions, 11)

        let fewer = try GeoJSONWriter.write([ExportFeature(properties: [], geometry: .point(xy(139.75, 35.25)))], metadata: metadata, to: url, decimals: 1)
        XCTAssertTrue(try text(url).contains(#""coordinates":[139.8,35.3]"#), "decimals: 1 rounds half away from zero")
        XCTAssertEqual(fewer.positions, 1)
    }

    func testSameInputGivesIdenticalBytes() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 42)
        let features = (0..<200).map { i -> ExportFeature in
            let x = 122 + Double(random.next() % 20_000_000) / 1e6
            let y = 24 + Double(random.next() % 21_000_000) / 1e6
            return ExportFeature(properties: [("i", .integer(i)), ("v", .number(Double(random.next() % 1000) / 7))],
                                 geometry: .polygon(Polygon(exterior: square(x, y, 0.01 + Double(i) * 1e-9))))
        }
        let first = folder.url.appendingPathComponent("a.geojson")
        let second = folder.url.appendingPathComponent("b.geojson")
        try GeoJSONWriter.write(features, metadata: metadata, to: first)
        try GeoJSONWriter.write(features, metadata: metadata, to: second)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
    }

    func testBadDataNamesTheFeature() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("bad.geojson")
        let good = ExportFeature(properties: [], geometry: .polygon(Polygon(exterior: square(0, 0, 1))))
        let cases: [(ExportFeature, String)] = [
            (ExportFeature(properties: [], geometry: .polygon(Polygon(exterior: square(0, 0, 1e-7)))), "the polygon collapses when rounded to 6 decimals"),
            (ExportFeature(properties: [], geometry: .multiPolygon([Polygon(exterior: square(0, 0, 1e-7))])), "every part of the multipolygon collapses when rounded to 6 decimals"),
            (ExportFeature(properties: [], geometry: .point(xy(.nan, 0))), "coordinate (nan, 0.0) is not finite or too large to write with 6 decimals"),
            (ExportFeature(properties: [("v", .number(.infinity))], geometry: .point(xy(0, 0))), #"property "v" is inf, which JSON cannot represent"#),
            (ExportFeature(properties: [("v", .integer(1)), ("v", .integer(2))], geometry: .point(xy(0, 0))), #"property "v" appears twice"#),
        ]
        for (feature, reason) in cases {
            XCTAssertThrowsError(try GeoJSONWriter.write([good, feature], metadata: metadata, to: url)) { error in
                XCTAssertEqual(error as? ExportError, ExportError(path: url.path, featureIndex: 1, reason: reason))
            }
        }
        XCTAssertThrowsError(try GeoJSONWriter.write([good], metadata: metadata, to: url, decimals: 13)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(url.path): decimals must be 0…12, not 13")
        }
        // A collapsed second part is only dropped: the unit keeps its first.
        let summary = try GeoJSONWriter.write([ExportFeature(properties: [], geometry: .multiPolygon([Polygon(exterior: square(0, 0, 1)), Polygon(exterior: square(5, 5, 1e-7), holes: [square(5, 5, 1e-8)])]))], metadata: metadata, to: url)
        XCTAssertEqual(summary.droppedRings, 2)
        XCTAssertEqual(try Fixture.readAll(url).features.first?.geometry?.polygons.count, 1)
    }

    func testUnwritablePathIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        let feature = ExportFeature(properties: [], geometry: .point(xy(0, 0)))
        // A regular file in place of the folder: refused even for root, unlike permissions.
        let blocker = try folder.write("blocker", "not a folder")
        let underFile = blocker.appendingPathComponent("out.geojson")
        XCTAssertThrowsError(try GeoJSONWriter.write([feature], metadata: metadata, to: underFile)) { error in
            let error = error as? ExportError
            XCTAssertEqual(error?.path, underFile.path)
            XCTAssertEqual(error?.description, "\(underFile.path): cannot create a file in \(blocker.path): Not a directory")
        }
        let missing = folder.url.appendingPathComponent("missing/out.geojson")
        XCTAssertThrowsError(try GeoJSONWriter.write([feature], metadata: metadata, to: missing)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(missing.path): cannot create a file in \(missing.deletingLastPathComponent().path): No such file or directory")
        }
        XCTAssertThrowsError(try GeoJSONWriter.write([feature], metadata: metadata, to: folder.url)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(folder.url.path): cannot write the file: it is a folder")
        }
    }

    func testFailedWriteLeavesThePreviousFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("keep.geojson")
        let good = ExportFeature(properties: [("code", .string("old"))], geometry: .polygon(Polygon(exterior: square(0, 0, 1))))
        try GeoJSONWriter.write([good], metadata: metadata, to: url)
        let before = try Data(contentsOf: url)
        // Many features first, so that the failure comes after the 1 MiB buffer was flushed to the temporary file.
        var features = Array(repeating: good, count: 20_000)
        features.append(ExportFeature(properties: [], geometry: .point(xy(.infinity, 0))))
        XCTAssertThrowsError(try GeoJSONWriter.write(features, metadata: metadata, to: url)) { error in
            XCTAssertEqual((error as? ExportError)?.featureIndex, 20_000)
        }
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path), ["keep.geojson"], "the temporary file is removed")
        // A successful write replaces the file.
        try GeoJSONWriter.write(features.dropLast(), metadata: metadata, to: url)
        XCTAssertEqual(try Fixture.readAll(url).features.count, 20_000)
    }

    func testGDALOpensTheFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("gdal.geojson")
        let features = (0..<5).map { i in
            ExportFeature(properties: [("code", .string("\(i)")), ("value", .number(Double(i) / 4))],
                          geometry: .polygon(Polygon(exterior: reversed(square(139 + Double(i), 35, 1)), holes: [square(139.25 + Double(i), 35.25, 0.5)])))
        }
        try GeoJSONWriter.write(features, metadata: metadata, to: url)
        try assertOGRInfoOpens(url, features: 5)
    }

    /// The full-resolution N03 file (12.1 M positions) written whole (Scripts/test sets
    /// INVESTMAP_FULLRES_GEOJSON to the decompressed shared file; `TestData` decompresses it otherwise).
    func testFullResolutionExport() throws {
        let path = try TestData.sharedFile("geodata/N03-22_220101_fullres.geojson.xz", environmentKey: "INVESTMAP_FULLRES_GEOJSON").path
        var features: [ExportFeature] = []
        _ = try BoundarySource.read(URL(fileURLWithPath: path)) { feature in
            guard let geometry = feature.geometry else { return }
            let properties = feature.properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value.map(ExportValue.string) ?? .null) }
            features.append(ExportFeature(properties: properties, geometry: geometry))
        }
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("fullres.geojson")
        let start = Date()
        let summary = try GeoJSONWriter.write(features, metadata: metadata, to: url)
        print("wrote \(summary.features) features, \(summary.positions) positions, \(summary.bytes >> 20) MiB, \(summary.droppedRings) rings dropped in \(Date().timeIntervalSince(start)) s")
        XCTAssertEqual(summary.features, features.count)
        var count = 0
        var clockwise = 0
        _ = try BoundarySource.read(url) { feature in
            count += 1
            for polygon in feature.geometry?.polygons ?? [] where polygon.exterior.signedArea <= 0 || polygon.holes.contains(where: { $0.signedArea >= 0 }) {
                clockwise += 1
            }
        }
        XCTAssertEqual(count, features.count)
        XCTAssertEqual(clockwise, 0, "every exterior counter-clockwise, every hole clockwise")
    }
}

// MARK: - Shared by the writer tests

extension XCTestCase {
    /// Asserts that `geometry` and `other` have the same shape and every position within `tolerance`.
    func assertEqualWithin(_ geometry: Geometry?, _ other: Geometry?, tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
        guard let geometry, let other else {
            XCTAssertEqual(geometry, other, file: file, line: line)
            return
        }
        var a: [Coordinate] = []
        var b: [Coordinate] = []
        geometry.forEachCoordinate { a.append($0) }
        other.forEachCoordinate { b.append($0) }
        XCTAssertEqual(geometry.typeName, other.typeName, file: file, line: line)
        XCTAssertEqual(geometry.polygons.map { $0.holes.count }, other.polygons.map { $0.holes.count }, file: file, line: line)
        XCTAssertEqual(a.count, b.count, "position count", file: file, line: line)
        let worst = zip(a, b).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, tolerance, file: file, line: line)
    }

    /// Runs `ogrinfo -ro -so -al` on `url` and asserts it succeeds and reports `features`
    /// features; without GDAL skipped, or a failure under CI (`TestData.tool`).
    func assertOGRInfoOpens(_ url: URL, features: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let ogrinfo = try TestData.tool("ogrinfo", package: "gdal-bin")
        let result = try Program.run(ogrinfo, ["-ro", "-so", "-al", url.path])
        let text = result.output + result.errors
        XCTAssertEqual(result.status, 0, text, file: file, line: line)
        XCTAssertTrue(text.contains("Feature Count: \(features)\n"), text, file: file, line: line)
    }
}
