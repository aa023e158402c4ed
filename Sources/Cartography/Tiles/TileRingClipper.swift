import GeoCore

/// Clips polygon rings to an axis-aligned square with the Sutherland–Hodgman algorithm, one
/// ring at a time. Written by hand rather than with GEOS: clipping a ring to a square needs no
/// topology, is exact enough at tile resolution, and runs once per ring and tile (GEOS's
/// overlay would build a geometry graph for each). Where a concave ring leaves the square and
/// comes back, the result runs along the square's edge (a zero-width sliver on the buffer's
/// border, outside the tile proper), which renderers draw as nothing.
///
/// The crossing of a segment with an edge is computed from its endpoints in a fixed order, so
/// neighbouring units that share a border get exactly the same clipped vertices.
public struct TileRingClipper: Sendable {
    public var minimum: Double
    public var maximum: Double

    /// A clipper to the square [minimum, maximum] × [minimum, maximum].
    public init(minimum: Double, maximum: Double) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The part of `ring` (open or closed; the result is open: its first point is not
    /// repeated) inside the square; empty when nothing is left.
    public func clip(_ ring: [Coordinate]) -> [Coordinate] {
        var points = ring
        if points.count > 1 && points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return [] }
        var bounds = BoundingBox.empty
        for point in points { bounds.extend(point) }
        if bounds.minX >= minimum && bounds.maxX <= maximum && bounds.minY >= minimum && bounds.maxY <= maximum { return points }
        if bounds.maxX < minimum || bounds.minX > maximum || bounds.maxY < minimum || bounds.minY > maximum { return [] }
        points = clip(points, axis: 0, limit: minimum, keepAbove: true)
        points = clip(points, axis: 0, limit: maximum, keepAbove: false)
        points = clip(points, axis: 1, limit: minimum, keepAbove: true)
        points = clip(points, axis: 1, limit: maximum, keepAbove: false)
        return points.count >= 3 ? points : []
    }

    /// One Sutherland–Hodgman pass: keeps the side of the line `axis = limit` (x for axis 0,
    /// y for axis 1) above or below it.
    func clip(_ points: [Coordinate], axis: Int, limit: Double, keepAbove: Bool) -> [Coordinate] {
        guard !points.isEmpty else { return [] }
        func value(_ c: Coordinate) -> Double { axis == 0 ? c.x : c.y }
        func inside(_ c: Coordinate) -> Bool { keepAbove ? value(c) >= limit : value(c) <= limit }
        func crossing(_ a: Coordinate, _ b: Coordinate) -> Coordinate {
            // Endpoints in a fixed order: the same segment walked either way crosses at the same point.
            let (p, q) = (a.x, a.y) < (b.x, b.y) ? (a, b) : (b, a)
            let t = (limit - value(p)) / (value(q) - value(p))
            return axis == 0 ? Coordinate(x: limit, y: p.y + t * (q.y - p.y)) : Coordinate(x: p.x + t * (q.x - p.x), y: limit)
        }
        var result: [Coordinate] = []
        result.reserveCapacity(points.count + 4)
        var previous = points[points.count - 1]
        var previousInside = inside(previous)
        for current in points {
            let currentInside = inside(current)
            if currentInside {
                if !previousInside { result.append(crossing(previous, current)) }
                result.append(current)
            } else if previousInside {
                result.append(crossing(previous, current))
            }
            previous = current
            previousInside = currentInside
        }
        return result
    }
}
