import Foundation

/// The topology of a polygon coverage: every vertex once, every edge once with the face (unit)
/// on each side. Built once from the N03 units, it dissolves them into any grouping — cities,
/// prefectures, bureau blocks — without touching a vertex twice, so all levels share their
/// borders exactly; the simplification of later stages works on the same structure.
///
/// Written by hand: GEOS 3.11 has no coverage topology (its coverage union took 229 s on the
/// full-resolution data here; the fast one came in 3.12), and mapshaper/TopoJSON's arc model is
/// what the project needs. Faces must be oriented consistently for edges to cancel: rings are
/// read with exteriors counter-clockwise and holes clockwise, so a face is always on the left.
///
/// Building is parallel: vertices and edges are split into two shards by hash, each filled by
/// its own thread, which halves the random memory accesses that dominate the cost.
public struct CoverageTopology: Sendable {
    /// Two faces that traverse the same edge in the same direction: they overlap.
    public struct Overlap: Sendable, Hashable {
        public var first: Int
        public var second: Int
        public var at: Coordinate
    }

    /// Vertex coordinates by id.
    public let coordinates: [Coordinate]
    /// Undirected edges: low < high by vertex id.
    let edgeLow: [Int32]
    let edgeHigh: [Int32]
    /// The face left of low → high, and left of high → low; −1 for none (outside the coverage).
    let leftOfForward: [Int32]
    let leftOfBackward: [Int32]
    /// Edges claimed twice from the same side: pairs of overlapping faces (first few per pair).
    public let overlaps: [Overlap]
    /// The input rings as vertex ids, in input order, each read with its face on the left
    /// (exteriors counter-clockwise, holes clockwise), repeated points and the closing point
    /// dropped: ring r is `ringVertexIds[ringStart[r]..<ringStart[r + 1]]`.
    let ringVertexIds: [Int32]
    let ringStart: [Int]
    /// Per ring: its face, and whether it is its polygon's exterior (the holes follow it).
    let ringFace: [Int32]
    let ringIsExterior: [Bool]

    /// How many faces were given (a face may have no rings).
    public let faceCount: Int
    public var vertexCount: Int { coordinates.count }
    public var edgeCount: Int { edgeLow.count }

    private static let shardCount = 2
    /// Lookups issued together so their cache misses overlap.
    private static let batchSize = 32

    /// The input rings in a flat list, with their face, whether they must be read backwards (so
    /// that their face lies on the left) and whether they are exteriors.
    struct FlatRings {
        var coordinates: [[Coordinate]] = []
        var face: [Int32] = []
        var reversed: [Bool] = []
        var isExterior: [Bool] = []
        /// Where each ring's occurrences start in the flat list of all vertices (one more than rings).
        var start: [Int] = [0]
    }

