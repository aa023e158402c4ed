import GeoCore

/// Turns a unit's polygons into one tile's integer MultiPolygon coordinates: projected to Web
/// Mercator, scaled to the tile's extent (x right, y down, 0 … extent inside the tile), clipped
/// to the tile plus `buffer` units on every side, rounded to integers, with repeated points and
/// rings that close on no area dropped. Rings come out closed (first point repeated, as in
/// GeoJSON); exterior rings are clockwise on screen (positive area by the shoelace formula in
/// these y-down coordinates, as in the Mapbox Vector Tile specification) and holes
/// counter-clockwise.
public struct TileGeometryEncoder: Sendable {
    /// Tile units across one tile.
    public var extent: Int
    /// Tile units kept beyond each edge.
    public var buffer: Int

    public init(extent: Int = 4096, buffer: Int = 64) {
        self.extent = extent
        self.buffer = buffer
    }

    /// A polygon in "pixel" coordinates of a zoom: tile units from the world's top-left corner
    /// (x = world x × extent × 2^zoom), projected once per zoom and reused for every tile.
    public struct ProjectedPolygon: Sendable {
        public var rings: [[Coordinate]]
        public var bounds: BoundingBox

        /// Rings already in pixel coordinates (the first is the exterior).
        public init(rings: [[Coordinate]]) {
            var bounds = BoundingBox.empty
            for ring in rings { for c in ring { bounds.extend(c) } }
            self.rings = rings
            self.bounds = bounds
        }
    }

    /// `polygon` (longitude/latitude) in pixel coordinates of zoom `z`.
    public func project(_ polygon: Polygon, zoom z: Int) -> ProjectedPolygon {
        let scale = Double(extent) * Double(1 << z)
        let rings = polygon.rings.map { ring in
            ring.coordinates.map { c in
                let world = WebMercator.world(c)
                return Coordinate(x: world.x * scale, y: world.y * scale)
            }
        }
        return ProjectedPolygon(rings: rings)
    }

    /// The tiles of zoom `z` whose buffered square `bounds` (pixel coordinates) touches.
    public func tiles(touching bounds: BoundingBox, zoom z: Int) -> (columns: ClosedRange<Int>, rows: ClosedRange<Int>)? {
        guard !bounds.isEmpty else { return nil }
        let size = Double(extent)
        let last = (1 << z) - 1
        let margin = Double(buffer)
        let columns = max(Int(((bounds.minX - margin) / size).rounded(.down)), 0)...min(Int(((bounds.maxX + margin) / size).rounded(.down)), last)
        let rows = max(Int(((bounds.minY - margin) / size).rounded(.down)), 0)...min(Int(((bounds.maxY + margin) / size).rounded(.down)), last)
        guard !columns.isEmpty, !rows.isEmpty else { return nil }
        return (columns, rows)
    }

    /// The polygon's part in `tile`, as MultiPolygon coordinates: polygons, each rings, each
    /// closed points [x, y], clipped to the tile plus the buffer. Empty when the polygon covers
    /// no area of the tile itself: a polygon that reaches only into the buffer, or only touches
    /// the tile's edge, is not in the tile (so a tile holds exactly the units whose geometry
    /// intersects it, and the buffer only carries its units on beyond the edge).
    public func encode(_ polygon: ProjectedPolygon, in tile: TileID) -> [[[[Int]]]] {
        let originX = Double(tile.x * extent), originY = Double(tile.y * extent)
        let clipper = TileRingClipper(minimum: Double(-buffer), maximum: Double(extent + buffer))
        let locals = polygon.rings.map { ring in ring.map { Coordinate(x: $0.x - originX, y: $0.y - originY) } }
        guard coversArea(of: locals) else { return [] }
        let exterior = clipper.clip(locals[0])
        guard let encoded = Self.integerRing(exterior, exterior: true) else {
            // Land thinner than a unit: kept one unit wide along its path when a quarter pixel long.
            return Self.ribbon(exterior, minimumLength: extent / 1024).map { [$0] }
        }
        var rings = [encoded]
        for local in locals.dropFirst() {
            if let hole = Self.integerRing(clipper.clip(local), exterior: false) { rings.append(hole) }
        }
        return [rings]
    }

