/// Bad input in a boundary file: which file, where (feature index and/or line) and why.
///
/// `description` is one line: `FILE: feature 12: reason`, `FILE: line 3: reason`,
/// `FILE: feature 17 (line 18): reason` when both are known, or `FILE: reason`.
public struct FormatError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 0-based index of the feature being read, when the problem is inside one.
    public var featureIndex: Int?
    /// 1-based line of the problem, when known.
    public var line: Int?
    public var reason: String

    public init(file: String, featureIndex: Int? = nil, line: Int? = nil, reason: String) {
        self.file = file
        self.featureIndex = featureIndex
        self.line = line
        self.reason = reason
    }

    public var description: String {
        switch (featureIndex, line) {
        case let (index?, line?): "\(file): feature \(index) (line \(line)): \(reason)"
        case let (index?, nil): "\(file): feature \(index): \(reason)"
        case let (nil, line?): "\(file): line \(line): \(reason)"
        case (nil, nil): "\(file): \(reason)"
        }
    }
}
