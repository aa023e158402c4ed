import Dispatch

/// One simplification in progress: the arcs, their network of kept vertices, and what each arc
/// must keep. `advance(to:)` simplifies further, to a tolerance at least the last one; `result()`
/// reads the kept points off. Several tolerances in increasing order thus cost little more than
/// the smallest: each level starts from the one before (and its points are a subset of it).
final class ArcSimplification {
    let method: SimplificationMethod
    let arcs: [[Coordinate]]
    let scale: LocalMetricScale
    let network: ArcNetwork
    /// Per arc: nil, or the earlier arc it repeats (simplified once, then copied).
    private let duplicates: [(original: Int, reversed: Bool)?]
    /// The arcs simplified, in input order.
    private let originals: [Int]
    /// Interior points each arc keeps at least.
    private let interior: [Int]
    private let heap: IndexedMinHeap
    /// Visvalingam–Whyatt runs on two threads: the arcs wholly west of a tile boundary near the
    /// middle of the data on one, those wholly east on the other — their removals read and write
    /// disjoint parts of the network — then the arcs across it (and those with refusals left) on
    /// one. Each part keeps input order, so the result never depends on timing.
    private let westArcs: [Int], eastArcs: [Int], crossingArcs: [Int]
    private let eastHeap: IndexedMinHeap
    private var lastTolerance = 0.0
    private var advancedOnce = false

    /// Visvalingam–Whyatt passes over the arcs with refused corners, at most (on the N03 arcs the
    /// third rarely removes anything).
    static let maximumPasses = 4

    init(_ arcs: [[Coordinate]], minimumInteriorPoints: [Int], freeRings: [Bool]?, method: SimplificationMethod,
         smallestTolerance: Double) {
        precondition(minimumInteriorPoints.count == arcs.count, "one minimum per arc")
        precondition(freeRings == nil || freeRings!.count == arcs.count, "one free-ring flag per arc")
        self.method = method
        self.arcs = arcs
        // An arc listed twice is simplified once (the first time), with the larger minimum.
        let duplicates = ArcDuplicates.find(arcs)
        self.duplicates = duplicates
        var minimum = minimumInteriorPoints.map { max($0, 0) }
        for (a, duplicate) in duplicates.enumerated() {
            if let original = duplicate?.original { minimum[original] = max(minimum[original], minimum[a]) }
        }
        // Closed arcs keep two interior points, so that their first and last segments cannot fold
        // onto each other.
        interior = arcs.indices.map { a in
            arcs[a].count >= 2 && arcs[a].first == arcs[a].last ? max(minimum[a], 2) : minimum[a]
        }
        originals = arcs.indices.filter { duplicates[$0] == nil }
        var free = method == .visvalingam ? (freeRings ?? [Bool](repeating: false, count: arcs.count))
            : [Bool](repeating: false, count: arcs.count)
        for (a, duplicate) in duplicates.enumerated() where duplicate != nil { free[a] = false }
        let scale = LocalMetricScale()
        self.scale = scale
        network = ArcNetwork(
            arcs: arcs, isFreeRing: free, isIndexed: duplicates.map { $0 == nil }, scale: scale,
            cellMetres: Self.cellMetres(arcs, scale: scale, tolerance: smallestTolerance)
        )
        let longest = method == .visvalingam ? arcs.reduce(0) { max($0, $1.count) } : 1
        heap = IndexedMinHeap(capacity: longest)
        eastHeap = IndexedMinHeap(capacity: longest)
        (westArcs, eastArcs, crossingArcs) = method == .visvalingam
            ? Self.split(originals, arcs: arcs, grid: network.grid) : ([], [], originals)
    }

    /// Splits the arcs at the tile boundary nearest the vertex-weighted median of their middles;
    /// an arc goes west or east only when its box, widened by the clearance and two cells (the
    /// reach of its removals' queries, with room for rounding), stays on its side.
    private static func split(_ arcIndices: [Int], arcs: [[Coordinate]], grid: VertexGrid) -> ([Int], [Int], [Int]) {
        var boxes: [(minX: Double, maxX: Double)] = []
        boxes.reserveCapacity(arcIndices.count)
        var weighted: [(middle: Double, count: Int)] = []
        weighted.reserveCapacity(arcIndices.count)
        for a in arcIndices {
            var low = Double.infinity, high = -Double.infinity
            for c in arcs[a] {
                low = min(low, c.x)
                high = max(high, c.x)
            }
            boxes.append((low, high))
            weighted.append(((low + high) / 2, arcs[a].count))
        }
        weighted.sort { $0.middle < $1.middle }
        let total = weighted.reduce(0) { $0 + $1.count }
        var running = 0
        var median = weighted.first?.middle ?? 0
        for item in weighted {
            running += item.count
            if 2 * running >= total {
                median = item.middle
                break
            }
        }
        let boundary = grid.tileBoundary(nearX: median)
        let reach = ArcNetwork.clearanceDegrees + 2 * grid.cellWidth
        var west: [Int] = [], east: [Int] = [], crossing: [Int] = []
        for (a, box) in zip(arcIndices, boxes) {
            if box.maxX + reach < boundary {
                west.append(a)
            } else if box.minX - reach > boundary {
                east.append(a)
            } else {
                crossing.append(a)
            }
        }
        return (west, east, crossing)
    }

