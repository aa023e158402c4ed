/// Values grouped into classes for a choropleth map, with mapclassify's semantics: `breaks` are
/// the classes' upper bounds (mapclassify's `bins`, the last one the maximum), class `i` holds
/// the values `v` with `breaks[i - 1] < v <= breaks[i]` (class 0 everything up to `breaks[0]`),
/// and `counts` tallies the classified values per class (mapclassify's `counts`).
///
/// Missing values (nil, NaN) are never classified; they are counted in `noDataCount`. When
/// `zeroAsOwnClass` is set, zeros are left out of the computation too and counted in
/// `zeroCount`: a map of investment shows "no project" apart from the smallest amounts.
public struct Classification: Sendable, Equatable {
    /// The numbers of classes the count-based methods accept (ColorBrewer's schemes stop at 9
    /// for sequential maps, 12 for qualitative ones).
    public static let classCountRange = 2...12

    public var method: ClassificationMethod
    /// Upper bound of each class, increasing; the last is the largest classified value.
    public var breaks: [Double]
    /// Number of classified values per class (`counts.count == breaks.count`).
    public var counts: [Int]
    /// Number of zeros kept apart (0 unless `zeroAsOwnClass`).
    public var zeroCount: Int
    /// Number of missing values (nil or NaN).
    public var noDataCount: Int
    /// Whether zero is a class of its own (`classOf(0)` is `.zero`).
    public var zeroAsOwnClass: Bool
    /// The smallest classified value: the lower end of class 0 in a legend (nil when built by
    /// hand without it).
    public var minimum: Double?

    public init(method: ClassificationMethod, breaks: [Double], counts: [Int], zeroCount: Int = 0, noDataCount: Int = 0,
                zeroAsOwnClass: Bool = false, minimum: Double? = nil) {
        self.method = method
        self.breaks = breaks
        self.counts = counts
        self.zeroCount = zeroCount
        self.noDataCount = noDataCount
        self.zeroAsOwnClass = zeroAsOwnClass
        self.minimum = minimum
    }

    /// The number of classes (not counting zero and no-data).
    public var classCount: Int { breaks.count }

    /// Class of a value: `.noData` for nil or NaN, `.zero` for 0 when zero is its own class,
    /// otherwise `.class(i)` with `breaks[i - 1] < value <= breaks[i]`. Values below the first
    /// bound fall in class 0 and values above the last one in the last class (mapclassify would
    /// put the latter in class 0; they only occur for values that were not classified).
    public func classOf(_ value: Double?) -> ClassAssignment {
        guard let value, !value.isNaN, !breaks.isEmpty else { return .noData }
        if zeroAsOwnClass && value == 0 { return .zero }
        var low = 0, high = breaks.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= breaks[middle] { high = middle } else { low = middle + 1 }
        }
        return .class(low)
    }

    /// Classifies `values` with `method` into `k` classes (`k` is ignored by head/tail and
    /// manual breaks, whose data decide the count). The breaks equal those of the mapclassify
    /// classifier named by `method.mapclassifyName` on the same classified values.
    ///
    /// Throws when `k` is outside `classCountRange`, when there are fewer distinct values than
    /// `k`, when a value is infinite, when nothing is left to classify, or when manual breaks
    /// are empty, not finite or not increasing.
    public static func classify(_ values: [Double?], method: ClassificationMethod, classes k: Int = 5,
                                zeroAsOwnClass: Bool = false) throws -> Classification {
        var classified: [Double] = []
        classified.reserveCapacity(values.count)
        var zeroCount = 0, noDataCount = 0
        for (index, value) in values.enumerated() {
            guard let value, !value.isNaN else { noDataCount += 1; continue }
            guard value.isFinite else {
                throw ClassificationError(.infiniteValue(index: index), "value \(index + 1) is infinite (\(value)); only finite values can be classified")
            }
            if zeroAsOwnClass && value == 0 { zeroCount += 1; continue }
            classified.append(value)
        }
        if method.usesClassCount && !classCountRange.contains(k) {
            throw ClassificationError(.classCountOutOfRange(k),
                                      "\(k) classes asked for: the number of classes must be between \(classCountRange.lowerBound) and \(classCountRange.upperBound)")
        }
        guard !classified.isEmpty else {
            let what = zeroAsOwnClass ? "zero or missing" : "missing"
            throw ClassificationError(.noValues, "no value to classify: all \(values.count) values are \(what)")
        }
        let sorted = classified.sorted()
        if method.usesClassCount {
            var distinct = 1
            for i in 1..<sorted.count where sorted[i] != sorted[i - 1] { distinct += 1 }
            if distinct < k {
                let note = zeroAsOwnClass ? " (zeros are a class of their own)" : ""
                throw ClassificationError(.tooFewDistinctValues(distinct: distinct, classes: k),
                                          "\(k) classes asked for but only \(distinct) distinct value\(distinct == 1 ? "" : "s") to classify\(note): ask for at most \(distinct) class\(distinct == 1 ? "" : "es")")
            }
        }
        let breaks: [Double] = switch method {
        case .quantiles: QuantileBreaks.breaks(sorted: sorted, classes: k)
        case .equalInterval: EqualIntervalBreaks.breaks(minimum: sorted[0], maximum: sorted[sorted.count - 1], classes: k)
        case .fisherJenks: FisherJenksBreaks.breaks(sorted: sorted, classes: k)
        case .headTail: HeadTailBreaks.breaks(classified)
        case .manual(let bounds): try ManualBreaks.breaks(bounds, maximum: sorted[sorted.count - 1])
        }
        var result = Classification(method: method, breaks: breaks, counts: Array(repeating: 0, count: breaks.count),
                                    zeroCount: zeroCount, noDataCount: noDataCount, zeroAsOwnClass: zeroAsOwnClass,
                                    minimum: sorted[0])
        for value in classified {
            if case .class(let i) = result.classOf(value) { result.counts[i] += 1 }
        }
        return result
    }
}
