import Foundation

/// Progress and warnings go to standard error so standard output stays the command's result.
struct StandardError: Sendable {
    func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

let standardError = StandardError()

/// A user's mistake found by the CLI itself: printed as one line, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
