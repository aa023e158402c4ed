/// Finds arcs that are the same border listed again (the same points, in the same or the reverse
/// order), so the simplifier can simplify the first and copy it: two copies would otherwise block
/// each other's removals (each copy's vertices lie in the other's triangles) and come out
/// different. Hashes use a fixed mixer, so the result never depends on the process.
enum ArcDuplicates {
    /// Per arc: nil, or the earlier arc it repeats and whether it runs the other way.
    static func find(_ arcs: [[Coordinate]]) -> [(original: Int, reversed: Bool)?] {
        var result = [(original: Int, reversed: Bool)?](repeating: nil, count: arcs.count)
        var byHash: [UInt64: [Int]] = [:]
        for (a, arc) in arcs.enumerated() where arc.count >= 2 {
            let reversed = runsBackwards(arc)
            let hash = Self.hash(arc, reversed: reversed)
            if let candidates = byHash[hash],
               let original = candidates.first(where: { equal(arcs[$0], runsBackwards(arcs[$0]), arc, reversed) }) {
                result[a] = (original, runsBackwards(arcs[original]) != reversed)
            } else {
                byHash[hash, default: []].append(a)
            }
        }
        return result
    }

    /// Whether the arc's canonical direction is backwards: the one whose first point (or, for a
    /// closed arc, second point) is the smaller.
    private static func runsBackwards(_ arc: [Coordinate]) -> Bool {
        let (a, b) = arc.first == arc.last && arc.count > 2 ? (arc[1], arc[arc.count - 2]) : (arc[0], arc[arc.count - 1])
        return (b.x, b.y) < (a.x, a.y)
    }

    private static func hash(_ arc: [Coordinate], reversed: Bool) -> UInt64 {
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(arc.count)
        for i in 0..<arc.count {
            let c = arc[reversed ? arc.count - 1 - i : i]
            h = mixHash(h ^ (c.x + 0.0).bitPattern)
            h = mixHash(h ^ (c.y + 0.0).bitPattern)
        }
        return h
    }

    private static func equal(_ a: [Coordinate], _ aReversed: Bool, _ b: [Coordinate], _ bReversed: Bool) -> Bool {
        guard a.count == b.count else { return false }
        let n = a.count
        for i in 0..<n where a[aReversed ? n - 1 - i : i] != b[bReversed ? n - 1 - i : i] { return false }
        return true
    }

}
