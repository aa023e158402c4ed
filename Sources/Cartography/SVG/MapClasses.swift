/// The classes of a map's units: the classification of their values (robust to data that leave
/// fewer distinct values than classes asked for), the colours, the legend entries and each
/// unit's class key and fill.
public struct MapClasses: Sendable, Equatable {
    public var classification: Classification
    public var colors: [String]
    public var legend: [LegendEntry]
    /// Per unit, in input order: "c0" …, "zero" or "nodata".
    public var keys: [String]
    public var fills: [String]
    /// What the renderer had to change (e.g. fewer classes than asked for), for the user.
    public var warnings: [String]

    /// Classifies `values` as `options` ask. When there are fewer distinct values than classes,
    /// the classes drop to the number of distinct values (with a warning) rather than failing:
    /// a block with few projects still gets its map.
    public static func make(values: [Double?], options: MapSpec.ClassificationOptions, palette: String,
                            presentation: MetricPresentation) throws -> MapClasses {
        var warnings: [String] = []
        var classification: Classification
        do {
            classification = try Classification.classify(values, method: options.method, classes: options.classes,
                                                         zeroAsOwnClass: options.zeroClass)
        } catch let error as ClassificationError {
            switch error.reason {
            case .tooFewDistinctValues(let distinct, let classes) where distinct >= Classification.classCountRange.lowerBound:
                warnings.append("only \(distinct) distinct values: \(distinct) classes drawn instead of \(classes)")
                classification = try Classification.classify(values, method: options.method, classes: distinct,
                                                             zeroAsOwnClass: options.zeroClass)
            case .tooFewDistinctValues, .noValues, .classCountOutOfRange:
                // One distinct value (or none): a single class holding it, or no class at all.
                classification = Self.degenerate(values, options: options)
                if !classification.breaks.isEmpty || error.reason != .noValues {
                    warnings.append("\(error.description): one class drawn")
                }
            default:
                throw error
            }
        }
        if classification.breaks.count < options.classes && options.method.usesClassCount && warnings.isEmpty {
            warnings.append("\(classification.breaks.count) classes drawn instead of \(options.classes) (equal breaks merged)")
        }
        let colors = try ClassLegend.colors(palette, count: classification.breaks.count)
        var keys: [String] = [], fills: [String] = []
        keys.reserveCapacity(values.count)
        fills.reserveCapacity(values.count)
        for value in values {
            switch Self.assignment(value, classification) {
            case .noData: keys.append("nodata"); fills.append(ClassLegend.noDataColor)
            case .zero: keys.append("zero"); fills.append(ClassLegend.zeroColor)
            case .class(let index): keys.append("c\(index)"); fills.append(colors[index])
            }
        }
        let legend = ClassLegend.entries(classification, colors: colors, presentation: presentation)
        return MapClasses(classification: classification, colors: colors, legend: legend, keys: keys, fills: fills, warnings: warnings)
    }

    /// `Classification.classOf`, also for a classification without classes (every value zero
    /// or missing): zero stays zero there.
    static func assignment(_ value: Double?, _ classification: Classification) -> ClassAssignment {
        guard let value, !value.isNaN else { return .noData }
        if classification.zeroAsOwnClass && value == 0 { return .zero }
        return classification.classOf(value)
    }

    /// A classification with one class holding the one distinct value, or none when every value
    /// is zero (kept apart) or missing.
    static func degenerate(_ values: [Double?], options: MapSpec.ClassificationOptions) -> Classification {
        var zeroCount = 0, noDataCount = 0
        var classified: [Double] = []
        for value in values {
            guard let value, !value.isNaN, value.isFinite else { noDataCount += 1; continue }
            if options.zeroClass && value == 0 { zeroCount += 1 } else { classified.append(value) }
        }
        guard let maximum = classified.max(), let minimum = classified.min() else {
            return Classification(method: options.method, breaks: [], counts: [], zeroCount: zeroCount, noDataCount: noDataCount,
                                  zeroAsOwnClass: options.zeroClass, minimum: nil)
        }
        return Classification(method: options.method, breaks: [maximum], counts: [classified.count], zeroCount: zeroCount,
                              noDataCount: noDataCount, zeroAsOwnClass: options.zeroClass, minimum: minimum)
    }
}
