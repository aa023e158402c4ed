#if canImport(Glibc)
import Glibc
#endif
import BoundaryStore
import Cartography
import Foundation
import GeoFormats
import Gzip
import WebViewer

/// Writes a tile pyramid as `investmap tiles` publishes it: `DIR/{z}/{x}/{y}.json` (and `.json.gz`
/// with `gzip`), `DIR/tiles.json`, the viewer's files, and optionally an MBTiles file of the JSON
/// tiles or of Mapbox Vector Tiles. Everything is written into a folder (and a file) beside the
/// targets and swapped in when complete, so a failed run leaves a previous pyramid intact.
public struct TilePyramidWriter {
    /// What the MBTiles file holds.
    public enum MBTilesFormat: String, Sendable, CaseIterable {
        /// The JSON tiles of the folder, byte for byte (format application/json): for `investmap serve`.
        case json
        /// The same layers as gzip-compressed Mapbox Vector Tiles (format pbf): for GDAL, QGIS,
        /// MapLibre and tile servers.
        case pbf
    }

    public var folder: URL
    public var mbtiles: URL?
    public var mbtilesFormat: MBTilesFormat
    public var gzip: Bool

    public init(folder: URL, mbtiles: URL? = nil, mbtilesFormat: MBTilesFormat = .json, gzip: Bool = false) {
        self.folder = folder.standardizedFileURL
        self.mbtiles = mbtiles?.standardizedFileURL
        self.mbtilesFormat = mbtilesFormat
        self.gzip = gzip
    }

    /// Fails early, before any work, when an output cannot be written: a parent folder that is
    /// missing or not writable, or an existing path of the wrong kind.
    /// - Throws: `ExportError` naming the path.
    public func checkTargets() throws {
        try Self.checkWritableTarget(folder, isFolder: true)
        if let mbtiles { try Self.checkWritableTarget(mbtiles, isFolder: false) }
    }

