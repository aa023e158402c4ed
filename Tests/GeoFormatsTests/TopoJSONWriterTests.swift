import Foundation
import GeoCore
import GeoFormats
import TestSupport
import XCTest

/// TopoJSON export: exact text (quantization, delta encoding; pinned in Goldens/), shared arcs, orientation, the round
/// trip through `BoundarySource.read`, GDAL, errors and atomic replacement.
final class TopoJSONWriterTests: XCTestCase {
    static let goldens = Golden.folder()

    private func xy(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    private let metadata = ExportMetadata(name: "squares", edition: "test", attribution: ["a", "b"])

    /// Two unit squares side by side, (0,0)–(1,1) and (1,0)–(2,1), sharing the edge x = 1.
    /// Arc 0 is the shared edge going up; arc 1 the rest of the left square, arc 2 the rest of the
    /// right one: left = [0, 1], right = [2, ~0], both counter-clockwise.
    private var squares: TopoJSONTopology {
        TopoJSONTopology(
            arcs: [
                [xy(1, 0), xy(1, 1)],
                [xy(1, 1), xy(0, 1), xy(0, 0), xy(1, 0)],
                [xy(1, 0), xy(2, 0), xy(2, 1), xy(1, 1)],
            ],
            features: [
                (properties: [("code", .string("L"))], polygons: [[[0, 1]]]),
                (properties: [("code", .string("R")), ("n", .number(2.5))], polygons: [[[2, ~0]]]),
            ])
    }

    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The written document parsed with Foundation, to look at its structure.
    private func document(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func testSmallTopologyIsWrittenExactly() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("squares.topojson")
        // Quantization 3 on the box (0,0)–(2,1): kx = 2 / 2, ky = 2 / 1, so the grid is x, 2y.
        let summary = try TopoJSONWriter.write(squares, objectName: "units", metadata: metadata, to: url, quantization: 3)
        Golden.assertMatches(try text(url), "squares.topojson", in: Self.goldens)
        XCTAssertEqual(summary, ExportSummary(features: 2, positions: 10, droppedRings: 0, bytes: try Data(contentsOf: url).count))
    }

    func testAdjacentSquaresShareOneArc() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("shared.topojson")
        try TopoJSONWriter.write(squares, objectName: "units", metadata: metadata, to: url)
        let json = try document(url)
        XCTAssertEqual((json["arcs"] as? [Any])?.count, 3, "the shared edge is stored once")
        let objects = try XCTUnwrap(json["objects"] as? [String: Any])
        let units = try XCTUnwrap(objects["units"] as? [String: Any])
        let geometries = try XCTUnwrap(units["geometries"] as? [[String: Any]])
        let references = geometries.map { ($0["arcs"] as? [[Int]])?.flatMap { $0 } ?? [] }
        XCTAssertEqual(references, [[0, 1], [2, -1]])
        // Arc 0 is used by both squares, forwards by one and reversed (~0 = -1) by the other.
        XCTAssertTrue(references[0].contains(0) && references[1].contains(~0))

        let features = try Fixture.readAll(url).features
        // Half a grid step: the box is 2 wide (and 1 tall) in 999,999 steps; x = 1 falls between
        // two grid lines and moves by the most.
        let step = 2.0 / 999_999 / 2 * (1 + 1e-9)
        assertEqualWithin(features[0].geometry, .polygon(Polygon(exterior: LinearRing([xy(1, 0), xy(1, 1), xy(0, 1), xy(0, 0), xy(1, 0)]))), tolerance: step)
        assertEqualWithin(features[1].geometry, .polygon(Polygon(exterior: LinearRing([xy(1, 0), xy(2, 0), xy(2, 1), xy(1, 1), xy(1, 0)]))), tolerance: step)
        // The decoded shared edge is bit-for-bit the same in both squares.
        let left = try XCTUnwrap(features[0].geometry?.polygons.first?.exterior.coordinates)
        let right = try XCTUnwrap(features[1].geometry?.polygons.first?.exterior.coordinates)
        XCTAssertEqual(Array(left[0...1]), Array(right[3...4].reversed()))
    }

    func testRoundTripWithHolesAndMultiPolygons() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("roundtrip.topojson")
        var random = SplitMix64(seed: 11)
        func jitter() -> Double { Double(random.next() % 1000) / 1e7 }
        // Closed single-arc rings: an outer square around Tokyo, a hole (given counter-clockwise,
        // so it must be turned), and an island.
        let outer = [xy(139.5, 35.5), xy(140 + jitter(), 35.5), xy(140, 36 + jitter()), xy(139.5 + jitter(), 36), xy(139.5, 35.5)]
        let hole = [xy(139.7, 35.7), xy(139.8, 35.7), xy(139.8, 35.8), xy(139.7, 35.8), xy(139.7, 35.7)]
        let island = [xy(139.3, 35.3), xy(139.4, 35.3), xy(139.35, 35.4), xy(139.3, 35.3)]
        let topology = TopoJSONTopology(arcs: [outer, hole, island], features: [
            (properties: [("code", .string("13101")), ("name", .string("千代田区")), ("population", .integer(66680)), ("x", .null)], polygons: [[[0], [1]], [[2]]]),
            (properties: [("code", .string("13102"))], polygons: [[[1]]]),
            (properties: [("code", .string("none"))], polygons: []),
        ])
        try TopoJSONWriter.write(topology, objectName: "municipalities", metadata: metadata, to: url)
        let (features, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries.first?.format, .topoJSON)
        XCTAssertEqual(features.count, 3)
        let properties: [String: String?] = ["code": "13101", "name": "千代田区", "population": "66680", "x": nil]
        XCTAssertEqual(features[0].properties, properties)
        XCTAssertEqual(features[2].properties, ["code": "none"])
        XCTAssertNil(features[2].geometry)

