import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import XCTest

/// `investmap render` on a store made from the simplified national TopoJSON (imported, simplified
/// at the national and bureau scales, with the fictional sample ledger as edition "sample"):
/// every shipped spec renders to well-formed SVG with its insets, data attributes and legend
/// counts; the same input gives the same bytes; bad specs name file and key and write nothing.
final class RenderTests: XCTestCase {
    static let environment = ["INVESTMAP_GEODATA": TestPaths.repositoryRoot.appendingPathComponent("GeoData").path]
    static let renderers = TestPaths.repositoryRoot.appendingPathComponent("Renderers")

    /// The sample ledger (no sites) on the simplified national TopoJSON, simplified at the national
    /// and bureau scales.
    static let store = TestFixture("render") { folder in
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let db = folder.appendingPathComponent("render.gpkg").path
        try CLI.runAll([["import", "boundaries", topojson.path, "--db", db],
                        ["simplify", "--levels", "national,bureau", "--db", db],
                        ["edition", "create", "sample", "--note", "fictional sample data", "--db", db],
                        ["import", "investments", TestPaths.repositoryRoot.appendingPathComponent("GeoData/sample_investments.csv").path,
                         "--edition", "sample", "--db", db]], environment: environment)
        return db
    }

    private func db() throws -> String { try Self.store.value() }

