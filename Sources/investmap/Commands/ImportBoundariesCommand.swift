import ArgumentParser
import Foundation
import BoundaryImport
import BoundaryStore
import Reference

struct ImportBoundariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Import N03 administrative boundaries (GeoJSON, TopoJSON, or the MLIT .zip).",
        discussion: """
        Replaces every boundary layer of the store in one transaction: on any error the store \
        stays exactly as it was. Parts are grouped by N03_007 into one MultiPolygon per unit, \
        invalid geometry is repaired and reported, and municipalities, designated cities, \
        prefectures and bureau blocks are derived by dissolving the N03 units.
        """
    )

    @Argument(help: "N03 files: GeoJSON (one feature per part), TopoJSON, or an MLIT .zip of either.")
    var files: [String]

    @Option(name: .customLong("fill-from"), help: ArgumentHelp(
        "A coarser coverage of the same territory that fills the units the files lack, conflated to their borders (repeatable).",
        valueName: "FILE"))
    var fillFrom: [String] = []

    @Option(help: "The boundary edition recorded on every unit (default: from the file name, e.g. N03-22_220101).")
    var edition: String?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print every report row, however many.")
    var verbose = false

    @Flag(help: "Have GEOS validate the dissolved bureau blocks before committing (slower; catches borders that cross without shared vertices).")
    var verifyLevels = false

    func validate() throws {
        if let edition, edition.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--edition must not be empty")
        }
    }

    func run() throws {
        let urls = try (files + fillFrom).map { path -> URL in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path): no such file")
            }
            guard !isDirectory.boolValue else { throw CLIError("\(path): is a directory, not a boundary file") }
            return URL(fileURLWithPath: path)
        }
        let geoData = try ReferenceTables.locateGeoData()
        let reference = try ReferenceTables.load(from: geoData)
        let census = try CensusPopulation.locate(geoDataDirectory: geoData).map { try CensusPopulation.load(from: $0) }
        if census == nil {
            standardError.write("warning: population_2020_census.csv not found (set INVESTMAP_SHARED); population left empty")
        }
        try store.checkWritable(create: true)
        let importer = BoundaryImporter(reference: reference, census: census)
        let existed = FileManager.default.fileExists(atPath: store.path)
        let summary: BoundaryImportSummary
        do {
            summary = try importer.run(files: Array(urls.prefix(files.count)), fillFrom: Array(urls.dropFirst(files.count)), edition: edition, verifyLevels: verifyLevels,
                                       openStore: { try store.open(readOnly: false, create: true) }) { message in
                standardError.write(message)
            }
        } catch {
            // A store this run made and could not fill (disk full …) goes: a failed import leaves
            // no file where there was none. The store is closed by now (the importer owned it).
            if !existed {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
            }
            throw error
        }
        print(ImportSummaryText(summary: summary, storePath: store.path, verbose: verbose).text)
    }
}
