import GeoCore

/// One build of a pyramid: what every zoom shares (the classes, the projects and sites, the units
/// read so far at each scale) and what the build reports (tiles clustered, drawn coarser, or
/// still over the cap). `zoom(_:)` lays out one zoom's features by tile; `draw(_:of:)` makes one
/// tile, within the size cap.
final class PyramidRun {
    let builder: TilePyramidBuilder
    let built: [String]
    let zooms: [Int]
    let scales: [Int: String]
    let classes: [String: TilePyramidBuilder.LayerClasses]
    let projects: TilePointLayer?
    let sites: TileSiteLayer
    let encoder: TileGeometryEncoder
    private var unitCache: [String: [TilePyramidBuilder.LayerUnit]] = [:]
    /// Whether whole layers are read and kept (a pyramid build), or only each tile's units are
    /// read when drawn (a server making tiles on demand, `TileMaker`).
    let keepsLayers: Bool
    private(set) var oversized: [TilePyramidReport.OversizedTile] = []
    private(set) var coarsened: [TilePyramidReport.CoarsenedTile] = []
    private(set) var clustered: [TileID] = []

    /// One zoom's features, by tile.
    struct Zoom {
        var z: Int
        var level: MapLevel
        var layer: String
        var scale: String
        var units: [TilePyramidBuilder.LayerUnit]
        var unitTiles: [TileID: [(unit: Int, polygons: [[[[Int]]]])]]
        /// Each project's tile and position (the cap's fallback clusters from it too).
        var projectMembers: [TileID: [(index: Int, x: Int, y: Int)]]
        var projectTiles: [TileID: [TileFeature]]
        var siteTiles: [TileID: [TileFeature]]
        /// Every tile that holds a feature, in column, row order.
        var tiles: [TileID]
    }

    init(_ builder: TilePyramidBuilder, keepsLayers: Bool = true) throws {
        self.builder = builder
        self.keepsLayers = keepsLayers
        (built, zooms, scales, classes) = try builder.prepare()
        projects = try builder.projectLayer()
        sites = try builder.siteLayer()
        encoder = TileGeometryEncoder(extent: builder.options.extent, buffer: builder.options.buffer)
    }

    /// A layer's units at a scale with their properties, read once.
    func layerUnits(_ level: MapLevel, scale: String) throws -> [TilePyramidBuilder.LayerUnit] {
        let layer = TilePyramidBuilder.layerName(level)
        let key = "\(layer)@\(scale)"
        if let cached = unitCache[key] { return cached }
        let layerClasses = classes[layer]!
        let records = try builder.source.units(level, scale: scale)
        guard !records.isEmpty else { throw TilePyramidError.noUnits(store: builder.source.storeName, layer: layer, scale: scale) }
        let units = records.map { layerUnit($0, classes: layerClasses) }
        unitCache[key] = units
        return units
    }

    /// A unit with its layer's properties.
    func layerUnit(_ record: MapUnit, classes layerClasses: TilePyramidBuilder.LayerClasses) -> TilePyramidBuilder.LayerUnit {
        let properties = layerClasses.properties[record.code] ?? TilePyramidBuilder.properties(
            code: record.code, name: record.name, value: nil, key: "nodata", fill: ClassLegend.noDataColor)
        return TilePyramidBuilder.LayerUnit(code: record.code, properties: properties, polygons: record.polygons)
    }

    /// The units of a layer at a scale that may reach `tile`: the whole layer when layers are
    /// kept, else those the source finds near the tile (not kept).
    func units(_ level: MapLevel, scale: String, near tile: TileID) throws -> [TilePyramidBuilder.LayerUnit] {
        guard !keepsLayers else { return try layerUnits(level, scale: scale) }
        let layerClasses = classes[TilePyramidBuilder.layerName(level)]!
        return try builder.source.units(level, scale: scale, intersecting: reach(of: tile)).map { layerUnit($0, classes: layerClasses) }
    }

    /// The longitude/latitude box a tile's features can come from: the tile with its buffer and
    /// a margin as wide again.
    func reach(of tile: TileID) -> BoundingBox {
        let n = Double(1 << tile.z)
        let margin = 2 * Double(builder.options.buffer) / Double(builder.options.extent)
        let northWest = WebMercator.lonLat(Coordinate(x: max(0, (Double(tile.x) - margin) / n), y: max(0, (Double(tile.y) - margin) / n)))
        let southEast = WebMercator.lonLat(Coordinate(x: min(1, (Double(tile.x + 1) + margin) / n), y: min(1, (Double(tile.y + 1) + margin) / n)))
        return BoundingBox(minX: northWest.x, minY: southEast.y, maxX: southEast.x, maxY: northWest.y)
    }

