/// Keeps every kept vertex of a simplified coverage at least `clearance` (degrees) from every kept
/// segment it is not an end of, so that rounding the coordinates to the export grid (6 decimals:
/// each point moves at most 0.71 µ°) cannot make rings touch or cross.
///
/// The simplifier never creates such near-touches (`ArcNetwork.clearanceDegrees`), but the N03
/// source has some — an islet 1.6 cm off its coast, a vertex a few millimetres from the other
/// side of a narrow inlet — and where the simplification keeps both sides, they survive. Each
/// such vertex is pushed straight away from what it is too close to, by what is missing (a
/// fraction of a metre), and the check repeats until nothing is too close. A vertex moved by at
/// most `clearance` cannot make two segments cross: anything its two segments could sweep over
/// lies within `clearance` of it, and was therefore among its conflicts. Vertices are moved by id,
/// so every arc and face through a vertex moves with it: shared borders stay identical.
public enum GridClearance {
    /// What a pass changed.
    public struct Outcome: Sendable {
        /// New coordinates of the vertices moved, by vertex id.
        public var moved: [Int32: Coordinate]
        /// Vertex–segment pairs still closer than the clearance after the last round (0 when the
        /// pass converged), e.g. a vertex lying exactly on a segment, which has no side to move to.
        public var unresolved: Int
    }

    /// - Parameters:
    ///   - segments: the kept segments as vertex-id pairs (each border once is enough).
    ///   - coordinates: every vertex's coordinate, by id.
    public static func separate(segments: [(Int32, Int32)], coordinates: [Coordinate], clearance: Double,
                                rounds: Int = 6) -> Outcome {
        // Dense numbering of the kept vertices (ids run to the source's millions, the kept ones
        // to a few hundred thousand): positions in one flat array, no dictionary in the loops.
        var dense = [Int32](repeating: -1, count: coordinates.count)
        var ids: [Int32] = []
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(segments.count)
        @inline(__always) func number(_ v: Int32) -> Int32 {
            if dense[Int(v)] < 0 {
                dense[Int(v)] = Int32(ids.count)
                ids.append(v)
            }
            return dense[Int(v)]
        }
        for (a, b) in segments { pairs.append((number(a), number(b))) }
        var position = ids.map { coordinates[Int($0)] }
        var converged = false
        var pushes = [(dx: Double, dy: Double)](repeating: (0, 0), count: ids.count)
        for _ in 0..<rounds {
            let index = SegmentGrid(segments: pairs, positions: position, reach: clearance)
            var pushed: [Int] = []
            var stuck = 0
            for v in 0..<ids.count {
                let p = position[v]
                let vertex = Int32(v)
                index.forEachSegment(near: p) { s in
                    let (a, b) = pairs[s]
                    if a == vertex || b == vertex { return }
                    let q = closestPoint(p, position[Int(a)], position[Int(b)])
                    let dx = p.x - q.x, dy = p.y - q.y
                    let d = (dx * dx + dy * dy).squareRoot()
                    guard d < clearance else { return }
                    guard d > 0 else {
                        stuck += 1
                        return
                    }
                    // Out to 4/3 of the clearance: a little room for the next round's neighbours.
                    let push = (clearance * 4 / 3 - d) / d
                    if pushes[v].dx == 0 && pushes[v].dy == 0 { pushed.append(v) }
                    pushes[v].dx += dx * push
                    pushes[v].dy += dy * push
                }
            }
            if pushed.isEmpty {
                converged = stuck == 0
                break
            }
            for v in pushed {
                // Never more than the clearance in one round (see the type's comment).
                let push = pushes[v]
                let length = (push.dx * push.dx + push.dy * push.dy).squareRoot()
                let scale = length > clearance ? clearance / length : 1
                position[v] = Coordinate(x: position[v].x + push.dx * scale, y: position[v].y + push.dy * scale)
                pushes[v] = (0, 0)
            }
        }
        var moved: [Int32: Coordinate] = [:]
        for (v, id) in ids.enumerated() where position[v] != coordinates[Int(id)] { moved[id] = position[v] }
        return Outcome(moved: moved, unresolved: converged ? 0 : countRemaining(pairs, position, clearance))
    }

