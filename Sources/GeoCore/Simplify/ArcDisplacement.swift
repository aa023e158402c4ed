/// How far a simplified arc lies from its source: the largest distance (m) from a removed point to
/// the simplified arc — the discrete Hausdorff distance, since kept points lie on both.
///
/// A removed point's distance to the segment that replaced it is an upper bound; the true value
/// is smaller only where the arc folds back near itself. So the bound is computed for every point,
/// and the exact distance (to every simplified segment, searched outward from the replacing one)
/// only for the point with the largest bound and then for any point whose bound still exceeds the
/// best exact value found: usually one exact search per arc.
enum ArcDisplacement {
    /// `kept` lists the kept points as positions in `arc`, increasing, first and last included.
    /// Positions may run past the end by `period` for a ring whose anchor was removed: position
    /// v is point `v % period`.
    static func maximum(_ arc: UnsafeBufferPointer<Coordinate>, kept: [Int], period: Int, scale: LocalMetricScale) -> Double {
        let segments = kept.count - 1
        guard segments >= 1 else { return 0 }
        @inline(__always) func point(_ v: Int) -> Coordinate { arc[v < period ? v : v - period] }
        @inline(__always) func bound(_ v: Int, _ s: Int) -> Double {
            scale.distance(from: point(v), toSegment: point(kept[s]), point(kept[s + 1]))
        }
        /// The exact distance from point v to the simplified arc, or any value ≤ `floor` once one
        /// is found (the caller only needs to know it does not beat `floor`).
        func exact(_ v: Int, replacedBy s: Int, bound d0: Double, floor: Double) -> Double {
            var d = d0
            let p = point(v)
            var offset = 1
            while offset < segments {
                if s - offset >= 0 {
                    d = min(d, scale.distance(from: p, toSegment: point(kept[s - offset]), point(kept[s - offset + 1])))
                }
                if s + offset < segments {
                    d = min(d, scale.distance(from: p, toSegment: point(kept[s + offset]), point(kept[s + offset + 1])))
                }
                if d <= floor { return d }
                offset += 1
            }
            return d
        }

        var largest = -1.0, largestPoint = -1, largestSegment = -1
        for s in 0..<segments where kept[s + 1] - kept[s] > 1 {
            for v in (kept[s] + 1)..<kept[s + 1] {
                let d = bound(v, s)
                if d > largest {
                    largest = d
                    largestPoint = v
                    largestSegment = s
                }
            }
        }
        guard largestPoint >= 0 else { return 0 }
        var best = exact(largestPoint, replacedBy: largestSegment, bound: largest, floor: -1)
        if best < largest {
            for s in 0..<segments where kept[s + 1] - kept[s] > 1 {
                for v in (kept[s] + 1)..<kept[s + 1] {
                    let d = bound(v, s)
                    if d > best { best = max(best, exact(v, replacedBy: s, bound: d, floor: best)) }
                }
            }
        }
        return best
    }
}