        // Grid step: the box is 0.7° wide and tall (139.3…140, 35.3…36), split in 999,999 steps.
        let tolerance = 0.71 / 999_999 / 2
        let expected = Geometry.multiPolygon([
            Polygon(exterior: LinearRing(outer), holes: [LinearRing(hole.reversed())]),
            Polygon(exterior: LinearRing(island)),
        ])
        assertEqualWithin(features[0].geometry, expected, tolerance: tolerance)
        // The hole alone as a feature's exterior is turned counter-clockwise again.
        assertEqualWithin(features[1].geometry, .polygon(Polygon(exterior: LinearRing(hole))), tolerance: tolerance)
    }

    func testClockwiseRingsAreTurned() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("turned.topojson")
        var topology = squares
        // The left square walked clockwise: arc 0 reversed after arc 1 reversed.
        topology.features[0].polygons = [[[~1, ~0]]]
        // A hole that runs counter-clockwise: the left square as the hole of a bigger ring.
        topology.arcs.append([xy(-1, -1), xy(3, -1), xy(3, 2), xy(-1, 2), xy(-1, -1)])
        topology.features.append((properties: [], polygons: [[[3], [0, 1]]]))
        try TopoJSONWriter.write(topology, objectName: "units", metadata: metadata, to: url)
        let lines = try text(url).split(separator: "\n")
        XCTAssertEqual(lines[1], #"{"type":"Polygon","arcs":[[0,1]],"properties":{"code":"L"}},"#)
        XCTAssertEqual(lines[3], #"{"type":"Polygon","arcs":[[3],[-2,-1]],"properties":{}}"#)
        let features = try Fixture.readAll(url).features
        let withHole = try XCTUnwrap(features[2].geometry?.polygons.first)
        XCTAssertGreaterThan(features[0].geometry?.polygons.first?.exterior.signedArea ?? 0, 0)
        XCTAssertGreaterThan(withHole.exterior.signedArea, 0)
        XCTAssertLessThan(withHole.holes.first?.signedArea ?? 0, 0)
    }

    func testPositionsOnOneGridPointAreMergedButArcsKeepTheirEnds() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("merged.topojson")
        // Quantization 3 on the box (0,0)–(2,2): the grid is the integers.
        let topology = TopoJSONTopology(arcs: [
            [xy(0, 0), xy(0.9, 0), xy(1.1, 0), xy(2, 2)],  // 0.9 and 1.1 both land on 1
            [xy(0, 0), xy(0.1, 0), xy(0.2, 0.1)],  // everything lands on (0, 0): two equal ends remain
            [xy(0, 0), xy(1.9, 0), xy(2, 0)],  // the interior position merges into the end
        ], features: [])
        let summary = try TopoJSONWriter.write(topology, objectName: "o", metadata: metadata, to: url, quantization: 3)
        let json = try document(url)
        XCTAssertEqual(json["arcs"] as? [[[Int]]], [[[0, 0], [1, 0], [1, 2]], [[0, 0], [0, 0]], [[0, 0], [2, 0]]])
        XCTAssertEqual(summary.positions, 7)
    }

    func testRingsFlattenedByQuantizationAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("islets.topojson")
        var topology = squares
        // On the quantization-3 grid of the box (0,0)–(2,1) (x, 2y), an islet at (0.1, 0.1) and a
        // hole in the left square both fall onto grid points without area.
        topology.arcs.append([xy(0.1, 0.1), xy(0.2, 0.1), xy(0.2, 0.2), xy(0.1, 0.1)])
        topology.arcs.append([xy(0.6, 0.6), xy(0.6, 0.65), xy(0.65, 0.65), xy(0.6, 0.6)])
        topology.features[0].polygons = [[[0, 1], [4]], [[3]]]
        let summary = try TopoJSONWriter.write(topology, objectName: "units", metadata: metadata, to: url, quantization: 3)
        XCTAssertEqual(summary.droppedRings, 2)
        XCTAssertEqual(try text(url).split(separator: "\n")[1], #"{"type":"Polygon","arcs":[[0,1]],"properties":{"code":"L"}},"#)
        XCTAssertEqual((try document(url)["arcs"] as? [Any])?.count, 5, "arc indices stay as given")

        topology.features[1].polygons = [[[3]]]
        XCTAssertThrowsError(try TopoJSONWriter.write(topology, objectName: "units", metadata: metadata, to: url, quantization: 3)) { error in
            XCTAssertEqual(error as? ExportError, ExportError(path: url.path, featureIndex: 1, reason: "every polygon collapses on the quantization grid (quantization 3)"))
        }
    }

    func testSameInputGivesIdenticalBytes() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 5)
        // A row of 100 squares sharing their sides, with wobbly coordinates.
        let n = 100
        func wobble() -> Double { Double(random.next() % 1_000_000) / 1e12 }
        let bottom = (0...n).map { xy(130 + Double($0) * 0.1 + wobble(), 33 + wobble()) }
        let top = (0...n).map { xy(130 + Double($0) * 0.1 + wobble(), 33.1 + wobble()) }
        var arcs: [[Coordinate]] = (0...n).map { [bottom[$0], top[$0]] }  // verticals, going up
        arcs += (0..<n).map { [bottom[$0], bottom[$0 + 1]] }  // bottoms, going right
        arcs += (0..<n).map { [top[$0 + 1], top[$0]] }  // tops, going left
        let features: [TopoJSONTopology.Feature] = (0..<n).map { i in
            (properties: [("i", .integer(i))], polygons: [[[n + 1 + i, i + 1, 2 * n + 1 + i, ~i]]])
        }
        let topology = TopoJSONTopology(arcs: arcs, features: features)
        let first = folder.url.appendingPathComponent("a.topojson")
        let second = folder.url.appendingPathComponent("b.topojson")
        try TopoJSONWriter.write(topology, objectName: "row", metadata: metadata, to: first)
        try TopoJSONWriter.write(topology, objectName: "row", metadata: metadata, to: second)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
        XCTAssertEqual(try Fixture.readAll(first).features.count, n)
        try assertOGRInfoOpens(first, features: n)
    }

    func testBadTopologiesNameTheProblem() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("bad.topojson")
        let cases: [([[[Int]]], String)] = [
            ([[[0, 5]]], "polygon 0 ring 0: arc reference 5 out of range (the topology has 3 arcs)"),
            ([[[0, -4]]], "polygon 0 ring 0: arc reference -4 out of range (the topology has 3 arcs)"),
            ([[[0, 2]]], "polygon 0 ring 0: arc reference 0 does not end where the next, 2, starts"),
            ([[[2]]], "polygon 0 ring 0 is not closed: arc reference 2 does not end where 2 starts"),
            ([[[0, 1]], []], "polygon 1 has no rings"),
            ([[[0, 1], []]], "polygon 0 ring 1 has no arcs"),
        ]
        for (polygons, reason) in cases {
            var topology = squares
            topology.features[1].polygons = polygons
            XCTAssertThrowsError(try TopoJSONWriter.write(topology, objectName: "units", metadata: metadata, to: url)) { error in
                XCTAssertEqual(error as? ExportError, ExportError(path: url.path, featureIndex: 1, reason: reason))
            }
        }
        var shortArc = squares
        shortArc.arcs[1] = [xy(0, 0)]
        XCTAssertThrowsError(try TopoJSONWriter.write(shortArc, objectName: "units", metadata: metadata, to: url)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(url.path): arc 1 has 1 position; an arc needs at least 2")
        }
        XCTAssertThrowsError(try TopoJSONWriter.write(squares, objectName: "units", metadata: metadata, to: url, quantization: 1)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(url.path): quantization must be 2…1073741824, not 1")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testUnwritablePathIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        let blocker = try folder.write("blocker", "not a folder")
        let url = blocker.appendingPathComponent("out.topojson")
        XCTAssertThrowsError(try TopoJSONWriter.write(squares, objectName: "units", metadata: metadata, to: url)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(url.path): cannot create a file in \(blocker.path): Not a directory")
        }
    }

    func testFailedWriteLeavesThePreviousFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("keep.topojson")
        try TopoJSONWriter.write(squares, objectName: "units", metadata: metadata, to: url)
        let before = try Data(contentsOf: url)
        var broken = squares
        broken.features[1].properties = [("n", .number(.nan))]
        XCTAssertThrowsError(try TopoJSONWriter.write(broken, objectName: "units", metadata: metadata, to: url)) { error in
            XCTAssertEqual((error as? ExportError)?.description, "\(url.path): feature 1: property \"n\" is nan, which JSON cannot represent")
        }
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path), ["keep.topojson"], "the temporary file is removed")
    }

    func testGDALOpensTheFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("gdal.topojson")
        var topology = squares
        topology.arcs.append([xy(5, 5), xy(6, 5), xy(6, 6), xy(5, 5)])
        topology.features.append((properties: [("code", .string("M"))], polygons: [[[2, ~0]], [[3]]]))
        try TopoJSONWriter.write(topology, objectName: "units", metadata: metadata, to: url)
        try assertOGRInfoOpens(url, features: 3)
    }
}
