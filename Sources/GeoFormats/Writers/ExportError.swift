/// Why an export failed: the output path, the feature (when the problem is in one) and the reason.
///
/// `description` is one line: `PATH: feature 12: reason` or `PATH: reason`. A failed export never
/// replaces the file at `path`: the writers write a temporary file beside it and rename it only
/// when everything was written.
public struct ExportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The output file's path, as given.
    public var path: String
    /// 0-based index of the feature being written, when the problem is in one.
    public var featureIndex: Int?
    public var reason: String

    public init(path: String, featureIndex: Int? = nil, reason: String) {
        self.path = path
        self.featureIndex = featureIndex
        self.reason = reason
    }

    public var description: String {
        if let featureIndex { "\(path): feature \(featureIndex): \(reason)" } else { "\(path): \(reason)" }
    }
}
