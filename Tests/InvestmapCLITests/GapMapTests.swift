import Foundation
import GeoCore
import TestSupport
import XCTest

/// `investmap gaps --svg`: the gap map of Shikoku on a store made from the simplified national
/// TopoJSON with the hand-made ledger of `QueryTests` (a project in every municipality of
/// 四国経済産業局 but the three prefectural capitals, one cluster site in 高松市). One store is
/// simplified at the bureau scale, its copy is not (the map falls back to full resolution).
final class GapMapTests: XCTestCase {
    /// The folder with full.gpkg and simplified.gpkg.
    static let stores = TestFixture("gapmap") { folder in
        let db = folder.appendingPathComponent("full.gpkg").path
        try ShikokuLedgerFixture.build(db: db, folder: folder)
        let simplified = folder.appendingPathComponent("simplified.gpkg").path
        try FileManager.default.copyItem(atPath: db, toPath: simplified)
        try CLI.runAll([["simplify", "--levels", "bureau", "--db", simplified]], environment: ShikokuLedgerFixture.environment)
        return folder
    }
    static let environment = ShikokuLedgerFixture.environment
    static let knownGaps = ShikokuLedgerFixture.knownGaps
    static let takamatsuSite = ShikokuLedgerFixture.takamatsuSite
    /// `GapMapRenderer`'s fills.
    static let uncoveredFill = "#d7301f"
    static let coveredFill = "#e3e6ea"

    /// The store simplified at the bureau scale, or the full-resolution one.
    private func db(simplified: Bool = true) throws -> String {
        try Self.stores.value().appendingPathComponent(simplified ? "simplified.gpkg" : "full.gpkg").path
    }

    /// `gaps --bureau shikoku --level municipality` as JSON, with the map written to `svg`.
    private func gaps(svg: URL, simplified: Bool = true, extra: [String] = []) throws -> (report: [String: Any], elements: [SVGElements.Element]) {
        let result = try CLI.run(["gaps", "--bureau", "shikoku", "--level", "municipality", "--edition", "hand", "--format", "json",
                                  "--svg", svg.path, "--db", try db(simplified: simplified)] + extra, environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains(svg.path), "names the map written: \(result.stderr)")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        return (report, try SVGElements.parse(Data(contentsOf: svg), name: svg.lastPathComponent))
    }

