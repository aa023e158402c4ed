import GeoCore

/// Small hand-made shapes shared by the GeoCore tests.
enum GeometryFixtures {
    static func square(_ x: Double, _ y: Double, size: Double = 1) -> Polygon {
        Polygon(exterior: LinearRing([
            Coordinate(x: x, y: y), Coordinate(x: x + size, y: y), Coordinate(x: x + size, y: y + size),
            Coordinate(x: x, y: y + size), Coordinate(x: x, y: y),
        ]))
    }

    /// A bow-tie: the ring crosses itself at (1, 1).
    static let bowTie = Polygon(exterior: LinearRing([
        Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 0), Coordinate(x: 0, y: 2), Coordinate(x: 0, y: 0),
    ]))

    static let squareWithHole = Polygon(
        exterior: square(0, 0, size: 10).exterior,
        holes: [LinearRing([
            Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 4), Coordinate(x: 4, y: 4), Coordinate(x: 4, y: 2), Coordinate(x: 2, y: 2),
        ])])
}
