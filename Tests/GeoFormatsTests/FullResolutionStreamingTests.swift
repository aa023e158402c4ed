import Foundation
import TestSupport
import XCTest
import GeoFormats

/// Streams the full-resolution N03 2022 GeoJSON (340 MB): the decompressed shared file
/// (INVESTMAP_FULLRES_GEOJSON, which Scripts/test sets, or `TestData`'s own copy).
final class FullResolutionStreamingTests: XCTestCase {
    func testFullResolutionFileStreams() throws {
        let path = try TestData.sharedFile("geodata/N03-22_220101_fullres.geojson.xz", environmentKey: "INVESTMAP_FULLRES_GEOJSON").path
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
