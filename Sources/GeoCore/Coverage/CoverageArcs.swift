/// The arcs of a coverage, as TopoJSON and mapshaper have them: every border between two faces
/// (or a face and the outside) once, cut at junctions — vertices where three or more borders
/// meet or the faces on either side change. A ring with no junction is one closed arc,
/// anchored at a fixed vertex. Simplifying each arc once, junctions fixed, keeps neighbours'
/// borders identical; `faces(keeping:)` rebuilds every face from the kept vertices.
public struct CoverageArcs: Sendable {
    public let topology: CoverageTopology
    /// The vertex ids of each arc, in order; first and last are junctions (equal for a closed arc).
    public let arcVertices: [[Int32]]
    /// The face left and right of each arc as it runs from its first vertex (−1: outside).
    public let leftFace: [Int32]
    public let rightFace: [Int32]
    /// Where arcs start and end: junctions, and the anchors of rings with no junction.
    public let isFixed: [Bool]
    /// The anchors of rings with no junction (islands, enclaves): where their closed arc starts,
    /// but a simplification may drop the point itself, as GEOS does.
    public let isRingAnchor: [Bool]
    /// Each face's polygons as rings of arc references (see `faceArcRings`): exterior first.
    let faceRings: [[[[Int]]]]

    /// Cuts the coverage into arcs by walking its input rings: a vertex on exactly one ring, or
    /// on two rings with the same two neighbours on both, lies inside an arc; every other vertex
    /// is a junction. The rings are read in order, so memory is read in order (walking the edge
    /// graph instead cost 2.7 s on the N03 coverage, mostly cache misses), and each face's rings
    /// come out as arc references with the roles (exterior, holes) the input gave them.
    public init(_ topology: CoverageTopology) {
        precondition(topology.ringStart.count > 1 || topology.faceCount == 0 || topology.vertexCount == 0,
                     "CoverageArcs needs a topology built keeping its rings")
        self.topology = topology
        let vertexCount = topology.vertexCount
        let ids = topology.ringVertexIds, ringStart = topology.ringStart
        let ringCount = ringStart.count - 1
        @inline(__always) func packed(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) }

        var fixed = Self.junctions(topology)

