/// Why values could not be classified: a class count out of range, too few distinct values for
/// the classes asked for, unusable manual breaks, or no value to classify at all.
public struct ClassificationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for callers that react to one case.
    public enum Reason: Sendable, Equatable {
        /// The number of classes is outside `Classification.classCountRange`.
        case classCountOutOfRange(Int)
        /// Fewer distinct values than classes.
        case tooFewDistinctValues(distinct: Int, classes: Int)
        /// Every value is missing (or zero, when zero is its own class).
        case noValues
        /// A value is infinite.
        case infiniteValue(index: Int)
        /// Manual breaks: none given.
        case noManualBreaks
        /// Manual breaks: a bound that is not a finite number.
        case manualBreakNotFinite(index: Int)
        /// Manual breaks: a bound not above the one before it.
        case manualBreaksNotIncreasing(index: Int)
    }

    public let reason: Reason
    public let description: String

    public init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }
}
