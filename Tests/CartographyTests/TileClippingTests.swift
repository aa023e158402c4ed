import Cartography
import GeoCore
import GeoFormats
import XCTest

/// Clipping polygons to buffered tiles: a square crossing a tile edge, seamless shared
/// borders, winding of exteriors and holes, degenerate leftovers, deterministic JSON.
final class TileClippingTests: XCTestCase {
    let encoder = TileGeometryEncoder(extent: 4096, buffer: 64)

    func square(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, clockwise: Bool = false) -> [Coordinate] {
        let ring = [Coordinate(x: minX, y: minY), Coordinate(x: minX, y: maxY), Coordinate(x: maxX, y: maxY),
                    Coordinate(x: maxX, y: minY), Coordinate(x: minX, y: minY)]
        return clockwise ? ring.reversed() : ring
    }

    func testSquareCrossingATileEdgeIsCutAtTheBufferOnBothSides() {
        let polygon = TileGeometryEncoder.ProjectedPolygon(rings: [square(4000, 1000, 4200, 1200)])
        let west = encoder.encode(polygon, in: TileID(z: 1, x: 0, y: 0))
        let east = encoder.encode(polygon, in: TileID(z: 1, x: 1, y: 0))
        XCTAssertEqual(west.count, 1)
        XCTAssertEqual(east.count, 1)
        XCTAssertEqual(Set(west[0][0].map { $0[0] }), [4000, 4160], "cut at extent + buffer")
        XCTAssertEqual(Set(west[0][0].map { $0[1] }), [1000, 1200])
        XCTAssertEqual(Set(east[0][0].map { $0[0] }), [-64, 104], "cut at -buffer, shifted to the tile's origin")
        for ring in [west[0][0], east[0][0]] {
            XCTAssertEqual(ring.first, ring.last, "closed")
            XCTAssertEqual(ring.count, 5)
        }
        XCTAssertTrue(encoder.encode(polygon, in: TileID(z: 1, x: 1, y: 1)).isEmpty, "a tile it does not reach gets nothing")
    }

    func testTilesTouchedIncludeTheBuffer() {
        let polygon = TileGeometryEncoder.ProjectedPolygon(rings: [square(4100, 10, 4120, 20)])
        let range = try! XCTUnwrap(encoder.tiles(touching: polygon.bounds, zoom: 1))
        XCTAssertEqual(range.columns, 0...1, "within 64 units of tile 0's east edge")
        XCTAssertEqual(range.rows, 0...0)
    }

    func testExteriorsAreClockwiseOnScreenAndHolesCounterClockwise() {
        for clockwise in [false, true] {
            let polygon = TileGeometryEncoder.ProjectedPolygon(rings: [square(100, 100, 900, 900, clockwise: clockwise),
                                                                       square(300, 300, 500, 500, clockwise: clockwise)])
            let parts = encoder.encode(polygon, in: TileID(z: 0, x: 0, y: 0))
            XCTAssertEqual(parts.count, 1)
            XCTAssertEqual(parts[0].count, 2)
            XCTAssertEqual(TileGeometryEncoder.doubledArea(parts[0][0]), 2 * 800 * 800)
            XCTAssertEqual(TileGeometryEncoder.doubledArea(parts[0][1]), -2 * 200 * 200)
        }
    }

