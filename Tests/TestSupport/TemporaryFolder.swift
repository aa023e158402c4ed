import Foundation
import XCTest

/// A fresh folder in the temporary directory for a test's files, removed when the object goes
/// (`TemporaryFolder()`), or when the test ends (`TemporaryFolder.url(for: self)`).
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    /// - Parameter prefix: starts the folder's name (`<prefix>-<uuid>`).
    public init(prefix: String = "investmap-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A fresh folder kept until `test` ends.
    public static func url(for test: XCTestCase, prefix: String = "investmap-test") throws -> URL {
        let folder = try TemporaryFolder(prefix: prefix)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder.url) }
        return folder.url
    }

    /// The file `name` in the folder.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `text` (UTF-8) to `name` in the folder; returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name` in the folder; returns its URL.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }
}
