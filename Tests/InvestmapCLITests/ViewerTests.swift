import Foundation
import TestSupport
import XCTest

/// The web viewer on a real pyramid (the simplified national TopoJSON, simplified at z4–z6, with
/// the fictional sample ledger and sites as edition "sample", tiled at z4–z6), opened in headless Chromium by
/// `Scripts/viewer_check.py`: the page gets ready without errors, land is painted in legend
/// colours, the sea stays background and the attribution is on the page. Chromium is required
/// (Scripts/test installs it): without it the test fails rather than skips. The same checks run on
/// the viewer as `investmap serve` serves it.
final class ViewerTests: XCTestCase {
    /// Builds the pyramid of the sample store (z4–z6) and returns its folder.
    private func buildPyramid() throws -> URL {
        let folder = try CLI.temporaryFolder(self)
        let db = folder.appendingPathComponent("viewer.gpkg").path
        let pyramid = folder.appendingPathComponent("pyramid")
        try CLI.runAll(try SampleStore.steps(db: db, levels: "z4,z5,z6") + [
            ["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--out", pyramid.path, "--db", db]], environment: SampleStore.environment)
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
        let result = try Program.run("python3", [CLI.repositoryRoot.appendingPathComponent("Scripts/viewer_check.py").path, "--chromium", chromium] + arguments)
        XCTAssertEqual(result.status, 0, "Scripts/viewer_check.py failed:\n\(result.output)\(result.errors)")
    }
}
