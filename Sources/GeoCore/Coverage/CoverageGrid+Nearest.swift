import Foundation

extension CoverageGrid {
    /// A face's nearest boundary to a point, as the search found it.
    private struct NearFace {
        let face: Int
        /// Least planar distance (degrees) of its segments seen so far.
        var distance: Double
        /// Segments within a hair of `distance`: their place in the face's rings (ring << 32 |
        /// segment index in the input's order) and ends in the input's direction.
        var segments: [(order: UInt64, from: Coordinate, to: Coordinate, distance: Double)]
        var settled = false
    }

    /// The search gives up (returns `.undecided`) when the distance asked for spans more than
    /// this many degrees: the rings of cells to visit would become too many.
    static let nearestSearchLimitDegrees = 0.9
    /// Segments this close (relative) to a face's least distance go to GEOS, which picks among
    /// them exactly as it would among all the face's segments.
    private static let distanceTolerance = 1e-9

    /// The outcome of `nearestFace`.
    public enum Nearest: Equatable, Sendable {
        case face(Int, metres: Double)
        /// No allowed face within the distance.
        case none
        /// The distance asked for is too large for the grid search; ask an exact locator.
        case undecided
    }

    /// The face nearest to `q` as `PointLocator` measures its sea distance: for each face
    /// `isCandidate` allows, the geodesic metres (GRS80) from q to the face's boundary point
    /// nearest to q in the plane of lon/lat degrees — the point GEOS's `DistanceOp` gives, which
    /// GEOS itself computes here on the few segments that can hold it, in the face's own ring
    /// order and direction; then the face with the fewest metres (the lowest index among equals),
    /// if within `maxMetres`.
    ///
    /// q must lie outside every face (as `locate` answering `.outside` says), so that the nearest
    /// point of a face is on its boundary. The search visits square rings of cells around q and
    /// stops once every segment not yet seen is farther (even at the least length of a degree in
    /// the latitudes concerned) than the best face found.
    /// - Throws: GEOS errors.
    public func nearestFace(to q: Coordinate, maxMetres: Double, context: GEOSContext,
                            isCandidate: (Int) -> Bool) throws -> Nearest {
        guard maxMetres > 0 else { return .none }
        guard q.x.isFinite, q.y.isFinite, abs(q.y) < 89 else { return .undecided }
        // Metres per degree, at least, anywhere within a degree of q (east–west at the
        // poleward edge; 0.999 for the rounding and the geodesic's bulge).
        let poleward = min(89.9, abs(q.y) + 1) * .pi / 180
        let metresPerDegree = 0.999 * 110_000 * cos(poleward)
        let reach = maxMetres / metresPerDegree
        guard reach + 0.05 <= Self.nearestSearchLimitDegrees else { return .undecided }
        // Far from the whole grid: nothing near.
        let gapX = max(0, originX - q.x, q.x - cornerX(columns)), gapY = max(0, originY - q.y, q.y - cornerY(rows))
        if (gapX * gapX + gapY * gapY).squareRoot() > reach { return .none }

        let ci = Int(((q.x - originX) * inverseCellSize).rounded(.down))
        let cj = Int(((q.y - originY) * inverseCellSize).rounded(.down))
        var near: [NearFace] = []
        var best: (metres: Double, face: Int)?
        var limit = maxMetres
        let point = try GEOSGeometry(point: q, context: context)
        var k = 0
        while true {
            let prune = limit / metresPerDegree
            visitRing(k, around: (ci, cj)) { run in
                let ring = Int(runRings[run])
                let face = Int(ringFaces[ring])
                guard isCandidate(face) else { return }
                collect(run: run, ring: ring, face: face, near: q, within: prune, into: &near)
            }
            // Every segment within `reached` of q has been seen.
            let reached = min(q.x - cornerX(ci - k), cornerX(ci + k + 1) - q.x, q.y - cornerY(cj - k), cornerY(cj + k + 1) - q.y)
            for n in near.indices where !near[n].settled && near[n].distance * (1 + Self.distanceTolerance) <= reached {
                near[n].settled = true
                guard near[n].distance * metresPerDegree <= limit else { continue }
                let metres = try Self.geodesicToNearestPoint(of: near[n], from: q, point: point, context: context)
                if metres <= maxMetres, best == nil || metres < best!.metres || (metres == best!.metres && near[n].face < best!.face) {
                    best = (metres, near[n].face)
                    limit = metres
                }
            }
            let coversGrid = ci - k <= 0 && cj - k <= 0 && ci + k + 1 >= columns && cj + k + 1 >= rows
            if reached * metresPerDegree > limit || coversGrid { break }
            k += 1
        }
        guard let best else { return .none }
        return .face(best.face, metres: best.metres)
    }

