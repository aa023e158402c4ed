/// A problem found while scanning or interpreting a JSON document, before the reader adds the
/// file name and feature index to make it a `FormatError`.
struct ParseFailure: Error {
    var reason: String
    /// 1-based line where the scanner stood; `nil` when the position is not meaningful.
    var line: Int?

    init(_ reason: String, line: Int?) {
        self.reason = reason
        self.line = line
    }

    /// `text` in double quotes for a message: control characters and quotes escaped, so that the
    /// message stays on one line, and cut after 40 characters.
    static func quoted(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)).debugDescription.dropLast() + "…\"" : text.debugDescription
    }
}
