/// Where one value falls in a `Classification`: maps draw no-data and zero (when zero is its own
/// class) as legend entries of their own, apart from the numbered classes.
public enum ClassAssignment: Sendable, Equatable {
    /// No value (nil or NaN).
    case noData
    /// Exactly zero, when the classification keeps zero as its own class.
    case zero
    /// A numbered class, 0-based: the value is at most `breaks[i]` and above `breaks[i - 1]`.
    case `class`(Int)
}
