import Foundation
import XCTest
import Cartography
import GeoCore

/// The pieces the renderer is built from: projection, path encoding, escaping, number texts,
/// scale bars, label placement, layout boxes.
final class RenderPrimitivesTests: XCTestCase {
    /// Reference values from PROJ 9.5 (pyproj 3.7): `Transformer.from_crs("EPSG:4326",
    /// "+proj=aea +lat_1=30 +lat_2=40 +lat_0=35 +lon_0=137 +ellps=GRS80", always_xy=True)`.
    func testAlbersMatchesPROJ() {
        let japan = AlbersEqualAreaConic.japan
        let cases: [(Double, Double, Double, Double)] = [
            (137, 35, 0, 0),
            (139.6917, 35.6895, 242_699.8895, 80_045.7010),
            (123.0, 24.3, -1_433_849.2174, -1_083_780.9986),
            (145.8, 44.4, 707_868.6941, 1_073_850.7712),
        ]
        for (lon, lat, x, y) in cases {
            let p = japan.project(Coordinate(x: lon, y: lat))
            XCTAssertEqual(p.x, x, accuracy: 0.01, "\(lon), \(lat)")
            XCTAssertEqual(p.y, y, accuracy: 0.01, "\(lon), \(lat)")
        }
        // PROJ's parallel scale (get_factors): 0.99622 at 35°N, 1 on the standard parallels.
        XCTAssertEqual(japan.scaleFactorAlongParallel(latitude: 35), 0.996215, accuracy: 1e-5)
        XCTAssertEqual(japan.scaleFactorAlongParallel(latitude: 30), 1, accuracy: 1e-9)
        let fitted = AlbersEqualAreaConic(standardParallel1: 33.5, standardParallel2: 37.2, centralMeridian: 139.1, originLatitude: 35.3)
        let p = fitted.project(Coordinate(x: 140.2, y: 36.9))
        XCTAssertEqual(p.x, 98_023.4358, accuracy: 0.01)
        XCTAssertEqual(p.y, 178_153.3716, accuracy: 0.01)
    }

    func testPathDataIsRelativeAndCompact() {
        var path = SVGPathData()
        XCTAssertTrue(path.appendRing([PixelPoint(x: 100, y: 200), PixelPoint(x: 115, y: 195), PixelPoint(x: 100, y: 170)]))
        XCTAssertFalse(path.appendRing([PixelPoint(x: 1, y: 1), PixelPoint(x: 2, y: 2)]), "fewer than three points")
        XCTAssertTrue(path.appendLine([PixelPoint(x: 0, y: 0), PixelPoint(x: -5, y: 0)]))
        XCTAssertTrue(path.appendLine([PixelPoint(x: -5, y: 0), PixelPoint(x: -5, y: 12)]), "continues the run")
        XCTAssertEqual(path.text, "M10 20l1.5-.5-1.5-2.5zm-10-20l-.5 0 0 1.2")
    }

    func testXMLEscaping() {
        var root = SVGElement("svg", [("data-name", "a\"b<c>&d\u{1}")])
        root.append(SVGElement("text", text: "<&>\"'"))
        XCTAssertEqual(String(decoding: SVGWriter.document(root), as: UTF8.self),
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg data-name=\"a&quot;b&lt;c&gt;&amp;d \">\n<text>&lt;&amp;&gt;\"'</text>\n</svg>\n")
    }

    func testJapaneseNumbersAndUnits() {
        XCTAssertEqual(JapaneseNumberText.text(1234567.891, decimals: 1), "1,234,567.9")
        XCTAssertEqual(JapaneseNumberText.text(-0.04, decimals: 1), "0.0")
        XCTAssertEqual(JapaneseNumberText.decimals(for: [0.3, 93.7, 301.8]), 1, "0.3 must not read as 0")
        XCTAssertEqual(JapaneseNumberText.decimals(for: [3, 93.7, 301.8]), 0)
        XCTAssertEqual(JapaneseNumberText.decimals(for: [0.03, 1.2]), 2)
        XCTAssertEqual(JapaneseNumberText.decimals(for: [1.2, 1.25]), 2)
        XCTAssertEqual(MetricPresentation.of(.totalInvestment, largest: 5e10).unit, "億円")
        XCTAssertEqual(MetricPresentation.of(.totalInvestmentPerCapita, largest: 2e5).unit, "万円/人")
        XCTAssertEqual(MetricPresentation.of(.count, largest: 30).heading, "投資支援件数（件）")
    }

