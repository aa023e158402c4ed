import Foundation

/// Areas on the ellipsoid, in square metres, of polygons given in longitude/latitude degrees.
///
/// Method: every vertex is mapped to the authalic sphere (the sphere with the ellipsoid's surface
/// area, on which latitude φ becomes the authalic latitude β and longitude is kept). That map is
/// exactly equal-area, so a region's area on the ellipsoid is its image's area on the sphere. On
/// the sphere each ring's area is the sum, over its edges, of the signed spherical excess of the
/// "trapezoid" between the edge (a great-circle arc) and the equator:
///
///     tan(E/2) = tan(Δλ/2) · (tan(β₁/2) + tan(β₂/2)) / (1 + tan(β₁/2) · tan(β₂/2))
///
/// (the excess is zero for an edge on the equator and Δλ·sin β for a short edge at β), and the
/// polygon's area is |exterior| − Σ |hole| times the authalic radius squared. Orientation does not
/// matter; rings need not repeat their first vertex at the end (the closing edge is implied).
///
/// Error bound. The only approximation is the shape of an edge between two vertices: here a great
/// circle on the authalic sphere, in GeographicLib/pyproj (`Geod.geometry_area_perimeter`) a
/// geodesic on the ellipsoid. The two curves share their end points and part by a sliver whose
/// area is of the order of the flattening (1/298) times the edge's own bow, so the difference
/// grows quickly with edge length and vanishes for short edges. Measured against pyproj
/// (relative): 7 × 10⁻¹² for a 1 km square and a 100 m one (rounding only), 8 × 10⁻⁸ for a
/// 1° × 1° cell, 5 × 10⁻⁶ for a triangle with 1.4° diagonal edges, 2 × 10⁻⁶ for a 5° × 5° cell,
/// 3 × 10⁻⁵ for a 17° × 14° box around all of Japan. The N03 boundaries' edges are metres to a
/// few hundred metres long: there the two agree to rounding.
/// Valid for any polygon that does not contain a pole and whose edges span less than 180° of
/// longitude (an edge's longitude step is taken the short way round, so rings across the
/// antimeridian are fine).
///
/// Why by hand: no Swift package here computes ellipsoidal areas, and GEOS's area is planar in
/// degrees. Cost: one `sin` and one square root per vertex; for edges shorter than about 1.1° of
/// longitude (all of Japan's boundary edges) `tan` and `atan` are replaced by their Taylor
/// polynomials, exact to double precision there. No allocation: rings are read through their
/// array buffers.
public struct EllipsoidalArea: Sendable {
    /// The ellipsoid the areas are on.
    public let ellipsoid: Ellipsoid
    /// The radius of the authalic sphere, R_q = a·√(q_p/2): 6,371,007.181 m for GRS80.
    public let authalicRadius: Double

    private let eccentricitySquared: Double
    private let oneMinusEccentricitySquared: Double
    /// 1 / q_p, with q_p = q(90°), so that sin β = q(φ) / q_p.
    private let inversePolarQ: Double

    /// The areas on GRS80 (JGD2011, the datum of the N03 boundaries).
    public static let grs80 = EllipsoidalArea(ellipsoid: .grs80)

    public init(ellipsoid: Ellipsoid) {
        self.ellipsoid = ellipsoid
        let f = ellipsoid.flattening
        let e2 = f * (2 - f)
        eccentricitySquared = e2
        oneMinusEccentricitySquared = 1 - e2
        let polarQ = Self.q(sinLatitude: 1, eccentricitySquared: e2, oneMinusEccentricitySquared: 1 - e2)
        inversePolarQ = 1 / polarQ
        authalicRadius = ellipsoid.semiMajorAxis * (polarQ / 2).squareRoot()
    }

    // MARK: Areas