    func testShikokuGapMapDrawsTheReport() throws {
        let svg = try TemporaryFolder.url(for: self).appendingPathComponent("gaps_shikoku.svg")
        let (report, elements) = try gaps(svg: svg)
        let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
        let gapCodes = Set(rows.compactMap { $0["code"] as? String })
        XCTAssertTrue(Self.knownGaps.isSubset(of: gapCodes))
        let summary = try XCTUnwrap((report["metadata"] as? [String: Any])?["summary"] as? [[String: Any]])
        let unitCount = summary.reduce(0) { $0 + ($1["units"] as? Int ?? 0) }

        let units = elements.filter { $0.name == "path" && $0.attributes["data-code"] != nil }
        XCTAssertEqual(units.count, unitCount, "every unit of the block, once")
        let uncovered = units.filter { $0.attributes["data-class"] == "uncovered" }
        let covered = units.filter { $0.attributes["data-class"] == "covered" }
        XCTAssertEqual(Set(uncovered.compactMap { $0.attributes["data-code"] }), gapCodes)
        XCTAssertTrue(uncovered.allSatisfy { $0.attributes["fill"] == Self.uncoveredFill }, "gaps in the highlight fill")
        XCTAssertEqual(covered.count, unitCount - gapCodes.count)
        XCTAssertTrue(covered.allSatisfy { $0.attributes["fill"] == Self.coveredFill }, "covered units in the neutral fill")
        XCTAssertTrue(units.allSatisfy { ["36", "37", "38", "39"].contains(String($0.attributes["data-code"]!.prefix(2))) }, "Shikoku only")

        // The legend's counts are the report's.
        func legendCount(_ key: String, _ attribute: String) -> Int? {
            elements.first { $0.attributes[attribute] == key && $0.attributes["data-count"] != nil }.flatMap { Int($0.attributes["data-count"]!) }
        }
        XCTAssertEqual(legendCount("uncovered", "data-class"), gapCodes.count)
        XCTAssertEqual(legendCount("covered", "data-class"), unitCount - gapCodes.count)

        // Projects as dots, the site as a marker, each counted in the legend.
        let projects = try CLI.run(["projects", "--edition", "hand", "--format", "csv", "--db", try db()], environment: Self.environment)
        let projectCount = projects.stdout.split(separator: "\n").count - 1
        let projectGroup = try XCTUnwrap(elements.firstIndex { $0.attributes["id"] == "markers-projects" })
        let dots = elements[(projectGroup + 1)...].prefix { $0.name == "circle" }
        XCTAssertEqual(dots.count, projectCount)
        XCTAssertEqual(legendCount("projects", "data-category"), projectCount)
        let site = try XCTUnwrap(elements.first { $0.attributes["data-id"] == "S1" }, "the site is drawn")
        XCTAssertEqual(site.name, "path")
        XCTAssertEqual(legendCount("sites", "data-category"), 1)

        // Title, edition and its note, the credits.
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        XCTAssertTrue(texts.contains { $0.contains("四国経済産業局") && $0.contains("空白") }, "the title names the bureau")
        let edition = try XCTUnwrap(elements.first { $0.attributes["id"] == "edition" })
        XCTAssertTrue(edition.text.contains("hand") && edition.text.contains("（bureau）"), edition.text)
        XCTAssertTrue(texts.contains { $0.contains("hand-made test ledger") }, "the edition's note")
        XCTAssertTrue(texts.contains { $0.contains("国土数値情報（行政区域データ）（国土交通省）を加工して作成") }, "the MLIT credit")
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "border-prefecture" }.count, 1, "prefecture borders")
    }

    func testSameRequestGivesTheSameBytes() throws {
        let folder = try TemporaryFolder.url(for: self)
        var outputs: [Data] = []
        for name in ["first.svg", "second.svg"] {
            _ = try gaps(svg: folder.appendingPathComponent(name))
            outputs.append(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        XCTAssertEqual(outputs[0], outputs[1])
    }

    func testWithoutTheBureauScaleTheMapIsFullResolution() throws {
        let folder = try TemporaryFolder.url(for: self)
        let (_, simplified) = try gaps(svg: folder.appendingPathComponent("bureau.svg"))
        let (_, full) = try gaps(svg: folder.appendingPathComponent("full.svg"), simplified: false)
        let edition = try XCTUnwrap(full.first { $0.attributes["id"] == "edition" })
        XCTAssertTrue(edition.text.contains("（full resolution）"), edition.text)
        func classes(_ elements: [SVGElements.Element]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: elements.compactMap { e in e.attributes["data-code"].map { ($0, e.attributes["data-class"] ?? "") } }
                .filter { $0.1 == "uncovered" || $0.1 == "covered" })
        }
        XCTAssertEqual(classes(full), classes(simplified), "the same units in the same categories")
    }

    func testSiteDistanceAndPopulationFloorShowInTheMap() throws {
        let svg = try TemporaryFolder.url(for: self).appendingPathComponent("km.svg")
        let (report, elements) = try gaps(svg: svg, extra: ["--km", "30", "--min-population", "20000"])
        let gapCodes = Set(try XCTUnwrap(report["rows"] as? [[String: Any]]).compactMap { $0["code"] as? String })
        let units = elements.filter { $0.name == "path" && $0.attributes["data-code"] != nil }
        XCTAssertEqual(Set(units.filter { $0.attributes["data-class"] == "uncovered" }.compactMap { $0.attributes["data-code"] }), gapCodes)
        XCTAssertFalse(gapCodes.contains("37201"), "高松市 holds the site")
        let notAssessed = units.filter { $0.attributes["data-class"] == "not-assessed" }
        XCTAssertFalse(notAssessed.isEmpty, "small municipalities are not assessed")
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        XCTAssertTrue(texts.contains { $0.contains("30 km以内") }, "the subtitle gives the distance")
    }

    func testMissingFolderFailsClearlyAndWritesNothing() throws {
        let folder = try TemporaryFolder.url(for: self)
        let target = folder.appendingPathComponent("missing/gaps.svg")
        let result = try CLI.run(["gaps", "--bureau", "shikoku", "--edition", "hand", "--svg", target.path, "--db", try db()],
                                 environment: Self.environment)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains(target.path) && result.stderr.contains("does not exist"), result.stderr)
        XCTAssertEqual(result.stdout, "", "no report either")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing written")
    }
}
