/// A problem with the data being written, before the writer adds the path and feature index.
public struct ExportFailure: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    init(_ reason: String) {
        self.reason = reason
    }
}
