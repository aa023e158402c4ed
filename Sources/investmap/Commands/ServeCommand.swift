import ArgumentParser
import Cartography
import Foundation
import Logging
import MapService
import NIOCore

/// `investmap serve`: the HTTP service (tiles, maps and queries of every published edition).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the viewer, tiles, maps and queries of the store's editions over HTTP.",
        discussion: """
        Routes: / (the viewer of the latest published edition), /editions (JSON), \
        /editions/{E}/ (its viewer), /editions/{E}/tiles.json, /editions/{E}/tiles/{z}/{x}/{y}.json, \
        /editions/{E}/maps/{spec}.svg (the specs of Renderers/), /api/locate?lon=&lat=, \
        /api/near?lon=&lat=&km=, /api/stats?level=&metric=, /api/gaps?bureau= (the CLI's queries \
        and answers; see the README). Published editions are public and immutable (strong ETag, \
        Cache-Control: public, max-age); drafts need Authorization: Bearer <token>, the token \
        given by --token-file or $INVESTMAP_DRAFT_TOKEN (none given: drafts are never served). \
        Errors are JSON. One log line per request on standard error. SIGTERM or SIGINT stops \
        the server after the requests under way are answered.
        """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port (0: any free port; the chosen one is printed).") var port = 8080
    @Option(help: "A file holding the bearer token that opens draft editions (else $INVESTMAP_DRAFT_TOKEN).") var tokenFile: String?
    @Option(help: "The folder of map specs (default: the repository's Renderers).") var renderers: String?
    @Option(help: "The address the service is reached at, for absolute tile URLs in tiles.json (e.g. https://maps.example.org/).")
    var publicURL: String?
    @Option(help: "The lowest zoom of the tile pyramid.") var minzoom = 4
    @Option(help: "The highest zoom of the tile pyramid (the store needs its simplified tile scales; see investmap simplify).") var maxzoom = 10
    @Option(help: ArgumentHelp("Serve an edition's tiles from an MBTiles file of JSON tiles (investmap tiles --mbtiles) instead of making them; repeatable.",
                               valueName: "EDITION=FILE"))
    var mbtiles: [String] = []
    @Option(help: "Megabytes for everything the server keeps: finished tiles, maps and answers (3/4) and what they are made from (1/4); see the README.")
    var cacheMb = 512
    @Option(help: "Queries, maps and tiles.json made at once (default: half the processors); 16 more wait, the rest get 503.") var queryWorkers: Int?
    @Option(help: "Tiles made at once (default: half the processors); 256 more wait, the rest get 503.") var tileWorkers: Int?
    @Option(help: "Seconds a request may wait for its answer to be made (then 503).") var timeout = 30.0
    @Option(help: "trace, debug, info, notice, warning or error.") var logLevel = "info"
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (0...22).contains(minzoom), (0...22).contains(maxzoom), minzoom <= maxzoom else {
            throw ValidationError("--minzoom and --maxzoom must be 0…22 with minzoom ≤ maxzoom, got \(minzoom)…\(maxzoom)")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard cacheMb >= 16, cacheMb <= 1 << 20 else { throw ValidationError("--cache-mb must be at least 16, got \(cacheMb)") }
        for (name, value) in [("--query-workers", queryWorkers), ("--tile-workers", tileWorkers)] where !(1...256).contains(value ?? 1) {
            throw ValidationError("\(name) must be 1…256, got \(value!)")
        }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be 0…3600 seconds, got \(timeout)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be trace, debug, info, notice, warning or error") }
        for item in mbtiles where !item.contains("=") || item.hasPrefix("=") || item.hasSuffix("=") {
            throw ValidationError("--mbtiles takes EDITION=FILE, got '\(item)'")
        }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError("--public-url must be an absolute http(s) address, got '\(publicURL)'")
        }
    }

    func run() async throws {
        let token = try draftToken()
        if !FileManager.default.fileExists(atPath: store.path) {
            throw CLIError("\(store.path): no store here; run `investmap import boundaries FILE… --db \(store.path)` first")
        }
        // Structured lines (key=value metadata) on standard error; standard output only says where it listens.
        LoggingSystem.bootstrap { LogfmtLogHandler(label: $0) }
        var logger = Logger(label: "investmap.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel)!
        let renderersFolder = try renderers.map { URL(fileURLWithPath: $0) } ?? MapSpecFolder.repositoryDefault().url
        let options = ServiceOptions(storePath: store.path, host: host, port: port, draftToken: token, renderersFolder: renderersFolder,
                                     publicURL: publicURL, cacheBytes: cacheMb << 20, requestTimeout: .milliseconds(Int(timeout * 1000)),
                                     minZoom: minzoom, maxZoom: maxzoom, mbtiles: try tileFiles(),
                                     queryWorkers: queryWorkers ?? ServiceOptions.defaultWorkers, tileWorkers: tileWorkers ?? ServiceOptions.defaultWorkers)
        let service = try MapService(options: options, logger: logger)
        let app = MapServer.application(service, logger: logger) { channel in
            let port = channel.localAddress?.port ?? options.port
            // The line scripts and tests wait for.
            FileHandle.standardOutput.write(Data("investmap serve: listening on http://\(options.host):\(port)\n".utf8))
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CLIError("cannot listen on \(host):\(port): the address is in use (another server? choose --port)")
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            throw CLIError("cannot listen on \(host):\(port): \(error.errnoCode == EACCES ? "permission denied" : "not an address of this machine")")
        }
        logger.notice("stopped")
    }

    /// --mbtiles as edition → file (an edition given twice is an error).
    func tileFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        for item in mbtiles {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard files[parts[0]] == nil else { throw CLIError("--mbtiles: edition \(parts[0]) given twice") }
            files[parts[0]] = parts[1]
        }
        return files
    }

    /// The draft token: --token-file (its first line), else $INVESTMAP_DRAFT_TOKEN; nil when neither.
    func draftToken() throws -> String? {
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else { throw CLIError("\(tokenFile): cannot read the token file") }
            let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard token.count >= 16 else { throw CLIError("\(tokenFile): the token must have at least 16 characters") }
            return token
        }
        if let token = ProcessInfo.processInfo.environment["INVESTMAP_DRAFT_TOKEN"], !token.isEmpty {
            guard token.count >= 16 else { throw CLIError("INVESTMAP_DRAFT_TOKEN: the token must have at least 16 characters") }
            return token
        }
        return nil
    }
}
