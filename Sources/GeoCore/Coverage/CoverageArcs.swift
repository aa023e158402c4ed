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
    /// Each face's polygons as vertex-id rings (nil where the face's boundary did not close).
    let facePolygons: [[RingTracer.IndexedPolygon]?]

    public init(_ topology: CoverageTopology, faceCount: Int) {
        self.topology = topology
        let vertexCount = topology.vertexCount
        let edgeCount = topology.edgeCount
        let low = topology.edgeLow, high = topology.edgeHigh
        let forwardFace = topology.leftOfForward, backwardFace = topology.leftOfBackward
        // Incident edges per vertex (CSR); plain loops over arrays, no closures: this runs over
        // ten million edges.
        var start = [Int32](repeating: 0, count: vertexCount + 1)
        for e in 0..<edgeCount {
            start[Int(low[e]) + 1] += 1
            start[Int(high[e]) + 1] += 1
        }
        for v in 0..<vertexCount { start[v + 1] += start[v] }
        var fill = start
        var incident = [Int32](repeating: 0, count: 2 * edgeCount)
        for e in 0..<edgeCount {
            let a = Int(low[e]), b = Int(high[e])
            incident[Int(fill[a])] = Int32(e)
            fill[a] += 1
            incident[Int(fill[b])] = Int32(e)
            fill[b] += 1
        }
        var fixed = [Bool](repeating: false, count: vertexCount)
        for v in 0..<vertexCount {
            if start[v + 1] - start[v] != 2 {
                fixed[v] = true
                continue
            }
            let a = Int(incident[Int(start[v])]), b = Int(incident[Int(start[v]) + 1])
            let pairA = (min(forwardFace[a], backwardFace[a]), max(forwardFace[a], backwardFace[a]))
            let pairB = (min(forwardFace[b], backwardFace[b]), max(forwardFace[b], backwardFace[b]))
            fixed[v] = pairA != pairB
        }

        // Immutable copies for the walk: a nested function that captures `var` arrays reaches
        // them through a box with an exclusivity check on every access (measured: 4 s here).
        let incidentEdges = incident, firstIncident = start
        var visited = [Bool](repeating: false, count: edgeCount)
        var arcs: [[Int32]] = []
        var left: [Int32] = [], right: [Int32] = []
        // Follows the chain of edges from junction v along `first` to the next junction.
        func walk(from v: Int32, along first: Int, fixed: [Bool], visited: inout [Bool]) -> [Int32] {
            var arc: [Int32] = [v]
            var edge = first
            var here = v
            while true {
                visited[edge] = true
                here = low[edge] == here ? high[edge] : low[edge]
                arc.append(here)
                if fixed[Int(here)] { return arc }
                let first = Int(firstIncident[Int(here)])
                let a = Int(incidentEdges[first]), b = Int(incidentEdges[first + 1])
                edge = a == edge ? b : a
            }
        }
        func record(_ arc: [Int32], firstEdge e: Int) {
            // Faces as the arc leaves its first vertex.
            let forward = low[e] == arc[0]
            left.append(forward ? forwardFace[e] : backwardFace[e])
            right.append(forward ? backwardFace[e] : forwardFace[e])
            arcs.append(arc)
        }
        for v in 0..<vertexCount where fixed[v] {
            for k in Int(firstIncident[v])..<Int(firstIncident[v + 1]) {
                let e = Int(incidentEdges[k])
                if visited[e] { continue }
                record(walk(from: Int32(v), along: e, fixed: fixed, visited: &visited), firstEdge: e)
            }
        }
        // What is left are rings with no junction: anchor each at its first vertex met.
        var anchors = [Bool](repeating: false, count: vertexCount)
        for e in 0..<edgeCount where !visited[e] {
            let anchor = low[e]
            fixed[Int(anchor)] = true
            anchors[Int(anchor)] = true
            record(walk(from: anchor, along: e, fixed: fixed, visited: &visited), firstEdge: e)
        }
        arcVertices = arcs
        leftFace = left
        rightFace = right
        isFixed = fixed
        isRingAnchor = anchors
        facePolygons = topology.indexedDissolve(group: (0..<faceCount).map { Int32($0) }, groupCount: faceCount)
    }

    /// Faces whose boundary did not close into rings (their borders do not match a neighbour's).
    public var facePolygonsMissing: [Int] {
        facePolygons.indices.filter { facePolygons[$0] == nil }
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
    /// ~i (= −i−1) for arc i walked backwards. nil for a face whose boundary did not close.
    public var faceArcRings: [[[[Int]]]?] {
        var byFirstStep: [UInt64: Int] = [:]
        func key(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) }
        for (i, arc) in arcVertices.enumerated() {
            byFirstStep[key(arc[0], arc[1])] = i
            byFirstStep[key(arc[arc.count - 1], arc[arc.count - 2])] = ~i
        }
        let fixed = isFixed
        func arcRing(_ ring: [Int32]) -> [Int] {
            // The ring is closed (first id repeated); start it at a junction.
            var ids = Array(ring.dropLast())
            if let start = ids.firstIndex(where: { fixed[Int($0)] }) {
                ids = Array(ids[start...] + ids[..<start])
            }
            ids.append(ids[0])
            var refs: [Int] = []
            var position = 0
            while position < ids.count - 1 {
                guard let ref = byFirstStep[key(ids[position], ids[position + 1])] else { break }
                refs.append(ref)
                position += arcVertices[ref >= 0 ? ref : ~ref].count - 1
            }
            return refs
        }
        return facePolygons.map { polygons in
            polygons?.map { polygon in [arcRing(polygon.exterior)] + polygon.holes.map(arcRing) }
        }
    }

    /// Every face rebuilt from the vertices `keep` says to keep (junctions are always kept, ring
    /// anchors only if `keep` says so); nil for a face whose boundary did not close. Rings keep
    /// their roles and holes.
    public func faces(keeping keep: [Bool]) -> [[Polygon]?] {
        let coordinates = topology.coordinates
        let fixed = zip(isFixed, isRingAnchor).map { $0 && !$1 }
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
