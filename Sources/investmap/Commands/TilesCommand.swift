import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import MapData
import Reference

/// `investmap tiles`: the web map's JSON tile pyramid (and optionally an MBTiles file) of an
/// edition.
struct TilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiles",
        abstract: "Write the web map's tile pyramid: DIR/{z}/{x}/{y}.json, DIR/tiles.json (TileJSON 3.0.0), optionally MBTiles.",
        discussion: """
        Every Web Mercator tile of the zooms that holds data gets one JSON tile with the layer \
        "prefectures" (zooms below 6) or "municipalities" (N03 units, zooms 6 and up): code, name, \
        metric value, class and fill (classified as the SVG maps: Fisher–Jenks, 5 classes, zero \
        apart, OrRd), the geometry of the simplified tile scale that fits the zoom (z4 … z10, from \
        `investmap simplify`) clipped to the tile plus a 64-unit buffer, integer coordinates in a \
        4096 extent; the layer "projects" (grid clusters with count and summed amount below \
        --points-from-zoom, single projects from it; withdrawn ones left out) and the layer "sites" \
        (cluster sites, points or areas). The format is described in tiles.json; the viewer \
        (index.html) is written beside it. The pyramid is written into a folder beside DIR and \
        swapped in when complete, so a failed run leaves a previous pyramid intact; the MBTiles \
        file likewise. A tile over --max-tile-bytes is drawn again from coarser tile scales (and \
        its projects clustered) until it fits; every such tile, and any still over the cap, is \
        reported on standard error.
        """
    )

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    @Option(help: ArgumentHelp(StatisticsMetric.help))
    var metric: StatisticsMetric = .totalInvestment

    @Option(help: "The first zoom (0–22).")
    var minzoom: Int

    @Option(help: "The last zoom (0–22, at least --minzoom).")
    var maxzoom: Int

    @Option(help: "The output folder (replaced as a whole when the run succeeds).")
    var out: String

    @Option(help: "Also write the pyramid as this MBTiles file.")
    var mbtiles: String?

    @Option(help: "The MBTiles tiles: json (the folder's JSON tiles, format application/json) or pbf (Mapbox Vector Tiles, gzip; GDAL and QGIS open these).")
    var mbtilesFormat: TilePyramidWriter.MBTilesFormat = .json

    @Option(help: "The per-tile size cap in bytes: larger tiles are drawn from coarser scales, and reported.")
    var maxTileBytes: Int = 500_000

    @Option(help: "From this zoom on the projects layer lists projects one by one; below it, clusters with count and summed amount.")
    var pointsFromZoom: Int = 9

    @Option(help: "The address the folder will be served from (e.g. https://example.org/tiles/): tiles.json then gives absolute tile URLs, as TileJSON 3.0.0 asks; without it the template is relative to tiles.json.")
    var baseURL: String?

    @Flag(help: "Also write every tile gzip-compressed beside it ({y}.json.gz, for servers that send precompressed files).")
    var gzip = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard TileID.zoomRange.contains(minzoom), TileID.zoomRange.contains(maxzoom) else {
            throw ValidationError("zooms must be within \(TileID.zoomRange.lowerBound)–\(TileID.zoomRange.upperBound), got --minzoom \(minzoom) --maxzoom \(maxzoom)")
        }
        guard minzoom <= maxzoom else { throw ValidationError("--minzoom \(minzoom) is above --maxzoom \(maxzoom)") }
        guard TileID.zoomRange.contains(pointsFromZoom) else {
            throw ValidationError("--points-from-zoom must be within \(TileID.zoomRange.lowerBound)–\(TileID.zoomRange.upperBound), got \(pointsFromZoom)")
        }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil else {
                throw ValidationError("--base-url must be an absolute http(s) address such as https://example.org/tiles/, got '\(baseURL)'")
            }
        }
        guard maxTileBytes > 0 else { throw ValidationError("--max-tile-bytes must be positive") }
    }

    func run() throws {
        let writer = TilePyramidWriter(folder: URL(fileURLWithPath: out), mbtiles: mbtiles.map { URL(fileURLWithPath: $0) },
                                       mbtilesFormat: mbtilesFormat, gzip: gzip)
        try writer.checkTargets()
        let (boundaryStore, edition) = try store.openJoined { try $0.resolveEdition(self.edition) }
        let options = TilePyramidOptions(minZoom: minzoom, maxZoom: maxzoom, metric: metric,
                                         maxTileBytes: maxTileBytes, projectPointsFromZoom: pointsFromZoom,
                                         baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" })
        let report: TilePyramidReport
        do {
            report = try writer.write(TilePyramidBuilder(source: try StoreTileData(store: boundaryStore, edition: edition), options: options))
        } catch let error as TilePyramidError {
            throw CLIError(error.description)
        }
        let target = writer.folder.path
        for warning in report.warnings { standardError.write(warning) }
        for tile in report.coarsened {
            standardError.write("\(target)/\(tile.tile).json: \(tile.originalBytes) bytes over the cap of \(maxTileBytes): drawn from scale \(tile.scale) (\(tile.bytes) bytes)")
        }
        for tile in report.clustered {
            standardError.write("\(target)/\(tile).json: too many projects to list under the cap of \(maxTileBytes) bytes: written as clusters")
        }
        for tile in report.oversized { standardError.write("\(target)/\(tile.tile).json: \(tile.bytes) bytes, over the cap of \(maxTileBytes) bytes") }
        print("edition \(edition.name), metric \(metric.rawValue): \(report.tileCount) tiles, \(report.byteCount) bytes in \(target)")
        for zoom in report.zooms { print("z\(zoom.zoom): \(zoom.tiles) tiles, \(zoom.bytes) bytes (\(zoom.layer), scale \(zoom.scale))") }
        if let path = writer.mbtiles?.path { print(path) }
    }
}

extension TilePyramidWriter.MBTilesFormat: ExpressibleByArgument {}
