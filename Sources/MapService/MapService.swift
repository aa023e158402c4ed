import BoundaryStore
import Cartography
import Foundation
import Hummingbird
import Logging
import Reference
import SpatialJoin
import SpatialQueries
import WebViewer

/// Everything `investmap serve` answers from: the store (one read-only connection shared by all
/// requests; GRDB serialises its use), the editions a request may read, the map specs, and the
/// caches of finished answers. The endpoints are in the extensions (viewer, tiles, maps, queries).
public final class MapService: Sendable {
    public let options: ServiceOptions
    let store: BoundaryStore
    let access: EditionAccess
    let reference: ReferenceTables
    /// Map specs by name (the file name without .json).
    let specs: [String: MapSpec]
    /// Finished answers (tiles.json, maps, query answers), by request.
    let resources: ResourceCache<Resource>
    /// Finished tiles, by edition and zoom (a zoom is made at once).
    let zoomTiles: ResourceCache<ZoomTiles>
    /// Query engines by edition and question, a few at a time: `near`'s point grids and the
    /// gap reports' builders (each used by one request at a time).
    let nearQueries: ResourceCache<Serialized<NearQuery>>
    let gapBuilders: ResourceCache<Serialized<GapReportBuilder>>
    /// `locate`'s point locators.
    let locator: LocateEngine
    /// Editions served from an MBTiles file, with the file's zooms.
    let tileFiles: [String: (reader: MBTilesReader, zooms: ClosedRange<Int>)]
    let viewerFiles: [String: [UInt8]]

    /// Opens the store read-only and reads the specs; fails before serving when either is bad.
    public init(options: ServiceOptions, logger: Logger) throws {
        self.options = options
        store = try BoundaryStore(path: options.storePath, readOnly: true)
        access = EditionAccess(store: store, token: options.draftToken)
        reference = try ReferenceTables.loadFromDefaultLocation()
        var specs: [String: MapSpec] = [:]
        if let folder = options.renderersFolder {
            for (name, spec) in try MapSpecFolder(url: folder).specs(reference: reference) { specs[name] = spec }
        }
        self.specs = specs
        // Tiles get most of the memory; answers and maps a quarter.
        resources = ResourceCache(capacity: options.cacheBytes / 4)
        zoomTiles = ResourceCache(capacity: options.cacheBytes - options.cacheBytes / 4)
        nearQueries = ResourceCache(capacity: 8)
        gapBuilders = ResourceCache(capacity: 8)
        locator = try LocateEngine(store: store, logger: logger)
        var tileFiles: [String: (reader: MBTilesReader, zooms: ClosedRange<Int>)] = [:]
        for (edition, path) in options.mbtiles.sorted(by: { $0.key < $1.key }) {
            _ = try store.edition(named: edition)
            let reader = try MBTilesReader(path: path)
            guard reader.metadata["format"] == "application/json" else {
                throw StoreError.unsupportedSchema(path: path, reason: "its tiles are \(reader.metadata["format"] ?? "of no stated format"); the service sends JSON tiles (write them with investmap tiles --mbtiles FILE, the default format)")
            }
            guard let low = reader.metadata["minzoom"].flatMap({ Int($0) }), let high = reader.metadata["maxzoom"].flatMap({ Int($0) }), low <= high else {
                throw StoreError.unsupportedSchema(path: path, reason: "its metadata has no minzoom and maxzoom")
            }
            tileFiles[edition] = (reader, low...high)
        }
        self.tileFiles = tileFiles
        viewerFiles = Dictionary(uniqueKeysWithValues: try ViewerFiles.all().map { ($0.name, $0.bytes) })
    }

    /// How long clients may keep a resource of `edition` (nil: not edition-bound, may change).
    func cacheControl(_ edition: Edition?) -> String {
        guard let edition else { return "no-cache" }
        return edition.status == .published ? "public, max-age=\(options.maxAge), immutable" : "private, no-cache"
    }

    /// How long the server keeps an answer of `edition` (nil: until space is needed).
    func serverLifetime(_ edition: Edition) -> Double? {
        edition.status == .published ? nil : options.draftCacheSeconds
    }

    /// A cached answer of `edition` under `key`, made by `make` when missing.
    func resource(_ key: String, edition: Edition, contentType: String,
                  make: @escaping @Sendable () throws -> [UInt8]) async throws -> Resource {
        let control = cacheControl(edition)
        return try await resources.value("\(edition.name)|\(edition.status.rawValue)|\(key)", expiresAfter: serverLifetime(edition),
                                         timeout: options.requestTimeout, cost: \.cost) {
            Resource(bytes: try make(), contentType: contentType, cacheControl: control)
        }
    }
}

extension MapService {
    /// What the caches of answers and tiles hold together.
    public var cacheUsage: (bytes: Int, entries: Int) {
        let answers = resources.usage, tiles = zoomTiles.usage
        return (answers.bytes + tiles.bytes, answers.entries + tiles.entries)
    }
}
