import Foundation
import TestSupport
import XCTest

/// Runs the built `investmap` binary and finds the real data in ../shared, as a user would.

enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The products folder of this build (where `swift build` put `investmap`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["INVESTMAP_BIN"] { return URL(fileURLWithPath: path) }
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("investmap")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("investmap")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var sharedFolder: URL {
        if let path = ProcessInfo.processInfo.environment["INVESTMAP_SHARED"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Runs `investmap ARGS` with the environment given (plus this process's), capturing output.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        let result = try Program.run(binary.path, arguments, input: stdin,
                                     environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        return Result(status: result.status, stdout: result.output, stderr: result.errors)
    }

    /// A command of a fixture's setup that failed.
    struct StepFailure: Error, CustomStringConvertible { var description: String }

    /// Runs `investmap` commands in order; throws, naming the command, at the first that fails.
    static func runAll(_ steps: [[String]], environment: [String: String] = [:]) throws {
        for arguments in steps {
            let result = try run(arguments, environment: environment)
            guard result.status == 0 else {
                throw StepFailure(description: "investmap \(arguments.prefix(2).joined(separator: " ")): \(result.stderr)")
            }
        }
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("investmap-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A file of ../shared; `.xz` files are decompressed once into the temporary folder (the shared
    /// folder is read-only in CI). `environmentKey` names a variable that may already point at the
    /// decompressed file (Scripts/test sets them).
    static func sharedFile(_ relativePath: String, environmentKey: String? = nil) throws -> URL {
        if let key = environmentKey, let path = ProcessInfo.processInfo.environment[key],
           FileManager.default.fileExists(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let source = sharedFolder.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw XCTSkip("\(source.path) is not here (set INVESTMAP_SHARED)")
        }
        guard source.pathExtension == "xz" else { return source }
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("investmap-test-data")
            .appendingPathComponent(source.deletingPathExtension().lastPathComponent)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = target.appendingPathExtension("partial")
        FileManager.default.createFile(atPath: partial.path, contents: nil)
        let xz = Process()
        xz.executableURL = URL(fileURLWithPath: "/usr/bin/xz")
        xz.arguments = ["-dc", source.path]
        xz.standardOutput = try FileHandle(forWritingTo: partial)
        try xz.run()
        xz.waitUntilExit()
        guard xz.terminationStatus == 0 else { throw XCTSkip("xz could not decompress \(source.path)") }
        try FileManager.default.moveItem(at: partial, to: target)
        return target
    }

    static func sha256(_ url: URL) throws -> String {
        try Program.run("/usr/bin/sha256sum", [url.path]).output.split(separator: " ").first.map(String.init) ?? ""
    }
}

/// What a test class reads (a store, a pyramid), made once per test run on first use in its own
/// temporary folder, which goes when the test process ends. A failure to make it (or an
/// `XCTSkip` for missing shared data) is thrown to every test that asks.
final class TestFixture<Value>: @unchecked Sendable {
    private let name: String
    private let make: (URL) throws -> Value
    private let lock = NSLock()
    private var made: Result<Value, any Error>?

    /// - Parameters:
    ///   - name: names the folder (`investmap-<name>-<uuid>`).
    ///   - make: makes the value in the fresh folder it is given.
    init(_ name: String, make: @escaping (URL) throws -> Value) {
        self.name = name
        self.make = make
    }

    /// The value, made on the first call.
    func value() throws -> Value {
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

/// The sample store most tests read: the simplified national TopoJSON, simplified at `levels`,
/// with the fictional sample ledger and sites as edition "sample" (the CLI steps making it).
enum SampleStore {
    static let environment = ["INVESTMAP_GEODATA": CLI.repositoryRoot.appendingPathComponent("GeoData").path]

    static func steps(db: String, levels: String) throws -> [[String]] {
        let topojson = try CLI.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let geodata = CLI.repositoryRoot.appendingPathComponent("GeoData")
        return [["import", "boundaries", topojson.path, "--db", db],
                ["simplify", "--levels", levels, "--db", db],
                ["edition", "create", "sample", "--note", "fictional sample data", "--db", db],
                ["import", "investments", geodata.appendingPathComponent("sample_investments.csv").path, "--edition", "sample", "--db", db],
                ["import", "sites", geodata.appendingPathComponent("sample_sites.csv").path, "--edition", "sample", "--db", db]]
    }
}
