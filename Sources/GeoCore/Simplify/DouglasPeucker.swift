/// Douglas–Peucker on one arc of an `ArcNetwork`, with the topology check.
///
/// The recursion is walked from the top: a range whose farthest point (distance in metres to the
/// chord) is within the tolerance is dropped whole — its points removed deepest first in its own
/// recursion tree, so each removal sweeps exactly the triangle (range start, point, range end) of
/// its step. If the network refuses some of those removals (their triangles hold other vertices),
/// the range is restored and split at the refused points, which stay, and the pieces start over:
/// a refused point costs one vertex, not the whole chain of splits above it. Every final
/// segment is thus the chord of a range whose points all lie within the tolerance of it: the
/// displacement never exceeds the tolerance. Without refusals this is exactly Douglas–Peucker.
/// (Removing points one by one in order of importance instead lets a refused point end a chord
/// that was never measured: on the real data that moved 53 arcs by up to 1.5× the tolerance.)
enum DouglasPeucker {
    /// Simplifies arc `a`, keeping at least `keep` interior points: a range is not dropped when
    /// that would leave fewer, so the points kept are the farthest ones. Free-ring flags are
    /// ignored: the anchor stays.
    static func simplify(arc a: Int, in network: ArcNetwork, tolerance: Double, keep: Int) {
        network.arcs[a].withUnsafeBufferPointer { arc in
            let n = arc.count
            guard n >= 3 else { return }
            var tree = SplitTree(count: n)
            let base = network.firstVertex[a]
            var remaining = n - 2
            // Ranges still to decide, each with the point that splits it.
            var ranges: [(first: Int32, last: Int32, split: Int32)] = [(0, Int32(n - 1), tree.build(arc, 0, n - 1, scale: network.scale))]
            var removed: [(point: Int32, previous: Int32, next: Int32)] = []
            var refused: [Int32] = []
            var blocked = [Bool](repeating: false, count: n)
            var walk: [(point: Int32, first: Int32, last: Int32, parent: Int32, expanded: Bool)] = []
            while let (f, l, s) = ranges.popLast() {
                if s < 0 { continue }
                let first = Int(f), last = Int(l), split = Int(s)
                let interior = last - first - 1
                guard tree.distance[split] <= tolerance && remaining - interior >= keep else {
                    ranges.append((s, l, tree.right[split]))
                    ranges.append((f, s, tree.left[split]))
                    continue
                }
                // Remove the range's points deepest first (post-order over its tree). A refused
                // point stays, and so do its ancestors (their triangles would no longer be their
                // steps'); the pass goes on to find every refusal in the range at once.
                removed.removeAll(keepingCapacity: true)
                refused.removeAll(keepingCapacity: true)
                walk.removeAll(keepingCapacity: true)
                walk.append((s, f, l, -1, false))
                while let (x, xf, xl, parent, expanded) = walk.popLast() {
                    let point = Int(x)
                    if !expanded {
                        blocked[point] = false
                        walk.append((x, xf, xl, parent, true))
                        if tree.right[point] >= 0 { walk.append((tree.right[point], x, xl, x, false)) }
                        if tree.left[point] >= 0 { walk.append((tree.left[point], xf, x, x, false)) }
                        continue
                    }
                    let p = Int(xf), q = Int(xl)
                    if blocked[point] {
                        // A descendant stays: so does this point, for now.
                    } else if network.canRemove(arc[point], between: arc[p], arc[q], previousVertex: base + p) {
                        network.remove(base + point)
                        removed.append((x, xf, xl))
                        continue
                    } else {
                        refused.append(x)
                    }
                    if parent >= 0 { blocked[Int(parent)] = true }
                }
                if refused.isEmpty {
                    remaining -= interior
                    continue
                }
                for r in removed.reversed() {
                    network.restore(base + Int(r.point), at: arc[Int(r.point)], between: base + Int(r.previous), and: base + Int(r.next))
                }
                // The refused points stay; the pieces between them are new ranges with their own
                // recursion, pushed so that they are decided first to last.
                refused.sort()
                var end = last
                for r in refused.reversed() {
                    let kept = Int(r)
                    ranges.append((r, Int32(end), tree.build(arc, kept, end, scale: network.scale)))
                    end = kept
                }
                ranges.append((f, Int32(end), tree.build(arc, first, end, scale: network.scale)))
            }
        }
    }

    /// The Douglas–Peucker recursion over ranges of one arc: for each range, the point farthest
    /// from its chord (ties to the lower index), that distance in metres, and the splits of the
    /// two halves. Rebuilding a range overwrites the entries of its interior points only.
    struct SplitTree {
        /// Per point that splits a range: its distance to that range's chord.
        var distance: [Double]
        /// Per split point: the splits of its left and right halves (−1 for none).
        var left: [Int32]
        var right: [Int32]

        init(count: Int) {
            distance = [Double](repeating: 0, count: count)
            left = [Int32](repeating: -1, count: count)
            right = [Int32](repeating: -1, count: count)
        }

        /// Builds the recursion of the range first…last and returns its split (−1 when it has no
        /// interior point). Iterative: arcs have up to hundreds of thousands of points.
        mutating func build(_ arc: UnsafeBufferPointer<Coordinate>, _ first: Int, _ last: Int, scale: LocalMetricScale) -> Int32 {
            var root: Int32 = -1
            // (first, last, parent split, is the parent's right half)
            var stack: [(Int32, Int32, Int32, Bool)] = [(Int32(first), Int32(last), -1, false)]
            while let (f, l, parent, isRight) = stack.popLast() {
                let rangeFirst = Int(f), rangeLast = Int(l)
                if rangeLast - rangeFirst < 2 { continue }
                let a = arc[rangeFirst], b = arc[rangeLast]
                var farthest = rangeFirst + 1
                var largest = -1.0
                for k in (rangeFirst + 1)..<rangeLast {
                    let d = scale.squaredDistance(from: arc[k], toSegment: a, b)
                    if d > largest {
                        largest = d
                        farthest = k
                    }
                }
                let split = Int32(farthest)
                distance[farthest] = max(largest, 0).squareRoot()
                left[farthest] = -1
                right[farthest] = -1
                if parent < 0 { root = split } else if isRight { right[Int(parent)] = split } else { left[Int(parent)] = split }
                stack.append((f, split, split, false))
                stack.append((split, l, split, true))
            }
            return root
        }
    }
}
