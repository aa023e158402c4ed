import GeoCore
import XCTest

/// `GeodesicNearest`: 0 inside or touching, else the ellipsoidal distance between the closest
/// points, for points and for polygons (the indexed search between rings must find the same pair as
/// measuring everything).
final class GeodesicNearestTests: XCTestCase {
    /// A square of `side` degrees with its south-west corner at (x, y).
    static func square(_ x: Double, _ y: Double, _ side: Double) -> Polygon {
        Polygon(exterior: LinearRing([Coordinate(x: x, y: y), Coordinate(x: x + side, y: y), Coordinate(x: x + side, y: y + side),
                                      Coordinate(x: x, y: y + side), Coordinate(x: x, y: y)]))
    }

    func testPointInsideIsZeroAndOutsideIsTheGeodesicToTheEdge() throws {
        let unit = try GeodesicNearest(.polygon(Self.square(139.0, 35.0, 0.2)))
        XCTAssertEqual(try unit.distance(to: Coordinate(x: 139.1, y: 35.1)), 0)
        XCTAssertEqual(try unit.distance(to: Coordinate(x: 139.0, y: 35.1)), 0, "on the boundary")
        // Due east of the east edge: the closest point is on the edge at the same latitude (to
        // well under a metre), so the distance is the geodesic between the two.
        let east = Coordinate(x: 139.35, y: 35.1)
        let expected = GeodesicDistance.metres(from: east, to: Coordinate(x: 139.2, y: 35.1))
        XCTAssertEqual(try unit.distance(to: east), expected, accuracy: 0.5)
        // Beyond the north-east corner: the corner is the closest point.
        let corner = Coordinate(x: 139.3, y: 35.3)
        XCTAssertEqual(try unit.distance(to: corner), GeodesicDistance.metres(from: corner, to: Coordinate(x: 139.2, y: 35.2)), accuracy: 1e-6)
    }

    func testPolygonsTouchingAreZeroAndApartAreTheirClosestPair() throws {
        let unit = try GeodesicNearest(.polygon(Self.square(139.0, 35.0, 0.2)))
        XCTAssertEqual(try unit.distance(to: .polygon(Self.square(139.2, 35.05, 0.1))).metres, 0, "sharing an edge")
        XCTAssertEqual(try unit.distance(to: .polygon(Self.square(139.1, 35.1, 0.3))).metres, 0, "overlapping")
        // A small square north-east of the corner: the closest pair is corner to corner.
        let apart = try unit.distance(to: .polygon(Self.square(139.25, 35.27, 0.05)))
        XCTAssertEqual(apart.metres, GeodesicDistance.metres(from: Coordinate(x: 139.2, y: 35.2), to: Coordinate(x: 139.25, y: 35.27)), accuracy: 1e-6)
        // A many-vertex ring (a circle) against a square: the indexed ring search equals the plain one.
        let circle = Polygon(exterior: LinearRing((0...720).map { i -> Coordinate in
            let t = Double(i % 720) / 720 * 2 * Double.pi
            return Coordinate(x: 139.6 + 0.1 * cos(t), y: 35.1 + 0.08 * sin(t))
        }))
        let plane = LocalPlane(origin: Coordinate(x: 139.1, y: 35.1))
        let context = GEOSContext()
        let (a, b) = try GEOSGeometry(plane.project(.polygon(Self.square(139.0, 35.0, 0.2))), context: context)
            .nearestPoints(to: GEOSGeometry(plane.project(.polygon(circle)), context: context))
        let plain = GeodesicDistance.metres(from: plane.unproject(a), to: plane.unproject(b))
        XCTAssertEqual(try unit.distance(to: .polygon(circle)).metres, plain, accuracy: 1e-6)
        XCTAssertGreaterThan(plain, 25_000)
    }

    func testLowerBoundNeverExceedsTheDistance() throws {
        let unit = try GeodesicNearest(.polygon(Self.square(139.0, 35.0, 0.2)))
        for target in [Coordinate(x: 141.0, y: 43.0), Coordinate(x: 130.0, y: 33.0), Coordinate(x: 139.1, y: 36.5), Coordinate(x: 145.0, y: 35.1)] {
            let box = BoundingBox(minX: target.x, minY: target.y, maxX: target.x, maxY: target.y)
            XCTAssertLessThanOrEqual(unit.lowerBoundMetres(to: box), try unit.distance(to: target), "\(target)")
        }
    }
}
