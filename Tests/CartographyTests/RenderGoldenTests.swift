import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import XCTest
import Cartography

/// The SVG of small hand-made maps, pinned byte for byte in `Goldens/block.svg` and
/// `Goldens/nation.svg` (open them in a browser, or `rsvg-convert` them), and the properties
/// every rendered map must have: well-formed XML, one path per unit with its data attributes,
/// legend counts that add up, borders drawn once, the same bytes every time.
///
/// To update a golden after a deliberate change: `Scripts/update_goldens`, then review the SVG
/// and `git diff Tests/CartographyTests/Goldens`.
final class RenderGoldenTests: XCTestCase {
    static let goldens = Golden.folder()

    private func render(_ spec: MapSpec, _ input: MapInput) throws -> String {
        String(decoding: try MapRenderer().render(spec, input: input).svg, as: UTF8.self)
    }

    func testBlockMatchesGolden() throws {
        Golden.assertMatches(try render(RenderFixtures.blockSpec, RenderFixtures.block), "block.svg", in: Self.goldens)
    }

    func testNationWithInsetAndSymbolsMatchesGolden() throws {
        Golden.assertMatches(try render(RenderFixtures.nationSpec, RenderFixtures.nation), "nation.svg", in: Self.goldens)
    }

    func testSameInputGivesTheSameBytes() throws {
        for (spec, input) in [(RenderFixtures.blockSpec, RenderFixtures.block), (RenderFixtures.nationSpec, RenderFixtures.nation)] {
            let first = try MapRenderer().render(spec, input: input).svg
            let second = try MapRenderer().render(spec, input: input).svg
            XCTAssertEqual(first, second, spec.name)
        }
    }

    func testOutputIsWellFormedXMLWithTitleAndDescription() throws {
        for (spec, input) in [(RenderFixtures.blockSpec, RenderFixtures.block), (RenderFixtures.nationSpec, RenderFixtures.nation)] {
            let elements = try RenderXML.elements(MapRenderer().render(spec, input: input).svg)
            XCTAssertEqual(elements.first?.name, "svg")
            XCTAssertTrue(elements.contains { $0.name == "title" && $0.text == spec.title }, "the title, unescaped by the parser")
            XCTAssertTrue(elements.contains { $0.name == "desc" && $0.text.contains("fictional test data") })
        }
    }

    func testOnePathPerUnitWithDataAttributesAndLegendCountsAddUp() throws {
        let map = try MapRenderer().render(RenderFixtures.blockSpec, input: RenderFixtures.block)
        let elements = try RenderXML.elements(map.svg)
        let units = elements.filter { $0.name == "path" && $0.attributes["data-code"] != nil }
        XCTAssertEqual(units.map { $0.attributes["id"] }, ["unit-13101", "unit-13102", "unit-14101", "unit-14102"])
        XCTAssertEqual(units.map { $0.attributes["data-class"] }, ["c0", "zero", "c1", "nodata"])
        XCTAssertEqual(units.map { $0.attributes["data-value"] }, ["3", "0", "12", ""])
        XCTAssertEqual(units.map { $0.attributes["data-name"] }, ["西北区", "西南区", "東北市", "東南町"])
        XCTAssertTrue(units.allSatisfy { $0.attributes["stroke"] == nil }, "units have no stroke of their own")
        let counts = elements.filter { $0.attributes["class"] == "legend-entry" }.map { Int($0.attributes["data-count"]!)! }
        XCTAssertEqual(counts.reduce(0, +), 4, "legend counts add up to the units")
        XCTAssertEqual(map.legend.map(\.count).reduce(0, +), map.unitCount)
    }

    func testSharedBordersAreDrawnOnce() throws {
        let elements = try RenderXML.elements(MapRenderer().render(RenderFixtures.blockSpec, input: RenderFixtures.block).svg)
        func path(_ kind: String) -> String? { elements.first { $0.attributes["class"] == "border-\(kind)" }?.attributes["d"] }
        // Inside prefecture 13 and inside 14: one municipal border each (two lines); between them
        // one prefecture border, a vertical line through the middle junction written as one run.
        func rounded(_ p: CGPoint) -> [Double] { [(p.x * 10).rounded() / 10, (p.y * 10).rounded() / 10] }
        let municipal = RenderXML.subpaths(try XCTUnwrap(path("municipal")))
        XCTAssertEqual(municipal.count, 2)
        XCTAssertEqual(Set(municipal.map { Set($0.map { rounded($0)[1] }).count }), [1], "each municipal border is horizontal")
        let prefecture = RenderXML.subpaths(try XCTUnwrap(path("prefecture")))
        XCTAssertEqual(prefecture.count, 1)
        XCTAssertEqual(prefecture.first?.count, 5, "five points from top to bottom, each once")
        XCTAssertEqual(Set(prefecture[0].map { rounded($0)[0] }).count, 1, "vertical")
        XCTAssertEqual(Set(prefecture[0].map { rounded($0)[1] }).count, 5, "no point drawn twice")
        XCTAssertNotNil(path("coast"))
    }

    func testOkinawaIsDrawnInItsInsetOnNationalMaps() throws {
        let map = try MapRenderer().render(RenderFixtures.nationSpec, input: RenderFixtures.nation)
        let elements = try RenderXML.elements(map.svg)
        let inset = try XCTUnwrap(elements.first { $0.attributes["id"] == "inset-okinawa" })
        XCTAssertNil(elements.first { $0.attributes["id"] == "inset-ogasawara" }, "an inset with nothing to draw is left out")
        let box = try XCTUnwrap(RenderXML.rect(after: inset, in: elements))
        let okinawa = try XCTUnwrap(elements.first { $0.attributes["data-code"] == "47" && $0.name == "path" })
        let start = try XCTUnwrap(RenderXML.firstPoint(okinawa.attributes["d"]!))
        XCTAssertTrue(box.contains(start), "Okinawa's path starts inside its inset box \(box), at \(start)")
        XCTAssertEqual(map.projectsDrawn, 2, "the project without an amount is counted, not drawn")
        XCTAssertTrue(elements.contains { $0.name == "text" && $0.text.contains("金額不明の1件") })
    }

    func testTextIsEscaped() throws {
        let text = try render(RenderFixtures.blockSpec, RenderFixtures.block)
        XCTAssertTrue(text.contains("テスト地図 &lt;区&gt; &amp; \"町\"</title>"))
        XCTAssertTrue(text.contains("data-name=\"西北区\""))
    }
}