    func testHoleOutsideTheBufferedTileIsDroppedAndNeedlesStayOneUnitWide() {
        let polygon = TileGeometryEncoder.ProjectedPolygon(rings: [square(3000, 100, 5000, 900), square(4500, 300, 4700, 500)])
        let parts = encoder.encode(polygon, in: TileID(z: 1, x: 0, y: 0))
        XCTAssertEqual(parts.count, 1)
        XCTAssertEqual(parts[0].count, 1, "the hole lies beyond x = 4160")
        // A breakwater 0.2 units wide and 890 long: kept one unit wide along its length.
        let thin = TileGeometryEncoder.ProjectedPolygon(rings: [square(10, 10, 10.2, 900)])
        let needle = encoder.encode(thin, in: TileID(z: 0, x: 0, y: 0))
        XCTAssertFalse(needle.isEmpty, "thin land stays")
        let area = needle.flatMap { $0 }.reduce(0) { $0 + TileGeometryEncoder.doubledArea($1) }
        XCTAssertGreaterThanOrEqual(area, 2 * 890, "one unit wide along its length")
        for ring in needle.flatMap({ $0 }) {
            XCTAssertEqual(ring.first, ring.last)
            XCTAssertTrue(ring.allSatisfy { (9...11).contains($0[0]) && (10...900).contains($0[1]) }, "\(ring)")
        }
        // A speck under a quarter of a pixel (4 units at 4096 a tile) goes.
        let speck = TileGeometryEncoder.ProjectedPolygon(rings: [square(10, 10, 10.2, 12)])
        XCTAssertTrue(encoder.encode(speck, in: TileID(z: 0, x: 0, y: 0)).isEmpty, "no area left after rounding")
    }

    func testNeighboursSharingABorderGetTheSameCutPoint() {
        // Two units share the slanted border (4000, 900) – (4300, 1301), which crosses x = 4160.
        let left = [Coordinate(x: 3900, y: 900), Coordinate(x: 4000, y: 900), Coordinate(x: 4300, y: 1301), Coordinate(x: 3900, y: 1301),
                    Coordinate(x: 3900, y: 900)]
        let right = [Coordinate(x: 4000, y: 900), Coordinate(x: 4400, y: 900), Coordinate(x: 4400, y: 1301), Coordinate(x: 4300, y: 1301),
                     Coordinate(x: 4000, y: 900)]
        let tile = TileID(z: 1, x: 0, y: 0)
        let a = Set(encoder.encode(.init(rings: [left]), in: tile)[0][0].filter { $0[0] == 4160 }.map { $0[1] })
        let b = Set(encoder.encode(.init(rings: [right]), in: tile)[0][0].filter { $0[0] == 4160 }.map { $0[1] })
        let crossing = Int((900 + (4160.0 - 4000) / 300 * 401).rounded())
        XCTAssertTrue(a.contains(crossing))
        XCTAssertTrue(b.contains(crossing))
        let clipper = TileRingClipper(minimum: -64, maximum: 4160)
        let exactA = clipper.clip(left).filter { $0.x == 4160 && $0.y != 1301 }
        let exactB = clipper.clip(right).filter { $0.x == 4160 && $0.y != 900 && $0.y != 1301 }
        XCTAssertEqual(exactA, exactB, "bit-identical crossing whichever way the border is walked")
    }

    func testClipperKeepsInsideRingsAndDropsOutsideOnes() {
        let clipper = TileRingClipper(minimum: 0, maximum: 10)
        XCTAssertEqual(clipper.clip(square(1, 1, 2, 2)).count, 4, "open ring, unchanged")
        XCTAssertTrue(clipper.clip(square(20, 20, 30, 30)).isEmpty)
        let cut = clipper.clip(square(-5, -5, 5, 5))
        XCTAssertEqual(Set(cut.map(\.x)), [0, 5])
    }

    func testJSONIsDeterministicWithSortedKeysAndFixedNumbers() {
        let a = JSONValue.object(["b": .numeric(3.0), "a": .numeric(0.1), "c": .numeric(nil), "d": .string("千代田\"\n")])
        let b = JSONValue.object(["d": .string("千代田\"\n"), "c": .null, "a": .number(0.1), "b": .integer(3)])
        XCTAssertEqual(a.text, #"{"a":0.1,"b":3,"c":null,"d":"千代田\"\n"}"#)
        XCTAssertEqual(a.text, b.text)
        XCTAssertEqual(JSONValue.numeric(.nan), .null)
        XCTAssertEqual(JSONValue.array([.numeric(1e20), .numeric(-2.5)]).text, "[1e+20,-2.5]")
    }
}
