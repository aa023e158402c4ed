import ArgumentParser
import Foundation
import GeoFormats
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

    @Flag(help: "Write adopted support cases (programme, company, support and total investment, wage commitment, budget, adopted; 75 % located by address only, 20 % by code only, 5 % by coordinates), as the published map is made of, instead of projects.")
    var cases = false

    @Option(help: "Seed of the generator (any 64-bit unsigned integer).")
    var seed: UInt64

    @Option(help: "The file to write (default: standard output).")
    var out: String?

    @Option(help: "Town points CSV (columns code5, lat, lng; .xz is decompressed with xz). Default: points/town_points.csv.xz in the shared folder.")
    var points: String?

    func validate() throws {
        guard !(sites && cases) else { throw ValidationError("--sites and --cases exclude each other") }
        guard count > 0, count <= Self.maximumCount else {
            throw ValidationError("--count must be between 1 and 10,000,000 (got \(count))")
        }
    }

    func run() throws {
        let pointsURL = try locatePoints()
        let towns = try SyntheticLedger.readTownPoints(file: pointsURL)
        guard !towns.isEmpty else {
            throw CLIError("\(pointsURL.path): no town point with coordinates")
        }
        let reference = try ReferenceTables.loadFromDefaultLocation()
        let ledger = SyntheticLedger(seed: seed, towns: towns, reference: reference)
        let caseLedger = cases ? SyntheticCases(seed: seed, towns: towns, reference: reference) : nil
        let header = caseLedger != nil ? SyntheticCases.csvHeader : sites ? SyntheticLedger.sitesCSVHeader : SyntheticLedger.csvHeader
        let sites = self.sites
        let record: (Int) -> String = { index in
            if let caseLedger { return caseLedger.csvRecord(at: index) }
            return sites ? ledger.siteCSVRecord(ledger.site(at: index)) : SyntheticLedger.csvRecord(ledger.project(at: index))
        }
        if let out {
            try AtomicFile.write(to: URL(fileURLWithPath: out)) { try Self.write(header: header, count: count, record: record, to: $0) }
        } else {
            let standardOutput = BufferedFileOutput(descriptor: STDOUT_FILENO, path: "standard output")
            try Self.write(header: header, count: count, record: record, to: standardOutput)
            try standardOutput.flush()
        }
        standardError.write("""
            synth: \(count) fictional \(cases ? "support cases" : sites ? "cluster sites" : "projects") (seed \(seed)) at \(towns.count) town points of \(pointsURL.lastPathComponent)\
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
        do { return try SharedFolder.require(Self.defaultPoints, what: "town points", option: "--points FILE") } catch { throw CLIError("\(error)") }
    }

    /// The header and `count` records, generated and written in batches so memory stays flat.
    private static func write(header: [String], count: Int, record: (Int) -> String, to output: BufferedFileOutput) throws {
        let batchSize = 10_000
        var text = CSVWriter.record(header)
        for start in stride(from: 0, to: count, by: batchSize) {
            for index in start..<min(count, start + batchSize) {
                text += record(index)
            }
            try output.text(text)
            text.removeAll(keepingCapacity: true)
        }
    }
}
