import Foundation
import GeoCore

/// One tile at a time, for a server that makes tiles on demand: the bytes `build` writes for
/// the tile, at the cost of that tile alone. What every tile shares is prepared once (the layers'
/// classes, the projects sorted along a Z-order curve so that a tile's points are one contiguous
/// run, the sites' features per zoom); each tile reads only the units near it from the source.
/// Safe to share: tiles are drawn one at a time.
public final class TileMaker: @unchecked Sendable {
    private let lock = NSLock()
    private let run: PyramidRun
    /// The projects' Z-order keys at `TileMaker.keyZoom`, ascending, with the point index.
    private let projectKeys: [(key: UInt64, index: Int)]
    private var siteTiles: [Int: [TileID: [TileFeature]]] = [:]
    public let zooms: ClosedRange<Int>

    /// Z-order keys address the world at this zoom (deeper than any tile).
    static let keyZoom = 24

    /// Prepares what every tile of the builder's pyramid shares.
    /// - Throws: as `TilePyramidBuilder.build` does before its first tile.
    public init(_ builder: TilePyramidBuilder) throws {
        run = try PyramidRun(builder, keepsLayers: false)
        zooms = builder.options.minZoom...builder.options.maxZoom
        let side = Double(1 << Self.keyZoom), last = (1 << Self.keyZoom) - 1
        projectKeys = (run.projects?.points ?? []).enumerated().map { index, point in
            let x = min(max(Int((point.world.x * side).rounded(.down)), 0), last)
            let y = min(max(Int((point.world.y * side).rounded(.down)), 0), last)
            return (Self.interleave(UInt64(x), UInt64(y)), index)
        }.sorted { ($0.key, $0.index) < ($1.key, $1.index) }
    }

    /// Bytes held beyond the source's (an estimate for the caches' accounting): the projects'
    /// properties and keys, and the sites' features made so far.
    public var heldBytes: Int {
        lock.withLock {
            let points = run.projects?.points.reduce(0) { $0 + $1.propertiesJSON.count + 700 } ?? 0
            let sites = siteTiles.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count * 512 } }
            return 4096 + points + projectKeys.count * 16 + sites
        }
    }

    /// The tile as `TilePyramidBuilder.build` writes it; nil where nothing is drawn.
    /// - Throws: the source's errors; `TilePyramidError` for a zoom outside the pyramid.
    public func tile(_ id: TileID) throws -> TilePyramidBuilder.BuiltTile? {
        guard zooms.contains(id.z) else { throw TilePyramidError.badZoomRange(minZoom: id.z, maxZoom: id.z) }
        return try lock.withLock {
            defer { run.forgetReports() }
            let level = run.builder.layerLevel(id.z), scale = run.scales[id.z]!
            let units = try run.units(level, scale: scale, near: id)
            let unitTiles = TilePyramidBuilder.encode(units, zoom: id.z, only: id, encoder: run.encoder)
            let members = projectMembers(of: id)
            let projectMembers = members.isEmpty ? [:] : [id: members]
            let projectTiles = run.projects.map { $0.features(of: projectMembers, clustered: $0.clusters(atZoom: id.z)) } ?? [:]
            let sites = try sitesOfZoom(id.z)
            guard unitTiles[id] != nil || projectTiles[id] != nil || sites[id] != nil else { return nil }
            let zoom = PyramidRun.Zoom(z: id.z, level: level, layer: TilePyramidBuilder.layerName(level), scale: scale, units: units,
                                       unitTiles: unitTiles, projectMembers: projectMembers, projectTiles: projectTiles,
                                       siteTiles: sites[id].map { [id: $0] } ?? [:], tiles: [id])
            return try run.draw(id, of: zoom)
        }
    }

    /// The projects in the tile, in point order, positioned as `TilePointLayer.members` does.
    private func projectMembers(of tile: TileID) -> [(index: Int, x: Int, y: Int)] {
        guard let projects = run.projects, tile.z <= Self.keyZoom else { return [] }
        let shift = UInt64(2 * (Self.keyZoom - tile.z))
        let low = Self.interleave(UInt64(tile.x), UInt64(tile.y)) << shift
        let high = low + (1 << shift)
        var start = projectKeys.partitioningIndex { $0.key >= low }
        var indices: [Int] = []
        while start < projectKeys.count, projectKeys[start].key < high {
            indices.append(projectKeys[start].index)
            start += 1
        }
        return indices.sorted().map { index in
            let position = projects.position(of: index, in: tile)
            return (index, position.x, position.y)
        }
    }

    /// The sites' features of a zoom by tile, made once (there are few sites).
    private func sitesOfZoom(_ z: Int) throws -> [TileID: [TileFeature]] {
        if let made = siteTiles[z] { return made }
        let made = run.sites.features(zoom: z, encoder: run.encoder)
        siteTiles[z] = made
        return made
    }

    /// The Z-order (Morton) key of a cell: the bits of x and y interleaved, y's above x's, so
    /// that the cells of any tile of a coarser zoom form one contiguous range.
    public static func interleave(_ x: UInt64, _ y: UInt64) -> UInt64 {
        func spread(_ value: UInt64) -> UInt64 {
            var v = value & 0xFFFF_FFFF
            v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
            v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
            v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F
            v = (v | (v << 2)) & 0x3333_3333_3333_3333
            v = (v | (v << 1)) & 0x5555_5555_5555_5555
            return v
        }
        return spread(x) | (spread(y) << 1)
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along
    /// the array (binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
