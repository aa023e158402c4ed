// swift-tools-version:6.1
import PackageDescription

// Layers, one way: CGEOS (C) → GeoCore (geometry values + GEOS bridge) → GeoFormats (readers)
// → Reference (GeoData tables) → Ledger (investment projects and cluster sites: model, readers)
// → BoundaryStore (GeoPackage) → BoundaryImport / SpatialJoin → LedgerImport / LedgerStatistics
// → Cartography (classification, palettes, projections, SVG maps, tiles; Gzip) → investmap (CLI, with
// WebViewer's page). Only the executable imports ArgumentParser.
let package = Package(
    name: "investmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "investmap", targets: ["investmap"]),
        .library(name: "InvestmapCore", targets: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore", "BoundaryImport", "SpatialJoin", "Ledger", "LedgerImport", "LedgerStatistics", "SpatialQueries", "Cartography", "Gzip", "WebViewer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .target(name: "GeoCore", dependencies: ["CGEOS"]),
        .target(name: "GeoFormats", dependencies: ["GeoCore", "ZIPFoundation"]),
        .target(name: "Reference", dependencies: ["GeoCore"]),
        .target(name: "Ledger", dependencies: ["GeoCore", "GeoFormats", "Reference"]),
        .target(name: "BoundaryStore", dependencies: ["GeoCore", "Reference", "Ledger", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "BoundaryImport", dependencies: ["GeoCore", "GeoFormats", "Reference", "BoundaryStore"]),
        .target(name: "SpatialJoin", dependencies: ["GeoCore", "Reference", "Ledger", "BoundaryStore"]),
        .target(name: "LedgerStatistics", dependencies: ["GeoCore", "Ledger", "BoundaryStore"]),
        // Distance queries and the bureaus' coverage-gap reports (geodesic, GRS80).
        .target(name: "SpatialQueries", dependencies: ["GeoCore", "Reference", "Ledger", "BoundaryStore", "LedgerStatistics"]),
        .target(name: "Gzip", dependencies: [.product(name: "CompressNIO", package: "compress-nio")]),
        .target(name: "Cartography", dependencies: ["GeoCore", "Reference", "Ledger", "BoundaryStore", "LedgerStatistics", "Gzip"]),
        // The web viewer (index.html and its script) that `investmap tiles` writes beside the pyramid.
        .target(name: "WebViewer", resources: [.copy("Files")]),
        .target(name: "LedgerImport", dependencies: [
            "GeoCore", "Reference", "Ledger", "BoundaryStore", "SpatialJoin", "LedgerStatistics",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "investmap",
            dependencies: [
                "GeoCore", "GeoFormats", "Reference", "Ledger", "BoundaryStore", "BoundaryImport", "SpatialJoin", "LedgerImport", "LedgerStatistics", "SpatialQueries", "Cartography", "Gzip", "WebViewer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore"]),
        .testTarget(name: "GeoFormatsTests", dependencies: ["GeoFormats"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference"]),
        .testTarget(name: "CartographyTests", dependencies: ["Cartography", "GeoCore"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Reference", "GeoCore"]),
        .testTarget(name: "BoundaryStoreTests", dependencies: ["BoundaryStore", "BoundaryImport"]),
        .testTarget(name: "InvestmapCLITests", dependencies: ["GeoCore", "Reference"]),
    ]
)
