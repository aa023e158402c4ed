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
    /// Finished answers (tiles, tiles.json, maps, query answers), by request: three quarters of
    /// `--cache-mb`; an answer over a sixteenth of that is sent but not kept.
    let resources: ResourceCache<Resource>
    /// What answers are made from, by edition and question (tile makers, `near`'s point grids,
    /// the gap reports' builders): the last quarter, each counted at its estimated size.
    let engines: ResourceCache<Engine>
    /// Expensive work at once, each kind in its own turns so that none starves another: queries,
    /// maps and tiles.json; gap reports (the heaviest by far); tiles not yet in memory.
    let queryWork: WorkLimiter
    let reportWork: WorkLimiter
    let tileWork: WorkLimiter
    /// Clients that send wrong tokens, slowed down.
    let throttle = TokenThrottle()
    /// `locate`'s point locators.
    let locator: LocateEngine
    /// Editions served from an MBTiles file, with the file's zooms.
    let tileFiles: [String: (reader: MBTilesReader, zooms: ClosedRange<Int>)]
    let viewerFiles: [String: [UInt8]]

    /// Opens the store read-only and reads the specs; fails before serving when either is bad.
    public init(options: ServiceOptions, logger: Logger) throws {
        self.options = options
        ProcessMemory.limitArenas()
        store = try BoundaryStore(path: options.storePath, readOnly: true)
        access = EditionAccess(store: store, token: options.draftToken)
        reference = try ReferenceTables.loadFromDefaultLocation()
        var specs: [String: MapSpec] = [:]
        if let folder = options.renderersFolder {
            for (name, spec) in try MapSpecFolder(url: folder).specs(reference: reference) { specs[name] = spec }
        }
        self.specs = specs
        let answerBytes = options.cacheBytes - options.cacheBytes / 4
        resources = ResourceCache(capacity: answerBytes, largestEntry: answerBytes / 16)
        engines = ResourceCache(capacity: options.cacheBytes / 4)
        queryWork = WorkLimiter(name: "queries", concurrent: options.queryWorkers, queued: options.queryQueue)
        reportWork = WorkLimiter(name: "gap reports", concurrent: options.queryWorkers, queued: options.reportQueue)
        tileWork = WorkLimiter(name: "tiles", concurrent: options.tileWorkers, queued: options.tileQueue)
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

    /// Where the answers cache keeps the answer of `edition` under `key`.
    func resourceKey(_ key: String, edition: Edition) -> String { "\(edition.name)|\(edition.status.rawValue)|\(key)" }

    /// A cached answer of `edition` under `key`, made by `make` when missing, in its turn
    /// among the expensive work of its kind (queries by default).
    func resource(_ key: String, edition: Edition, contentType: String, limiter: WorkLimiter? = nil,
                  make: @escaping @Sendable () throws -> [UInt8]) async throws -> Resource {
        let control = cacheControl(edition)
        return try await resources.value(resourceKey(key, edition: edition), expiresAfter: serverLifetime(edition),
                                         timeout: options.requestTimeout, limiter: limiter ?? queryWork, cost: \.cost) {
            Resource(bytes: try make(), contentType: contentType, cacheControl: control)
        }
    }
}

/// What the service makes answers from, kept per edition and question.
enum Engine: Sendable {
    case tiles(TileMaker)
    case near(Serialized<NearQuery>)
    case gaps(Serialized<GapReportBuilder>)

    /// Bytes counted against the cache; a gap builder's with the room its geometries may take.
    var cost: Int {
        switch self {
        case .tiles(let maker): maker.heldBytes
        case .near(let query): query.with(\.heldBytes)
        case .gaps(let builder): builder.with { $0.heldBytes + ($0.geometryBudgetBytes == .max ? 0 : $0.geometryBudgetBytes) }
        }
    }
}

extension MapService {
    /// The engine under `key`, made by `make` when missing (in its turn under `limiter`).
    func engine(_ key: String, edition: Edition, limiter: WorkLimiter, make: @escaping @Sendable () throws -> Engine) async throws -> Engine {
        try await engines.value("\(edition.name)|\(edition.status.rawValue)|\(key)", expiresAfter: serverLifetime(edition),
                                timeout: options.requestTimeout, limiter: limiter, cost: \.cost, make: make)
    }

    /// What the caches of answers and engines hold together.
    public var cacheUsage: (bytes: Int, entries: Int) {
        let answers = resources.usage, made = engines.usage
        return (answers.bytes + made.bytes, answers.entries + made.entries)
    }

    /// The expensive work under way: running, waiting and refused so far, per kind.
    public var workUsage: [String: (running: Int, waiting: Int, refused: Int)] {
        [queryWork.name: queryWork.usage, reportWork.name: reportWork.usage, tileWork.name: tileWork.usage]
    }
}