    private func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: Self.environment)
    }

    func testEveryShippedSpecRendersWithInsetsDataAndLegend() throws {
        let db = try db()
        let out = try TemporaryFolder.url(for: self).appendingPathComponent("maps")
        let result = try run(["render", "--all", "--renderers", Self.renderers.path, "--edition", "sample", "--out", out.path, "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        let written = result.stdout.split(separator: "\n").map(String.init)
        let specs = try FileManager.default.contentsOfDirectory(atPath: Self.renderers.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(written, specs.map { out.appendingPathComponent($0.replacingOccurrences(of: ".json", with: ".svg")).path },
                       "prints every path written")
        for path in written {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let elements = try SVGElements.parse(Data(contentsOf: URL(fileURLWithPath: path)), name: name)
            XCTAssertTrue(elements.contains { $0.name == "title" }, name)
            XCTAssertTrue(elements.contains { $0.attributes["id"] == "edition-note" }, "\(name): the edition's note is shown")
            XCTAssertTrue(elements.contains { $0.name == "text" && $0.text.contains("国土数値情報（行政区域データ）（国土交通省）を加工して作成") },
                          "\(name): the MLIT credit")
            let units = elements.filter { $0.name == "path" && $0.attributes["data-code"] != nil }
            XCTAssertFalse(units.isEmpty, name)
            for unit in units {
                for key in ["id", "data-code", "data-name", "data-value", "data-class", "d"] {
                    XCTAssertNotNil(unit.attributes[key], "\(name): \(unit.attributes["data-code"] ?? "?") lacks \(key)")
                }
            }
            XCTAssertEqual(Set(units.map { $0.attributes["data-code"]! }).count, units.count, "\(name): one path per unit")
            let legend = elements.filter { $0.attributes["class"] == "legend-entry" }.compactMap { Int($0.attributes["data-count"] ?? "") }
            if !legend.isEmpty {
                XCTAssertEqual(legend.reduce(0, +), units.count, "\(name): legend counts add up to the units")
            } else {
                XCTAssertTrue(elements.contains { $0.attributes["class"] == "legend-symbol" }, "\(name): a symbol legend")
            }
            XCTAssertEqual(elements.filter { $0.attributes["class"] == "border-coast" }.count, 1, "\(name): the coast, once")
            XCTAssertLessThanOrEqual(elements.filter { $0.attributes["class"] == "border-prefecture" }.count, 1, name)

            guard name.hasPrefix("national_") else { continue }
            let inset = try XCTUnwrap(elements.firstIndex { $0.attributes["id"] == "inset-okinawa" }, "\(name): Okinawa inset")
            let box = try XCTUnwrap(elements[inset...].first { $0.name == "rect" })
            let rect = CGRect(x: Double(box.attributes["x"]!)!, y: Double(box.attributes["y"]!)!,
                              width: Double(box.attributes["width"]!)!, height: Double(box.attributes["height"]!)!)
            let okinawa = units.filter { $0.attributes["data-code"]!.hasPrefix("47") }
            XCTAssertFalse(okinawa.isEmpty, name)
            for unit in okinawa {
                let start = try XCTUnwrap(SVGElements.firstPoint(unit.attributes["d"]!), name)
                XCTAssertTrue(rect.contains(start), "\(name): \(unit.attributes["data-name"]!) is drawn in the Okinawa inset")
            }
            if name == "national_municipal_count.svg" {
                XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: path)).count, 2_000_000, "the national municipal map is under 2 MB")
            }
        }
    }

    func testSameInputGivesTheSameBytes() throws {
        let db = try db()
        let folder = try TemporaryFolder.url(for: self)
        var outputs: [Data] = []
        for name in ["first.svg", "second.svg"] {
            let out = folder.appendingPathComponent(name)
            let result = try run(["render", Self.renderers.appendingPathComponent("national_municipal_count.json").path,
                                  "--out", out.path, "--db", db])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, out.path + "\n")
            outputs.append(try Data(contentsOf: out))
        }
        XCTAssertEqual(outputs[0], outputs[1])
    }

    func testBadSpecsNameFileAndKeyAndWriteNothing() throws {
        let db = try db()
        let folder = try TemporaryFolder.url(for: self)
        let previous = folder.appendingPathComponent("map.svg")
        try Data("previous map".utf8).write(to: previous)
        let cases: [(json: String, key: String)] = [
            (#"{"title": "T", "level": "municipality", "metric": "count", "colour": "red"}"#, "colour"),
            (#"{"title": "T", "level": "municipality", "metric": "per_head"}"#, "metric"),
            (#"{"title": "T", "level": "municipality", "metric": "count", "palette": "Rainbow"}"#, "palette"),
            (#"{"title": "T", "level": "town", "metric": "count"}"#, "level"),
            (#"{"title": "T", "level": "municipality", "metric": "count", "classification": {"classes": 12}}"#, "classification.classes"),
            (#"{"title": "T", "level": "municipality", "metric": "count", "scale": "z9"}"#, "scale"),
        ]
        for (index, (json, key)) in cases.enumerated() {
            let spec = folder.appendingPathComponent("bad\(index).json")
            try Data(json.utf8).write(to: spec)
            let result = try run(["render", spec.path, "--out", previous.path, "--db", db])
            XCTAssertNotEqual(result.status, 0, json)
            XCTAssertTrue(result.stderr.contains("\(spec.path): \(key):"), "names file and key: \(result.stderr)")
            XCTAssertEqual(try String(contentsOf: previous, encoding: .utf8), "previous map", "the previous output is intact")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".json") && $0 != "map.svg" }
        XCTAssertEqual(leftovers, [], "no temporary file left behind")

        // --all: one bad spec among good ones, and nothing is written.
        let specs = folder.appendingPathComponent("specs")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.renderers.appendingPathComponent("national_prefecture_amount_per_capita.json"),
                                         to: specs.appendingPathComponent("a_good.json"))
        try Data(cases[1].json.utf8).write(to: specs.appendingPathComponent("b_bad.json"))
        let out = folder.appendingPathComponent("out")
        let all = try run(["render", "--all", "--renderers", specs.path, "--out", out.path, "--db", db])
        XCTAssertNotEqual(all.status, 0)
        XCTAssertTrue(all.stderr.contains("b_bad.json: metric:"), all.stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [], [], "nothing written")
    }
}

/// Rendered SVG as elements (`XMLElements`) and the points of path data.
enum SVGElements {
    typealias Element = XMLElements.Element

    static func parse(_ data: Data, name: String) throws -> [Element] {
        try XMLElements.parse(data, name: name)
    }

    /// The absolute point path data starts at ("M12.3 45.6…").
    static func firstPoint(_ d: String) -> CGPoint? {
        guard d.hasPrefix("M") else { return nil }
        let scanner = Scanner(string: String(d.dropFirst()))
        guard let x = scanner.scanDouble() else { return nil }
        _ = scanner.scanString(" ")
        guard let y = scanner.scanDouble() else { return nil }
        return CGPoint(x: x, y: y)
    }
}