    /// The area of `geometry`'s polygons (a polygon, a multipolygon, or the polygonal members of a
    /// collection); points and lines have none, so 0.
    public func squareMetres(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let polygon): squareMetres(of: polygon)
        case .multiPolygon(let polygons): squareMetres(of: polygons)
        case .geometryCollection(let members): members.reduce(0) { $0 + squareMetres(of: $1) }
        case .point, .lineString, .multiPoint, .multiLineString: 0
        }
    }

    /// The summed areas of `polygons` (a multipolygon's parts do not overlap, so this is its area).
    public func squareMetres(of polygons: [Polygon]) -> Double {
        polygons.reduce(0) { $0 + squareMetres(of: $1) }
    }

    /// The area of `polygon`: its exterior less its holes.
    public func squareMetres(of polygon: Polygon) -> Double {
        var area = squareMetres(of: polygon.exterior)
        for hole in polygon.holes {
            area -= squareMetres(of: hole)
        }
        return area
    }

    /// The area enclosed by `ring`, whatever its orientation.
    public func squareMetres(of ring: LinearRing) -> Double {
        ring.coordinates.withUnsafeBufferPointer { squareMetres(ofRing: $0) }
    }

    /// The area enclosed by the ring through `coordinates` (lon/lat degrees; closed or not),
    /// whatever its orientation: for callers that hold rings in their own buffers.
    public func squareMetres(ofRing coordinates: UnsafeBufferPointer<Coordinate>) -> Double {
        abs(signedExcess(ofRing: coordinates)) * authalicRadius * authalicRadius
    }

    // MARK: Kernel

    /// The sum of the signed edge-to-equator excesses of the ring, in steradians: its area on the
    /// unit sphere, positive for counter-clockwise rings (lon to the east, lat to the north).
    private func signedExcess(ofRing coordinates: UnsafeBufferPointer<Coordinate>) -> Double {
        guard coordinates.count >= 3, let base = coordinates.baseAddress else { return 0 }
        let count = coordinates.count
        var previous = base[count - 1]
        var previousHalfTangent = halfAngleTangentOfAuthalicLatitude(latitudeDegrees: previous.y)
        var halfExcessSum = 0.0
        for index in 0..<count {
            let current = base[index]
            let currentHalfTangent = halfAngleTangentOfAuthalicLatitude(latitudeDegrees: current.y)
            var longitudeStep = current.x - previous.x
            if longitudeStep > 180 {
                longitudeStep -= 360
            } else if longitudeStep < -180 {
                longitudeStep += 360
            }
            let halfStep = longitudeStep * (Double.pi / 360)
            // |ratio| ≤ 1 because both half-angle tangents lie in [−1, 1].
            let ratio = (previousHalfTangent + currentHalfTangent) / (1 + previousHalfTangent * currentHalfTangent)
            halfExcessSum += Self.arcTangent(Self.tangent(halfStep) * ratio, small: abs(halfStep) < Self.seriesLimit)
            previous = current
            previousHalfTangent = currentHalfTangent
        }
        return 2 * halfExcessSum
    }

    /// tan(β/2) for the authalic latitude β of geodetic latitude φ (degrees), from
    /// sin β = q(φ)/q_p and cos β ≥ 0.
    @inline(__always)
    private func halfAngleTangentOfAuthalicLatitude(latitudeDegrees: Double) -> Double {
        let sinLatitude = sin(latitudeDegrees * (Double.pi / 180))
        var sinBeta = Self.q(sinLatitude: sinLatitude, eccentricitySquared: eccentricitySquared,
                             oneMinusEccentricitySquared: oneMinusEccentricitySquared) * inversePolarQ
        sinBeta = min(1, max(-1, sinBeta))
        // (1 − s)(1 + s) rather than 1 − s²: exact enough near the poles too.
        let cosBeta = ((1 - sinBeta) * (1 + sinBeta)).squareRoot()
        return sinBeta / (1 + cosBeta)
    }

    /// q(φ) = (1 − e²)·[sin φ / (1 − e² sin² φ) + atanh(e sin φ) / e] (Snyder, Map Projections —
    /// A Working Manual, eq. 3-12), with atanh(e s)/e = s·Σ (e² s²)ᵏ/(2k + 1); e² s² ≤ e² < 0.007
    /// for any Earth ellipsoid, so nine terms reach double precision.
    @inline(__always)
    private static func q(sinLatitude s: Double, eccentricitySquared e2: Double,
                          oneMinusEccentricitySquared: Double) -> Double {
        let x = e2 * s * s
        var series = 1.0 / 17
        series = 1.0 / 15 + x * series
        series = 1.0 / 13 + x * series
        series = 1.0 / 11 + x * series
        series = 1.0 / 9 + x * series
        series = 1.0 / 7 + x * series
        series = 1.0 / 5 + x * series
        series = 1.0 / 3 + x * series
        series = 1.0 + x * series
        return oneMinusEccentricitySquared * (s / (1 - x) + s * series)
    }

    /// Below this |half longitude step| (radians, about 1.15° of longitude per edge) the Taylor
    /// polynomials of tan and atan are exact to double precision: the first omitted terms are
    /// 62h⁹/2835 and y⁹/9 with |y| ≤ |tan h|, under 3 × 10⁻¹⁸ relative.
    private static let seriesLimit = 0.01

    @inline(__always)
    private static func tangent(_ h: Double) -> Double {
        guard abs(h) < seriesLimit else { return tan(h) }
        let h2 = h * h
        return h * (1 + h2 * (1.0 / 3 + h2 * (2.0 / 15 + h2 * (17.0 / 315))))
    }

    @inline(__always)
    private static func arcTangent(_ y: Double, small: Bool) -> Double {
        guard small else { return atan(y) }
        let y2 = y * y
        return y * (1 - y2 * (1.0 / 3 - y2 * (1.0 / 5 - y2 * (1.0 / 7))))
    }
}
