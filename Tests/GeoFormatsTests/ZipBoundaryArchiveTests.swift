import Foundation
import TestSupport
import XCTest
import ZIPFoundation
import GeoFormats

/// Zip archives built in the test with ZIPFoundation.
final class ZipBoundaryArchiveTests: XCTestCase {
    private func makeZip(_ folder: TemporaryFolder, _ name: String, members: [(String, String)]) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in members {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    private func extractionFolders() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        return Set(names.filter { $0.hasPrefix("investmap-zip-") })
    }

    func testBoundaryMembersAreReadInArchiveOrder() throws {
        let folder = try TemporaryFolder()
        let topology = #"{"type":"Topology","arcs":[[[0,0],[1,0],[1,1],[0,0]]],"objects":{"o":{"type":"Polygon","arcs":[[0]]}}}"#
        let url = try makeZip(folder, "N03-test_GML.zip", members: [
            ("N03-test_GML/KS-META-N03.xml", "<xml/>"),
            ("N03-test_GML/N03-test.geojson", Fixture.squares(3)),
            ("__MACOSX/N03-test_GML/._N03-test.geojson", "mac metadata"),
            ("N03-test_GML/._hidden.json", "mac metadata"),
            ("N03-test_GML/simplified.TopoJSON", topology),
        ])
        let before = extractionFolders()
        let (features, summaries) = try Fixture.readAll(url)
        XCTAssertEqual(summaries, [
            SourceSummary(file: "N03-test_GML.zip/N03-test_GML/N03-test.geojson", format: .geoJSON, features: 3, vertices: 15,
                          member: "N03-test_GML/N03-test.geojson"),
            SourceSummary(file: "N03-test_GML.zip/N03-test_GML/simplified.TopoJSON", format: .topoJSON, features: 1, vertices: 4,
                          member: "N03-test_GML/simplified.TopoJSON"),
        ])
        XCTAssertEqual(features.map(\.member), Array(repeating: "N03-test_GML/N03-test.geojson", count: 3) + ["N03-test_GML/simplified.TopoJSON"])
        XCTAssertEqual(features.map(\.index), [0, 1, 2, 0])
        XCTAssertEqual(extractionFolders(), before, "the extracted members are deleted")
    }

    func testArchiveWithoutBoundaryData() throws {
        let folder = try TemporaryFolder()
        let url = try makeZip(folder, "docs.zip", members: [("readme.txt", "hello"), ("data.csv", "a,b")])
        XCTAssertEqual(Fixture.formatError(url)?.description,
                       "docs.zip: no GeoJSON or TopoJSON boundary data in the archive (members: readme.txt, data.csv)")
    }

    func testShapefileOnlyArchiveSaysShapefilesAreNotSupported() throws {
        let folder = try TemporaryFolder()
        let url = try makeZip(folder, "N03-shp.zip", members: [("N03.shp", "x"), ("N03.shx", "x"), ("N03.dbf", "x"), ("N03.prj", "x")])
        XCTAssertEqual(Fixture.formatError(url)?.reason,
                       "no GeoJSON or TopoJSON boundary data in the archive (members: N03.shp, N03.shx, N03.dbf, N03.prj); "
                       + "shapefiles are not supported: use the GeoJSON edition of the data")
    }

    func testBadMemberIsNamedInTheError() throws {
        let folder = try TemporaryFolder()
        let url = try makeZip(folder, "bad.zip", members: [("dir/broken.geojson", "id,name\n")])
        XCTAssertEqual(Fixture.formatError(url)?.description, "bad.zip/dir/broken.geojson: line 1: not JSON: unexpected byte 'i'")
    }

    func testCorruptArchive() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("corrupt.zip", bytes: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 7, count: 40))
        XCTAssertTrue(Fixture.formatError(url)?.reason.hasPrefix("unreadable zip archive") ?? false)
    }
}
