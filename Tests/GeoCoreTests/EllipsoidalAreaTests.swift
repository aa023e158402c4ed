import Foundation
import XCTest
import GeoCore

final class EllipsoidalAreaTests: XCTestCase {
    private let area = EllipsoidalArea.grs80

    private func ring(_ lonLat: [(Double, Double)]) -> LinearRing {
        LinearRing(lonLat.map { Coordinate(x: $0.0, y: $0.1) })
    }

    private func assertRelative(_ actual: Double, _ expected: Double, within tolerance: Double = 1e-4,
                                _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual, expected, accuracy: abs(expected) * tolerance,
                       "\(message): \(actual) m² vs \(expected) m²", file: file, line: line)
    }

    // Expected values from pyproj 3.7.2 (Karney's algorithm, geodesic edges), computed once with
    //   python3 -c 'from pyproj import Geod; from shapely.geometry import Polygon
    //   print(Geod(ellps="GRS80").geometry_area_perimeter(Polygon(EXTERIOR, [HOLES]))[0])'
    // for the rings written below (CCW exteriors, CW holes).

    func testOneDegreeCellAt35NorthAgreesWithPyproj() {
        let cell = Polygon(exterior: ring([(139, 35), (140, 35), (140, 36), (139, 36), (139, 35)]))
        assertRelative(area.squareMetres(of: cell), 10_066_272_985.515747, "1° × 1° cell at 35°N")
    }

    func testSquareWithHoleAgreesWithPyproj() {
        let square = Polygon(
            exterior: ring([(135, 34), (135.5, 34), (135.5, 34.5), (135, 34.5), (135, 34)]),
            holes: [ring([(135.1, 34.1), (135.1, 34.3), (135.3, 34.3), (135.3, 34.1), (135.1, 34.1)])])
        assertRelative(area.squareMetres(of: square), 2_145_500_939.59552, "square with a hole")
        XCTAssertLessThan(area.squareMetres(of: square), area.squareMetres(of: square.exterior))
    }

    func testPolygonAcross45NorthAgreesWithPyproj() {
        let polygon = Polygon(exterior: ring([(141, 44), (142.5, 44.2), (143, 45.5), (141.8, 46), (141.2, 45.3), (141, 44)]))
        assertRelative(area.squareMetres(of: polygon), 23_186_621_059.673645, "polygon across 45°N")
    }

    func testSmallSquareInTokyoAgreesWithPyproj() {
        // 0.001° × 0.001° (about 90 m × 111 m): short edges, where only rounding separates the methods.
        let square = Polygon(exterior: ring([(139.7, 35.68), (139.701, 35.68), (139.701, 35.681), (139.7, 35.681), (139.7, 35.68)]))
        assertRelative(area.squareMetres(of: square), 10_044.135899305344, within: 1e-7, "≈100 m square in Tokyo")
    }

    func testBoxOverAllOfJapanAgreesWithPyproj() {
        let box = Polygon(exterior: ring([(129, 31), (146, 31), (146, 45), (129, 45), (129, 31)]))
        assertRelative(area.squareMetres(of: box), 2_312_172_025_116.699, "17° × 14° box")
    }

    func testRingAcrossTheAntimeridianAgreesWithPyproj() {
        let cell = Polygon(exterior: ring([(179.5, -17), (-179.5, -17), (-179.5, -16), (179.5, -16), (179.5, -17)]))
        assertRelative(area.squareMetres(of: cell), 11_815_019_729.942444, "cell across 180°")
    }

    func testOrientationAndClosingVertexDoNotMatter() {
        let closed = ring([(139, 35), (140, 35), (140, 36), (139, 36), (139, 35)])
        let reversed = LinearRing(closed.coordinates.reversed())
        let open = LinearRing(Array(closed.coordinates.dropLast()))
        let expected = area.squareMetres(of: closed)
        XCTAssertEqual(area.squareMetres(of: reversed), expected, accuracy: expected * 1e-12)
        XCTAssertEqual(area.squareMetres(of: open), expected, accuracy: expected * 1e-12)
    }

    func testGeometryKindsSumTheirPolygons() {
        let cell = Polygon(exterior: ring([(139, 35), (140, 35), (140, 36), (139, 36), (139, 35)]))
        let square = Polygon(exterior: ring([(135, 34), (135.5, 34), (135.5, 34.5), (135, 34.5), (135, 34)]))
        let sum = area.squareMetres(of: cell) + area.squareMetres(of: square)
        XCTAssertEqual(area.squareMetres(of: [cell, square]), sum)
        XCTAssertEqual(area.squareMetres(of: Geometry.multiPolygon([cell, square])), sum)
        XCTAssertEqual(area.squareMetres(of: Geometry.polygon(cell)), area.squareMetres(of: cell))
        XCTAssertEqual(area.squareMetres(of: Geometry.geometryCollection([.polygon(cell), .point(Coordinate(x: 1, y: 2)), .polygon(square)])), sum,
                       accuracy: sum * 1e-15)
        XCTAssertEqual(area.squareMetres(of: Geometry.lineString([Coordinate(x: 139, y: 35), Coordinate(x: 140, y: 36)])), 0)
        XCTAssertEqual(area.squareMetres(of: LinearRing([Coordinate(x: 139, y: 35), Coordinate(x: 140, y: 36)])), 0)
    }

    func testAuthalicRadiusOfGRS80() {
        // R_q of GRS80 (Moritz, Geodetic Reference System 1980): 6,371,007.1810 m.
        XCTAssertEqual(area.authalicRadius, 6_371_007.1810, accuracy: 0.001)
    }

    /// A 1.2 M-vertex ring (a tenth of the full-resolution N03 file) in well under a second; its
    /// area matches the same circle drawn with 3,600 vertices.
    func testManyVerticesAreFastAndStable() {
        func circle(vertices: Int) -> LinearRing {
            var coordinates: [Coordinate] = []
            coordinates.reserveCapacity(vertices + 1)
            for index in 0..<vertices {
                let angle = 2 * Double.pi * Double(index) / Double(vertices)
                coordinates.append(Coordinate(x: 137 + 0.5 * cos(angle) / cos(36 * Double.pi / 180), y: 36 + 0.5 * sin(angle)))
            }
            coordinates.append(coordinates[0])
            return LinearRing(coordinates)
        }
        let dense = circle(vertices: 1_200_000)
        let start = Date()
        let denseArea = area.squareMetres(of: dense)
        let seconds = Date().timeIntervalSince(start)
        assertRelative(denseArea, area.squareMetres(of: circle(vertices: 3_600)), within: 1e-5, "dense vs coarse circle")
        XCTAssertLessThan(seconds, 1.0, "1.2 M vertices took \(seconds) s")
    }
}
