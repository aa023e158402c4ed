import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import QueryOutput
import Gzip
import LedgerStatistics
import WebViewer
#if canImport(Glibc)
import Glibc
#endif

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

    @Option(help: "count, amount (yen), jobs, amount_per_capita (yen), count_per_100k or amount_per_km2 (yen).")
    var metric: StatsCommand.Metric = .amount

    @Option(help: "The first zoom (0–22).")
    var minzoom: Int

    @Option(help: "The last zoom (0–22, at least --minzoom).")
    var maxzoom: Int

    @Option(help: "The output folder (replaced as a whole when the run succeeds).")
    var out: String

    @Option(help: "Also write the pyramid as this MBTiles file.")
    var mbtiles: String?

    /// What the MBTiles file holds.
    enum MBTilesFormat: String, ExpressibleByArgument, CaseIterable {
        /// The JSON tiles of the folder, byte for byte (format application/json): for `investmap serve`.
        case json
        /// The same layers as gzip-compressed Mapbox Vector Tiles (format pbf): for GDAL, QGIS,
        /// MapLibre and tile servers.
        case pbf
    }

    @Option(help: "The MBTiles tiles: json (the folder's JSON tiles, format application/json) or pbf (Mapbox Vector Tiles, gzip; GDAL and QGIS open these).")
    var mbtilesFormat: MBTilesFormat = .json

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
        let target = URL(fileURLWithPath: out).standardizedFileURL
        try Self.checkWritableTarget(target, isFolder: true)
        let mbtilesTarget = mbtiles.map { URL(fileURLWithPath: $0).standardizedFileURL }
        if let mbtilesTarget { try Self.checkWritableTarget(mbtilesTarget, isFolder: false) }

        let boundaryStore = try store.open(readOnly: true)
        let editionName = try EditionChoice.edition(edition, in: boundaryStore).name
        let options = TilePyramidOptions(minZoom: minzoom, maxZoom: maxzoom, metric: StatisticsMetric(rawValue: metric.rawValue)!,
                                         maxTileBytes: maxTileBytes, projectPointsFromZoom: pointsFromZoom,
                                         baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" })
        let builder = TilePyramidBuilder(store: boundaryStore, options: options)

        // Staging names carry this process's id: what a killed run left is removed here, what
        // a run still under way is writing is not.
        let parent = target.deletingLastPathComponent()
        Leftovers.removeStale(prefix: Leftovers.prefix(for: target.lastPathComponent), in: parent)
        Leftovers.removeStale(prefix: ".\(target.lastPathComponent).old-", in: parent)
        let staging = parent.appendingPathComponent(Leftovers.name(prefix: Leftovers.prefix(for: target.lastPathComponent)))
        let mbtilesStaging = mbtilesTarget.map { url -> URL in
            Leftovers.removeStale(prefix: Leftovers.prefix(for: url.lastPathComponent), in: url.deletingLastPathComponent())
            return url.deletingLastPathComponent().appendingPathComponent(Leftovers.name(prefix: Leftovers.prefix(for: url.lastPathComponent)))
        }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            let writer = try mbtilesStaging.map { try MBTilesWriter(path: $0.path) }
            var pending: [(z: Int, x: Int, y: Int, data: [UInt8])] = []
            var madeFolders = Set<String>()
            let report = try builder.build(edition: editionName) { tile in
                let folder = staging.appendingPathComponent("\(tile.id.z)/\(tile.id.x)")
                if madeFolders.insert(folder.path).inserted {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                try Self.write(tile.json, to: folder.appendingPathComponent("\(tile.id.y).json"))
                if gzip { try Self.write(Gzip.compress(tile.json), to: folder.appendingPathComponent("\(tile.id.y).json.gz")) }
                if let writer {
                    let data = mbtilesFormat == .json ? tile.json : try Gzip.compress(VectorTileEncoder.encode(tile.layers))
                    pending.append((tile.id.z, tile.id.x, tile.id.y, data))
                    if pending.count >= 1000 { try writer.insert(pending); pending.removeAll(keepingCapacity: true) }
                }
            }
            try Self.write(report.tileJSON, to: staging.appendingPathComponent("tiles.json"))
            if gzip { try Self.write(Gzip.compress(report.tileJSON), to: staging.appendingPathComponent("tiles.json.gz")) }
            for file in try ViewerFiles.all() { try Self.write(file.bytes, to: staging.appendingPathComponent(file.name)) }
            if let writer {
                try writer.insert(pending)
                var metadata = report.mbtilesMetadata
                if mbtilesFormat == .pbf {
                    metadata["format"] = "pbf"
                    let title = metadata["description"]?.components(separatedBy: ". JSON tiles").first ?? ""
                    metadata["description"] = "\(title). Mapbox Vector Tiles 2.1, gzip-compressed, extent \(TilePyramidOptions(minZoom: 0, maxZoom: 0).extent); the layers and their fields are in the json row's vector_layers."
                }
                try writer.finish(metadata: metadata)
            }
            try Self.swap(staging, into: target)
            if let mbtilesStaging, let mbtilesTarget {
                guard rename(mbtilesStaging.path, mbtilesTarget.path) == 0 else {
                    throw CLIError("\(mbtilesTarget.path): cannot move the finished MBTiles file into place: \(String(cString: strerror(errno)))")
                }
            }
            for warning in report.warnings { standardError.write(warning) }
            for tile in report.coarsened {
                standardError.write("\(target.path)/\(tile.tile).json: \(tile.originalBytes) bytes over the cap of \(maxTileBytes): drawn from scale \(tile.scale) (\(tile.bytes) bytes)")
            }
            for tile in report.clustered {
                standardError.write("\(target.path)/\(tile).json: too many projects to list under the cap of \(maxTileBytes) bytes: written as clusters")
            }
            for tile in report.oversized {
                standardError.write("\(target.path)/\(tile.tile).json: \(tile.bytes) bytes, over the cap of \(maxTileBytes) bytes")
            }
            print("edition \(editionName), metric \(metric.rawValue): \(report.tileCount) tiles, \(report.byteCount) bytes in \(target.path)")
            for zoom in report.zooms {
                print("z\(zoom.zoom): \(zoom.tiles) tiles, \(zoom.bytes) bytes (\(zoom.layer), scale \(zoom.scale))")
            }
            if let mbtilesTarget { print(mbtilesTarget.path) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let mbtilesStaging { try? FileManager.default.removeItem(at: mbtilesStaging) }
            if let mbtilesStaging { try? FileManager.default.removeItem(atPath: mbtilesStaging.path + "-journal") }
            if let error = error as? TilePyramidError { throw CLIError(error.description) }
            // Foundation's file errors print as a dump of their domain and user info.
            if (error as NSError).domain == NSCocoaErrorDomain || (error as NSError).domain == NSPOSIXErrorDomain {
                throw CLIError("\(target.path): cannot write the pyramid: \(AtomicFile.reason(error))")
            }
            throw error
        }
    }

    /// Fails early when the output cannot be written: a parent folder that is missing or not
    /// writable, or an existing path of the wrong kind.
    static func checkWritableTarget(_ url: URL, isFolder: Bool) throws {
        let manager = FileManager.default
        let parent = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(url.path): cannot write here: folder \(parent) does not exist")
        }
        guard manager.isWritableFile(atPath: parent) else { throw CLIError("\(url.path): cannot write here: folder \(parent) is not writable") }
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue != isFolder {
            throw CLIError("\(url.path): \(isFolder ? "exists and is not a folder" : "is a folder")")
        }
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            throw CLIError("\(url.path): cannot write the file: \(String(cString: strerror(errno)))")
        }
    }

    /// Puts the finished folder `staging` in place of `target`: the old pyramid is moved aside
    /// first and removed only once the new one is in place (restored if that fails).
    static func swap(_ staging: URL, into target: URL) throws {
        let manager = FileManager.default
        var aside: URL?
        if manager.fileExists(atPath: target.path) {
            let old = target.deletingLastPathComponent().appendingPathComponent(Leftovers.name(prefix: ".\(target.lastPathComponent).old-"))
            guard rename(target.path, old.path) == 0 else {
                throw CLIError("\(target.path): cannot move the previous pyramid aside: \(String(cString: strerror(errno)))")
            }
            aside = old
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let aside { _ = rename(aside.path, target.path) }
            throw CLIError("\(target.path): cannot move the new pyramid into place: \(reason)")
        }
        if let aside { try? manager.removeItem(at: aside) }
    }
}
