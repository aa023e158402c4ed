import Foundation
import GeoCore

/// The projects drawn as proportional symbols: circles whose area is proportional to the
/// amount (the largest gets the spec's maximum radius), coloured by category, the largest
/// drawn first so that small ones stay visible on top. Projects without an amount cannot be
/// sized and are counted instead.
struct ProjectSymbolLayer {
    struct Symbol {
        var project: MapProject
        var frame: Int
        var radius: Double
        var color: String
    }

    var drawn: [Symbol] = []
    /// Projects without an amount (or with zero).
    var withoutAmount = 0
    /// Projects outside every frame (Ogasawara's far islands).
    var omitted = 0
    var largestAmount = 0.0
    var maxRadius = 0.0
    var categories: [LegendBlock.SymbolCategory] = []

    /// The circles, in drawing order, inside one group; nil when there are none.
    func element(frames: [MapFrame]) -> SVGElement? {
        guard !categories.isEmpty else { return nil }
        var group = SVGElement("g", [("id", "projects"), ("fill-opacity", "0.75"), ("stroke", "#ffffff"), ("stroke-width", "0.6")])
        for symbol in drawn {
            let p = frames[symbol.frame].page(symbol.project.location)
            let centre = PixelPoint(page: p.x, p.y)
            var attributes: [(String, String)] = [
                ("cx", Self.tenths(centre.x)), ("cy", Self.tenths(centre.y)), ("r", SVGNumber.text(symbol.radius)),
                ("fill", symbol.color), ("data-id", symbol.project.id), ("data-name", symbol.project.name),
                ("data-plan", symbol.project.plan ?? ""), ("data-amount", MapRenderer.valueText(symbol.project.totalInvestmentJPY ?? 0)),
                ("data-precision", symbol.project.precision),
            ]
            // Known only by its municipality: a dashed ring, so no one reads the point as exact.
            if symbol.project.precision == "municipality" {
                attributes += [("stroke", "#333333"), ("stroke-dasharray", "1.5 1"), ("fill-opacity", "0.35")]
            }
            group.append(SVGElement("circle", attributes))
        }
        return group
    }

    static func tenths(_ value: Int32) -> String {
        SVGNumber.text(Double(value) / PixelPoint.unitsPerPixel)
    }
}
