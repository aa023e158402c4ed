// swift-tools-version:6.1
import PackageDescription

// Layers, one way (each target's dependencies are exactly what it imports):
//   CGEOS (C) → GeoCore (geometry values, geodesy, GEOS bridge) → GeoFormats (GeoJSON, TopoJSON,
//   zip and CSV readers; JSON/GeoJSON/TopoJSON writers; the atomic file writer) → Reference (the
//   GeoData tables; the vocabulary of levels, metrics, statuses and filters) → Ledger (projects
//   and cluster sites: model, readers, synth) → BoundaryStore (the GeoPackage: units, ledger,
//   editions; MBTiles) → BoundaryImport, SpatialJoin, LedgerStatistics → LedgerImport,
//   SpatialQueries. Cartography (classification, palettes, projections, SVG maps, tiles) draws
//   and depends on GeoCore, GeoFormats and Reference only; MapData reads what it draws from the
//   store (maps, gap maps, tile data, the tile-pyramid writer). Gzip and WebViewer are leaves.
//   QueryOutput (answers as JSON/GeoJSON/CSV/table) → MapService (HTTP) → investmap (CLI).
//   Only the executable imports ArgumentParser; only MapService and the executable Hummingbird/NIO.
let package = Package(
    name: "investmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "investmap", targets: ["investmap"]),
        .library(name: "InvestmapCore", targets: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore", "BoundaryImport", "SpatialJoin", "Ledger", "LedgerImport", "LedgerStatistics", "SpatialQueries", "Cartography", "MapData", "Gzip", "WebViewer", "QueryOutput", "MapService", "Geocoding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // The HTTP service (`investmap serve`); without swift-configuration support, which it does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .target(name: "GeoCore", dependencies: ["CGEOS"]),
        .target(name: "GeoFormats", dependencies: ["GeoCore", "ZIPFoundation"]),
        .target(name: "Reference", dependencies: ["GeoFormats"]),
        .target(name: "Ledger", dependencies: ["GeoCore", "GeoFormats", "Reference"]),
        // Japanese addresses to 町丁目/大字 points and municipalities (Geolonia town points); Foundation only.
        .target(name: "Geocoding"),
        .target(name: "BoundaryStore", dependencies: ["GeoCore", "Reference", "Ledger", .product(name: "GRDB", package: "GRDB.swift"),
                                                    .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "BoundaryImport", dependencies: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore"]),
        .target(name: "SpatialJoin", dependencies: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore"]),
        .target(name: "LedgerStatistics", dependencies: ["GeoCore", "Reference", "Ledger", "BoundaryStore"]),
        // Distance queries and the bureaus' coverage-gap reports (geodesic, GRS80).
        .target(name: "SpatialQueries", dependencies: ["GeoCore", "GeoFormats", "Reference", "Ledger", "BoundaryStore", "LedgerStatistics"]),
        .target(name: "Gzip", dependencies: [.product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio")]),
        // Drawing only: classification, palettes, projections, SVG maps, tiles. No store.
        .target(name: "Cartography", dependencies: ["GeoCore", "GeoFormats", "Reference"]),
        // What the maps and tiles draw, read from the store; the tile-pyramid writer.
        .target(name: "MapData", dependencies: ["GeoCore", "GeoFormats", "Reference", "Ledger", "BoundaryStore", "LedgerStatistics", "Cartography", "Gzip", "WebViewer"]),
        // The web viewer (index.html and its script) that `investmap tiles` writes beside the pyramid.
        .target(name: "WebViewer", resources: [.copy("Files")]),
        // What a query answers, as JSON, GeoJSON, CSV or a table: one form for the CLI and the HTTP service.
        .target(name: "QueryOutput", dependencies: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore", "SpatialJoin", "LedgerStatistics", "SpatialQueries", "Cartography"]),
        // The HTTP service: tiles, maps and queries of every edition (Hummingbird 2).
        .target(name: "MapService", dependencies: [
            "GeoCore", "GeoFormats", "Reference", "BoundaryStore", "SpatialJoin", "LedgerStatistics", "SpatialQueries", "Cartography", "MapData", "Gzip", "WebViewer", "QueryOutput",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .target(name: "LedgerImport", dependencies: [
            "GeoCore", "GeoFormats", "Reference", "Ledger", "BoundaryStore", "SpatialJoin", "LedgerStatistics", "Geocoding",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "investmap",
            dependencies: [
                "GeoCore", "GeoFormats", "Reference", "Ledger", "BoundaryStore", "BoundaryImport", "SpatialJoin", "LedgerImport", "LedgerStatistics", "SpatialQueries", "Cartography", "MapData", "QueryOutput", "MapService", "Geocoding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Helpers every test target may share: the repository's paths and the committed fixtures
        // (Tests/Fixtures), the shared data that fails rather than skips under CI, temporary
        // folders, golden files, fixtures made once per run, running a program, a seeded
        // generator, an XML reader. Depends on no target of the package.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The store the store-based unit tests read: the committed fixture imported once per run,
        // writable copies, hand-made ledgers, known places.
        .target(name: "TestStores", dependencies: ["TestSupport", "GeoCore", "Reference", "Ledger", "BoundaryStore", "BoundaryImport", "LedgerImport", "LedgerStatistics", "SpatialQueries"],
                path: "Tests/TestStores"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"]),
        .testTarget(name: "GeoFormatsTests", dependencies: ["GeoCore", "GeoFormats", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "GeocodingTests", dependencies: ["Geocoding", "TestSupport"]),
        .testTarget(name: "ReferenceTests", dependencies: ["GeoFormats", "Reference", "TestSupport"]),
        .testTarget(name: "CartographyTests", dependencies: ["Cartography", "GeoCore", "GeoFormats", "Reference", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "LedgerTests", dependencies: ["GeoCore", "GeoFormats", "Ledger", "Reference", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "BoundaryStoreTests", dependencies: ["BoundaryImport", "BoundaryStore", "GeoCore", "GeoFormats", "Reference", "TestSupport"]),
        // Unit tests of the library targets with logic, on the committed fixture (no shared data).
        .testTarget(name: "BoundaryImportTests", dependencies: ["BoundaryImport", "BoundaryStore", "GeoCore", "Reference", "TestStores", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SpatialJoinTests", dependencies: ["BoundaryStore", "GeoCore", "SpatialJoin", "TestStores", "TestSupport"]),
        .testTarget(name: "LedgerImportTests", dependencies: ["BoundaryStore", "Ledger", "LedgerImport", "TestStores", "TestSupport",
                                                               .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "LedgerStatisticsTests", dependencies: ["BoundaryStore", "LedgerImport", "LedgerStatistics", "Reference", "TestStores", "TestSupport"]),
        .testTarget(name: "SpatialQueriesTests", dependencies: ["BoundaryStore", "GeoCore", "LedgerStatistics", "Reference", "SpatialQueries", "TestStores", "TestSupport"]),
        .testTarget(name: "QueryOutputTests", dependencies: ["BoundaryStore", "Cartography", "GeoCore", "GeoFormats", "LedgerStatistics", "QueryOutput", "SpatialJoin", "SpatialQueries", "TestStores", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "MapServiceTests", dependencies: [
            "BoundaryStore", "Cartography", "MapData", "MapService", "QueryOutput", "SpatialJoin", "TestStores", "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The CLI run as a user runs it, and the HTTP service (in process with HummingbirdTesting,
        // and as the real `investmap serve`) checked against the CLI's answers.
        .testTarget(name: "InvestmapCLITests", dependencies: [
            "BoundaryStore", "GeoCore", "GeoFormats", "MapService", "Reference", "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
