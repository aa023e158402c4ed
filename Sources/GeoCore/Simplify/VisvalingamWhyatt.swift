import Foundation

/// Visvalingam–Whyatt on one arc of an `ArcNetwork`, as GEOS's CoverageSimplifier does it: the
/// corner with the smallest triangle area (m², ties to the lower point index) goes first, while
/// that area is at most tolerance²; after a removal its neighbours' areas are recomputed. A corner
/// the topology check refuses leaves the queue until one of its neighbours changes — or until the
/// simplifier's next pass over all arcs, when the arcs around it have been simplified too.
///
/// With a displacement limit, a corner also stays when removing it could put a source point
/// farther than the limit from the simplified arc (the limit in metres at the equator, times the
/// cosine of the corner's latitude: a Web Mercator pixel's size). The bound is kept per segment
/// and grows by each removal: every source point a segment p–i or i–q replaced lies within its
/// bound of it, and every point of those segments within the distance of i from the new segment
/// p–q (a segment's farthest point from another is an end), so the new segment's bound is
/// max(bound(p–i), bound(i–q)) + distance(i, p–q). This is VW with a cap on its drift: without
/// it, long narrow features made of many small corners fade away one small triangle at a time.
enum VisvalingamWhyatt {
    /// Simplifies arc `a` from its current state (its kept points). `keep` is how many of its
    /// removable points must stay (interior points, or for a free ring all its distinct points).
    /// Returns how many points it removed, and how many removals the topology check refused
    /// (those may succeed in a later pass, once the arcs around have been simplified).
    @discardableResult
    static func simplify(arc a: Int, in network: ArcNetwork, heap: IndexedMinHeap, areaTolerance: Double,
                         displacementLimitAtEquator limit: Double? = nil, keep: Int) -> (removed: Int, refused: Int) {
        network.arcs[a].withUnsafeBufferPointer { arc -> (removed: Int, refused: Int) in
            let n = arc.count
            guard n >= 3 else { return (0, 0) }
            let base = network.firstVertex[a]
            let free = network.isFreeRing[a]
            let scale = network.scale
            let grid = network.grid
            let previous = network.previous, next = network.next
            // Free rings: every distinct point is a corner; otherwise the interior points.
            let first = free ? 0 : 1, last = n - 2

            @inline(__always) func area(_ i: Int) -> Double {
                let p = Int(previous[base + i]) - base, q = Int(next[base + i]) - base
                return scale.triangleArea(arc[p], arc[i], arc[q])
            }
            @inline(__always) func update(_ i: Int) {
                guard i >= first && i <= last else { return }  // a fixed end
                let s = area(i)
                if s <= areaTolerance { heap.set(i, key: s) } else { heap.remove(i) }
            }

            var remaining = 0
            for i in first...last where grid.contains(vertex: base + i) {
                remaining += 1
                let s = area(i)
                if s <= areaTolerance { heap.set(i, key: s) }
            }
            let before = remaining
            var refused = 0
            while remaining > keep, let i = heap.popMinimum() {
                let id = base + i
                let p = Int(previous[id]), q = Int(next[id])
                var error = 0.0
                if let limit {
                    let errors = network.segmentError
                    error = max(errors[p], errors[id]) + scale.distance(from: arc[i], toSegment: arc[p - base], arc[q - base])
                    // Past the limit: the corner stays (unless a neighbour's removal changes it).
                    if error > limit * cos(arc[i].y * Double.pi / 180) { continue }
                }
                guard network.canRemove(arc[i], between: arc[p - base], arc[q - base], previousVertex: p) else {
                    refused += 1
                    continue
                }
                network.remove(id)
                if limit != nil { network.segmentError[p] = error }
                remaining -= 1
                update(p - base)
                update(q - base)
            }
            heap.removeAll()
            return (before - remaining, refused)
        }
    }
}
