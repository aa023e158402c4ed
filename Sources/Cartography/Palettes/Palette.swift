import Reference

/// Colours for maps, as "#rrggbb" strings ready for SVG: ColorBrewer's sequential and diverging
/// schemes for classed (choropleth) maps, and a categorical list for plan types and strategic
/// fields.
public enum Palette {
    /// The sequential scheme names (for amounts, counts, per-capita values).
    public static var sequentialNames: [String] { ColorBrewerSchemes.sequentialNames }

    /// The diverging scheme names (for changes between editions, around zero).
    public static var divergingNames: [String] { ColorBrewerSchemes.divergingNames }

    /// The class counts every scheme has colours for.
    public static var classRange: ClosedRange<Int> { ColorBrewerSchemes.classRange }

    /// The ColorBrewer scheme `name` (case-insensitive, e.g. "YlOrRd") for `classes` classes,
    /// lightest first for sequential schemes. Throws for an unknown name (listing the known
    /// ones, closest first) or a class count outside 3…9.
    public static func colors(_ name: String, classes: Int) throws -> [String] {
        let names = sequentialNames + divergingNames
        guard let canonical = names.first(where: { $0.lowercased() == name.lowercased() }),
              let scheme = ColorBrewerSchemes.schemes[canonical] else {
            throw PaletteError("unknown palette '\(name)'; palettes (closest first): \(ClosestNames.closest(to: name, in: names, limit: names.count).joined(separator: ", "))")
        }
        guard classRange.contains(classes) else {
            throw PaletteError("palette \(canonical) has colours for \(classRange.lowerBound) to \(classRange.upperBound) classes, not \(classes)")
        }
        return scheme[classes - classRange.lowerBound]
    }

    /// `count` distinct colours for categories (plan types A/B/C, the 17 strategic fields):
    /// Tableau 10's strong colours first, then their 10 lighter companions of Tableau 20, so the
    /// first ten are the most distinct; beyond 20 the list repeats. Empty for `count <= 0`.
    public static func categorical(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        return (0..<count).map { categoricalColors[$0 % categoricalColors.count] }
    }

    /// Tableau 10 (strong) then the light half of Tableau 20, as published by Tableau and used
    /// by matplotlib's tab10/tab20 and d3's category10/category20.
    static let categoricalColors = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ]
}
