import BoundaryStore
import Foundation
import Reference
import TestSupport
import XCTest

/// GDAL must open the store cleanly and see every layer with the right count and geometry type.
/// Needs ogrinfo and ogr2ogr (gdal-bin, which the scripts install): skipped without them, a
/// failure under CI.
final class OGRInfoTests: XCTestCase {
    /// GDAL must open the file without a single warning.
    private func unexpectedWarnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    func testGDALSeesEveryLayer() throws {
        let ogrinfo = try TestData.tool("ogrinfo", package: "gdal-bin")
        let path = try TemporaryFolder.url(for: self).appendingPathComponent("gdal.gpkg").path
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: StoreFixtures.sources,
                                    units: StoreFixtures.units(), report: StoreFixtures.report)

        let listing = try Program.run(ogrinfo, [path])
        XCTAssertEqual(listing.status, 0, listing.errors)
        XCTAssertEqual(unexpectedWarnings(listing.errors), [], listing.errors)
        for level in UnitLevel.allCases {
            XCTAssertTrue(listing.output.contains(": \(level.tableName) (Multi Polygon)"), "\(level.tableName) in\n\(listing.output)")
        }
        for table in ["boundary_imports", "import_report"] {
            XCTAssertTrue(listing.output.contains(": \(table)"), "\(table) in\n\(listing.output)")
        }

        let summary = try Program.run(ogrinfo, ["-so", "-al", path])
        XCTAssertEqual(summary.status, 0, summary.errors)
        XCTAssertEqual(unexpectedWarnings(summary.errors), [], summary.errors)
        let layers = Self.parseLayers(summary.output)
        for level in UnitLevel.allCases {
            let layer = layers[level.tableName]
            XCTAssertEqual(layer?.geometry, "Multi Polygon", level.tableName)
            XCTAssertEqual(layer?.featureCount, StoreFixtures.counts[level], level.tableName)
        }
        XCTAssertEqual(layers["boundary_imports"]?.featureCount, StoreFixtures.sources.count)
        XCTAssertEqual(layers["import_report"]?.featureCount, StoreFixtures.report.count)
        XCTAssertEqual(layers["boundary_imports"]?.geometry, "None")

        // GDAL reads the geometries and attributes back: feature 1 of the wards.
        let feature = try Program.run(ogrinfo, ["-q", "-fid", "1", path, "wards"])
        XCTAssertEqual(unexpectedWarnings(feature.errors), [], feature.errors)
        XCTAssertTrue(feature.output.contains("code (String) = 01100"), feature.output)
        XCTAssertTrue(feature.output.contains("MULTIPOLYGON (((130 30,130.1 30"), feature.output)
    }

    func testAddsItsLayersToAGeoPackageWrittenByGDAL() throws {
        let ogrinfo = try TestData.tool("ogrinfo", package: "gdal-bin"), ogr2ogr = try TestData.tool("ogr2ogr", package: "gdal-bin")
        let path = try TemporaryFolder.url(for: self).appendingPathComponent("gdal-made.gpkg").path
        let made = try Program.run(ogr2ogr, [
            "-f", "GPKG", path, "-nln", "sites", "-a_srs", "EPSG:4326", "-dialect", "sqlite",
            "-sql", "SELECT 1 AS id, MakePoint(139.7, 35.7) AS geom", ":memory:",
        ])
        XCTAssertEqual(made.status, 0, "ogr2ogr makes the GeoPackage the store is added to: \(made.errors)")
        guard made.status == 0 else { return }

        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: StoreFixtures.units(), report: [])
        XCTAssertEqual(try store.count(.ward), 20)

        let summary = try Program.run(ogrinfo, ["-so", "-al", path])
        XCTAssertEqual(summary.status, 0, summary.errors)
        XCTAssertEqual(unexpectedWarnings(summary.errors), [], summary.errors)
        let layers = Self.parseLayers(summary.output)
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
