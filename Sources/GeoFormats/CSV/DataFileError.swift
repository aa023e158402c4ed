import Foundation

/// A problem with the content of a data file, reported as a one-liner naming the file, the line and
/// the reason: `prefectures.csv line 5: bureau_id "kansai" is not in bureaus.csv`.
public struct DataFileError: LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// The file (or other source) the problem is in, as given to the reader.
    public var source: String
    /// 1-based line number, or nil when the problem concerns the file as a whole.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    public init(source: String, line: Int?, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(source) line \(line): \(reason)" }
        return "\(source): \(reason)"
    }

    public var errorDescription: String? { description }
}
