import Foundation
import XCTest

/// Runs the built `investmap` binary and finds the real data in ../shared, as a user would.
/// Holds what a background reader collected; read only after the reader signalled completion.
final class DataBox: @unchecked Sendable {
    var data = Data()
}

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
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let errorBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let errData = errorBox.data
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
