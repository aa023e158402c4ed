import Foundation

/// Turns directed boundary edges (interior on the left) into polygons: rings traced keeping the
/// interior on the left and taking the tightest left turn where rings touch, so touching rings
/// come out separate (valid OGC polygons); counter-clockwise rings are shells, clockwise ones
/// holes, each hole given to the smallest shell around it.
enum RingTracer {
    /// A polygon as closed rings of vertex ids (first id repeated last).
    struct IndexedPolygon: Sendable {
        var exterior: [Int32]
        var holes: [[Int32]]
    }

    /// nil when the edges do not form closed rings (in and out degrees differ at a vertex).
    /// `halfEdges` are packed from << 32 | to.
    static func polygons(halfEdges: [UInt64], coordinates: [Coordinate]) -> [Polygon]? {
        indexedPolygons(halfEdges: halfEdges, coordinates: coordinates)?.map { polygon in
            Polygon(exterior: LinearRing(polygon.exterior.map { coordinates[Int($0)] }),
                    holes: polygon.holes.map { LinearRing($0.map { coordinates[Int($0)] }) })
        }
    }

    /// The same, with rings as vertex ids, so a caller can drop vertices (simplification)
    /// and keep each ring's role and its holes' assignment.
    static func indexedPolygons(halfEdges: [UInt64], coordinates: [Coordinate]) -> [IndexedPolygon]? {
        if halfEdges.isEmpty { return [] }
        // Sorted by origin then target (plain integer sorts, and a result that never depends on
        // hashing order).
        var keys = halfEdges
        RadixSort.sort(&keys)
        let from = keys.map { Int32(truncatingIfNeeded: $0 >> 32) }
        let to = keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
        // For each edge, the range of edges leaving its target: walk the edges sorted by target
        // alongside the edges sorted by origin. Unequal in and out degrees fail here.
        var byTarget = (0..<keys.count).map { UInt64(UInt32(to[$0])) << 32 | UInt64($0) }
        RadixSort.sort(&byTarget)
        var outFirst = [Int32](repeating: 0, count: keys.count)
        var outCount = [Int32](repeating: 0, count: keys.count)
        var i = 0, j = 0
        while i < byTarget.count {
            let v = Int32(truncatingIfNeeded: byTarget[i] >> 32)
            var arriving = i
            while arriving < byTarget.count && Int32(truncatingIfNeeded: byTarget[arriving] >> 32) == v { arriving += 1 }
            while j < from.count && from[j] < v { j += 1 }
            var leaving = j
            while leaving < from.count && from[leaving] == v { leaving += 1 }
            guard leaving - j == arriving - i else { return nil }
            for k in i..<arriving {
                let e = Int(byTarget[k] & 0xFFFF_FFFF)
                outFirst[e] = Int32(j)
                outCount[e] = Int32(leaving - j)
            }
            i = arriving
            j = leaving
        }
        guard i == keys.count && from.count == to.count else { return nil }
        if j < from.count, from.count != byTarget.count { return nil }

        var used = [Bool](repeating: false, count: keys.count)
        var shells: [[Int32]] = []
        var holes: [[Int32]] = []
        for start in 0..<keys.count where !used[start] {
            var ring: [Int32] = []
            var edge = start
            while true {
                used[edge] = true
                ring.append(from[edge])
                let first = Int(outFirst[edge]), count = Int(outCount[edge])
                let next = count == 1 ? first : tightestLeftTurn(after: edge, first..<(first + count), from, to, coordinates)
                if next == start { break }
                guard !used[next] else { return nil }  // inconsistent boundary graph
                edge = next
            }
            ring.append(from[start])
            guard ring.count >= 4 else { continue }
            let area = LinearRing(ring.map { coordinates[Int($0)] }).signedArea
            if area > 0 { shells.append(ring) } else if area < 0 { holes.append(ring) }
        }
        return assignHoles(holes, to: shells, coordinates)
    }

    /// After `edge` (u → v), the candidate leaving v that is first clockwise from the way back.
    private static func tightestLeftTurn(after edge: Int, _ candidates: Range<Int>, _ from: [Int32], _ to: [Int32],
                                         _ coordinates: [Coordinate]) -> Int {
        let here = coordinates[Int(to[edge])]
        let back = coordinates[Int(from[edge])]
        let backAngle = atan2(back.y - here.y, back.x - here.x)
        var best = candidates.lowerBound
        var bestSweep = Double.infinity
        for e in candidates {
            let c = coordinates[Int(to[e])]
            var sweep = backAngle - atan2(c.y - here.y, c.x - here.x)
            while sweep <= 0 { sweep += 2 * Double.pi }
            if sweep < bestSweep {
                best = e
                bestSweep = sweep
            }
        }
        return best
    }

    /// Each hole goes to the smallest shell that contains it.
    private static func assignHoles(_ holes: [[Int32]], to shells: [[Int32]], _ coordinates: [Coordinate]) -> [IndexedPolygon] {
        var polygons = shells.map { IndexedPolygon(exterior: $0, holes: []) }
        guard !holes.isEmpty else { return polygons }
        let shellCoordinates = shells.map { $0.map { coordinates[Int($0)] } }
        let boxes = shellCoordinates.map { ring -> BoundingBox in
            var box = BoundingBox.empty
            for c in ring { box.extend(c) }
            return box
        }
        let areas = shellCoordinates.map { abs(LinearRing($0).signedArea) }
        for hole in holes {
            // A hole shares at most single vertices with its shell, so a few probes decide.
            var best: Int?
            for probe in hole.prefix(8).map({ coordinates[Int($0)] }) {
                for (i, shell) in shellCoordinates.enumerated() where boxes[i].contains(probe) {
                    if RingContainment.strictlyInside(probe, shell), areas[i] < (best.map { areas[$0] } ?? .infinity) {
                        best = i
                    }
                }
                if best != nil { break }
            }
            if let best { polygons[best].holes.append(hole) }
        }
        return polygons
    }
}

/// Point in ring by the crossing-number rule; points on the ring count as outside.
enum RingContainment {
    static func strictlyInside(_ p: Coordinate, _ ring: [Coordinate]) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if a == p { return false }
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if x == p.x { return false }
                if x > p.x { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
