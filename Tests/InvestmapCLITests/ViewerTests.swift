import Foundation
import TestSupport
import XCTest

/// The web viewer on a real pyramid (`SamplePyramid`: the simplified national TopoJSON, simplified
/// at z4–z6, with the fictional sample ledger and sites as edition "sample", tiled at z4–z6, the
/// pyramid `TilesTests` checks), opened in headless Chromium by
/// `Scripts/viewer_check.py`: the page gets ready without errors, land is painted in legend
/// colours, the sea stays background and the attribution is on the page. Chromium is required
/// (Scripts/test installs it): without it the test fails rather than skips. The same checks run on
/// the viewer as `investmap serve` serves it.
final class ViewerTests: XCTestCase {
    func testViewerDrawsThePyramidInHeadlessChromium() throws {
        let pyramid = try SamplePyramid.pyramid()
        XCTAssertTrue(FileManager.default.fileExists(atPath: pyramid.appendingPathComponent("index.html").path),
                      "investmap tiles writes the viewer beside tiles.json")
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
        let result = try Program.run("python3", [TestPaths.repositoryRoot.appendingPathComponent("Scripts/viewer_check.py").path, "--chromium", chromium] + arguments)
        XCTAssertEqual(result.status, 0, "Scripts/viewer_check.py failed:\n\(result.output)\(result.errors)")
    }
}
