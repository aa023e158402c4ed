import GeoFormats
import Reference

/// Reads a ledger CSV (or TSV) file: decodes the text, resolves the header, and hands every
/// non-empty row to a validator. Records are parsed by the project's `CSVReader` (RFC 4180, with
/// line numbers), run over the text once converted to UTF-8.
enum LedgerCSVReading {
    /// - Parameters:
    ///   - bytes: the file's content as stored.
    ///   - delimiter: `,` or a tab.
    ///   - build: the validator for one row, given its id.
    /// - Throws: `DataFileError` for an undecodable text, a CSV syntax error (an unclosed quote),
    ///   an empty file, a header without a required column, or two columns meaning the same.
    static func read<Row: Sendable>(
        _ bytes: [UInt8], delimiter: UInt8, displayName: String, kind: LedgerKind, columnMap: LedgerColumnMap = LedgerColumnMap(),
        build: (String, LedgerRow) throws(RowProblem) -> Row
    ) throws -> LedgerReadResult<Row> {
        let (text, encoding) = try LedgerTextDecoder.decode(bytes, source: displayName)
        var header: LedgerHeader?
        var headerCount = 0
        var collector = LedgerRowCollector<Row>(file: displayName)
        try CSVReader.forEachRecord(in: text, sourceName: displayName, delimiter: delimiter,
                                    maxRecordBytes: LedgerLimits.maxLineBytes) { line, cells in
            guard let resolved = header else {
                header = try LedgerHeader.resolve(cells, line: line, displayName: displayName, kind: kind, columnMap: columnMap)
                headerCount = cells.count
                return
            }
            // A row of empty cells (a spreadsheet's formatted but unused row) is not a row.
            if cells.allSatisfy({ $0.ledgerTrimmed.isEmpty }) { return }
            guard cells.count == headerCount else {
                let id = resolved.entries[.id].flatMap { $0.index < cells.count ? cells[$0.index].ledgerTrimmed : nil }
                collector.reject(line: line, id: id, reason: "has \(cells.count) cell(s), the header has \(headerCount)")
                return
            }
            var rowCells: [LedgerColumn: LedgerRow.Cell] = [:]
            for (column, entry) in resolved.entries {
                rowCells[column] = LedgerRow.Cell(label: entry.label, text: cells[entry.index])
            }
            let row = LedgerRow(line: line, cells: rowCells, amountUnits: resolved.amountUnits)
            collector.collect(row: row) { id throws(RowProblem) in try build(id, row) }
        }
        guard let header else {
            throw DataFileError(source: displayName, line: nil, reason: "the file is empty (no header)")
        }
        return collector.result(encoding: encoding, ignoredColumns: header.ignoredColumns)
    }
}
