import Foundation
import TestSupport
import XCTest

/// GeoData/sources.json: well formed, and every dataset it lists matches the shared folder
/// byte for byte (size and SHA-256).
final class SourcesManifestTests: XCTestCase {
    private struct Manifest: Decodable {
        struct Dataset: Decodable {
            let id: String
            let shared_path: String
            let sha256: String
            let bytes: Int
            let format: String
            let edition: String
            let license: String
            let attribution: String?
            let public_url: String?
            let note: String?
        }
        let default_boundaries: String
        let datasets: [Dataset]
    }

    private func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: TestPaths.geoData.appendingPathComponent("sources.json")))
    }

    func testManifestIsConsistent() throws {
        let manifest = try manifest()
        let ids = manifest.datasets.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate ids")
        XCTAssertTrue(ids.contains(manifest.default_boundaries))
        XCTAssertEqual(manifest.default_boundaries, "n03_2022_fullres")
        for dataset in manifest.datasets {
            XCTAssertEqual(dataset.sha256.count, 64, dataset.id)
            XCTAssertTrue(dataset.sha256.allSatisfy(\.isHexDigit), dataset.id)
            XCTAssertGreaterThan(dataset.bytes, 0, dataset.id)
            if dataset.public_url == nil {
                XCTAssertFalse(dataset.note?.isEmpty ?? true, "\(dataset.id): no public_url, so a note must say how it was made")
            } else {
                XCTAssertTrue(dataset.public_url!.hasPrefix("https://"), dataset.id)
            }
            if dataset.shared_path.hasPrefix("geodata/") {
                XCTAssertEqual(dataset.attribution, "国土数値情報（行政区域データ）（国土交通省）を加工して作成", dataset.id)
            }
        }
        for path in ["geodata/N03-21_210101_s0010.topojson", "geodata/N03-21_210101_s0010_prefectures.topojson",
                     "geodata/N03-22_220101_fullres.geojson.xz", "geodata/N03-22_220101_fullres.MISSING.tsv",
                     "points/town_points.csv.xz", "points/town_points_sample10k.csv",
                     "reference/population_2020_census.csv", "reference/area_2015_census.csv", "reference/meti_bureaus.csv"] {
            XCTAssertTrue(manifest.datasets.contains { $0.shared_path == path }, "\(path) missing from sources.json")
        }
    }

    func testManifestMatchesSharedFiles() throws {
        let manifest = try manifest()
        for dataset in manifest.datasets {
            let url = try TestData.sharedFile(dataset.shared_path, decompress: false)
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
            XCTAssertEqual(size, dataset.bytes, dataset.id)
            XCTAssertEqual(try sha256(of: url), dataset.sha256, dataset.id)
        }
    }

    /// SHA-256 through the system tool: Foundation on Linux has no digest API and the Reference
    /// module takes no dependency for it.
    private func sha256(of url: URL) throws -> String {
        #if os(macOS)
        let result = try Program.run("shasum", ["-a", "256", url.path])
        #else
        let result = try Program.run("sha256sum", [url.path])
        #endif
        guard result.status == 0 else { throw TestData.missing("no sha256 tool on this machine: \(result.errors)") }
        return result.output.split(separator: " ").first.map(String.init) ?? ""
    }
}
