import Foundation
import XCTest
import Cartography
import Reference

/// Spec files: every key checked, defaults filled in, and each mistake named by file and key.
final class RenderSpecParserTests: XCTestCase {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func parser() throws -> MapSpecParser {
        MapSpecParser(reference: try ReferenceTables.load(from: Self.repositoryRoot.appendingPathComponent("GeoData")))
    }

    private func parse(_ json: String) throws -> MapSpec {
        try parser().parse(Data(json.utf8), source: "Renderers/test.json", name: "test")
    }

    /// The error a spec raises: its file and key.
    private func failure(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> MapSpecError? {
        do {
            _ = try parse(json)
            XCTFail("no error for \(json)", file: file, line: line)
            return nil
        } catch let error as MapSpecError {
            XCTAssertEqual(error.source, "Renderers/test.json", file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testMinimalSpecGetsTheDefaults() throws {
        let spec = try parse(#"{"title": "T", "level": "municipality", "metric": "count"}"#)
        XCTAssertEqual(spec.level.unitLevel.rawValue, "ward", "municipality is the N03 unit")
        XCTAssertEqual(spec.extent, .nation)
        XCTAssertEqual(spec.drawnScale, "national")
        XCTAssertEqual(spec.insets, [.okinawa, .ogasawara], "national maps get the Okinawa and Ogasawara insets")
        XCTAssertEqual(spec.classification, MapSpec.ClassificationOptions(method: .fisherJenks, classes: 5, zeroClass: true))
        XCTAssertEqual(spec.palette, "YlOrRd")
        XCTAssertTrue(spec.prefectureBorders)
        XCTAssertEqual([spec.width, spec.height], [1200, 1300])
    }

    func testFullSpec() throws {
        let spec = try parse("""
            {"comment": "c", "title": "T", "subtitle": "S", "level": "city", "metric": "amount_per_capita",
             "filters": {"plan": "A", "field": "ai_semiconductors", "status": "all"},
             "classification": {"method": "manual", "breaks": [10000, 50000], "zero_class": false},
             "palette": "Blues", "extent": "bureau:kanto", "scale": "z7", "insets": [],
             "overlays": {"prefecture_borders": false, "projects": {"size_by": "amount", "color_by": "field", "max_radius": 30}},
             "labels": {"prefectures": false, "font_size": 9}, "legend": {"title": "L", "counts": false},
             "size": {"width": 800, "height": 600}, "attribution": ["extra"]}
            """)
        XCTAssertEqual(spec.level.unitLevel.rawValue, "municipality", "city is the rolled-up municipality")
        XCTAssertEqual(spec.metric?.rawValue, "total_investment_per_capita")
        XCTAssertEqual(spec.filters, MapSpec.Filters(plan: "A", field: "ai_semiconductors", status: "all"))
        XCTAssertEqual(spec.classification.method, .manual([10000, 50000]))
        XCTAssertEqual(spec.extent, .bureau("kanto"))
        XCTAssertEqual(spec.drawnScale, "z7")
        XCTAssertEqual(spec.insets, [])
        XCTAssertEqual(spec.projectSymbols, MapSpec.ProjectSymbols(colorBy: .field, maxRadius: 30))
        XCTAssertFalse(spec.prefectureBorders)
        XCTAssertEqual(spec.legendTitle, "L")
        XCTAssertEqual(spec.attribution, ["extra"])
    }

    func testUnknownKeysAreNamed() {
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "colour": "red"}"#)?.key, "colour")
        let nested = failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"method": "quantiles", "clases": 4}}"#)
        XCTAssertEqual(nested?.key, "classification.clases")
        XCTAssertTrue(nested?.reason.contains("did you mean 'classes'") == true, nested?.reason ?? "")
    }

    func testUnknownNamesAreNamed() {
        let metric = failure(#"{"title": "T", "level": "municipality", "metric": "amount_per_head"}"#)
        XCTAssertEqual(metric?.key, "metric")
        XCTAssertTrue(metric?.description.hasPrefix("Renderers/test.json: metric: unknown metric 'amount_per_head'") == true, metric?.description ?? "")
        XCTAssertEqual(failure(#"{"title": "T", "level": "ward", "metric": "count"}"#)?.key, "level")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "palette": "Rainbow"}"#)?.key, "palette")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "extent": "bureau:tokyo"}"#)?.key, "extent")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "filters": {"plan": "D"}}"#)?.key, "filters.plan")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "insets": ["hokkaido"]}"#)?.key, "insets[0]")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"method": "jenks"}}"#)?.key,
                       "classification.method")
    }

    func testClassCountsAndTypesAreChecked() {
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"classes": 12}}"#)?.key,
                       "classification.classes")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"classes": 2.5}}"#)?.key,
                       "classification.classes")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"method": "manual"}}"#)?.key,
                       "classification.breaks")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"method": "manual", "breaks": [5, 3]}}"#)?.key,
                       "classification.breaks[1]")
        XCTAssertEqual(failure(#"{"title": "T", "level": "municipality", "metric": "count", "size": {"width": "wide"}}"#)?.key, "size.width")
        XCTAssertEqual(failure(#"{"title": 3, "level": "municipality", "metric": "count"}"#)?.key, "title")
        XCTAssertEqual(failure(#"{"level": "municipality", "metric": "count"}"#)?.key, "title")
        XCTAssertEqual(failure(#"{"title": "T", "level": "prefecture", "palette": "Blues"}"#)?.key, "palette", "a palette without a metric")
        XCTAssertEqual(failure(#"{"title": "T", "level": "bureau", "metric": "count", "extent": "prefecture:13"}"#)?.key, "extent")
    }

    func testBrokenJSONNamesTheFile() {
        let error = failure(#"{"title": "T", "level": "#)
        XCTAssertEqual(error?.key, "")
        XCTAssertTrue(error?.description.hasPrefix("Renderers/test.json: not valid JSON") == true, error?.description ?? "")
    }

    func testEveryShippedSpecParses() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("Renderers")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(files.count, 12, "national per-capita, national municipal count, 9 bureau blocks, national projects")
        let specs = try files.map { try parser().parse(contentsOf: folder.appendingPathComponent($0).path) }
        XCTAssertEqual(specs.filter { $0.extent == .nation }.count, 3)
        XCTAssertEqual(Set(specs.compactMap { if case .bureau(let id) = $0.extent { id } else { nil } }).count, 9)
        XCTAssertTrue(specs.contains { $0.projectSymbols?.colorBy == .plan && $0.level == .prefecture })
        XCTAssertTrue(specs.contains { $0.metric?.rawValue == "total_investment_per_capita" && $0.level == .prefecture })
        XCTAssertTrue(specs.contains { $0.metric?.rawValue == "count" && $0.level == .municipality && $0.extent == .nation })
    }
}
