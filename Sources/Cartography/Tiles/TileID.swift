import Foundation
import GeoCore

/// One XYZ web tile: zoom `z`, column `x` from the antimeridian eastwards and row `y` from the
/// top (north) edge, as in `{z}/{x}/{y}` URLs. Ordered by zoom, then column, then row, the
/// order the pyramid is written in.
public struct TileID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The deepest zoom the tools accept.
    public static let zoomRange = 0...22

    public var z: Int
    public var x: Int
    public var y: Int

    public init(z: Int, x: Int, y: Int) {
        self.z = z
        self.x = x
        self.y = y
    }

    /// The tile of zoom `z` holding a longitude/latitude point (points on a tile edge belong
    /// to the tile east / south of it; the world's east and south edges to the last tile).
    public init(containing lonLat: Coordinate, zoom z: Int) {
        let world = WebMercator.world(lonLat)
        let n = Double(1 << z)
        let last = (1 << z) - 1
        self.init(z: z, x: min(max(Int((world.x * n).rounded(.down)), 0), last),
                  y: min(max(Int((world.y * n).rounded(.down)), 0), last))
    }

    /// The tile's bounds in longitude/latitude.
    public var bounds: BoundingBox {
        let n = Double(1 << z)
        let northWest = WebMercator.lonLat(Coordinate(x: Double(x) / n, y: Double(y) / n))
        let southEast = WebMercator.lonLat(Coordinate(x: Double(x + 1) / n, y: Double(y + 1) / n))
        return BoundingBox(minX: northWest.x, minY: southEast.y, maxX: southEast.x, maxY: northWest.y)
    }

    /// The row in the TMS scheme MBTiles uses (counted from the south edge).
    public var tmsRow: Int { (1 << z) - 1 - y }

    /// "z/x/y".
    public var description: String { "\(z)/\(x)/\(y)" }

    public static func < (a: TileID, b: TileID) -> Bool {
        (a.z, a.x, a.y) < (b.z, b.x, b.y)
    }
}
