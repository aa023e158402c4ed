import Foundation
import XCTest
import Cartography

/// The ColorBrewer table against colorbrewer2.org's published values (as in palettable 3.3.3:
/// `python3 -c "from palettable.colorbrewer.sequential import YlOrRd_5; print(YlOrRd_5.hex_colors)"`).
final class PaletteTests: XCTestCase {
    func testSequentialSchemesHaveColorBrewersExactColours() throws {
        XCTAssertEqual(try Palette.colors("YlOrRd", classes: 5), ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"])
        XCTAssertEqual(try Palette.colors("Blues", classes: 3), ["#deebf7", "#9ecae1", "#3182bd"])
        XCTAssertEqual(try Palette.colors("Greys", classes: 9),
                       ["#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525", "#000000"])
    }

    func testDivergingSchemesHaveColorBrewersExactColours() throws {
        XCTAssertEqual(try Palette.colors("RdBu", classes: 9),
                       ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"])
        XCTAssertEqual(try Palette.colors("Spectral", classes: 4), ["#d7191c", "#fdae61", "#abdda4", "#2b83ba"])
    }

    func testEverySchemeHasThreeToNineWellFormedColours() throws {
        XCTAssertEqual(Palette.sequentialNames.count, 18)
        XCTAssertEqual(Palette.divergingNames.count, 9)
        let hex = try NSRegularExpression(pattern: "^#[0-9a-f]{6}$")
        for name in Palette.sequentialNames + Palette.divergingNames {
            for classes in 3...9 {
                let colors = try Palette.colors(name, classes: classes)
                XCTAssertEqual(colors.count, classes, "\(name) \(classes)")
                XCTAssertEqual(Set(colors).count, classes, "\(name) \(classes): colours repeat")
                for color in colors {
                    XCTAssertNotNil(hex.firstMatch(in: color, range: NSRange(color.startIndex..., in: color)), "\(name): \(color)")
                }
            }
        }
    }

    func testNamesAreCaseInsensitive() throws {
        XCTAssertEqual(try Palette.colors("ylorrd", classes: 5), try Palette.colors("YlOrRd", classes: 5))
    }

    func testUnknownNameListsTheNamesClosestFirst() {
        XCTAssertThrowsError(try Palette.colors("YlOrR", classes: 5)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("unknown palette 'YlOrR'; palettes (closest first): YlOrRd, YlOrBr"), message)
            XCTAssertTrue(message.contains("Spectral"), message)
        }
    }

    func testClassCountsOutsideThreeToNineAreErrors() {
        for classes in [2, 10, 0] {
            XCTAssertThrowsError(try Palette.colors("Reds", classes: classes)) { error in
                XCTAssertEqual("\(error)", "palette Reds has colours for 3 to 9 classes, not \(classes)")
            }
        }
    }

    func testCategoricalColoursAreDistinctForTheSeventeenFields() {
        let fields = Palette.categorical(17)
        XCTAssertEqual(fields.count, 17)
        XCTAssertEqual(Set(fields).count, 17)
        XCTAssertEqual(Palette.categorical(3), ["#1f77b4", "#ff7f0e", "#2ca02c"], "plan types A, B, C: Tableau 10's first three")
        XCTAssertEqual(Array(Palette.categorical(17).prefix(3)), Palette.categorical(3), "a longer list starts the same")
        XCTAssertEqual(Palette.categorical(0), [])
        XCTAssertEqual(Palette.categorical(21).last, Palette.categorical(1).first, "beyond 20 the list repeats")
    }
}
