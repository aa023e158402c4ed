import Foundation

/// What several tests read (a store, a pyramid), made once per test run on first use in its own
/// temporary folder, which goes when the test process ends. A failure to make it (or an
/// `XCTSkip` / `MissingTestData` for missing shared data) is thrown to every test that asks.
public final class TestFixture<Value>: @unchecked Sendable {
    private let name: String
    private let make: (URL) throws -> Value
    private let lock = NSLock()
    private var made: Result<Value, any Error>?

    /// - Parameters:
    ///   - name: names the folder (`investmap-<name>-<uuid>`).
    ///   - make: makes the value in the fresh folder it is given.
    public init(_ name: String, make: @escaping (URL) throws -> Value) {
        self.name = name
        self.make = make
    }

    /// The value, made on the first call.
    public func value() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return try made.get() }
        let result = Result { () throws -> Value in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("investmap-\(name)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            FixtureFolders.removeAtExit(folder)
            return try make(folder)
        }
        made = result
        return try result.get()
    }
}

/// The fixtures' folders, removed when the test process ends.
enum FixtureFolders {
    nonisolated(unsafe) private static var folders: [URL] = []
    private static let lock = NSLock()

    static func removeAtExit(_ folder: URL) {
        lock.lock()
        defer { lock.unlock() }
        if folders.isEmpty {
            atexit {
                for folder in FixtureFolders.folders { try? FileManager.default.removeItem(at: folder) }
            }
        }
        folders.append(folder)
    }
}
