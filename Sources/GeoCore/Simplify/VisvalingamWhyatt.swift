/// Visvalingam–Whyatt on one arc of an `ArcNetwork`, as GEOS's CoverageSimplifier does it: the
/// corner with the smallest triangle area (m², ties to the lower point index) goes first, while
/// that area is at most tolerance²; after a removal its neighbours' areas are recomputed. A corner
/// the topology check refuses leaves the queue until one of its neighbours changes — or until the
/// simplifier's next pass over all arcs, when the arcs around it have been simplified too.
enum VisvalingamWhyatt {
    /// Simplifies arc `a` from its current state (its kept points). `keep` is how many of its
    /// removable points must stay (interior points, or for a free ring all its distinct points).
    /// Returns how many points it removed, and how many removals the topology check refused
    /// (those may succeed in a later pass, once the arcs around have been simplified).
    @discardableResult
    static func simplify(arc a: Int, in network: ArcNetwork, heap: IndexedMinHeap, areaTolerance: Double,
                         keep: Int) -> (removed: Int, refused: Int) {
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
                guard network.canRemove(arc[i], between: arc[p - base], arc[q - base], previousVertex: p) else {
                    refused += 1
                    continue
                }
                network.remove(id)
                remaining -= 1
                update(p - base)
                update(q - base)
            }
            heap.removeAll()
            return (before - remaining, refused)
        }
    }
}