    func testLegendRangesAndCounts() throws {
        let classification = try Classification.classify([0, 0, 1, 2, 3, 7, 8, nil], method: .equalInterval, classes: 2, zeroAsOwnClass: true)
        let entries = ClassLegend.entries(classification, colors: ["#a", "#b"], presentation: MetricPresentation.of(.count, largest: 8))
        XCTAssertEqual(entries.map(\.label), ["1 – 4", "5 – 8", "0（投資なし）", "データなし"], "whole counts start at the next whole number")
        XCTAssertEqual(entries.map(\.count), [3, 2, 2, 1])
        XCTAssertEqual(try ClassLegend.colors("Blues", count: 2), ["#deebf7", "#3182bd"], "the ends of the 3-class scheme")
    }

    func testScaleBarIsARoundDistance() {
        let bar = ScaleBar.fitting(maximumPixels: 120, pixelsPerKilometre: 0.61)
        XCTAssertEqual(bar.kilometres, 100)
        XCTAssertEqual(bar.label, "100 km")
        XCTAssertEqual(ScaleBar.fitting(maximumPixels: 100, pixelsPerKilometre: 300).label, "200 m")
    }

    func testLabelsNeverOverlap() {
        let placer = LabelPlacer(fontSize: 10, bounds: PageRect(x: 0, y: 0, width: 200, height: 100),
                                 obstacles: [PageRect(x: 150, y: 0, width: 50, height: 100)])
        let candidates = (0..<8).map { LabelPlacer.Candidate(text: "県\($0)", anchorX: 60, anchorY: 50, priority: Double(8 - $0), key: "\($0)") }
        let (placed, dropped) = placer.place(candidates)
        XCTAssertEqual(placed.count + dropped.count, 8)
        XCTAssertEqual(placed.first?.key, "0", "the highest priority keeps its anchor")
        XCTAssertEqual(placed.first?.x, 60)
        for (i, a) in placed.enumerated() {
            XCTAssertFalse(a.box.intersects(PageRect(x: 150, y: 0, width: 50, height: 100)), "off the obstacle")
            for b in placed[(i + 1)...] { XCTAssertFalse(a.box.intersects(b.box), "\(a.key) and \(b.key) overlap") }
        }
    }

    func testBoxesGoWhereThereIsNoLand() {
        // Land fills the left half of a 200 × 100 area: a box goes to the right half.
        var grid = OccupancyGrid(bounds: PageRect(x: 0, y: 0, width: 200, height: 100), cellSize: 5)
        let land = Polygon(exterior: LinearRing([Coordinate(x: 0, y: 0), Coordinate(x: 100, y: 0), Coordinate(x: 100, y: 100),
                                                 Coordinate(x: 0, y: 100), Coordinate(x: 0, y: 0)]))
        grid.fill(land, transform: FrameTransform(pixelsPerMetre: 1, originX: 0, originY: 100))
        grid.finish()
        XCTAssertEqual(grid.occupiedCells(in: PageRect(x: 0, y: 0, width: 100, height: 100)), 400)
        var placer = BoxPlacer(grid: grid)
        let box = placer.place(width: 60, height: 40, prefer: .topLeft)
        XCTAssertEqual(box.land, 0)
        XCTAssertGreaterThanOrEqual(box.rect.x, 100)
        XCTAssertEqual(box.rect.y, 0, "as close to the preferred corner as the land allows")
    }

    func testTextWrapsAtPunctuation() {
        let lines = TextMetrics.wrap("投影: アルベルス正積円錐図法（GRS80、標準緯線 30°N・40°N）。挿入図は各枠", fontSize: 10, width: 150)
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertTrue(lines.allSatisfy { TextMetrics.width($0, fontSize: 10) <= 150 })
        let original = "投影: アルベルス正積円錐図法（GRS80、標準緯線 30°N・40°N）。挿入図は各枠"
        XCTAssertEqual(lines.joined().replacingOccurrences(of: " ", with: ""), original.replacingOccurrences(of: " ", with: ""), "nothing lost")
    }
}
