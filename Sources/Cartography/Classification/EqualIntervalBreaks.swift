/// mapclassify.EqualInterval: k classes of width (max − min)/k, the last bound set to the
/// maximum (the intermediate bounds as NumPy's `arange` computes them).
enum EqualIntervalBreaks {
    static func breaks(minimum: Double, maximum: Double, classes k: Int) -> [Double] {
        let width = (maximum - minimum) / Double(k)
        var cuts = NumPyArithmetic.arange(start: minimum + width, stop: maximum + width, step: width)
        if cuts.count > k { cuts.removeLast(cuts.count - k) }
        if cuts.isEmpty { return [maximum] }
        cuts[cuts.count - 1] = maximum
        return cuts
    }
}
