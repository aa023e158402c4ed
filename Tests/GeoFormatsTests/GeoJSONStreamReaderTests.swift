import GeoCore
import TestSupport
import XCTest
import GeoFormats

/// Well-formed GeoJSON: what comes out, in any member order, across buffer boundaries.
final class GeoJSONStreamReaderTests: XCTestCase {
    private func xy(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    func testFeatureCollectionSkipsForeignMembersAndReadsAllGeometryTypes() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("all.geojson", #"""
        {"type":"FeatureCollection","name":"N03-test",
         "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},
         "bbox":[0,0,10,10], "foreign":{"a":[1,[2,{"b":"}]\"\\"}]],"c":null,"d":true,"e":"\ud83d\ude00 \u00e9"},
         "features":[
          {"type":"Feature","id":7,"bbox":[0,0,4,4],"properties":{"N03_001":"北海道","N03_007":"01101","area":12.50,
            "count":-3,"flag":true,"off":false,"none":null,"nested":{"k":[1,2]},"esc":"a\"b\\c\/\u3042\uD83D\uDE00\n"},
           "geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[1,1]]]}},
          {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1.5,-2.5,100]}},
          {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1e1,2E-1]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
            {"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}},
          {"type":"Feature","properties":{"N03_007":null},"geometry":null}
         ]}
        """#)
        let (features, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries, [SourceSummary(file: "all.geojson", format: .geoJSON, features: 8, vertices: 9 + 8 + 1 + 2 + 2 + 4 + 3, member: nil)])
        XCTAssertEqual(features.map(\.index), Array(0..<8))

        let first = features[0]
        XCTAssertEqual(first.properties["N03_001"], "北海道")
        XCTAssertEqual(first.properties["N03_007"], "01101")
        XCTAssertEqual(first.properties["area"], "12.50", "numbers keep their text")
        XCTAssertEqual(first.properties["count"], "-3")
        XCTAssertEqual(first.properties["flag"], "true")
        XCTAssertEqual(first.properties["off"], "false")
        XCTAssertEqual(first.properties["nested"], #"{"k":[1,2]}"#)
        XCTAssertEqual(first.properties["esc"], "a\"b\\c/あ😀\n")
        XCTAssertTrue(first.properties.keys.contains("none"), "a null property keeps its key")
        XCTAssertEqual(first.properties["none"], .some(nil))
        XCTAssertEqual(first.geometry, .polygon(Polygon(
            exterior: LinearRing([xy(0, 0), xy(4, 0), xy(4, 4), xy(0, 4), xy(0, 0)]),
            holes: [LinearRing([xy(1, 1), xy(1, 2), xy(2, 2), xy(1, 1)])])))

        XCTAssertEqual(features[1].properties.count, 0)
        XCTAssertEqual(features[1].geometry?.polygons.count, 2)
        XCTAssertEqual(features[2].geometry, .point(xy(1.5, -2.5)))
        XCTAssertEqual(features[3].geometry, .lineString([xy(0, 0), xy(10, 0.2)]))
        XCTAssertEqual(features[4].geometry, .multiPoint([xy(0, 0), xy(1, 1)]))
        XCTAssertEqual(features[5].geometry, .multiLineString([[xy(0, 0), xy(1, 1)], [xy(2, 2), xy(3, 3)]]))
        XCTAssertEqual(features[6].geometry, .geometryCollection([.point(xy(1, 2)), .lineString([xy(0, 0), xy(1, 1)])]))
        XCTAssertNil(features[7].geometry)
        XCTAssertEqual(features[7].properties["N03_007"], .some(nil))
    }

    func testSingleFeatureWithMembersInAnyOrder() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("one.json", #"""
        {"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"bbox":[0,0,1,1],"type":"Polygon"},
         "properties":{"name":"x"},"type":"Feature"}
        """#)
        let (features, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries.first?.features, 1)
        XCTAssertEqual(summaries.first?.vertices, 4)
        XCTAssertEqual(features.first?.index, 0)
        XCTAssertEqual(features.first?.properties["name"], "x")
        XCTAssertEqual(features.first?.geometry, .polygon(Polygon(exterior: LinearRing([xy(0, 0), xy(1, 0), xy(1, 1), xy(0, 0)]))))
    }

    func testFeaturesBeforeTypeAndEmptyCollection() throws {
        let folder = try TemporaryFolder()
        let late = try folder.write("late.geojson", #"{"features":[{"type":"Feature","properties":{},"geometry":null}],"type":"FeatureCollection"}"#)
        XCTAssertEqual(try Fixture.readAll(late).features.count, 1)
        let empty = try folder.write("empty.geojson", #"  {"type":"FeatureCollection","features":[]}  "#)
        XCTAssertEqual(try Fixture.readAll(empty).summaries.first?.features, 0)
    }

    func testUnclosedRingIsPassedThroughAsRead() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("open.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}"#)
        let features = try Fixture.readAll(url).features
        XCTAssertEqual(features.first?.geometry, .polygon(Polygon(exterior: LinearRing([xy(0, 0), xy(1, 0), xy(1, 1)]))))
    }

    func testEmptyCoordinatesGiveEmptyGeometries() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("empty.geojson", #"""
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}},
         {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[], [[[0,0],[1,0],[1,1],[0,0]]]]}},
         {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[],[]]}}]}
        """#)
        let features = try Fixture.readAll(url).features
        XCTAssertEqual(features[0].geometry, .polygon(Polygon(exterior: LinearRing([]))))
        XCTAssertEqual(features[1].geometry?.polygons.count, 2)
        XCTAssertEqual(features[1].geometry?.vertexCount, 4)
        XCTAssertEqual(features[2].geometry, .multiLineString([[], []]))
    }

    func testUTF8ByteOrderMarkIsAccepted() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("bom.geojson", bytes: [0xEF, 0xBB, 0xBF] + Array(Fixture.squares(2).utf8))
        XCTAssertEqual(try Fixture.readAll(url).features.count, 2)
    }

    /// Small chunks put every kind of token across a refill, and long tokens make the buffer grow.
    func testTinyChunksGiveTheSameFeatures() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "長い名前", count: 50)
        let longNumber = "1" + String(repeating: "0", count: 150) + ".5e-150"
        var text = #"{"type":"FeatureCollection","skip":{"s":"\"\\\u00e9\ud83d\ude00","n":[1.5e300,-0.0,true,false,null]},"features":["#
        for i in 0..<12 {
            if i > 0 { text += ",\n" }
            text += #"{"type":"Feature","properties":{"i":\#(i),"long":"\#(long)","esc":"x\"\u3042\uD83D\uDE00y","raw":{"a":[1,{"b":"]"}]},"null":null},"#
            text += #""geometry":{"type":"MultiPolygon","coordinates":[[[[141.34232694,43.06681584],[\#(longNumber),-0.000000012345678901234567],[1E+3 , 2e-7 ],[141.34232694,43.06681584]]]]}}"#
        }
        text += "]}"
        let url = try folder.write("chunks.geojson", text)
        let reference = try Fixture.readAll(url).features
        XCTAssertEqual(reference.count, 12)
        XCTAssertEqual(reference[3].properties["long"], long)
        XCTAssertEqual(reference[3].properties["esc"], "x\"あ😀y")
        XCTAssertEqual(reference[3].properties["raw"], #"{"a":[1,{"b":"]"}]}"#)
        XCTAssertEqual(reference[3].properties["i"], "3")
        XCTAssertEqual(reference[3].geometry?.polygons.first?.exterior.coordinates[1].y, -0.000000012345678901234567)
        for chunkSize in [64, 65, 67, 71, 80, 97, 128, 256, 1000] {
            let features = try Fixture.readFeatures(url, chunkSize: chunkSize)
            XCTAssertEqual(features.count, reference.count, "chunk size \(chunkSize)")
            for (a, b) in zip(features, reference) {
                XCTAssertEqual(a.properties, b.properties, "chunk size \(chunkSize), feature \(a.index)")
                XCTAssertEqual(a.geometry, b.geometry, "chunk size \(chunkSize), feature \(a.index)")
            }
        }
    }

    func testErrorsThrownByTheCallerPassThroughUnchanged() throws {
        struct Stop: Error {}
        let folder = try TemporaryFolder()
        let url = try folder.write("stop.geojson", Fixture.squares(5))
        var seen = 0
        XCTAssertThrowsError(try BoundarySource.read(url) { _ in
            seen += 1
            if seen == 3 { throw Stop() }
        }) { error in
            XCTAssertTrue(error is Stop, "\(error)")
        }
        XCTAssertEqual(seen, 3)
    }
}
