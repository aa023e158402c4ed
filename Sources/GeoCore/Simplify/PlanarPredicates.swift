/// Orientation tests on lon/lat coordinates. Containment is unchanged by the local projection (an
/// affine map with positive determinant), so these run on raw degrees, where inputs are exact.
enum PlanarPredicates {
    /// Shewchuk's bound on the rounding error of the 2×2 orientation determinant, (3 + 16ε)ε.
    private static let errorBound = 3.3306690738754716e-16

    /// The turn a → b → c: +1 left, −1 right, 0 when collinear or too close to call in doubles
    /// (the determinant is within its rounding-error bound). Callers treat 0 as "touching", which
    /// errs towards keeping a vertex, never towards a crossing.
    @inline(__always)
    static func orientation(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Int {
        let left = (a.x - c.x) * (b.y - c.y)
        let right = (a.y - c.y) * (b.x - c.x)
        let det = left - right
        let bound = errorBound * (abs(left) + abs(right))
        if det > bound { return 1 }
        if det < -bound { return -1 }
        return 0
    }

    /// Whether v lies in the closed triangle a b c (inside or on an edge), for either orientation.
    /// v must already be inside the triangle's bounding box: that is what makes the test right
    /// for a degenerate (collinear) triangle, where it reduces to "on the segment".
    @inline(__always)
    static func closedTriangleContains(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ v: Coordinate) -> Bool {
        let o1 = orientation(a, b, v), o2 = orientation(b, c, v), o3 = orientation(c, a, v)
        let positive = o1 > 0 || o2 > 0 || o3 > 0
        let negative = o1 < 0 || o2 < 0 || o3 < 0
        return !(positive && negative)
    }

    /// Squared planar distance from v to the interior of the segment a–c (in the coordinates'
    /// own units); infinity when v's nearest point of the segment is an endpoint.
    @inline(__always)
    static func squaredDistance(_ v: Coordinate, toSegmentInterior a: Coordinate, _ c: Coordinate) -> Double {
        let dx = c.x - a.x, dy = c.y - a.y
        let length = dx * dx + dy * dy
        let t = length > 0 ? ((v.x - a.x) * dx + (v.y - a.y) * dy) / length : 0
        guard t > 0 && t < 1 else { return .infinity }
        let px = a.x + t * dx - v.x, py = a.y + t * dy - v.y
        return px * px + py * py
    }
}
