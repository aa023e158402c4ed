import ArgumentParser
import Foundation
import GeoFormats
import QueryOutput
#if canImport(Glibc)
import Glibc
#endif

/// `--format` of the commands whose answers people take into spreadsheets (`projects`, `stats`,
/// `gaps`, `edition diff`); each accepts the ones it can give.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, geojson, xlsx
}

/// `--output` and `--excel`: where an export goes and how its CSV is encoded.
struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("output"), help: ArgumentHelp("Write to this file (atomically: a failed run leaves the old file) instead of standard output; needed for xlsx on a terminal.", valueName: "file"))
    var output: String?

    @Flag(help: "CSV for Excel: UTF-8 with a byte order mark and CRLF line ends (a plain UTF-8 CSV opens garbled in Excel on Japanese Windows).")
    var excel = false

    /// Checks that `format` is one of `allowed` and that a workbook has somewhere to go.
    func check(_ format: ExportFormat, allowed: [ExportFormat]) throws {
        guard allowed.contains(format) else {
            throw ValidationError("--format must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), got \(format.rawValue)")
        }
        if excel && format != .csv { throw ValidationError("--excel is for --format csv") }
        if format == .xlsx && output == nil && isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("an xlsx workbook is binary: give --output FILE.xlsx (or redirect standard output)")
        }
        if let output { try AtomicFile.checkTarget(URL(fileURLWithPath: output)) }
    }

    /// Writes CSV text: as it is, or for Excel with --excel.
    func writeCSV(_ text: String) throws {
        try write(excel ? SpreadsheetExport.excelCSV(text) : Data(text.utf8))
    }

    /// Writes text (tables, JSON).
    func writeText(_ text: String) throws {
        try write(Data(text.utf8))
    }

    /// Writes a workbook of one sheet.
    func writeXLSX(_ export: SpreadsheetExport, sheet: String) throws {
        try write(try export.xlsx(sheetName: sheet))
    }

    /// Writes bytes as they are, to --output or standard output.
    func write(_ bytes: Data) throws {
        if let output {
            try AtomicFile.write(Array(bytes), to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }
}
