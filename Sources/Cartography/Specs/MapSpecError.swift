/// A spec that cannot be rendered: the message names the spec file, the key (dotted path, e.g.
/// `classification.method`) and the reason. Nothing is written when one is thrown.
public struct MapSpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The spec file.
    public let source: String
    /// The key at fault ("" for the file as a whole).
    public let key: String
    public let reason: String

    public init(source: String, key: String, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    public var description: String {
        key.isEmpty ? "\(source): \(reason)" : "\(source): \(key): \(reason)"
    }
}
