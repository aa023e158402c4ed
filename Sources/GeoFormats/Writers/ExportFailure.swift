/// A problem with the data being written, before the writer adds the path and feature index.
struct ExportFailure: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
