import Foundation

/// How `investmap serve` runs: where the store and the map specs are, who may read drafts, and
/// the limits that keep one client from exhausting the server.
public struct ServiceOptions: Sendable {
    /// The GeoPackage (opened read-only).
    public var storePath: String
    public var host: String
    public var port: Int
    /// The bearer token that opens draft editions; nil: drafts are never served.
    public var draftToken: String?
    /// The map specs served at `/editions/{E}/maps/{spec}.svg` (the repository's `Renderers`).
    public var renderersFolder: URL?
    /// An absolute address the service is reached at (`https://maps.example.org/`): TileJSON's
    /// tile URLs start with it. Nil: they are relative to `tiles.json`.
    public var publicURL: String?
    /// Bytes the in-memory caches (tiles, maps, answers) may hold together.
    public var cacheBytes: Int
    /// A request whose work takes longer gets a 503 answer (the work is not cut short).
    public var requestTimeout: Duration
    /// Connections idle this long are closed.
    public var idleTimeout: Duration
    /// `Cache-Control: max-age` of published editions' resources, in seconds.
    public var maxAge: Int
    /// Seconds a draft edition's tiles, maps and answers are reused before they are made again.
    public var draftCacheSeconds: Double
    /// The zooms of the tile pyramid.
    public var minZoom: Int
    public var maxZoom: Int
    /// Editions whose tiles come from an MBTiles file of JSON tiles (`investmap tiles --mbtiles`)
    /// instead of being made on demand: edition name → file.
    public var mbtiles: [String: String]
    /// The largest request head (request line and header fields) accepted; larger gets 431.
    public var maxHeaderBytes: Int
    /// Expensive answers (queries, maps, tiles.json) made at once, and how many more may wait
    /// their turn; beyond that a request gets 503 with Retry-After at once. Gap reports take
    /// turns of their own, as many at once, with `reportQueue` waiting.
    public var queryWorkers: Int
    public var queryQueue: Int
    public var reportQueue: Int
    /// Tiles made at once (a tile not yet in memory), and how many more may wait.
    public var tileWorkers: Int
    public var tileQueue: Int

    public init(storePath: String, host: String = "127.0.0.1", port: Int = 8080, draftToken: String? = nil, renderersFolder: URL? = nil,
                publicURL: String? = nil, cacheBytes: Int = 512 << 20, requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
                maxAge: Int = 86_400, draftCacheSeconds: Double = 10, minZoom: Int = 4, maxZoom: Int = 10, mbtiles: [String: String] = [:],
                maxHeaderBytes: Int = 16 * 1024, queryWorkers: Int = ServiceOptions.defaultWorkers, queryQueue: Int = 16, reportQueue: Int = 4,
                tileWorkers: Int = ServiceOptions.defaultWorkers, tileQueue: Int = 256) {
        self.storePath = storePath
        self.host = host
        self.port = port
        self.draftToken = draftToken
        self.renderersFolder = renderersFolder
        self.publicURL = publicURL
        self.cacheBytes = cacheBytes
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxAge = maxAge
        self.draftCacheSeconds = draftCacheSeconds
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.mbtiles = mbtiles
        self.maxHeaderBytes = maxHeaderBytes
        self.queryWorkers = queryWorkers
        self.queryQueue = queryQueue
        self.reportQueue = reportQueue
        self.tileWorkers = tileWorkers
        self.tileQueue = tileQueue
    }

    /// Half the processors (at least one), so that expensive work of one kind never takes the
    /// whole machine from the connections and the other kind.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }
}
