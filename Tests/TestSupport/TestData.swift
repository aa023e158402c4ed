import Foundation
import XCTest

/// The real data of the shared folder (`../shared` beside the repository, or `$INVESTMAP_SHARED`)
/// that some tests need, and the tools they run. One rule for all of them: when what a test needs
/// is missing, the test is skipped on a developer's machine, but under CI (the environment
/// variable `CI` set to anything non-empty) it FAILS, with a message naming the missing file, so
/// a CI run can never go green by skipping the tests that matter.
///
/// Ask in the test (or a `TestFixture` it reads), not in `setUpWithError`: on Linux, XCTest counts
/// an error thrown by `setUpWithError` as a failure and also as a skip.
public enum TestData {
    /// True when `CI` is set and not empty: missing data and tools fail instead of skipping.
    public static var isCI: Bool {
        !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// The shared folder: `$INVESTMAP_SHARED` when set (even when it does not exist: a wrong
    /// setting is not replaced by another folder), else `shared` beside the repository.
    public static var sharedFolder: URL {
        if let path = ProcessInfo.processInfo.environment["INVESTMAP_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return TestPaths.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }

    /// What to throw when something a test needs is missing: `XCTSkip` (skipped), or under CI a
    /// `MissingTestData` error (the test fails). `what` names the missing thing.
    public static func missing(_ what: String) -> any Error {
        if isCI {
            return MissingTestData(description: "\(what) (CI is set: a test whose data is missing fails, it does not skip)")
        }
        return XCTSkip(what)
    }

    /// A file of the shared folder (`relativePath`, e.g. "geodata/N03-21_210101_s0010.topojson").
    /// `.xz` files are decompressed once into the temporary folder (the shared folder is
    /// read-only), unless `decompress` is false; `environmentKey` names a variable that may already
    /// point at the decompressed file (Scripts/test sets INVESTMAP_FULLRES_GEOJSON and
    /// INVESTMAP_TOWN_POINTS).
    /// - Throws: `missing(…)` (a skip, or a failure under CI) when the file is not there.
    public static func sharedFile(_ relativePath: String, environmentKey: String? = nil, decompress: Bool = true) throws -> URL {
        if let key = environmentKey, let path = ProcessInfo.processInfo.environment[key], !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else {
                throw missing("\(key)=\(path) names no file (it should be the decompressed \(relativePath) of the shared folder)")
            }
            return URL(fileURLWithPath: path)
        }
        let source = sharedFolder.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw missing("shared data \(source.path) is not here (the shared folder is $INVESTMAP_SHARED, else ../shared beside the repository)")
        }
        guard decompress, source.pathExtension == "xz" else { return source }
        return try decompressed(source)
    }

    /// True when the shared file is there (for the few checks that adapt rather than need it).
    public static func hasSharedFile(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent(relativePath).path)
    }

    /// The path of an executable found on $PATH; when missing, `missing(…)` naming it (a skip,
    /// or under CI a failure: the scripts install every tool the tests use).
    public static func tool(_ name: String, package: String) throws -> String {
        guard let path = Program.which(name) else {
            throw missing("\(name) is not installed (Debian package \(package); Scripts/test installs it)")
        }
        return path
    }

    private static let decompressLock = NSLock()

    /// `source` (.xz) decompressed into the temporary folder, once (kept between runs: it is
    /// keyed by name and only renamed into place when complete).
    private static func decompressed(_ source: URL) throws -> URL {
        decompressLock.lock()
        defer { decompressLock.unlock() }
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("investmap-test-data")
            .appendingPathComponent(source.deletingPathExtension().lastPathComponent)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = target.appendingPathExtension("partial-\(ProcessInfo.processInfo.processIdentifier)")
        FileManager.default.createFile(atPath: partial.path, contents: nil)
        let xz = Process()
        xz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        xz.arguments = ["xz", "-dc", source.path]
        xz.standardOutput = try FileHandle(forWritingTo: partial)
        try xz.run()
        xz.waitUntilExit()
        guard xz.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw MissingTestData(description: "xz could not decompress \(source.path) (exit \(xz.terminationStatus))")
        }
        try FileManager.default.moveItem(at: partial, to: target)
        return target
    }
}

/// Data or a tool a test needs is missing, under CI (or a committed fixture is missing
/// anywhere): thrown, it fails the test with this message.
public struct MissingTestData: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
