/// A user's mistake in the input of `import boundaries`: one line naming the file, the feature
/// and the reason.
public struct BoundaryImportError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var featureIndex: Int?
    public var reason: String

    public init(file: String, featureIndex: Int? = nil, reason: String) {
        self.file = file
        self.featureIndex = featureIndex
        self.reason = reason
    }

    public var description: String {
        if let featureIndex { return "\(file): feature \(featureIndex): \(reason)" }
        return "\(file): \(reason)"
    }
}
