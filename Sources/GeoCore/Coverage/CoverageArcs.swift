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
    /// Vertices every simplification keeps: junctions and the anchors of closed arcs.
    public let isFixed: [Bool]
    /// Each face's polygons as vertex-id rings (nil where the face's boundary did not close).
    let facePolygons: [[RingTracer.IndexedPolygon]?]

    public init(_ topology: CoverageTopology, faceCount: Int) {
        self.topology = topology
        let vertexCount = topology.vertexCount
        let edgeCount = topology.edgeCount
        // Incident edges per vertex (CSR).
        var start = [Int32](repeating: 0, count: vertexCount + 1)
        for e in 0..<edgeCount {
            start[Int(topology.edgeLow[e]) + 1] += 1
            start[Int(topology.edgeHigh[e]) + 1] += 1
        }
        for v in 0..<vertexCount { start[v + 1] += start[v] }
        var fill = start
        var incident = [Int32](repeating: 0, count: 2 * edgeCount)
        for e in 0..<edgeCount {
            for v in [topology.edgeLow[e], topology.edgeHigh[e]] {
                incident[Int(fill[Int(v)])] = Int32(e)
                fill[Int(v)] += 1
            }
        }
        func facePair(_ e: Int) -> (Int32, Int32) {
            let f = topology.leftOfForward[e], b = topology.leftOfBackward[e]
            return (min(f, b), max(f, b))
        }
        var fixed = [Bool](repeating: false, count: vertexCount)
        for v in 0..<vertexCount {
            let degree = start[v + 1] - start[v]
            if degree != 2 {
                fixed[v] = true
            } else {
                let a = Int(incident[Int(start[v])]), b = Int(incident[Int(start[v]) + 1])
                fixed[v] = facePair(a) != facePair(b)
            }
        }

        var visited = [Bool](repeating: false, count: edgeCount)
        var arcs: [[Int32]] = []
        var left: [Int32] = [], right: [Int32] = []
        func other(_ e: Int, _ v: Int32) -> Int32 {
            topology.edgeLow[e] == v ? topology.edgeHigh[e] : topology.edgeLow[e]
        }
        func walk(from v: Int32, along first: Int) {
            var arc: [Int32] = [v]
            var edge = first
            var here = v
            // Faces as the arc leaves its first vertex.
            let forward = topology.edgeLow[first] == v
            left.append(forward ? topology.leftOfForward[first] : topology.leftOfBackward[first])
            right.append(forward ? topology.leftOfBackward[first] : topology.leftOfForward[first])
            while true {
                visited[edge] = true
                here = other(edge, here)
                arc.append(here)
                if fixed[Int(here)] { break }
                let a = Int(incident[Int(start[Int(here)])]), b = Int(incident[Int(start[Int(here)]) + 1])
                edge = a == edge ? b : a
            }
            arcs.append(arc)
        }
        for v in 0..<vertexCount where fixed[v] {
            for k in Int(start[v])..<Int(start[v + 1]) where !visited[Int(incident[k])] {
                walk(from: Int32(v), along: Int(incident[k]))
            }
        }
        // What is left are rings with no junction: anchor each at its first vertex met.
        for e in 0..<edgeCount where !visited[e] {
            let anchor = topology.edgeLow[e]
            fixed[Int(anchor)] = true
            walk(from: anchor, along: e)
        }
        arcVertices = arcs
        leftFace = left
        rightFace = right
        isFixed = fixed
        facePolygons = topology.indexedDissolve(group: (0..<faceCount).map { Int32($0) }, groupCount: faceCount)
    }

    /// The arcs as coordinates.
    public var arcs: [[Coordinate]] {
        arcVertices.map { $0.map { topology.coordinates[Int($0)] } }
    }

    /// How many interior points each arc must keep so that no ring collapses: a closed arc is a
    /// whole ring (2); an arc that shares both junctions with another arc may be half of a
    /// two-arc ring (1).
    public var minimumInteriorPoints: [Int] {
        var pairs: [UInt64: Int] = [:]
        func key(_ arc: [Int32]) -> UInt64 {
            let a = UInt64(UInt32(min(arc.first!, arc.last!))), b = UInt64(UInt32(max(arc.first!, arc.last!)))
            return a << 32 | b
        }
        for arc in arcVertices where arc.first != arc.last { pairs[key(arc), default: 0] += 1 }
        return arcVertices.map { arc in
            if arc.first == arc.last { return 2 }
            return pairs[key(arc), default: 0] > 1 ? 1 : 0
        }
    }

    /// Every face rebuilt from the vertices `keep` says to keep (fixed vertices are always kept);
    /// nil for a face whose boundary did not close. Rings keep their roles and holes.
    public func faces(keeping keep: [Bool]) -> [[Polygon]?] {
        let coordinates = topology.coordinates
        let fixed = isFixed
        return facePolygons.map { polygons in
            polygons?.compactMap { polygon -> Polygon? in
                func ring(_ ids: [Int32]) -> LinearRing? {
                    let kept = ids.filter { fixed[Int($0)] || keep[Int($0)] }
                    var ring = kept.map { coordinates[Int($0)] }
                    if ring.first != ring.last, let first = ring.first { ring.append(first) }
                    return ring.count >= 4 ? LinearRing(ring) : nil
                }
                guard let exterior = ring(polygon.exterior) else { return nil }
                return Polygon(exterior: exterior, holes: polygon.holes.compactMap(ring))
            }
        }
    }
}
