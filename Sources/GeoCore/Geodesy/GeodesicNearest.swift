import Foundation

/// Geodesic distances between a fixed geometry (a unit's polygons, or a site) and others, on the
/// GRS80 ellipsoid: 0 when they intersect (a point inside a polygon included), else the
/// ellipsoidal distance between their closest points.
///
/// How: the fixed geometry is projected once into a `LocalPlane` at its centre and prepared in
/// GEOS (indexed facets); each other geometry is projected into the same plane, GEOS finds the
/// closest pair of points there (between two areas apart: between their rings, which GEOS
/// searches through an index), and that pair is measured on the ellipsoid (Vincenty). The
/// plane only chooses the pair: where its distortion (about tan φ₀·Δφ across the plane) makes
/// GEOS pick a pair slightly off the true closest one, the distance is too long by a
/// second-order amount — under 0.01 % for the distances of a prefecture or a bureau, checked
/// against shapely on JGD2011 plane-rectangular coordinates in the benchmark.
public final class GeodesicNearest: @unchecked Sendable {
    public let plane: LocalPlane
    public let bounds: BoundingBox
    private let context: GEOSContext
    private let prepared: PreparedGeometry
    /// The fixed geometry's rings as lines, prepared on first use: GEOS finds nearest points
    /// between lines through an index of their segments, between polygons only by comparing
    /// every pair of segments.
    private var preparedBoundary: PreparedGeometry?
    private let projectedBounds: BoundingBox

    /// - Throws: `GEOSError` for a geometry GEOS refuses (an unclosed ring).
    public init(_ geometry: Geometry, context: GEOSContext = GEOSContext()) throws {
        let bounds = geometry.boundingBox
        self.bounds = bounds
        plane = LocalPlane(origin: Coordinate(x: (bounds.minX + bounds.maxX) / 2, y: (bounds.minY + bounds.maxY) / 2))
        self.context = context
        let projected = plane.project(geometry)
        projectedBounds = projected.boundingBox
        prepared = try PreparedGeometry(GEOSGeometry(projected, context: context))
    }

    /// Metres from the fixed geometry to `other` (0 when they intersect), with the closest
    /// points (on the fixed geometry, on `other`) in longitude/latitude.
    public func distance(to other: Geometry) throws -> (metres: Double, from: Coordinate, to: Coordinate) {
        let otherProjected = plane.project(other)
        let projected = try GEOSGeometry(otherProjected, context: context)
        let (a, b): (Coordinate, Coordinate)
        if case .point = other {
            (a, b) = try prepared.nearestPoints(to: projected)
        } else {
            // Apart, two areas are nearest on their boundaries: the closest pair of the rings.
            guard try !prepared.intersects(projected) else {
                let box = otherProjected.boundingBox, mine = projectedBounds
                let point = Coordinate(x: (max(box.minX, mine.minX) + min(box.maxX, mine.maxX)) / 2,
                                       y: (max(box.minY, mine.minY) + min(box.maxY, mine.maxY)) / 2)
                return (0, plane.unproject(point), plane.unproject(point))
            }
            if preparedBoundary == nil { preparedBoundary = try PreparedGeometry(prepared.geometry.boundary()) }
            (a, b) = try preparedBoundary!.nearestPoints(to: projected.boundary())
        }
        let from = plane.unproject(a), to = plane.unproject(b)
        if a == b { return (0, from, to) }
        return (GeodesicDistance.metres(from: from, to: to), from, to)
    }

    /// Metres from the fixed geometry to a point (0 inside or on it).
    public func distance(to point: Coordinate) throws -> Double {
        try distance(to: .point(point)).metres
    }

    /// A lower bound of the distance in metres from the fixed geometry's bounding box to
    /// `box` (for pruning candidates before measuring them): the plane's north–south gap and the
    /// east–west gap at the latitude nearest the pole, less 1 %.
    public func lowerBoundMetres(to box: BoundingBox) -> Double {
        Self.lowerBoundMetres(bounds, box)
    }

    /// A lower bound of the distance in metres between two longitude/latitude boxes.
    public static func lowerBoundMetres(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        let dx = max(0, max(a.minX - b.maxX, b.minX - a.maxX))
        let dy = max(0, max(a.minY - b.maxY, b.minY - a.maxY))
        if dx == 0 && dy == 0 { return 0 }
        let poleward = max(abs(a.minY), abs(a.maxY), abs(b.minY), abs(b.maxY))
        let metresPerDegree = 110_570.0  // the meridian degree at the equator, the shortest
        let east = dx * metresPerDegree * cos(min(poleward, 89.9) * Double.pi / 180)
        let north = dy * metresPerDegree
        return (east * east + north * north).squareRoot() * 0.99
    }
}
