/// Every arc's current state during a simplification: which vertices are kept, the links between
/// kept neighbours, and a grid of all kept vertices of all arcs. It removes a vertex only when
/// that cannot make two arcs (or an arc and itself) cross or collapse onto each other.
///
/// The rule is GEOS's TPVWSimplifier's: removing p replaces the segments prev–p and p–next by
/// prev–next, which sweeps exactly the triangle (prev, p, next). If no other kept vertex of any
/// arc lies in that closed triangle, no segment can enter it without crossing prev–p or p–next,
/// which would be a crossing already present; so arcs that did not cross before do not cross
/// after. Vertices at the triangle's own corners (shared junctions) are allowed, as in GEOS.
/// One more refusal keeps rings from collapsing: prev–next must not already be a segment of some
/// arc (two arcs would then coincide, or a closed arc fold onto itself).
///
/// Vertex ids are global: arc a's point i is `firstVertex[a] + i`.
final class ArcNetwork {
    let arcs: [[Coordinate]]
    /// Global id of each arc's first point; one extra entry, the total.
    let firstVertex: [Int]
    /// Closed arcs whose anchor may go too (they are a whole ring with no junction): their links
    /// form a cycle over points 0..<n−1, and the closing duplicate point is not indexed.
    let isFreeRing: [Bool]
    let scale: LocalMetricScale
    let grid: VertexGrid
    /// Kept neighbours, −1 at an open end.
    let previous: UnsafeMutableBufferPointer<Int32>
    let next: UnsafeMutableBufferPointer<Int32>
    /// Per kept vertex, a bound (metres) on how far the source points its segment to the next
    /// kept vertex replaced lie from that segment: 0 for a source segment, grown by each removal
    /// (see `VisvalingamWhyatt`). Read only when a displacement limit is set.
    let segmentError: UnsafeMutableBufferPointer<Double>

    /// `isIndexed[a]` false leaves arc a out of the grid: it neither blocks nor is simplified.
    init(arcs: [[Coordinate]], isFreeRing: [Bool], isIndexed: [Bool], scale: LocalMetricScale, cellMetres: Double) {
        self.arcs = arcs
        self.scale = scale
        var first = [Int](repeating: 0, count: arcs.count + 1)
        var bounds = BoundingBox.empty
        for (a, arc) in arcs.enumerated() {
            first[a + 1] = first[a] + arc.count
            for c in arc { bounds.extend(c) }
        }
        firstVertex = first
        // Only a closed arc with a ring's worth of points can be free.
        self.isFreeRing = arcs.indices.map { a in
            isFreeRing[a] && arcs[a].count >= 4 && arcs[a].first == arcs[a].last
        }
        let total = first[arcs.count]
        previous = .allocate(capacity: max(total, 1))
        next = .allocate(capacity: max(total, 1))
        segmentError = .allocate(capacity: max(total, 1))
        segmentError.initialize(repeating: 0)
        for (a, arc) in arcs.enumerated() {
            let base = first[a], n = arc.count
            for i in 0..<n {
                previous[base + i] = i > 0 ? Int32(base + i - 1) : -1
                next[base + i] = i < n - 1 ? Int32(base + i + 1) : -1
            }
            if self.isFreeRing[a] {
                // A cycle over the distinct points; the closing point stands apart.
                previous[base] = Int32(base + n - 2)
                next[base + n - 2] = Int32(base)
                previous[base + n - 1] = -1
                next[base + n - 1] = -1
            }
        }
        // Cells from the latitude in the middle of the data: square in metres there.
        let middle = bounds.isEmpty ? 0 : (bounds.minY + bounds.maxY) / 2
        let k = scale.metresPerDegree(latitude: middle)
        let free = self.isFreeRing
        grid = VertexGrid(
            vertexCount: total, bounds: bounds,
            cellWidth: cellMetres / max(k.x, 1), cellHeight: cellMetres / max(k.y, 1)
        ) { body in
            for (a, arc) in arcs.enumerated() where isIndexed[a] {
                let base = first[a]
                let indexed = free[a] ? arc.count - 1 : arc.count
                for i in 0..<indexed { body(base + i, arc[i]) }
            }
        }
    }

    deinit {
        previous.deallocate()
        next.deallocate()
        segmentError.deallocate()
    }

    /// The coordinate of any vertex id (a binary search for its arc: only the rare checks at
    /// shared junctions need it).
    func coordinate(ofVertex id: Int) -> Coordinate {
        var low = 0, high = arcs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstVertex[middle] <= id { low = middle } else { high = middle - 1 }
        }
        return arcs[low][id - firstVertex[low]]
    }

    /// Whether the kept vertex at `b` can go, its kept neighbours being at `a` (vertex
    /// `previousVertex`) and `c` (see the type's comment for the rule).
    func canRemove(_ b: Coordinate, between a: Coordinate, _ c: Coordinate, previousVertex: Int) -> Bool {
        let minX = min(a.x, b.x, c.x), maxX = max(a.x, b.x, c.x)
        let minY = min(a.y, b.y, c.y), maxY = max(a.y, b.y, c.y)
        let margin = Self.clearanceDegrees
        let coordinates = grid.entryCoordinate
        let blocked = grid.anyEntry(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin) { e in
            let v = coordinates[e]
            if v == b || v == c { return false }
            if v == a {
                // Another vertex at prev's place: is prev–next already one of its segments?
                let other = Int(grid.entryVertex[e])
                return other != previousVertex && isLinked(other, to: c)
            }
            if v.x >= minX && v.x <= maxX && v.y >= minY && v.y <= maxY
                && PlanarPredicates.closedTriangleContains(a, b, c, v) { return true }
            return PlanarPredicates.squaredDistance(v, toSegmentInterior: a, c) < margin * margin
        }
        return !blocked
    }

    /// How close (degrees) a new segment may come to another kept vertex: a little more than the
    /// two grid half-diagonals of the 6-decimal export (2 × 0.71 µ°), so that rounding every point
    /// to 1e-6° cannot make the segment touch or cross what lay beside it. Without it a removal may
    /// leave a vertex a fraction of a millimetre from the new segment (seen on the N03 data: a
    /// sliver islet at 0.17 mm), which is valid in doubles and invalid once written.
    static let clearanceDegrees = 1.5e-6

    private func isLinked(_ id: Int, to c: Coordinate) -> Bool {
        let p = Int(previous[id]), n = Int(next[id])
        return (p >= 0 && coordinate(ofVertex: p) == c) || (n >= 0 && coordinate(ofVertex: n) == c)
    }

    /// Unlinks vertex `id` and takes it out of the grid.
    func remove(_ id: Int) {
        let p = Int(previous[id]), n = Int(next[id])
        if p >= 0 { next[p] = Int32(n) }
        if n >= 0 { previous[n] = Int32(p) }
        previous[id] = -1
        next[id] = -1
        grid.remove(vertex: id)
    }

    /// Puts back vertex `id` (at `c`), just removed, between the same neighbours: undoes `remove`
    /// when nothing else changed in between (Douglas–Peucker rolls back a range it could not drop).
    func restore(_ id: Int, at c: Coordinate, between p: Int, and n: Int) {
        previous[id] = Int32(p)
        next[id] = Int32(n)
        next[p] = Int32(id)
        previous[n] = Int32(id)
        grid.restore(vertex: id, at: c)
    }
}