    /// Visvalingam–Whyatt passes over `pending` (input order) until one removes nothing or
    /// `maximumPasses` ran; returns the arcs that still had refusals in the last pass.
    private func visvalingamPasses(_ pending: [Int], heap: IndexedMinHeap, areaTolerance: Double, limit: Double?) -> [Int] {
        var pending = pending
        var refusedLast: [Int] = []
        var pass = 0
        while !pending.isEmpty && pass < Self.maximumPasses {
            var removed = 0
            var refusedIn: [Int] = []
            for a in pending {
                let keep = network.isFreeRing[a] ? interior[a] + 1 : interior[a]
                let outcome = VisvalingamWhyatt.simplify(arc: a, in: network, heap: heap, areaTolerance: areaTolerance,
                                                         displacementLimitAtEquator: limit, keep: keep)
                removed += outcome.removed
                if outcome.refused > 0 { refusedIn.append(a) }
            }
            refusedLast = refusedIn
            pending = removed > 0 ? refusedIn : []
            pass += 1
        }
        return refusedLast
    }

    /// Simplifies every arc further, to `tolerance` (metres, at least the previous one); with a
    /// displacement limit (Visvalingam–Whyatt; metres at the equator, scaled by the cosine of the
    /// latitude), no source point ends farther than it from the simplified arcs. Limits must not
    /// decrease from one call to the next either (and a run without one cannot take one later).
    func advance(to tolerance: Double, displacementLimitAtEquator limit: Double? = nil) {
        precondition(tolerance >= lastTolerance, "tolerances must not decrease")
        lastTolerance = tolerance
        switch method {
        case .visvalingam:
            // A corner refused because of a neighbour that was simplified afterwards gets another
            // chance: more passes over the arcs that had refusals, until one removes nothing. (An
            // arc without refusals cannot change: its corners' areas depend on its own points.)
            let areaTolerance = tolerance * tolerance
            let run = UncheckedSendable(self)
            let sides = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: 2)
            sides.initialize(repeating: [])
            defer {
                sides.deinitialize()
                sides.deallocate()
            }
            let results = UncheckedSendable(sides)
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                let simplification = run.value
                results.value[side] = simplification.visvalingamPasses(
                    side == 0 ? simplification.westArcs : simplification.eastArcs,
                    heap: side == 0 ? simplification.heap : simplification.eastHeap, areaTolerance: areaTolerance, limit: limit)
            }
            _ = visvalingamPasses((crossingArcs + sides[0] + sides[1]).sorted(), heap: heap, areaTolerance: areaTolerance, limit: limit)
        case .douglasPeucker:
            // Douglas–Peucker's guarantee (every removed point within the tolerance of the chord
            // that replaced it) holds for one run from the source points only.
            precondition(!advancedOnce, "Douglas–Peucker runs once per simplification")
            advancedOnce = true
            for a in originals {
                DouglasPeucker.simplify(arc: a, in: network, tolerance: tolerance, keep: interior[a])
            }
        }
    }

    /// The arcs as simplified so far, with their displacement from the source arcs.
    func result() -> SimplifiedArcs {
        var output: [[Coordinate]] = []
        output.reserveCapacity(arcs.count)
        var displacement: [Double] = []
        displacement.reserveCapacity(arcs.count)
        var verticesIn = 0, verticesOut = 0
        for a in arcs.indices {
            verticesIn += arcs[a].count
            if let duplicate = duplicates[a] {
                let copy = output[duplicate.original]
                output.append(duplicate.reversed ? copy.reversed() : copy)
                displacement.append(displacement[duplicate.original])
                verticesOut += copy.count
                continue
            }
            let (kept, period) = keptPositions(of: a)
            let simplified = kept.map { arcs[a][$0 < period ? $0 : $0 - period] }
            displacement.append(arcs[a].withUnsafeBufferPointer {
                ArcDisplacement.maximum($0, kept: kept, period: period, scale: scale)
            })
            verticesOut += simplified.count
            output.append(simplified)
        }
        return SimplifiedArcs(arcs: output, maximumDisplacementMetres: displacement, verticesIn: verticesIn, verticesOut: verticesOut)
    }

    /// The kept points of arc `a` as increasing positions, and the period positions wrap at: a
    /// free ring runs from its first kept point round to the same point one period later.
    private func keptPositions(of a: Int) -> ([Int], Int) {
        let n = arcs[a].count
        let base = network.firstVertex[a]
        if network.isFreeRing[a] {
            var kept = (0..<(n - 1)).filter { network.grid.contains(vertex: base + $0) }
            kept.append(kept[0] + n - 1)
            return (kept, n - 1)
        }
        return ((0..<n).filter { $0 == 0 || $0 == n - 1 || network.grid.contains(vertex: base + $0) }, n)
    }

    /// Grid cells of four typical segment lengths (sampled), so that the small triangles of the
    /// first removals — most of them — read one cell of a few vertices; the large ones of the last
    /// removals skip empty tiles. On the N03 arcs (46 m cells) this beat 2× and 8× at 500 m, and
    /// beat cells growing with the tolerance by 2× at 10–50 km. Never coarser than the tolerance.
    static func cellMetres(_ arcs: [[Coordinate]], scale: LocalMetricScale, tolerance: Double) -> Double {
        var length = 0.0, segments = 0
        for arc in arcs where arc.count >= 2 {
            arc.withUnsafeBufferPointer { points in
                for i in stride(from: 1, to: points.count, by: 4) {
                    length += scale.distance(from: points[i], toSegment: points[i - 1], points[i - 1])
                    segments += 1
                }
            }
        }
        let typical = segments > 0 ? length / Double(segments) : tolerance
        return min(tolerance, 4 * typical)
    }
}