    /// Calls `body` with each run of the cells at Chebyshev distance k from cell (ci, cj) that
    /// lie in the grid.
    private func visitRing(_ k: Int, around center: (Int, Int), _ body: (Int) throws -> Void) rethrows {
        let (ci, cj) = center
        func visit(_ i: Int, _ j: Int) throws {
            guard i >= 0, j >= 0, i < columns, j < rows else { return }
            let cell = j * columns + i
            for run in Int(cellStarts[cell])..<Int(cellStarts[cell + 1]) { try body(run) }
        }
        if k == 0 { return try visit(ci, cj) }
        let iLow = max(ci - k, 0), iHigh = min(ci + k, columns - 1)
        if iLow <= iHigh {
            for i in iLow...iHigh {
                try visit(i, cj - k)
                try visit(i, cj + k)
            }
        }
        let jLow = max(cj - k + 1, 0), jHigh = min(cj + k - 1, rows - 1)
        if jLow <= jHigh {
            for j in jLow...jHigh {
                try visit(ci - k, j)
                try visit(ci + k, j)
            }
        }
    }

    /// Adds the run's segments within `within` degrees of q to its face's entry.
    private func collect(run: Int, ring: Int, face: Int, near q: Coordinate, within: Double, into near: inout [NearFace]) {
        let vertices = coordinates.pointer
        let first = Int(runStarts[run]), end = first + Int(runLengths[run])
        let reversed = ringReversed[ring]
        // The flat ring is the input ring, or the input ring backwards (both closed).
        let ringStart = ringStarts[ring], segmentCount = ringStarts[ring + 1] - ringStart - 1
        for s in first..<end {
            let a = vertices[s], b = vertices[s + 1]
            // A cheap test on the segment's box first.
            let dx = max(0, min(a.x, b.x) - q.x, q.x - max(a.x, b.x)), dy = max(0, min(a.y, b.y) - q.y, q.y - max(a.y, b.y))
            guard dx * dx + dy * dy <= within * within else { continue }
            let (from, to) = reversed ? (b, a) : (a, b)
            let distance = Self.pointToSegment(q, from, to)
            guard distance <= within else { continue }
            let index = reversed ? segmentCount - 1 - (s - ringStart) : s - ringStart
            let order = UInt64(ring) << 32 | UInt64(index)
            let slot: Int
            if let found = near.firstIndex(where: { $0.face == face }) {
                slot = found
            } else {
                near.append(NearFace(face: face, distance: distance, segments: []))
                slot = near.count - 1
            }
            guard distance <= near[slot].distance * (1 + Self.distanceTolerance) else { continue }
            near[slot].distance = min(near[slot].distance, distance)
            near[slot].segments.append((order, from, to, distance))
        }
    }

    /// The geodesic metres from q to the face's boundary point nearest in the plane, as GEOS
    /// finds it among the face's candidate segments, taken in the face's ring order.
    private static func geodesicToNearestPoint(of near: NearFace, from q: Coordinate, point: GEOSGeometry,
                                               context: GEOSContext) throws -> Double {
        var chosen = near.segments.filter { $0.distance <= near.distance * (1 + distanceTolerance) }
        chosen.sort { $0.order < $1.order }
        var lines: [[Coordinate]] = []
        var previous: UInt64?
        for segment in chosen where segment.order != previous {
            lines.append([segment.from, segment.to])
            previous = segment.order
        }
        let (onFace, _) = try GEOSGeometry(.multiLineString(lines), context: context).nearestPoints(to: point)
        return GeodesicDistance.metres(from: q, to: onFace)
    }

    /// The planar distance from p to the segment a–b, computed as GEOS's
    /// `Distance::pointToSegment` does (only to choose the candidates; GEOS has the last word).
    @inline(__always)
    static func pointToSegment(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        if a == b { return hypot(p.x - a.x, p.y - a.y) }
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        let r = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2
        if r <= 0 { return ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot() }
        if r >= 1 { return ((p.x - b.x) * (p.x - b.x) + (p.y - b.y) * (p.y - b.y)).squareRoot() }
        let s = ((a.y - p.y) * dx - (a.x - p.x) * dy) / length2
        return abs(s) * length2.squareRoot()
    }
}
