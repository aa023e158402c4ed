import Foundation

/// A plane tangent to the ellipsoid at an origin, in metres: x east, y north, scaled by the
/// radii of curvature at the origin's latitude (the prime vertical for x, the meridian for y).
/// Distances measured in it are exact at the origin and off by about tan(φ₀)·Δφ (east–west)
/// farther away (0.6 % at 0.5° of latitude from the origin in Japan). `GeodesicNearest` uses it
/// only to find which two points are closest, then measures them on the ellipsoid.
public struct LocalPlane: Sendable {
    public let origin: Coordinate
    let metresPerDegreeX: Double
    let metresPerDegreeY: Double

    public init(origin: Coordinate, ellipsoid: Ellipsoid = .grs80) {
        self.origin = origin
        let e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
        let latitude = origin.y * Double.pi / 180
        let w2 = 1 - e2 * sin(latitude) * sin(latitude)
        let primeVertical = ellipsoid.semiMajorAxis / w2.squareRoot()
        let meridian = primeVertical * (1 - e2) / w2
        metresPerDegreeX = primeVertical * cos(latitude) * Double.pi / 180
        metresPerDegreeY = meridian * Double.pi / 180
    }

    public func project(_ c: Coordinate) -> Coordinate {
        Coordinate(x: (c.x - origin.x) * metresPerDegreeX, y: (c.y - origin.y) * metresPerDegreeY)
    }

    public func unproject(_ p: Coordinate) -> Coordinate {
        Coordinate(x: origin.x + p.x / metresPerDegreeX, y: origin.y + p.y / metresPerDegreeY)
    }

    /// A geometry with every coordinate projected.
    public func project(_ geometry: Geometry) -> Geometry {
        switch geometry {
        case .point(let c): .point(project(c))
        case .lineString(let cs): .lineString(cs.map(project))
        case .polygon(let p): .polygon(project(p))
        case .multiPoint(let cs): .multiPoint(cs.map(project))
        case .multiLineString(let lines): .multiLineString(lines.map { $0.map(project) })
        case .multiPolygon(let ps): .multiPolygon(ps.map(project))
        case .geometryCollection(let gs): .geometryCollection(gs.map(project))
        }
    }

    public func project(_ polygon: Polygon) -> Polygon {
        Polygon(exterior: LinearRing(polygon.exterior.coordinates.map(project)),
                holes: polygon.holes.map { LinearRing($0.coordinates.map(project)) })
    }
}
