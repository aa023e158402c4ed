import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import MapData
import QueryOutput
import Reference

struct EditionDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed from edition A to edition B: projects added, removed, withdrawn and changed, and per-unit totals.")

    @Argument(help: "The earlier edition.")
    var from: String

    @Argument(help: "The later edition.")
    var to: String

    @Option(help: "Level of the per-unit changes: ward, municipality, prefecture or bureau.")
    var level: StatisticsLevelArgument = .municipality

    @Option(help: "table, json, csv or xlsx (csv and xlsx: one row per changed attribute of a project: change,id,name,field,before,after).")
    var format: ExportFormat = .table

    @OptionGroup var export: ExportOptions

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if level == .nation { throw ValidationError("--level nation has no per-unit changes; use ward, municipality, prefecture or bureau") }
        try export.check(format, allowed: [.table, .json, .csv, .xlsx])
    }

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let diff = try EditionDiff.compare(store: boundaryStore, from: try boundaryStore.edition(named: from), to: try boundaryStore.edition(named: to),
                                           level: level.level)
        switch format {
        case .json: try export.writeText(try PrettyJSON.string(EditionDiffJSON(diff)) + "\n")
        case .csv: try export.writeCSV(CSVWriter.record(EditionDiffText.changeColumns) + EditionDiffText.changeRows(diff).map(CSVWriter.record).joined())
        case .xlsx:
            let rows = EditionDiffText.changeRows(diff).map { $0.map { $0.isEmpty ? SpreadsheetExport.Cell.empty : .text($0) } }
            let notes = ["\(from) → \(to)"] + SpreadsheetExport.notes(edition: to, note: nil, credits: try MapDataLoader.credits(of: boundaryStore))
            try export.writeXLSX(SpreadsheetExport(columns: EditionDiffText.changeColumns, rows: rows, notes: notes), sheet: "変更")
        case .table, .geojson: try export.writeText(EditionDiffText.render(diff) + "\n")
        }
    }
}
