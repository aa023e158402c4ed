import ArgumentParser
import Foundation
import Ledger
import Reference
#if canImport(Glibc)
import Glibc
#endif

/// `investmap synth`: a reproducible fictional ledger in the canonical CSV layout, for demos,
/// tests and benchmarks where no real ledger may be shown.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a fictional sample ledger (canonical CSV) at real town points.",
        discussion: """
        Every row is invented (its source column says so); only the town points it is placed at \
        are real (Geolonia 住所データ, CC BY 4.0). The same --seed and --count give the same bytes, \
        and a larger --count starts with the rows of a smaller one. The CSV goes to standard output, \
        or with --out to FILE, written atomically (a temporary file renamed into place).
        """
    )

    static let maximumCount = 10_000_000
    static let defaultPoints = "points/town_points.csv.xz"

    @Option(help: "Number of projects (1 … 10,000,000), or of sites with --sites.")
    var count: Int

    @Flag(help: "Write industrial-cluster sites (canonical sites CSV: id,name,plan,fields,status,lon,lat,wkt; 30 % of them areas as WKT) instead of projects.")
    var sites = false

    @Option(help: "Seed of the generator (any 64-bit unsigned integer).")
    var seed: UInt64

    @Option(help: "The file to write (default: standard output).")
    var out: String?

    @Option(help: "Town points CSV (columns code5, lat, lng; .xz is decompressed with xz). Default: points/town_points.csv.xz in the shared folder.")
    var points: String?

    func validate() throws {
        guard count > 0, count <= Self.maximumCount else {
            throw ValidationError("--count must be between 1 and 10,000,000 (got \(count))")
        }
    }

    func run() throws {
        let pointsURL = try locatePoints()
        let towns = try Self.readTowns(pointsURL)
        guard !towns.isEmpty else {
            throw CLIError("\(pointsURL.path): no town point with coordinates")
        }
        let ledger = SyntheticLedger(seed: seed, towns: towns, reference: try ReferenceTables.loadFromDefaultLocation())
        if let out {
            try AtomicFile.write(to: URL(fileURLWithPath: out)) { try Self.write(ledger, count: count, sites: sites, to: $0) }
        } else {
            try Self.write(ledger, count: count, sites: sites, to: FileHandle.standardOutput)
        }
        standardError.write("""
            synth: \(count) fictional \(sites ? "cluster sites" : "projects") (seed \(seed)) at \(towns.count) town points of \(pointsURL.lastPathComponent)\
            \(out.map { " → \($0)" } ?? ""). This is NOT real investment data. \
            Town points: Geolonia 住所データ（CC BY 4.0）
            """)
    }

    /// --points, else the shared folder's town points; the error says where it looked.
    private func locatePoints() throws -> URL {
        if let points {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: points, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw CLIError("\(points): no such file (--points)")
            }
            return URL(fileURLWithPath: points)
        }
        if let url = SharedFolder.file(Self.defaultPoints) { return url }
        let environment = ProcessInfo.processInfo.environment
        let looked: String
        if let shared = environment[SharedFolder.environmentVariable], !shared.isEmpty {
            looked = "\((shared as NSString).appendingPathComponent(Self.defaultPoints)) (from \(SharedFolder.environmentVariable))"
        } else if let geoData = try? ReferenceTables.locateGeoData() {
            let shared = geoData.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
            looked = "\(shared.appendingPathComponent(Self.defaultPoints).path) (../shared beside the repository; \(SharedFolder.environmentVariable) is not set)"
        } else {
            looked = "../shared beside the repository, but no GeoData folder was found to start from, and \(SharedFolder.environmentVariable) is not set"
        }
        throw CLIError("town points not found: looked for \(looked); set \(SharedFolder.environmentVariable) to the shared data folder or give --points FILE")
    }

    /// Reads a plain CSV directly, an `.xz` file through `xz -dc`.
    private static func readTowns(_ url: URL) throws -> [TownPoint] {
        guard url.pathExtension == "xz" else { return try SyntheticLedger.readTownPoints(csv: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xz", "-dc", "--", url.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CLIError("\(url.path): cannot run xz to decompress it: \(error.localizedDescription)")
        }
        let towns: [TownPoint]
        do {
            towns = try SyntheticLedger.readTownPoints(from: output.fileHandleForReading, sourceName: url.path)
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return towns
        case 127: throw CLIError("\(url.path): xz is not installed (apt-get install xz-utils), or give an uncompressed --points FILE")
        default: throw CLIError("\(url.path): xz -dc failed (exit \(process.terminationStatus))\(message.isEmpty ? "" : ": \(message)")")
        }
    }

    /// The header and `count` rows (projects, or sites), generated and written in batches so memory stays flat.
    private static func write(_ ledger: SyntheticLedger, count: Int, sites: Bool, to handle: FileHandle) throws {
        let batchSize = 10_000
        var text = CSVWriter.record(sites ? SyntheticLedger.sitesCSVHeader : SyntheticLedger.csvHeader)
        for start in stride(from: 0, to: count, by: batchSize) {
            for index in start..<min(count, start + batchSize) {
                text += sites ? ledger.siteCSVRecord(ledger.site(at: index)) : SyntheticLedger.csvRecord(ledger.project(at: index))
            }
            try handle.write(contentsOf: Data(text.utf8))
            text.removeAll(keepingCapacity: true)
        }
    }
}
