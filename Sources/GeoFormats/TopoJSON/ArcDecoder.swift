import GeoCore

/// Turns TopoJSON geometries into `Geometry` values: decodes every arc once (delta decoding and
/// the transform when the topology is quantized) and joins arc references into lines and rings.
struct ArcDecoder {
    typealias TopoGeometry = TopoJSONReader.TopoGeometry
    typealias ArcReferences = TopoJSONReader.ArcReferences

    /// Arcs in absolute coordinates.
    private let arcs: [[Coordinate]]
    private let transform: TopoJSONReader.Transform?

    init(arcs quantized: [[Coordinate]], transform: TopoJSONReader.Transform?) {
        self.transform = transform
        guard let transform else {
            arcs = quantized
            return
        }
        // Quantized arcs are delta-encoded: position i is the running sum of the first i + 1
        // positions. Integers below 2^53 add exactly in Double, so the sums equal integer sums.
        arcs = quantized.map { arc in
            var x = 0.0
            var y = 0.0
            return arc.map { delta in
                x += delta.x
                y += delta.y
                return transform.apply(x, y)
            }
        }
    }

    /// The geometry of one TopoJSON geometry object (`nil` for a null geometry) and its position count.
    func geometry(_ topo: TopoGeometry) throws(ParseFailure) -> (Geometry?, Int) {
        guard let type = topo.type else { return (nil, 0) }
        switch type {
        case "Point", "MultiPoint":
            guard let coordinates = topo.coordinates else { throw ParseFailure("\(type) without \"coordinates\"", line: nil) }
            let kind: GeoJSONGeometryReader.GeometryKind = type == "Point" ? .point : .multiPoint
            // Point positions are quantized when there is a transform, but not delta-encoded.
            let (geometry, count) = try GeoJSONGeometryReader.geometry(kind, coordinates)
            switch geometry {
            case .point(let c): return (.point(position(c)), count)
            case .multiPoint(let cs): return (.multiPoint(cs.map(position)), count)
            default: return (geometry, count)
            }
        case "LineString":
            let line = try join(indices(arcsOf: topo, type: type, shape: "an array of arc indices"))
            return (.lineString(line), line.count)
        case "MultiLineString":
            let lines = try indexLists(arcsOf: topo, type: type, shape: "an array of lines (arrays of arc indices)").map(join)
            return (.multiLineString(lines), lines.reduce(0) { $0 + $1.count })
        case "Polygon":
            let rings = try indexLists(arcsOf: topo, type: type, shape: "an array of rings (arrays of arc indices)").map(join)
            return (.polygon(GeoJSONGeometryReader.polygon(rings)), rings.reduce(0) { $0 + $1.count })
        case "MultiPolygon":
            let shape = "an array of polygons (arrays of rings of arc indices)"
            guard case .list(let items)? = topo.arcs else { throw missingOrMalformedArcs(topo, type: type, shape: shape) }
            var count = 0
            var polygons: [Polygon] = []
            polygons.reserveCapacity(items.count)
            for item in items {
                guard let ringReferences = Self.indexLists(item) else { throw missingOrMalformedArcs(topo, type: type, shape: shape) }
                var rings: [[Coordinate]] = []
                rings.reserveCapacity(ringReferences.count)
                for references in ringReferences {
                    let ring = try join(references)
                    count += ring.count
                    rings.append(ring)
                }
                polygons.append(GeoJSONGeometryReader.polygon(rings))
            }
            return (.multiPolygon(polygons), count)
        case "GeometryCollection":
            guard let members = topo.geometries else { throw ParseFailure("GeometryCollection without \"geometries\"", line: nil) }
            var geometries: [Geometry] = []
            var count = 0
            for member in members {
                let (geometry, memberCount) = try self.geometry(member)
                guard let geometry else { throw ParseFailure("a GeometryCollection member is null", line: nil) }
                geometries.append(geometry)
                count += memberCount
            }
            return (.geometryCollection(geometries), count)
        default:
            throw ParseFailure("unknown geometry type \(ParseFailure.quoted(type))", line: nil)
        }
    }

    /// Joins arcs into one line: arc `i`, or arc `~i` reversed for a negative reference; each arc
    /// after the first starts where the previous ended, so its first position is dropped.
    func join(_ references: [Int]) throws(ParseFailure) -> [Coordinate] {
        var line: [Coordinate] = []
        for (k, reference) in references.enumerated() {
            let index = reference >= 0 ? reference : ~reference
            guard index < arcs.count else {
                throw ParseFailure("arc index \(reference) out of range (the topology has \(arcs.count) arcs)", line: nil)
            }
            let arc = arcs[index]
            if reference >= 0 {
                line.append(contentsOf: k == 0 ? arc[...] : arc.dropFirst())
            } else {
                let reversed = arc.reversed()
                line.append(contentsOf: k == 0 ? reversed[...] : reversed.dropFirst())
            }
        }
        return line
    }

    private func position(_ c: Coordinate) -> Coordinate {
        transform?.apply(c.x, c.y) ?? c
    }

    private func indices(arcsOf topo: TopoGeometry, type: String, shape: String) throws(ParseFailure) -> [Int] {
        guard let arcs = topo.arcs, let list = Self.indices(arcs) else { throw missingOrMalformedArcs(topo, type: type, shape: shape) }
        return list
    }

    private func indexLists(arcsOf topo: TopoGeometry, type: String, shape: String) throws(ParseFailure) -> [[Int]] {
        guard let arcs = topo.arcs, let lists = Self.indexLists(arcs) else { throw missingOrMalformedArcs(topo, type: type, shape: shape) }
        return lists
    }

    private func missingOrMalformedArcs(_ topo: TopoGeometry, type: String, shape: String) -> ParseFailure {
        topo.arcs == nil
            ? ParseFailure("\(type) without \"arcs\"", line: nil)
            : ParseFailure("\(type) \"arcs\" must be \(shape)", line: nil)
    }

    private static func indices(_ references: ArcReferences) -> [Int]? {
        guard case .list(let items) = references else { return nil }
        var result: [Int] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .index(let i) = item else { return nil }
            result.append(i)
        }
        return result
    }

    private static func indexLists(_ references: ArcReferences) -> [[Int]]? {
        guard case .list(let items) = references else { return nil }
        var result: [[Int]] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let list = indices(item) else { return nil }
            result.append(list)
        }
        return result
    }
}
