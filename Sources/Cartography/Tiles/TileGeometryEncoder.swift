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
        var rings: [[[Int]]] = []
        for (index, local) in locals.enumerated() {
            guard let encoded = Self.integerRing(clipper.clip(local), exterior: index == 0) else {
                if index == 0 { return [] }
                continue
            }
            rings.append(encoded)
        }
        return rings.isEmpty ? [] : [rings]
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
        var ring: [[Int]] = []
        ring.reserveCapacity(points.count + 1)
        for point in points {
            let p = [Int(point.x.rounded()), Int(point.y.rounded())]
            if ring.last != p { ring.append(p) }
        }
        while ring.count > 1 && ring.first == ring.last { ring.removeLast() }
        guard ring.count >= 3 else { return nil }
        let area = doubledArea(ring)
        guard area != 0 else { return nil }
        if (area > 0) != exterior { ring.reverse() }
        ring.append(ring[0])
        return ring
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