    /// Builds the topology of `faces` (each a unit's polygons). `keepingRings` keeps the input
    /// rings as vertex ids, which `CoverageArcs` needs; a caller that only dissolves passes
    /// false and saves a pass over every vertex (the boundary import does).
    public init(faces: [[Polygon]], keepingRings: Bool = true) {
        faceCount = faces.count
        let rings = Self.flatten(faces)
        let occurrences = rings.start.last!
        let ids = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(occurrences, 1))
        defer { ids.deallocate() }
        coordinates = Self.internVertices(rings, into: ids)
        let (ringIds, ringIdStart) = keepingRings ? Self.ringVertexIds(rings, ids: ids) : ([], [0])
        ringVertexIds = ringIds
        ringStart = ringIdStart
        ringFace = rings.face
        ringIsExterior = rings.isExterior
        let edges = Self.edges(rings, ids: ids, coordinates: coordinates)
        edgeLow = edges.low
        edgeHigh = edges.high
        leftOfForward = edges.forward
        leftOfBackward = edges.backward
        overlaps = edges.overlaps
    }

    static func flatten(_ faces: [[Polygon]]) -> FlatRings {
        var rings = FlatRings()
        for (face, polygons) in faces.enumerated() {
            for polygon in polygons {
                for (index, ring) in polygon.rings.enumerated() {
                    let counterClockwise = ring.signedArea > 0
                    rings.coordinates.append(ring.coordinates)
                    rings.face.append(Int32(face))
                    rings.reversed.append(counterClockwise != (index == 0))
                    rings.isExterior.append(index == 0)
                    rings.start.append(rings.start.last! + ring.coordinates.count)
                }
            }
        }
        return rings
    }

    /// Phase 1: interns the vertices, sharded by coordinate hash, one thread per shard; writes
    /// each occurrence's vertex id into `ids` and returns the vertices by id.
    static func internVertices(_ rings: FlatRings, into ids: UnsafeMutableBufferPointer<Int32>) -> [Coordinate] {
        let occurrences = rings.start.last!
        let idSlots = UncheckedSendable(ids)
        let ringList = rings.coordinates, starts = rings.start
        // Each occurrence gets its shard-local id tagged with the shard in the low bit.
        let shardCoordinates = (0..<Self.shardCount).map { $0 }.concurrentMapUnchecked { shard -> [Coordinate] in
            // Most vertices of a coverage lie on one or two rings: about 0.8 per occurrence.
            var interner = CoordinateInterner(expected: occurrences * 4 / 5 / Self.shardCount + 16)
            // Lookups go in batches: first touch every slot, then probe (see `touch`).
            var batch: [(k: Int, x: UInt64, y: UInt64, hash: UInt64)] = []
            batch.reserveCapacity(Self.batchSize)
            var sink: UInt64 = 0
            func flush() {
                for item in batch { sink &+= interner.touch(item.hash) }
                for item in batch {
                    idSlots.value[item.k] = interner.id(x: item.x, y: item.y, hash: item.hash) << 1 | Int32(shard)
                }
                batch.removeAll(keepingCapacity: true)
            }
            for (r, ring) in ringList.enumerated() {
                var k = starts[r]
                for c in ring {
                    let key = CoordinateInterner.key(c)
                    if CoordinateInterner.shard(ofHash: key.hash, shards: Self.shardCount) == shard {
                        batch.append((k, key.x, key.y, key.hash))
                        if batch.count == Self.batchSize { flush() }
                    }
                    k += 1
                }
            }
            flush()
            withExtendedLifetime(sink) {}
            return interner.coordinates
        }
        let offset: [Int32] = [0, Int32(shardCoordinates[0].count)]
        for k in 0..<occurrences {
            let tagged = ids[k]
            ids[k] = (tagged >> 1) + offset[Int(tagged & 1)]
        }
        return shardCoordinates[0] + shardCoordinates[1]
    }

    /// The rings as vertex ids, face on the left, repeats dropped, for the arcs (`CoverageArcs`).
    static func ringVertexIds(_ rings: FlatRings, ids: UnsafeMutableBufferPointer<Int32>) -> ([Int32], [Int]) {
        var ringIds = [Int32]()
        ringIds.reserveCapacity(rings.start.last!)
        var ringIdStart = [0]
        ringIdStart.reserveCapacity(rings.coordinates.count + 1)
        for r in 0..<rings.coordinates.count {
            let first = ringIds.count
            for k in rings.start[r]..<rings.start[r + 1] where ringIds.count == first || ringIds.last! != ids[k] {
                ringIds.append(ids[k])
            }
            while ringIds.count > first + 1 && ringIds.last! == ringIds[first] { ringIds.removeLast() }
            if rings.reversed[r] { ringIds[first...].reverse() }
            ringIdStart.append(ringIds.count)
        }
        return (ringIds, ringIdStart)
    }

    /// Phase 2: the edges with the face on each side, sharded by edge hash, one thread per
    /// shard; edges claimed twice on the same side are overlaps.
    static func edges(_ rings: FlatRings, ids: UnsafeMutableBufferPointer<Int32>, coordinates: [Coordinate])
        -> (low: [Int32], high: [Int32], forward: [Int32], backward: [Int32], overlaps: [Overlap]) {
        let occurrences = rings.start.last!
        let idSlots = UncheckedSendable(ids)
        let faceOfRing = rings.face, reversedRing = rings.reversed, starts = rings.start
        let shardEdges = (0..<Self.shardCount).map { $0 }.concurrentMapUnchecked { shard -> EdgeSides in
            var table = EdgeSides(expected: occurrences * 4 / 5 / Self.shardCount + 16)
            var batch: [(from: Int32, to: Int32, face: Int32, hash: UInt64)] = []
            batch.reserveCapacity(Self.batchSize)
            var sink: UInt64 = 0
            func flush() {
                for item in batch { sink &+= table.touch(item.hash) }
                for item in batch { table.add(from: item.from, to: item.to, face: item.face, hash: item.hash) }
                batch.removeAll(keepingCapacity: true)
            }
            for r in 0..<faceOfRing.count {
                let face = faceOfRing[r]
                let reversed = reversedRing[r]
                var previous = idSlots.value[starts[r]]
                for k in (starts[r] + 1)..<starts[r + 1] {
                    let current = idSlots.value[k]
                    if current != previous {
                        let hash = EdgeSides.hash(previous, current)
                        if EdgeSides.shard(ofHash: hash, shards: Self.shardCount) == shard {
                            let (from, to) = reversed ? (current, previous) : (previous, current)
                            batch.append((from, to, face, hash))
                            if batch.count == Self.batchSize { flush() }
                        }
                    }
                    previous = current
                }
            }
            flush()
            withExtendedLifetime(sink) {}
            return table
        }
        let edgeTotal = shardEdges.reduce(0) { $0 + $1.count }
        var low: [Int32] = [], high: [Int32] = [], forward: [Int32] = [], backward: [Int32] = []
        low.reserveCapacity(edgeTotal)
        high.reserveCapacity(edgeTotal)
        forward.reserveCapacity(edgeTotal)
        backward.reserveCapacity(edgeTotal)
        var overlaps: [Overlap] = []
        var seenPairs = Set<[Int]>()
        for table in shardEdges {
            table.forEach { l, h, f, b in
                low.append(l)
                high.append(h)
                forward.append(f)
                backward.append(b)
            }
            for conflict in table.conflicts {
                let pair = [Int(min(conflict.0, conflict.1)), Int(max(conflict.0, conflict.1))]
                if seenPairs.insert(pair).inserted {
                    overlaps.append(Overlap(first: pair[0], second: pair[1], at: coordinates[Int(conflict.2)]))
                }
            }
        }
        return (low, high, forward, backward, overlaps.sorted { ($0.first, $0.second) < ($1.first, $1.second) })
    }

    /// Dissolves the faces into groups: `group[face]` is the face's group (−1 leaves it out).
    /// Returns each group's polygons, or nil for a group whose boundary does not close (its
    /// members' borders do not match vertex for vertex, or they overlap).
    public func dissolve(group: [Int32], groupCount: Int) -> [[Polygon]?] {
        let coordinates = self.coordinates
        return indexedDissolve(group: group, groupCount: groupCount).map { polygons in
            polygons?.map { polygon in
                Polygon(exterior: LinearRing(polygon.exterior.map { coordinates[Int($0)] }),
                        holes: polygon.holes.map { LinearRing($0.map { coordinates[Int($0)] }) })
            }
        }
    }

    /// `dissolve` with rings as vertex ids.
    func indexedDissolve(group: [Int32], groupCount: Int) -> [[RingTracer.IndexedPolygon]?] {
        // Boundary half-edges per group, packed from << 32 | to: counted first, then filled into
        // arrays of the right size (no regrowth of millions of entries).
        @inline(__always) func sides(_ e: Int) -> (Int32, Int32) {
            let f = leftOfForward[e], b = leftOfBackward[e]
            return (f >= 0 ? group[Int(f)] : -1, b >= 0 ? group[Int(b)] : -1)
        }
        var counts = [Int](repeating: 0, count: groupCount)
        for e in 0..<edgeLow.count {
            let (gf, gb) = sides(e)
            if gf == gb { continue }
            if gf >= 0 { counts[Int(gf)] += 1 }
            if gb >= 0 { counts[Int(gb)] += 1 }
        }
        var halfEdges = counts.map { [UInt64](repeating: 0, count: $0) }
        var filled = [Int](repeating: 0, count: groupCount)
        for e in 0..<edgeLow.count {
            let (gf, gb) = sides(e)
            if gf == gb { continue }
            let low = UInt64(UInt32(edgeLow[e])), high = UInt64(UInt32(edgeHigh[e]))
            if gf >= 0 {
                halfEdges[Int(gf)][filled[Int(gf)]] = low << 32 | high
                filled[Int(gf)] += 1
            }
            if gb >= 0 {
                halfEdges[Int(gb)][filled[Int(gb)]] = high << 32 | low
                filled[Int(gb)] += 1
            }
        }
        let overlapping = Set(overlaps.flatMap { [group[$0.first], group[$0.second]] }.filter { $0 >= 0 })
        let coordinates = self.coordinates
        return Array(0..<groupCount).concurrentMapUnchecked { g -> [RingTracer.IndexedPolygon]? in
            if overlapping.contains(Int32(g)) { return nil }
            return RingTracer.indexedPolygons(halfEdges: halfEdges[g], coordinates: coordinates)
        }
    }
}

extension Array {
    /// `concurrentMap` for work whose closures capture buffers made safe by construction.
    func concurrentMapUnchecked<T>(_ transform: (Element) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(transform) { transform in
            let box = UncheckedSendable((transform, results, self))
            DispatchQueue.concurrentPerform(iterations: count) { i in
                box.value.1[i] = box.value.0(box.value.2[i])
            }
        }
        return results.map { $0! }
    }
}
