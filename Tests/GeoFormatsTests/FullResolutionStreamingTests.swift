import Foundation
import XCTest
import GeoFormats

/// Streams the full-resolution N03 2022 GeoJSON (340 MB) when INVESTMAP_FULLRES_GEOJSON names it.
/// Slow in debug builds, hence opt-in.
final class FullResolutionStreamingTests: XCTestCase {
    func testFullResolutionFileStreams() throws {
        guard let path = ProcessInfo.processInfo.environment["INVESTMAP_FULLRES_GEOJSON"], !path.isEmpty else {
            throw XCTSkip("set INVESTMAP_FULLRES_GEOJSON to the decompressed N03-22_220101_fullres.geojson to run")
        }
        var features = 0
        var vertices = 0
        let start = Date()
        let summaries = try BoundarySource.read(URL(fileURLWithPath: path)) { feature in
            XCTAssertEqual(feature.index, features)
            features += 1
            vertices += feature.geometry?.vertexCount ?? 0
        }
        print("streamed \(features) features in \(Date().timeIntervalSince(start)) s")
        XCTAssertEqual(features, 90_718)
        XCTAssertEqual(vertices, 12_128_446)
        XCTAssertEqual(summaries.first?.features, 90_718)
        XCTAssertEqual(summaries.first?.vertices, 12_128_446)
    }
}
