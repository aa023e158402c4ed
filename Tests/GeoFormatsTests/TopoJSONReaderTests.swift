import GeoCore
import TestSupport
import XCTest
import GeoFormats

/// TopoJSON: delta decoding, the transform, arc joining with ~i reversal, and the real N03 topology.
final class TopoJSONReaderTests: XCTestCase {
    private func xy(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    /// scale (0.5, 2), translate (100, 10). Arc 0 decodes to (0,0) (2,0) (2,2) → (100,10) (101,10) (101,14);
    /// arc 1 to (0,0) (0,2) (2,2) → (100,10) (100,14) (101,14); arc 2 to (4,0) (6,0) → (102,10) (103,10).
    /// `objects` comes before `arcs` and `transform` on purpose.
    private let quantized = #"""
    {"type":"Topology","bbox":[100,10,103,22],
     "objects":{
      "units":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,-2]],"properties":{"code":"01101","n":1.50}},
        {"type":"MultiPolygon","arcs":[[[0,-2]],[[1,-1]]],"properties":{"code":"01102"}},
        {"type":"LineString","arcs":[2],"id":"x"},
        {"type":"LineString","arcs":[-3]},
        {"type":"MultiLineString","arcs":[[2],[-3,2]]},
        {"type":"Point","coordinates":[4,6],"properties":{"name":"p"}},
        {"type":"MultiPoint","coordinates":[[0,0],[2,2]]},
        {"type":null,"properties":{"code":null}},
        {"properties":{"code":"missing type"}},
        {"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]},{"type":"LineString","arcs":[2]}]}
      ]},
      "single":{"type":"LineString","arcs":[2],"properties":{"name":"single"}}
     },
     "arcs":[[[0,0],[2,0],[0,2]],[[0,0],[0,2],[2,0]],[[4,0],[2,0]]],
     "transform":{"scale":[0.5,2],"translate":[100,10]}}
    """#

    func testQuantizedTopologyIsDeltaDecodedAndArcsAreJoined() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("tiny.topojson", quantized)
        let (features, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries.count, 1)
        XCTAssertEqual(summaries.first?.format, .topoJSON)
        XCTAssertEqual(features.count, 11)
        XCTAssertEqual(features.map(\.index), Array(0..<11))

        let square = [xy(100, 10), xy(101, 10), xy(101, 14), xy(100, 14), xy(100, 10)]
        XCTAssertEqual(features[0].geometry, .polygon(Polygon(exterior: LinearRing(square))))
        XCTAssertEqual(features[0].properties["code"], "01101")
        XCTAssertEqual(features[0].properties["n"], "1.50")
        // [1, ~0]: arc 1 forward, then arc 0 reversed without its first position.
        let other = [xy(100, 10), xy(100, 14), xy(101, 14), xy(101, 10), xy(100, 10)]
        XCTAssertEqual(features[1].geometry, .multiPolygon([Polygon(exterior: LinearRing(square)), Polygon(exterior: LinearRing(other))]))
        XCTAssertEqual(features[2].geometry, .lineString([xy(102, 10), xy(103, 10)]))
        XCTAssertEqual(features[3].geometry, .lineString([xy(103, 10), xy(102, 10)]))
        XCTAssertEqual(features[4].geometry, .multiLineString([[xy(102, 10), xy(103, 10)], [xy(103, 10), xy(102, 10), xy(103, 10)]]))
        // Points are quantized but not delta-encoded.
        XCTAssertEqual(features[5].geometry, .point(xy(102, 22)))
        XCTAssertEqual(features[5].properties["name"], "p")
        XCTAssertEqual(features[6].geometry, .multiPoint([xy(100, 10), xy(101, 14)]))
        XCTAssertNil(features[7].geometry)
        XCTAssertEqual(features[7].properties["code"], .some(nil))
        XCTAssertNil(features[8].geometry)
        XCTAssertEqual(features[9].geometry, .geometryCollection([.point(xy(100, 10)), .lineString([xy(102, 10), xy(103, 10)])]))
        XCTAssertEqual(features[10].geometry, .lineString([xy(102, 10), xy(103, 10)]))
        XCTAssertEqual(features[10].properties["name"], "single")
        XCTAssertEqual(summaries.first?.vertices, features.compactMap(\.geometry).reduce(0) { $0 + $1.vertexCount })
    }

    func testTopologyWithoutTransformUsesAbsoluteCoordinates() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("plain.json", #"""
        {"arcs":[[[0.5,0.5],[1.5,0.5],[1.5,1.5]],[[1.5,1.5],[0.5,0.5]]],
         "objects":{"a":{"type":"Polygon","arcs":[[0,1]]}},"type":"Topology"}
        """#)
        let features = try Fixture.readAll(url).features
        XCTAssertEqual(features.first?.geometry, .polygon(Polygon(exterior: LinearRing([xy(0.5, 0.5), xy(1.5, 0.5), xy(1.5, 1.5), xy(0.5, 0.5)]))))
    }

    func testBadGeometriesNameTheFeature() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, String)] = [
            (#"{"type":"Polygon","arcs":[[5]]}"#, "arc index 5 out of range (the topology has 1 arcs)"),
            (#"{"type":"Polygon","arcs":[[-3]]}"#, "arc index -3 out of range (the topology has 1 arcs)"),
            (#"{"type":"Polygon","arcs":[0]}"#, #"Polygon "arcs" must be an array of rings (arrays of arc indices)"#),
            (#"{"type":"Polygon"}"#, #"Polygon without "arcs""#),
            (#"{"type":"Polygn","arcs":[[0]]}"#, #"unknown geometry type "Polygn""#),
            (#"{"type":"Point","coordinates":[[0,0]]}"#, "Point coordinates must be a single position [x, y], found an array of positions"),
        ]
        for (geometry, reason) in cases {
            let url = try folder.write("bad.topojson", #"""
            {"type":"Topology","arcs":[[[0,0],[1,0],[1,1],[0,0]]],"objects":{"o":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0]]}, \#(geometry)]}}}
            """#)
            let error = Fixture.formatError(url)
            XCTAssertEqual(error?.description, "bad.topojson: feature 1: \(reason)", geometry)
        }
        let fraction = try folder.write("fraction.topojson", #"{"type":"Topology","arcs":[],"objects":{"o":{"type":"LineString","arcs":[0.5]}}}"#)
        XCTAssertEqual(Fixture.formatError(fraction)?.reason, "an arc index must be an integer, found 0.5")
        let truncated = try folder.write("cut.topojson", String(quantized.prefix(300)))
        XCTAssertTrue(Fixture.formatError(truncated)?.reason.hasPrefix("truncated: unexpected end of file") ?? false)
    }

    /// A sparse file just over 1 GiB: detected as TopoJSON by its first bytes, refused by size
    /// before anything is read whole.
    func testTopologyOverOneGiBIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("huge.topojson", #"{"type":"Topology","arcs":[],"objects":{}}"#)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(BoundarySource.maximumTopoJSONFileSize) + 1)
        try handle.close()
        XCTAssertEqual(Fixture.formatError(url)?.description, "huge.topojson: TopoJSON file too large to read whole (1024 MiB; the limit is 1024 MiB)")
    }

    /// The shared N03 2021 topology. Expected values were computed independently with Python
    /// (json module, the same delta decoding and arc joining).
    func testRealN03Topology() throws {
        let url = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        var polygons = 0
        var multiPolygons = 0
        var nullCodes = 0
        var coordinateChecksum: UInt64 = 0
        var samples: [Int: (code: String?, vertices: Int, first: Coordinate)] = [:]
        let summaries = try BoundarySource.read(url) { feature in
            switch feature.geometry {
            case .polygon?: polygons += 1
            case .multiPolygon?: multiPolygons += 1
            default: XCTFail("feature \(feature.index) is \(String(describing: feature.geometry))")
            }
            XCTAssertTrue(feature.properties.keys.contains("N03_007"))
            if feature.properties["N03_007"] == .some(nil) { nullCodes += 1 }
            feature.geometry?.forEachCoordinate { c in
                coordinateChecksum = coordinateChecksum &+ c.x.bitPattern &* 31 &+ c.y.bitPattern
            }
            if [0, 1875, 1905].contains(feature.index), let geometry = feature.geometry {
                samples[feature.index] = (feature.properties["N03_007"] ?? nil, geometry.vertexCount, geometry.polygons[0].exterior.coordinates[0])
            }
        }
        XCTAssertEqual(summaries, [SourceSummary(file: "N03-21_210101_s0010.topojson", format: .topoJSON, features: 1906, vertices: 216_367)])
        XCTAssertEqual(polygons, 1649)
        XCTAssertEqual(multiPolygons, 257)
        XCTAssertEqual(nullCodes, 4)
        XCTAssertEqual(coordinateChecksum, 6_311_919_835_786_581_592, "every coordinate equals Python's decoding bit for bit")
        XCTAssertEqual(samples[0]?.code, "01101")
        XCTAssertEqual(samples[0]?.vertices, 64)
        XCTAssertEqual(samples[0]?.first, xy(141.35520990119417, 43.06857790791336))
        XCTAssertEqual(samples[1875]?.code, "47212")
        XCTAssertEqual(samples[1875]?.vertices, 44)
        XCTAssertEqual(samples[1875]?.first, xy(127.65422007771966, 26.161447977517525))
        XCTAssertNil(samples[1905]?.code)
        XCTAssertEqual(samples[1905]?.vertices, 5)
        XCTAssertEqual(samples[1905]?.first, xy(127.84386096672841, 26.431701668254576))
    }
}
