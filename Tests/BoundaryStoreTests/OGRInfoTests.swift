import BoundaryStore
import Foundation
import Reference
import XCTest

/// GDAL must open the store cleanly and see every layer with the right count and geometry type.
/// Skipped only when ogrinfo is not installed (the project's setup script installs gdal-bin).
final class OGRInfoTests: XCTestCase {
    /// GDAL must open the file without a single warning.
    private func unexpectedWarnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    func testGDALSeesEveryLayer() throws {
        let ogrinfo = StoreFixtures.which("ogrinfo")
        try XCTSkipIf(ogrinfo == nil, "ogrinfo (gdal-bin) not installed")
        let path = try StoreFixtures.temporaryFolder(self).appendingPathComponent("gdal.gpkg").path
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: StoreFixtures.sources,
                                    units: StoreFixtures.units(), report: StoreFixtures.report)

        let listing = try StoreFixtures.run(ogrinfo!, [path])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        XCTAssertEqual(unexpectedWarnings(listing.stderr), [], listing.stderr)
        for level in UnitLevel.allCases {
            XCTAssertTrue(listing.stdout.contains(": \(level.tableName) (Multi Polygon)"), "\(level.tableName) in\n\(listing.stdout)")
        }
        for table in ["boundary_imports", "import_report"] {
            XCTAssertTrue(listing.stdout.contains(": \(table)"), "\(table) in\n\(listing.stdout)")
        }

        let summary = try StoreFixtures.run(ogrinfo!, ["-so", "-al", path])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertEqual(unexpectedWarnings(summary.stderr), [], summary.stderr)
        let layers = Self.parseLayers(summary.stdout)
        for level in UnitLevel.allCases {
            let layer = layers[level.tableName]
            XCTAssertEqual(layer?.geometry, "Multi Polygon", level.tableName)
            XCTAssertEqual(layer?.featureCount, StoreFixtures.counts[level], level.tableName)
        }
        XCTAssertEqual(layers["boundary_imports"]?.featureCount, StoreFixtures.sources.count)
        XCTAssertEqual(layers["import_report"]?.featureCount, StoreFixtures.report.count)
        XCTAssertEqual(layers["boundary_imports"]?.geometry, "None")

        // GDAL reads the geometries and attributes back: feature 1 of the wards.
        let feature = try StoreFixtures.run(ogrinfo!, ["-q", "-fid", "1", path, "wards"])
        XCTAssertEqual(unexpectedWarnings(feature.stderr), [], feature.stderr)
        XCTAssertTrue(feature.stdout.contains("code (String) = 01100"), feature.stdout)
        XCTAssertTrue(feature.stdout.contains("MULTIPOLYGON (((130 30,130.1 30"), feature.stdout)
    }

    func testAddsItsLayersToAGeoPackageWrittenByGDAL() throws {
        let ogrinfo = StoreFixtures.which("ogrinfo"), ogr2ogr = StoreFixtures.which("ogr2ogr")
        try XCTSkipIf(ogrinfo == nil || ogr2ogr == nil, "ogrinfo/ogr2ogr (gdal-bin) not installed")
        let path = try StoreFixtures.temporaryFolder(self).appendingPathComponent("gdal-made.gpkg").path
        let made = try StoreFixtures.run(ogr2ogr!, [
            "-f", "GPKG", path, "-nln", "sites", "-a_srs", "EPSG:4326", "-dialect", "sqlite",
            "-sql", "SELECT 1 AS id, MakePoint(139.7, 35.7) AS geom", ":memory:",
        ])
        try XCTSkipIf(made.status != 0, "ogr2ogr could not make a fixture: \(made.stderr)")

        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: StoreFixtures.units(), report: [])
        XCTAssertEqual(try store.count(.ward), 20)

        let summary = try StoreFixtures.run(ogrinfo!, ["-so", "-al", path])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertEqual(unexpectedWarnings(summary.stderr), [], summary.stderr)
        let layers = Self.parseLayers(summary.stdout)
        XCTAssertEqual(layers["sites"]?.featureCount, 1, "GDAL's own layer kept")
        XCTAssertEqual(layers["wards"]?.featureCount, 20)
    }

    /// Layer name → (geometry, feature count) from `ogrinfo -so -al`.
    static func parseLayers(_ output: String) -> [String: (geometry: String, featureCount: Int)] {
        var layers: [String: (geometry: String, featureCount: Int)] = [:]
        var current: String?
        var geometry = ""
        for line in output.split(separator: "\n") {
            if line.hasPrefix("Layer name: ") {
                current = String(line.dropFirst("Layer name: ".count))
                geometry = ""
            } else if line.hasPrefix("Geometry: ") {
                geometry = String(line.dropFirst("Geometry: ".count))
            } else if line.hasPrefix("Feature Count: "), let name = current {
                layers[name] = (geometry, Int(line.dropFirst("Feature Count: ".count)) ?? -1)
            }
        }
        return layers
    }
}
