import Foundation
import XCTest

/// Golden files: outputs pinned byte for byte in files beside the tests that make them
/// (`Tests/<Target>/Goldens/<name>`), which one can open, view and diff.
///
/// To update them after a deliberate change, run `Scripts/update_goldens` (or the tests with
/// `INVESTMAP_UPDATE_GOLDENS=1`): each golden test then writes what it made into its file instead
/// of comparing, and `git diff` shows what changed, for review.
public enum Golden {
    /// The environment variable that turns comparing into writing.
    public static let updateVariable = "INVESTMAP_UPDATE_GOLDENS"

    /// True when the goldens are being rewritten.
    public static var isUpdating: Bool {
        !(ProcessInfo.processInfo.environment[updateVariable] ?? "").isEmpty
    }

    /// The `Goldens` folder beside the test file that calls it (pass `#filePath`).
    public static func folder(of testFile: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(testFile)").deletingLastPathComponent().appendingPathComponent("Goldens", isDirectory: true)
    }

    /// Compares `actual` with the golden file `name` of `folder`; fails naming the file and the
    /// first line that differs (got / expected). Writes the file instead when updating.
    public static func assertMatches(_ actual: [UInt8], _ name: String, in folder: URL,
                                     file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name)
        if isUpdating {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                if (try? Data(contentsOf: url)) != Data(actual) {
                    try Data(actual).write(to: url, options: .atomic)
                    print("golden updated: \(url.path)")
                }
            } catch {
                XCTFail("cannot write the golden \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            XCTFail("the golden \(url.path) is missing; make it with Scripts/update_goldens", file: file, line: line)
            return
        }
        guard Data(actual) != expected else { return }
        XCTFail(difference(actual: actual, expected: Array(expected), golden: url), file: file, line: line)
    }

    /// `actual` as UTF-8 text against the golden file `name`.
    public static func assertMatches(_ actual: String, _ name: String, in folder: URL,
                                     file: StaticString = #filePath, line: UInt = #line) {
        assertMatches(Array(actual.utf8), name, in: folder, file: file, line: line)
    }

    /// The failure message: the golden's path, the first differing line and both versions of it.
    static func difference(actual: [UInt8], expected: [UInt8], golden: URL) -> String {
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        func show(_ lines: [Substring]) -> String { first < lines.count ? String(lines[first].prefix(300)) : "<end of file>" }
        return """
            the output differs from the golden \(golden.path) at line \(first + 1) \
            (\(actual.count) bytes made, \(expected.count) in the golden):
              got      \(show(a))
              expected \(show(e))
            (after a deliberate change: Scripts/update_goldens, then review `git diff`)
            """
    }
}
