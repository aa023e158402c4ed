import Foundation
import XCTest

/// The web viewer on a real pyramid (the simplified national TopoJSON, simplified at z4–z6, with
/// the fictional sample ledger and sites as edition "sample", tiled at z4–z6), opened in headless Chromium by
/// `Scripts/viewer_check.py`: the page gets ready without errors, land is painted in legend
/// colours, the sea stays background and the attribution is on the page. Chromium is required
/// (Scripts/test installs it): without it the test fails rather than skips. The same checks run on
/// the viewer as `investmap serve` serves it.
final class ViewerTests: XCTestCase {
    static let environment = ["INVESTMAP_GEODATA": CLI.repositoryRoot.appendingPathComponent("GeoData").path]

    /// Builds the pyramid the way `TilesTests` does and returns its folder.
    private func buildPyramid() throws -> URL {
        let topojson = try CLI.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let folder = try CLI.temporaryFolder(self)
        let db = folder.appendingPathComponent("viewer.gpkg").path
        let pyramid = folder.appendingPathComponent("pyramid")
        try CLI.runAll([["import", "boundaries", topojson.path, "--db", db],
                          ["simplify", "--levels", "z4,z5,z6", "--db", db],
                          ["edition", "create", "sample", "--note", "fictional sample data", "--db", db],
                          ["import", "investments", CLI.repositoryRoot.appendingPathComponent("GeoData/sample_investments.csv").path,
                           "--edition", "sample", "--db", db],
                          ["import", "sites", CLI.repositoryRoot.appendingPathComponent("GeoData/sample_sites.csv").path,
                           "--edition", "sample", "--db", db],
                          ["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--out", pyramid.path, "--db", db]], environment: Self.environment)
        XCTAssertTrue(FileManager.default.fileExists(atPath: pyramid.appendingPathComponent("index.html").path),
                      "investmap tiles writes the viewer beside tiles.json")
        return pyramid
    }

    func testViewerDrawsThePyramidInHeadlessChromium() throws {
        let pyramid = try buildPyramid()
        try check([pyramid.path, "--out", pyramid.deletingLastPathComponent().appendingPathComponent("viewer.png").path])
    }

    /// The same checks on the viewer as `investmap serve` serves it at `/` (the latest published
    /// edition, its tiles made on demand).
    func testViewerServedByInvestmapServeDrawsInHeadlessChromium() throws {
        let store = try ServiceFixture.store()
        let server = try ServerProcess(arguments: ["--db", store.db, "--minzoom", "4", "--maxzoom", "6"])
        defer { _ = server.stop() }
        try check(["--url", "http://127.0.0.1:\(server.port)/", "--out", store.folder.appendingPathComponent("served-viewer.png").path])
    }

    /// Runs Scripts/viewer_check.py with `arguments` and Chromium; fails with its report.
    private func check(_ arguments: [String]) throws {
        let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: chromium),
                      "\(chromium) is missing: install Debian's chromium (Scripts/test does) or set CHROMIUM")
        guard FileManager.default.isExecutableFile(atPath: chromium) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.repositoryRoot.appendingPathComponent("Scripts/viewer_check.py").path, "--chromium", chromium] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, "Scripts/viewer_check.py failed:\n\(text)")
    }
}
