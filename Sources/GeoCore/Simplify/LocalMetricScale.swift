import Foundation

/// The local projection the simplifier measures in: around latitude φ, a degree of longitude is
/// N·cosφ·π/180 metres and a degree of latitude M·π/180 metres, with the ellipsoid's prime-vertical
/// (N) and meridional (M) radii of curvature. Each triangle or segment is measured at the mean
/// latitude of its points, so a tolerance in metres means the same on the ground at 24°N and 45°N.
///
/// The two factors are tabulated every 0.01° and interpolated linearly (relative error below
/// 1e-8): a sine and a square root per triangle would be a large share of a run that measures
/// tens of millions of triangles. A class so the table is built once per run and read through a
/// pointer in the hot loops (no array bounds or uniqueness checks).
final class LocalMetricScale {
    private static let step = 0.01
    private static let rows = 18_001  // −90° … 90°
    /// Interleaved: metres per degree of longitude, then of latitude, per row.
    private let table: UnsafeMutablePointer<Double>

    init(ellipsoid: Ellipsoid = .grs80) {
        let a = ellipsoid.semiMajorAxis
        let e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
        let radiansPerDegree = Double.pi / 180
        // One spare row so interpolation at exactly 90° reads inside the table.
        table = .allocate(capacity: 2 * (Self.rows + 1))
        for row in 0...Self.rows {
            let latitude = min(-90 + Double(row) * Self.step, 90)
            let phi = latitude * radiansPerDegree
            let s = sin(phi)
            let w = 1 - e2 * s * s
            let n = a / w.squareRoot()
            let m = a * (1 - e2) / (w * w.squareRoot())
            table[2 * row] = max(n * cos(phi), 0) * radiansPerDegree
            table[2 * row + 1] = m * radiansPerDegree
        }
    }

    deinit { table.deallocate() }

    /// Metres per degree of longitude (x) and latitude (y) at `latitude` (degrees, clamped to ±90).
    @inline(__always)
    func metresPerDegree(latitude: Double) -> (x: Double, y: Double) {
        var t = (latitude + 90) * (1 / Self.step)
        if !(t > 0) { t = 0 }  // also NaN
        if t > Double(Self.rows - 1) { t = Double(Self.rows - 1) }
        let row = Int(t)
        let f = t - Double(row)
        let p = table + 2 * row
        return (p[0] + (p[2] - p[0]) * f, p[1] + (p[3] - p[1]) * f)
    }

    /// The area in m² of the triangle a b c.
    @inline(__always)
    func triangleArea(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
        let k = metresPerDegree(latitude: (a.y + b.y + c.y) * (1.0 / 3))
        let cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        return 0.5 * abs(cross) * k.x * k.y
    }

    /// The distance in metres from p to the segment a b (to a when a == b).
    @inline(__always)
    func distance(from p: Coordinate, toSegment a: Coordinate, _ b: Coordinate) -> Double {
        squaredDistance(from: p, toSegment: a, b).squareRoot()
    }

    /// The square of `distance(from:toSegment:)`, for comparisons.
    @inline(__always)
    func squaredDistance(from p: Coordinate, toSegment a: Coordinate, _ b: Coordinate) -> Double {
        let k = metresPerDegree(latitude: (a.y + b.y + p.y) * (1.0 / 3))
        let bx = (b.x - a.x) * k.x, by = (b.y - a.y) * k.y
        let px = (p.x - a.x) * k.x, py = (p.y - a.y) * k.y
        let length2 = bx * bx + by * by
        var t = length2 > 0 ? (px * bx + py * by) / length2 : 0
        if t < 0 { t = 0 } else if t > 1 { t = 1 }
        let dx = px - t * bx, dy = py - t * by
        return dx * dx + dy * dy
    }
}