        // Arcs, in the order the rings meet them: a ring cut at its junctions gives pieces that
        // are either new arcs (the ring's face on their left) or arcs met before, walked
        // backwards by the neighbour (which is then on their right).
        var anchors = [Bool](repeating: false, count: vertexCount)
        var arcs: [[Int32]] = []
        var left: [Int32] = [], right: [Int32] = []
        var byFirstStep: [UInt64: Int] = [:]
        var faceRings = [[[[Int]]]](repeating: [], count: topology.faceCount)
        var piece: [Int32] = []
        for r in 0..<ringCount {
            let lower = ringStart[r], upper = ringStart[r + 1]
            let count = upper - lower
            let face = Int(topology.ringFace[r])
            guard count >= 3 else { continue }
            var start = 0
            if let junction = (lower..<upper).first(where: { fixed[Int(ids[$0])] }) {
                start = junction - lower
            } else {
                // A ring with no junction (an island, or an enclave and the hole around it):
                // anchored at its lowest vertex id, which both rings of an enclave agree on.
                for k in 1..<count where ids[lower + k] < ids[lower + start] { start = k }
                let anchor = Int(ids[lower + start])
                fixed[anchor] = true
                anchors[anchor] = true
            }
            var refs: [Int] = []
            piece.removeAll(keepingCapacity: true)
            piece.append(ids[lower + start])
            for k in 1...count {
                let v = ids[lower + (start + k) % count]
                piece.append(v)
                guard fixed[Int(v)] else { continue }
                let n = piece.count
                if let existing = byFirstStep[packed(piece[n - 1], piece[n - 2])], arcs[existing].count == n {
                    refs.append(~existing)
                    right[existing] = Int32(face)
                } else if let existing = byFirstStep[packed(piece[0], piece[1])] {
                    // The same border walked the same way twice: overlapping faces, which
                    // `CoverageTopology.overlaps` reports.
                    refs.append(existing)
                } else {
                    byFirstStep[packed(piece[0], piece[1])] = arcs.count
                    refs.append(arcs.count)
                    arcs.append(piece)
                    left.append(Int32(face))
                    right.append(-1)
                }
                piece.removeAll(keepingCapacity: true)
                piece.append(v)
            }
            if topology.ringIsExterior[r] {
                faceRings[face].append([refs])
            } else if !faceRings[face].isEmpty {
                faceRings[face][faceRings[face].count - 1].append(refs)
            }
        }
        arcVertices = arcs
        leftFace = left
        rightFace = right
        isFixed = fixed
        isRingAnchor = anchors
        self.faceRings = faceRings
    }

    /// Junctions: the vertices with more than two ring visits, or two visits whose neighbours
    /// differ between them.
    static func junctions(_ topology: CoverageTopology) -> [Bool] {
        let vertexCount = topology.vertexCount
        let ids = topology.ringVertexIds, ringStart = topology.ringStart
        @inline(__always) func packed(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) }
        var visits = [UInt8](repeating: 0, count: vertexCount)
        var neighbours = [UInt64](repeating: 0, count: vertexCount)
        var fixed = [Bool](repeating: false, count: vertexCount)
        for r in 0..<(ringStart.count - 1) {
            let lower = ringStart[r], upper = ringStart[r + 1]
            guard upper - lower >= 3 else { continue }
            for k in lower..<upper {
                let v = Int(ids[k])
                let u = ids[k == lower ? upper - 1 : k - 1], w = ids[k + 1 == upper ? lower : k + 1]
                let pair = packed(min(u, w), max(u, w))
                switch visits[v] {
                case 0: neighbours[v] = pair
                case 1: if neighbours[v] != pair { fixed[v] = true }
                default: fixed[v] = true
                }
                if visits[v] < 2 { visits[v] += 1 }
            }
        }
        return fixed
    }

    /// The arcs as coordinates.
    public var arcs: [[Coordinate]] {
        arcVertices.map { $0.map { topology.coordinates[Int($0)] } }
    }

    /// How many interior points each arc must keep so that no ring collapses: a closed arc is a
    /// whole ring (2). Two arcs between the same junctions need no minimum: the simplifier never
    /// lets one arc come to coincide with another.
    public var minimumInteriorPoints: [Int] {
        arcVertices.map { $0.first == $0.last ? 2 : 0 }
    }

    /// Per arc: a closed arc that is a whole ring with no junction, whose start point the
    /// simplifier may drop.
    public var freeRings: [Bool] {
        arcVertices.map { $0.first == $0.last && isRingAnchor[Int($0[0])] }
    }

    /// Each face's polygons as rings of arc references, as TopoJSON writes them: arc i, or
    /// ~i (= −i−1) for arc i walked backwards; each ring starts at a junction.
    public var faceArcRings: [[[[Int]]]] { faceRings }

    /// A ring of arc references as vertex ids, closed (first id repeated last).
    func ringVertices(_ refs: [Int]) -> [Int32] {
        var ids: [Int32] = []
        for ref in refs {
            let arc = arcVertices[ref >= 0 ? ref : ~ref]
            if ref >= 0 {
                ids.append(contentsOf: ids.isEmpty ? arc[...] : arc.dropFirst())
            } else {
                ids.append(contentsOf: ids.isEmpty ? arc.reversed()[...] : arc.reversed().dropFirst())
            }
        }
        return ids
    }

    /// Every face rebuilt from the vertices `keep` says to keep (junctions are always kept, ring
    /// anchors only if `keep` says so), at their coordinates or at `moved` ones. Rings keep their
    /// roles and holes; a ring left with fewer than three distinct points is dropped (a polygon
    /// with it).
    public func faces(keeping keep: [Bool], moved: [Int32: Coordinate] = [:]) -> [[Polygon]] {
        let coordinates = topology.coordinates
        let fixed = zip(isFixed, isRingAnchor).map { $0 && !$1 }
        return faceRings.map { polygons in
            polygons.compactMap { polygon -> Polygon? in
                func ring(_ refs: [Int]) -> LinearRing? {
                    var ring = ringVertices(refs).filter { fixed[Int($0)] || keep[Int($0)] }.map { moved[$0] ?? coordinates[Int($0)] }
                    if ring.first != ring.last, let first = ring.first { ring.append(first) }
                    return ring.count >= 4 ? LinearRing(ring) : nil
                }
                guard let exterior = ring(polygon[0]) else { return nil }
                return Polygon(exterior: exterior, holes: polygon.dropFirst().compactMap(ring))
            }
        }
    }

    /// Every face rebuilt from its arcs simplified (`ArcSimplifier`'s output for `arcs`, in the
    /// same order): each arc's kept points are a subsequence of its vertices, except a free
    /// ring's, which may start elsewhere. With a `clearance` (degrees), kept vertices closer than
    /// that to a kept segment are first moved apart (`GridClearance`), so that rounding to the
    /// export grid keeps every face valid; `moved` counts them.
    public func faces(simplified: [[Coordinate]], clearance: Double? = nil) -> (faces: [[Polygon]], moved: Int, unresolved: Int) {
        precondition(simplified.count == arcVertices.count, "one simplified arc per arc")
        let coordinates = topology.coordinates
        var keep = [Bool](repeating: false, count: topology.vertexCount)
        for (ids, kept) in zip(arcVertices, simplified) {
            if let first = kept.first, first != coordinates[Int(ids[0])] {
                let points = Set(kept)
                for id in ids where points.contains(coordinates[Int(id)]) { keep[Int(id)] = true }
                continue
            }
            var k = 0
            for id in ids where k < kept.count && coordinates[Int(id)] == kept[k] {
                keep[Int(id)] = true
                k += 1
            }
        }
        guard let clearance else { return (faces(keeping: keep), 0, 0) }
        let fixed = zip(isFixed, isRingAnchor).map { $0 && !$1 }
        var segments: [(Int32, Int32)] = []
        for ids in arcVertices {
            var previous: Int32?
            for id in ids where fixed[Int(id)] || keep[Int(id)] {
                if let previous, previous != id { segments.append((previous, id)) }
                previous = id
            }
            // A free ring that dropped its anchor closes from its last kept point to its first.
            if ids.first == ids.last, !fixed[Int(ids[0])], let first = ids.first(where: { keep[Int($0)] }), let previous, previous != first {
                segments.append((previous, first))
            }
        }
        let outcome = GridClearance.separate(segments: segments, coordinates: coordinates, clearance: clearance)
        return (faces(keeping: keep, moved: outcome.moved), outcome.moved.count, outcome.unresolved)
    }
}
