import Foundation
import Reference
import XCTest

/// Where the tests find the repository's GeoData and the shared data beside the repository.
enum TestPaths {
    /// …/Tests/ReferenceTests/TestPaths.swift → repository root (symlinks resolved, so a scratch
    /// package linking to the test folder still finds the real repository).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let geoData = repositoryRoot.appendingPathComponent("GeoData", isDirectory: true)

    /// `relativePath` in the shared folder (INVESTMAP_SHARED, or `shared` beside the repository);
    /// skips the test when the shared data is not on this machine.
    static func sharedFile(_ relativePath: String) throws -> URL {
        guard let url = SharedFolder.file(relativePath, geoDataDirectory: geoData) else {
            throw XCTSkip("shared data \(relativePath) not available (set INVESTMAP_SHARED)")
        }
        return url
    }

    static func loadTables() throws -> ReferenceTables {
        try ReferenceTables.load(from: geoData)
    }
}
