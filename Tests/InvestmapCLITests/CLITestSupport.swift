import Foundation
import TestSupport
import XCTest

/// Runs the built `investmap` binary, as a user would (the real data of ../shared through `TestData`).
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

    static func sha256(_ url: URL) throws -> String {
        try Program.run("/usr/bin/sha256sum", [url.path]).output.split(separator: " ").first.map(String.init) ?? ""
    }
}

/// The sample store most tests read: the simplified national TopoJSON, simplified at `levels`,
/// with the fictional sample ledger and sites as edition "sample" (the CLI steps making it).
enum SampleStore {
    static let environment = ["INVESTMAP_GEODATA": TestPaths.repositoryRoot.appendingPathComponent("GeoData").path]

    static func steps(db: String, levels: String) throws -> [[String]] {
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let geodata = TestPaths.repositoryRoot.appendingPathComponent("GeoData")
        return [["import", "boundaries", topojson.path, "--db", db],
                ["simplify", "--levels", levels, "--db", db],
                ["edition", "create", "sample", "--note", "fictional sample data", "--db", db],
                ["import", "investments", geodata.appendingPathComponent("sample_investments.csv").path, "--edition", "sample", "--db", db],
                ["import", "sites", geodata.appendingPathComponent("sample_sites.csv").path, "--edition", "sample", "--db", db]]
    }
}
