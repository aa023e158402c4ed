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
    /// closed points [x, y]. Empty when nothing of the exterior is left.
    public func encode(_ polygon: ProjectedPolygon, in tile: TileID) -> [[[[Int]]]] {
        let originX = Double(tile.x * extent), originY = Double(tile.y * extent)
        let clipper = TileRingClipper(minimum: Double(-buffer), maximum: Double(extent + buffer))
        var rings: [[[Int]]] = []
        for (index, ring) in polygon.rings.enumerated() {
            let local = ring.map { Coordinate(x: $0.x - originX, y: $0.y - originY) }
            guard let encoded = Self.integerRing(clipper.clip(local), exterior: index == 0) else {
                if index == 0 { return [] }
                continue
            }
            rings.append(encoded)
        }
        return rings.isEmpty ? [] : [rings]
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
