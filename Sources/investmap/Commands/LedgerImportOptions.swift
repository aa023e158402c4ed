import ArgumentParser
import Foundation
import BoundaryStore
import GeoFormats
import Ledger
import LedgerImport
import Reference

/// What `import investments` and `import sites` share: the file, the edition, rejects, options.
struct LedgerImportOptions: ParsableArguments {
    @Argument(help: "The ledger file: CSV (UTF-8 with or without BOM, or Shift_JIS/CP932; English or Japanese headers), an Excel workbook (.xlsx) or GeoJSON.")
    var file: String

    @Option(help: "The draft edition to import into (create it with `investmap edition create`).")
    var edition: String

    @Option(help: "Write every rejected row here as CSV (file,line,id,reason).")
    var rejects: String?

    @Flag(help: "The file is the edition's whole ledger: rows of the edition not in the file are removed.")
    var replace = false

    @Option(name: .customLong("sea-km"), help: "Points at sea (ports, offshore wind) within this distance of the coast are joined to the nearest municipality and flagged; farther ones are rejected.")
    var seaKm: Double = 5

    @Option(help: "The worksheet of an .xlsx file to read (default: the first visible sheet).")
    var sheet: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read a column from a header the built-in names do not know, as canonical=header (e.g. company=申請事業者名); repeatable.", valueName: "canonical=header"))
    var columnMappings: [String] = []

    @Option(name: .customLong("columns"), help: ArgumentHelp("A CSV of canonical,header rows: the same as --map for many columns.", valueName: "file"))
    var columnsFile: String?

    @Option(name: .customLong("max-file-mb"), help: "Refuse a ledger file larger than this many MiB (lines are limited to 2 MiB, cells per column; see the README).")
    var maxFileMB: Int = LedgerLimits.defaultMaxFileBytes >> 20

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard seaKm.isFinite, seaKm >= 0, seaKm <= 200 else {
            throw ValidationError("--sea-km must be between 0 and 200 km, got \(seaKm)")
        }
        guard maxFileMB >= 1, maxFileMB <= 65_536 else {
            throw ValidationError("--max-file-mb must be between 1 and 65536, got \(maxFileMB)")
        }
    }

    var limits: LedgerLimits { LedgerLimits(maxFileBytes: maxFileMB << 20) }

    /// --map and --columns as the reader takes them.
    func columnMap() throws -> LedgerColumnMap {
        var map = LedgerColumnMap()
        if let columnsFile {
            do { try map.add(file: URL(fileURLWithPath: columnsFile), displayName: columnsFile) } catch { throw CLIError("--columns \(error)") }
        }
        for argument in columnMappings {
            do { try map.add(argument: argument) } catch { throw CLIError("--map \(error)") }
        }
        return map
    }

    /// Runs one import and prints its summary; rejections go to --rejects (or, the first 20,
    /// to standard error). A failed import changes nothing: every output is checked before the
    /// work, the rejects file is written aside before the store commits and moved into place
    /// after, and a missing store is never created.
    func run(_ body: (LedgerImporter, URL, _ beforeWrite: ([LedgerRejection]) throws -> Void) throws -> LedgerImportSummary) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CLIError("\(file): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError("\(file): is a folder, not a ledger file") }
        let rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
        if let rejectsURL { try AtomicFile.checkTarget(rejectsURL) }
        try store.checkWritable()
        let importer = LedgerImporter(store: try store.open(readOnly: false), reference: try ReferenceTables.loadFromDefaultLocation(),
                                      maxSeaDistanceKm: seaKm)
        var pending: AtomicFile.Pending?
        let summary: LedgerImportSummary
        do {
            summary = try body(importer, URL(fileURLWithPath: file)) { rejections in
                guard let rejectsURL else { return }
                pending = try AtomicFile.prepare(rejectsURL) { out in
                    try out.text(CSVWriter.record(["file", "line", "id", "reason"]))
                    for r in rejections { try out.text(CSVWriter.record([r.file, r.place, r.id ?? "", r.reason])) }
                }
            }
        } catch {
            pending?.discard()
            throw error
        }
        if let pending {
            // The rows are committed; the rejects file only has to move into its checked folder.
            try pending.commit()
        } else if rejects == nil {
            for r in summary.rejections.prefix(20) { standardError.write("\(r.file):\(r.place): \(r.id.map { "\($0): " } ?? "")\(r.reason)") }
            if summary.rejections.count > 20 {
                standardError.write("… \(summary.rejections.count - 20) more rejected rows (write them all with --rejects FILE)")
            }
        }
        // Rows placed at their municipality though they gave an address: accepted, but said.
        for n in summary.locationNotes.prefix(10) {
            standardError.write("\(n.file):\(n.place): \(n.id.map { "\($0): " } ?? "")placed at its municipality: \(n.reason)")
        }
        if summary.locationNotes.count > 10 {
            standardError.write("… \(summary.locationNotes.count - 10) more rows placed at their municipality")
        }
        print(LedgerImportSummaryText.text(summary, rejectsFile: rejects))
    }
}