    /// Whether a polygon (rings in tile-local coordinates, exterior first) covers some area of
    /// the tile square [0, extent]²: at once when an exterior vertex lies strictly inside the
    /// square (the polygon's area next to it is inside too), else by the area of the rings
    /// clipped to the square, holes subtracted (a polygon around the tile, or a hole covering it).
    func coversArea(of rings: [[Coordinate]]) -> Bool {
        guard let exterior = rings.first else { return false }
        let size = Double(extent)
        if exterior.contains(where: { $0.x > 0 && $0.x < size && $0.y > 0 && $0.y < size }) { return true }
        let square = TileRingClipper(minimum: 0, maximum: size)
        var area = 0.0
        for (index, ring) in rings.enumerated() {
            let part = abs(Self.doubledArea(square.clip(ring)))
            area += index == 0 ? part : -part
        }
        // Twice the area, in square tile units: anything below a millionth of one is a touch.
        return area > 1e-6
    }

    /// Twice the shoelace area of an open ring of coordinates.
    static func doubledArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            sum += previous.x * point.y - point.x * previous.y
            previous = point
        }
        return sum
    }

    /// An open ring rounded to integers, without repeated points, closed and wound as the tile
    /// format says; nil when it encloses no area.
    static func integerRing(_ points: [Coordinate], exterior: Bool) -> [[Int]]? {
        var ring = rounded(points)
        guard ring.count >= 3 else { return nil }
        let area = doubledArea(ring)
        guard area != 0 else { return nil }
        if (area > 0) != exterior { ring.reverse() }
        ring.append(ring[0])
        return ring
    }

    /// The points rounded to integers, repeats and the closing point dropped.
    static func rounded(_ points: [Coordinate]) -> [[Int]] {
        var ring: [[Int]] = []
        ring.reserveCapacity(points.count + 1)
        for point in points {
            let p = [Int(point.x.rounded()), Int(point.y.rounded())]
            if ring.last != p { ring.append(p) }
        }
        while ring.count > 1 && ring.first == ring.last { ring.removeLast() }
        return ring
    }

    /// An exterior that encloses land before rounding but none after (a breakwater, a spit, a
    /// needle narrower than a unit), as closed quadrilaterals one unit wide along each distinct
    /// segment of its rounded path, clockwise on screen, so that such land stays within a pixel
    /// of where it is (tippecanoe likewise keeps tiny polygons rather than dropping them). Empty
    /// for a ring along the tile's edge (no area before rounding either) and for paths shorter
    /// than `minimumLength` units (specks under a pixel go, as in every tiler).
    static func ribbon(_ points: [Coordinate], minimumLength: Int) -> [[[Int]]] {
        guard abs(doubledArea(points)) > 1e-6 else { return [] }
        let path = rounded(points)
        guard path.count >= 2 else { return [] }
        var seen = Set<[Int]>()
        var quads: [[[Int]]] = []
        var length = 0.0
        for i in path.indices {
            let a = path[i], b = path[(i + 1) % path.count]
            guard a != b, seen.insert(a.lexicographicallyPrecedes(b) ? a + b : b + a).inserted else { continue }
            length += (Double((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]))).squareRoot()
            let offset = abs(b[0] - a[0]) >= abs(b[1] - a[1]) ? [0, 1] : [1, 0]
            var quad = [a, b, [b[0] + offset[0], b[1] + offset[1]], [a[0] + offset[0], a[1] + offset[1]]]
            if doubledArea(quad) < 0 { quad.reverse() }
            quad.append(quad[0])
            quads.append(quad)
        }
        return length >= Double(minimumLength) ? quads : []
    }

    /// Twice the shoelace area of an open integer ring (positive: clockwise on a y-down screen).
    public static func doubledArea(_ ring: [[Int]]) -> Int {
        var sum = 0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            sum += a[0] * b[1] - b[0] * a[1]
        }
        return sum
    }
}
