import Foundation

/// Prints a test's report a line at a time, flushing each line. `swift test` (SwiftPM 6.3 on
/// Linux) reads a test's output in chunks and drops any chunk in which a multi-byte character is
/// cut, which Japanese text written in large blocks hits; written line by line, it arrives whole.
enum ReportPrinter {
    static func print(_ report: String) {
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            Swift.print(line)
            fflush(nil)  // all streams: `stdout` is not concurrency-safe to name in Swift 6
        }
    }
}