    /// Forgets what was reported so far (a server drawing tiles for ever keeps no list).
    func forgetReports() {
        oversized = []
        coarsened = []
        clustered = []
    }

    /// Zoom `z`'s features, laid out by tile.
    func zoom(_ z: Int) throws -> Zoom {
        let level = builder.layerLevel(z)
        let scale = scales[z]!
        let units = try layerUnits(level, scale: scale)
        let unitTiles = TilePyramidBuilder.encode(units, zoom: z, only: nil, encoder: encoder)
        let projectMembers = projects?.members(zoom: z) ?? [:]
        let projectTiles = projects.map { $0.features(of: projectMembers, clustered: $0.clusters(atZoom: z)) } ?? [:]
        let siteTiles = sites.features(zoom: z, encoder: encoder)
        let tiles = Set(unitTiles.keys).union(projectTiles.keys).union(siteTiles.keys).sorted()
        return Zoom(z: z, level: level, layer: TilePyramidBuilder.layerName(level), scale: scale, units: units, unitTiles: unitTiles,
                    projectMembers: projectMembers, projectTiles: projectTiles, siteTiles: siteTiles, tiles: tiles)
    }

    /// One tile of `zoom`. Over the size cap, its projects are clustered first (too many to list
    /// one by one is the usual cause), then its units are drawn from coarser tile scales, finest
    /// first, until it fits; what is still over the cap is reported.
    func draw(_ tile: TileID, of zoom: Zoom) throws -> TilePyramidBuilder.BuiltTile {
        let options = builder.options
        var unitFeatures = TilePyramidBuilder.features(zoom.unitTiles[tile] ?? [], of: zoom.units)
        var projectFeatures = zoom.projectTiles[tile] ?? []
        let siteFeatures = zoom.siteTiles[tile] ?? []
        func layers() -> [TileLayer] {
            [TileLayer(name: zoom.layer, extent: options.extent, features: unitFeatures),
             TileLayer(name: TilePyramidBuilder.projectsLayer, extent: options.extent, features: projectFeatures),
             TileLayer(name: TilePyramidBuilder.sitesLayer, extent: options.extent, features: siteFeatures)].filter { !$0.features.isEmpty }
        }
        var bytes = TileJSONWriter.bytes(layers())
        if bytes.count > options.maxTileBytes, let projects, !projects.clusters(atZoom: zoom.z), !projectFeatures.isEmpty {
            projectFeatures = projects.clusterFeatures(zoom.projectMembers[tile] ?? [])
            bytes = TileJSONWriter.bytes(layers())
            clustered.append(tile)
        }
        if bytes.count > options.maxTileBytes, !unitFeatures.isEmpty {
            let original = bytes.count
            let coarser = TilePyramidBuilder.tileScales.filter {
                built.contains("z\($0)") && "z\($0)" != zoom.scale && $0 < Int(zoom.scale.dropFirst())!
            }.reversed()
            for candidateZoom in coarser {
                let candidateScale = "z\(candidateZoom)"
                let candidateUnits = try units(zoom.level, scale: candidateScale, near: tile)
                let encoded = TilePyramidBuilder.encode(candidateUnits, zoom: zoom.z, only: tile, encoder: encoder)[tile] ?? []
                guard !encoded.isEmpty else { continue }  // never a tile without its units
                let kept = unitFeatures
                unitFeatures = TilePyramidBuilder.features(encoded, of: candidateUnits)
                let candidate = TileJSONWriter.bytes(layers())
                if candidate.count <= options.maxTileBytes || candidateZoom == coarser.last {
                    coarsened.append(.init(tile: tile, scale: candidateScale, originalBytes: original, bytes: candidate.count))
                    bytes = candidate
                    if candidate.count <= options.maxTileBytes { break }
                } else {
                    unitFeatures = kept
                }
            }
        }
        if bytes.count > options.maxTileBytes { oversized.append(.init(tile: tile, bytes: bytes.count)) }
        return TilePyramidBuilder.BuiltTile(id: tile, layers: layers(), json: bytes)
    }
}
