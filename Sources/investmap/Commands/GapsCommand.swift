import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import GeoCore
import GeoFormats
import MapData
import QueryOutput
import Reference
import SpatialQueries

/// `investmap gaps`: the coverage-gap report of a regional bureau.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Units of a bureau with no matching project (or no cluster site within --km), largest population first.",
        discussion: """
        A unit is covered when a project matching --plan/--field/--status lies in it, or, with \
        --km, when a matching cluster site (its plan, one of its fields) lies within that distance \
        of the unit's polygon. Each uncovered unit comes with its population (2020 census), the \
        nearest matching site and the nearest covered unit of the same level (0 km: a neighbour). \
        The summary gives, per prefecture, the units, the uncovered units, their population and its \
        share. Distances are geodesic on GRS80 between the full-resolution polygons.

        --svg FILE also draws the gap map (SVG): the block's units, uncovered ones in a strong \
        colour and covered ones in a light neutral, prefecture borders and names, the matching \
        projects as dots and the matching cluster sites as diamonds (areas as outlines), a legend \
        with the counts, the edition and its note, and the data credits. It uses the store's \
        simplified "bureau" scale (see investmap simplify) when built, else full resolution. \
        With --all-bureaus, --svg names a folder (created when missing) that gets one \
        gaps_<bureau>.svg per bureau. The folder of FILE must exist; the map is written atomically.
        """
    )

    enum Level: String, ExpressibleByArgument, CaseIterable { case ward, municipality }

    @Option(help: "The bureau id (hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu, okinawa).") var bureau: String?
    @Flag(help: "One report per bureau, written into --out DIR as gaps_<bureau>.<format>.") var allBureaus = false
    @Option(help: "Only this prefecture (2-digit code) of the bureau.") var prefecture: String?
    @Option(help: "Covered means a matching cluster site within this many km of the unit's polygon.") var km: Double?
    @Option(help: "Leave out units with a smaller population.") var minPopulation: Double?
    @Option(help: "ward (N03 units: wards of designated cities) or municipality.") var level: Level = .ward
    @Option(help: "table, csv, json, geojson or xlsx (one sheet with Japanese headings; with --output FILE, or --out DIR for --all-bureaus).") var format: ExportFormat = .table
    @OptionGroup var export: ExportOptions
    @Flag(help: "Print the per-prefecture summary (CSV and table) instead of the units.") var summary = false
    @Option(help: "The folder for --all-bureaus.") var out: String?
    @Option(help: "Also draw the gap map into this SVG file (with --all-bureaus: a folder, one gaps_<bureau>.svg each).") var svg: String?
    @OptionGroup var filterOptions: ProjectFilterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (bureau == nil) == allBureaus else { throw ValidationError("give --bureau ID or --all-bureaus (one of them)") }
        guard !allBureaus || out != nil else { throw ValidationError("--all-bureaus writes one file per bureau: give --out DIR") }
        if let km {
            do { try QueryError.checkKilometres(km) } catch let error as QueryError { throw ValidationError(error.description) }
        }
        if let minPopulation, !(minPopulation >= 0) { throw ValidationError("--min-population must be 0 or more, got \(minPopulation)") }
        if allBureaus {
            if export.output != nil { throw ValidationError("--all-bureaus writes into --out DIR, not --output") }
            if export.excel && format != .csv { throw ValidationError("--excel is for --format csv") }
        } else {
            try export.check(format, allowed: ExportFormat.allCases)
        }
    }

    /// The query format of a text output (xlsx is made from the CSV's table).
    private var queryFormat: QueryFormat { QueryFormat(rawValue: format.rawValue) ?? .csv }

    func run() throws {
        // A map that cannot be written fails before anything is computed or written.
        let mapTarget = try svg.map { try self.mapTarget($0) }
        let (boundaryStore, edition) = try store.openJoined { try filterOptions.edition(in: $0) }
        let builder = try GapReportBuilder(store: boundaryStore, edition: edition, level: level == .ward ? .ward : .municipality)
        let filter = try filterOptions.filter()
        let mapRenderer = try mapTarget.map { _ in GapMapData(store: boundaryStore, reference: try ReferenceTables.loadFromDefaultLocation()) }
        let bureaus = allBureaus ? builder.bureaus : [bureau!]
        var outFolder: URL?
        if let out {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            outFolder = folder
        }
        for id in bureaus {
            let report: GapReport
            do {
                report = try builder.report(GapReportOptions(bureau: id, prefecture: prefecture, filter: filter, siteKilometres: km,
                                                             minimumPopulation: minPopulation, level: level == .ward ? .ward : .municipality))
            } catch let error as QueryError {
                throw CLIError(error.description)
            }
            let table = try GapsAnswer.table(report, edition: edition, builder: builder, filter: filterOptions.input, summary: summary, withGeometry: format == .geojson,
                                             credits: try MapDataLoader.credits(of: boundaryStore))
            let bytes: Data = switch format {
            case .xlsx: try table.spreadsheet().xlsx(sheetName: summary ? "空白地域の集計" : "空白地域")
            case .csv where export.excel: SpreadsheetExport.excelCSV(table.render(.csv))
            default: Data(table.render(queryFormat).utf8)
            }
            var mapFile: URL?
            if let mapTarget, let mapRenderer {
                let file = allBureaus ? mapTarget.appendingPathComponent("gaps_\(id).svg") : mapTarget
                try Self.writeMap(report, edition: edition, renderer: mapRenderer, to: file)
                mapFile = file
            }
            if let outFolder {
                let file = outFolder.appendingPathComponent("gaps_\(id).\(format == .table ? "txt" : format.rawValue)")
                try AtomicFile.write(Array(bytes), to: file)
                print("\(report.bureauName): \(report.gaps.count) uncovered of \(report.summary.reduce(0) { $0 + $1.units }) units → \(file.path)")
            } else if format == .xlsx || export.output != nil || export.excel {
                try export.write(bytes)
            } else {
                table.print(queryFormat)
                if format == .table && !summary { print(GapsAnswer.summaryLine(report)) }
            }
            if let mapFile { standardError.write("\(report.bureauName): gap map → \(mapFile.path)") }
        }
    }

    /// Where --svg writes: the file (its folder must exist), or with --all-bureaus the folder.
    func mapTarget(_ path: String) throws -> URL {
        try GapMapData.target(URL(fileURLWithPath: path), isFolder: allBureaus)
    }

    /// Draws the report's gap map (`GapMapData`) and writes it atomically.
    static func writeMap(_ report: GapReport, edition: Edition, renderer: GapMapData, to file: URL) throws {
        let map = try renderer.render(GapsAnswer.mapRequest(report), edition: edition)
        for warning in map.warnings { standardError.write("gaps --bureau \(report.bureauID) --svg: \(warning)") }
        try AtomicFile.write(map.svg, to: file)
    }
}