    /// Builds the pyramid with `builder` and writes it.
    /// - Throws: `ExportError` for an output that cannot be written; the builder's errors; in every
    ///   case after removing what was staged.
    public func write(_ builder: TilePyramidBuilder) throws -> TilePyramidReport {
        try checkTargets()
        // Staging names carry this process's id: what a killed run left is removed here, what a
        // run still under way is writing is not.
        let staging = Self.aside(folder, Leftovers.prefix(for: folder.lastPathComponent))
        Leftovers.removeStale(prefix: ".\(folder.lastPathComponent).old-", in: folder.deletingLastPathComponent())
        let mbtilesStaging = mbtiles.map { Self.aside($0, Leftovers.prefix(for: $0.lastPathComponent)) }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            let report = try writeTiles(builder, into: staging, mbtiles: mbtilesStaging)
            try Self.swap(staging, into: folder)
            if let mbtilesStaging, let mbtiles {
                guard rename(mbtilesStaging.path, mbtiles.path) == 0 else {
                    throw ExportError(path: mbtiles.path, reason: "cannot move the finished MBTiles file into place: \(String(cString: strerror(errno)))")
                }
            }
            return report
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let mbtilesStaging {
                try? FileManager.default.removeItem(at: mbtilesStaging)
                try? FileManager.default.removeItem(atPath: mbtilesStaging.path + "-journal")
            }
            if error is ExportError || error is TilePyramidError { throw error }
            let domain = (error as NSError).domain
            if domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain {
                throw ExportError(path: folder.path, reason: "cannot write the pyramid: \(AtomicFile.reason(error))")
            }
            throw error
        }
    }

    /// Every tile, tiles.json and the viewer into `staging`; the MBTiles file at `mbtilesPath`.
    private func writeTiles(_ builder: TilePyramidBuilder, into staging: URL, mbtiles mbtilesPath: URL?) throws -> TilePyramidReport {
        let writer = try mbtilesPath.map { try MBTilesWriter(path: $0.path) }
        var pending: [(z: Int, x: Int, y: Int, data: [UInt8])] = []
        var madeFolders = Set<String>()
        let report = try builder.build { tile in
            let tileFolder = staging.appendingPathComponent("\(tile.id.z)/\(tile.id.x)")
            if madeFolders.insert(tileFolder.path).inserted {
                try FileManager.default.createDirectory(at: tileFolder, withIntermediateDirectories: true)
            }
            try writeFile(tile.json, to: tileFolder.appendingPathComponent("\(tile.id.y).json"))
            guard let writer else { return }
            pending.append((tile.id.z, tile.id.x, tile.id.y, mbtilesFormat == .json ? tile.json : try Gzip.compress(VectorTileEncoder.encode(tile.layers))))
            if pending.count >= 1000 {
                try writer.insert(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try writeFile(report.tileJSON, to: staging.appendingPathComponent("tiles.json"))
        for file in try ViewerFiles.all() { try Self.writePlain(file.bytes, to: staging.appendingPathComponent(file.name)) }
        if let writer {
            try writer.insert(pending)
            try writer.finish(metadata: mbtilesMetadata(report))
        }
        return report
    }

    /// A file of the pyramid, and its gzip'd copy when asked.
    private func writeFile(_ bytes: [UInt8], to url: URL) throws {
        try Self.writePlain(bytes, to: url)
        if gzip { try Self.writePlain(try Gzip.compress(bytes), to: url.appendingPathExtension("gz")) }
    }

    /// The MBTiles metadata: the report's, with the format and description of vector tiles for pbf.
    private func mbtilesMetadata(_ report: TilePyramidReport) -> [String: String] {
        var metadata = report.mbtilesMetadata
        guard mbtilesFormat == .pbf else { return metadata }
        metadata["format"] = "pbf"
        let title = metadata["description"]?.components(separatedBy: ". JSON tiles").first ?? ""
        metadata["description"] = "\(title). Mapbox Vector Tiles 2.1, gzip-compressed, extent \(TilePyramidOptions(minZoom: 0, maxZoom: 0).extent); the layers and their fields are in the json row's vector_layers."
        return metadata
    }

    /// A hidden name beside `url` for a staged or set-aside copy (`prefix` + process id + UUID);
    /// stale ones of killed runs are removed first.
    static func aside(_ url: URL, _ prefix: String) -> URL {
        Leftovers.removeStale(prefix: prefix, in: url.deletingLastPathComponent())
        return url.deletingLastPathComponent().appendingPathComponent(Leftovers.name(prefix: prefix))
    }

    static func checkWritableTarget(_ url: URL, isFolder: Bool) throws {
        let manager = FileManager.default
        let parent = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError(path: url.path, reason: "cannot write here: folder \(parent) does not exist")
        }
        guard manager.isWritableFile(atPath: parent) else { throw ExportError(path: url.path, reason: "cannot write here: folder \(parent) is not writable") }
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue != isFolder {
            throw ExportError(path: url.path, reason: isFolder ? "exists and is not a folder" : "is a folder")
        }
    }

    /// A file inside the staging folder (no rename of its own: the folder is swapped as a whole).
    static func writePlain(_ bytes: [UInt8], to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            throw ExportError(path: url.path, reason: "cannot write the file: \(String(cString: strerror(errno)))")
        }
    }

    /// Puts the finished folder `staging` in place of `target`: the old pyramid is moved aside
    /// first and removed only once the new one is in place (restored if that fails).
    static func swap(_ staging: URL, into target: URL) throws {
        var setAside: URL?
        if FileManager.default.fileExists(atPath: target.path) {
            let old = aside(target, ".\(target.lastPathComponent).old-")
            guard rename(target.path, old.path) == 0 else {
                throw ExportError(path: target.path, reason: "cannot move the previous pyramid aside: \(String(cString: strerror(errno)))")
            }
            setAside = old
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let setAside { _ = rename(setAside.path, target.path) }
            throw ExportError(path: target.path, reason: "cannot move the new pyramid into place: \(reason)")
        }
        if let setAside { try? FileManager.default.removeItem(at: setAside) }
    }
}