    private static func countRemaining(_ pairs: [(Int32, Int32)], _ position: [Coordinate], _ clearance: Double) -> Int {
        let index = SegmentGrid(segments: pairs, positions: position, reach: clearance)
        var count = 0
        for v in 0..<position.count {
            let p = position[v]
            index.forEachSegment(near: p) { s in
                let (a, b) = pairs[s]
                if Int(a) == v || Int(b) == v { return }
                let q = closestPoint(p, position[Int(a)], position[Int(b)])
                if (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < clearance * clearance { count += 1 }
            }
        }
        return count
    }

    @inline(__always)
    static func closestPoint(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Coordinate {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return a }
        let t = min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length, 0), 1)
        return Coordinate(x: a.x + t * dx, y: a.y + t * dy)
    }
}

/// Segments binned into a uniform grid by their boxes widened by `reach`, so a point's cell lists
/// every segment that can lie within `reach` of it. Cells are sized from the median segment.
private struct SegmentGrid {
    private let originX: Double, originY: Double, cell: Double
    private let columns: Int, rows: Int
    private let start: [Int32]
    private let entries: [Int32]

    init(segments: [(Int32, Int32)], positions: [Coordinate], reach: Double) {
        @inline(__always) func at(_ v: Int32) -> Coordinate { positions[Int(v)] }
        var box = BoundingBox.empty
        var lengths: [Double] = []
        lengths.reserveCapacity(segments.count)
        for (a, b) in segments {
            let pa = at(a), pb = at(b)
            box.extend(pa)
            box.extend(pb)
            lengths.append(max(abs(pb.x - pa.x), abs(pb.y - pa.y)))
        }
        lengths.sort()
        let typical = lengths.isEmpty ? 1 : lengths[lengths.count / 2]
        var cell = max(typical, reach * 4, 1e-9)
        if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        // At most ~16 M cells.
        while ((box.maxX - box.minX) / cell + 1) * ((box.maxY - box.minY) / cell + 1) > 16_000_000 { cell *= 2 }
        originX = box.minX - reach
        originY = box.minY - reach
        self.cell = cell
        columns = Int((box.maxX - box.minX + 2 * reach) / cell) + 1
        rows = Int((box.maxY - box.minY + 2 * reach) / cell) + 1
        let (ox, oy, cols, rws) = (originX, originY, columns, rows)
        func cells(_ s: (Int32, Int32), _ body: (Int) -> Void) {
            let pa = at(s.0), pb = at(s.1)
            let x0 = max(0, Int((min(pa.x, pb.x) - reach - ox) / cell)), x1 = min(cols - 1, Int((max(pa.x, pb.x) + reach - ox) / cell))
            let y0 = max(0, Int((min(pa.y, pb.y) - reach - oy) / cell)), y1 = min(rws - 1, Int((max(pa.y, pb.y) + reach - oy) / cell))
            guard x0 <= x1, y0 <= y1 else { return }
            for y in y0...y1 { for x in x0...x1 { body(y * cols + x) } }
        }
        var count = [Int32](repeating: 0, count: columns * rows + 1)
        for s in segments { cells(s) { count[$0 + 1] += 1 } }
        for i in 0..<(columns * rows) { count[i + 1] += count[i] }
        var fill = count
        var entries = [Int32](repeating: 0, count: Int(count[columns * rows]))
        for (i, s) in segments.enumerated() {
            cells(s) { c in
                entries[Int(fill[c])] = Int32(i)
                fill[c] += 1
            }
        }
        start = count
        self.entries = entries
    }

    func forEachSegment(near p: Coordinate, _ body: (Int) -> Void) {
        let x = Int((p.x - originX) / cell), y = Int((p.y - originY) / cell)
        guard x >= 0, x < columns, y >= 0, y < rows else { return }
        let c = y * columns + x
        for k in Int(start[c])..<Int(start[c + 1]) { body(Int(entries[k])) }
    }
}
