import Foundation

/// The legend of a classified map: one entry per class with its range in the metric's
/// Japanese unit, then zero ("投資なし") when it is a class of its own and no data when any
/// unit has none. The entries' counts add up to the number of units.
public enum ClassLegend {
    /// Fill of units with the value 0 when zero is its own class: a light grey that no
    /// sequential ColorBrewer scheme uses.
    public static let zeroColor = "#f0f0f0"
    /// Fill of units without a value.
    public static let noDataColor = "#bdbdbd"

    /// The entries of `classification` coloured by `colors` (one per class), ranges written in
    /// `presentation`'s unit; zero and no data last.
    public static func entries(_ classification: Classification, colors: [String], presentation: MetricPresentation) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        let breaks = classification.breaks.map { $0 / presentation.divisor }
        let minimum = (classification.minimum ?? classification.breaks.first ?? 0) / presentation.divisor
        let decimals = presentation.integral ? 0 : JapaneseNumberText.decimals(for: [minimum] + breaks)
        for (index, upper) in breaks.enumerated() {
            var lower = index == 0 ? minimum : breaks[index - 1]
            if presentation.integral && index > 0 { lower = lower.rounded(.down) + 1 }
            let upperText = JapaneseNumberText.text(upper, decimals: decimals)
            let lowerText = JapaneseNumberText.text(lower, decimals: decimals)
            let label = lowerText == upperText ? upperText : "\(lowerText) – \(upperText)"
            entries.append(LegendEntry(key: "c\(index)", color: colors[index], label: label, count: classification.counts[index]))
        }
        if classification.zeroAsOwnClass {
            entries.append(LegendEntry(key: "zero", color: zeroColor, label: "0（投資なし）", count: classification.zeroCount))
        }
        if classification.noDataCount > 0 {
            entries.append(LegendEntry(key: "nodata", color: noDataColor, label: "データなし", count: classification.noDataCount))
        }
        return entries
    }

    /// `count` colours of the scheme `palette`: its own scheme for 3 … 9 classes; for fewer
    /// classes (ties merged, or too few distinct values) the lightest and darkest of the
    /// 3-class scheme, or its middle colour for a single class.
    public static func colors(_ palette: String, count: Int) throws -> [String] {
        if count >= Palette.classRange.lowerBound { return try Palette.colors(palette, classes: count) }
        let three = try Palette.colors(palette, classes: Palette.classRange.lowerBound)
        switch count {
        case 2: return [three[0], three[2]]
        case 1: return [three[1]]
        default: return []
        }
    }
}
