/// mapclassify.UserDefined: the user's upper bounds, checked (finite, strictly increasing), with
/// the maximum appended when the last bound is below it so every value has a class.
enum ManualBreaks {
    static func breaks(_ bounds: [Double], maximum: Double) throws -> [Double] {
        guard !bounds.isEmpty else {
            throw ClassificationError(.noManualBreaks, "manual classification: no break given")
        }
        for (index, bound) in bounds.enumerated() {
            guard bound.isFinite else {
                throw ClassificationError(.manualBreakNotFinite(index: index), "manual break \(index + 1) is not a finite number (\(bound))")
            }
            if index > 0 && bound <= bounds[index - 1] {
                throw ClassificationError(.manualBreaksNotIncreasing(index: index),
                                          "manual breaks must increase: break \(index + 1) (\(bound)) is not above break \(index) (\(bounds[index - 1]))")
            }
        }
        return bounds.last! < maximum ? bounds + [maximum] : bounds
    }
}
