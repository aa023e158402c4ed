import GeoCore
import GeoFormats

/// The point features of a pyramid layer ("projects", "sites") per tile of a zoom. A point is
/// in the one tile that holds it (no copies in the neighbours' buffers: a viewer draws points
/// over all tiles at once, and counts add up across tiles). Below `pointsFromZoom` points are
/// clustered: the tile is cut into square cells of `clusterCell` tile units and each cell that
/// holds points becomes one feature at their mean position, with the count and the summed amount
/// (the way tippecanoe and MapLibre cluster markers, but on a fixed grid so that the output is
/// deterministic and a tile needs no other tile's points).
struct TilePointLayer: Sendable {
    /// One point with its properties.
    struct Point: Sendable {
        /// World position (Web Mercator, [0, 1]²).
        var world: Coordinate
        var properties: [String: JSONValue]
        var propertiesJSON: [UInt8]
        /// Yen, summed by the clusters; nil adds nothing.
        var totalInvestmentJPY: Double?
    }

    var name: String
    var points: [Point]
    var extent: Int
    /// Tile units per side of a cluster cell.
    var clusterCell: Int
    /// From this zoom on, points are written one by one.
    var pointsFromZoom: Int

    /// Whether zoom `z` holds clusters.
    func clusters(atZoom z: Int) -> Bool { z < pointsFromZoom }

    /// The features of tiles whose points `members` gives, clustered or one by one.
    func features(of members: [TileID: [(index: Int, x: Int, y: Int)]], clustered: Bool) -> [TileID: [TileFeature]] {
        var result: [TileID: [TileFeature]] = [:]
        for (tile, inTile) in members {
            if clustered {
                result[tile] = clusterFeatures(inTile)
            } else {
                result[tile] = inTile.map { member in
                    TileFeature(geometry: .point(x: member.x, y: member.y), properties: points[member.index].properties,
                                propertiesJSON: points[member.index].propertiesJSON)
                }
            }
        }
        return result
    }

    /// The points of every tile of zoom `z` in `points` order: index and position in tile units,
    /// within 0 … extent.
    func members(zoom z: Int) -> [TileID: [(index: Int, x: Int, y: Int)]] {
        let scale = Double(extent) * Double(1 << z)
        let last = (1 << z) - 1
        var members: [TileID: [(index: Int, x: Int, y: Int)]] = [:]
        for (index, point) in points.enumerated() {
            let px = point.world.x * scale, py = point.world.y * scale
            let tile = TileID(z: z, x: min(max(Int((px / Double(extent)).rounded(.down)), 0), last),
                              y: min(max(Int((py / Double(extent)).rounded(.down)), 0), last))
            let position = self.position(of: index, in: tile)
            members[tile, default: []].append((index, position.x, position.y))
        }
        return members
    }

    /// Point `index`'s position in `tile`, in tile units within 0 … extent (the tile that holds
    /// it, or one a caller found it in by other means).
    func position(of index: Int, in tile: TileID) -> (x: Int, y: Int) {
        let scale = Double(extent) * Double(1 << tile.z)
        let world = points[index].world
        return (min(max(Int((world.x * scale - Double(tile.x * extent)).rounded()), 0), extent),
                min(max(Int((world.y * scale - Double(tile.y * extent)).rounded()), 0), extent))
    }

    /// One cluster per cell of the tile's points.
    func clusterFeatures(_ members: [(index: Int, x: Int, y: Int)]) -> [TileFeature] {
        struct Cell { var count = 0; var sumX = 0; var sumY = 0; var amount = 0.0 }
        let cellsPerSide = (extent + clusterCell - 1) / clusterCell
        var cells: [Int: Cell] = [:]
        for member in members {
            let key = min(member.y / clusterCell, cellsPerSide - 1) * cellsPerSide + min(member.x / clusterCell, cellsPerSide - 1)
            var cell = cells[key] ?? Cell()
            cell.count += 1
            cell.sumX += member.x
            cell.sumY += member.y
            cell.amount += points[member.index].totalInvestmentJPY ?? 0
            cells[key] = cell
        }
        return cells.keys.sorted().map { key in
            let cell = cells[key]!
            let x = Int((Double(cell.sumX) / Double(cell.count)).rounded())
            let y = Int((Double(cell.sumY) / Double(cell.count)).rounded())
            return TileFeature(geometry: .point(x: x, y: y),
                               properties: ["kind": .string("cluster"), "count": .integer(cell.count), "total_investment_jpy": .numeric(cell.amount)])
        }
    }
}
