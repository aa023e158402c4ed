import GeoFormats
import Reference

/// Reads a ledger CSV (or TSV) file: decodes the text, resolves the header, and hands every
/// non-empty row to a validator. Records are parsed by the project's `CSVReader` (RFC 4180, with
/// line numbers), run over the text once converted to UTF-8.
enum LedgerCSVReading {
    /// - Parameters:
    ///   - bytes: the file's content as stored.
    ///   - delimiter: `,` or a tab.
    ///   - parallel: whether `build` may run on several threads at once (not when it owns a GEOS
    ///     context).
    ///   - build: the validator for one row, given its id.
    /// - Throws: `DataFileError` for an undecodable text, a CSV syntax error (an unclosed quote),
    ///   an empty file, a header without a required column, or two columns meaning the same.
    static func read<Row: Sendable>(
        _ bytes: [UInt8], delimiter: UInt8, displayName: String, kind: LedgerKind, columnMap: LedgerColumnMap = LedgerColumnMap(),
        parallel: Bool = true, build: @escaping @Sendable (String, LedgerRow) throws(RowProblem) -> Row
    ) throws -> LedgerReadResult<Row> {
        let (text, encoding) = try LedgerTextDecoder.decode(bytes, source: displayName)
        var header: LedgerHeader?
        var headerCount = 0
        var collector = LedgerRowCollector<Row>(file: displayName)
        // Rows are validated a batch at a time on every core; a batch is handed over before any
        // rejection made here, so rejections stay in file order.
        var batch: [(line: Int, cells: [String])] = []
        func flush(_ header: LedgerHeader) {
            collector.collect(batch: batch, parallel: parallel, row: { record in
                var rowCells: [LedgerColumn: LedgerRow.Cell] = [:]
                for (column, entry) in header.entries {
                    rowCells[column] = LedgerRow.Cell(label: entry.label, text: record.cells[entry.index])
                }
                return LedgerRow(line: record.line, cells: rowCells, amountUnits: header.amountUnits)
            }, build)
            batch.removeAll(keepingCapacity: true)
        }
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
                flush(resolved)
                let id = resolved.entries[.id].flatMap { $0.index < cells.count ? cells[$0.index].ledgerTrimmed : nil }
                collector.reject(line: line, id: id, reason: "has \(cells.count) cell(s), the header has \(headerCount)")
                return
            }
            batch.append((line, cells))
            if batch.count == Self.batchRows { flush(resolved) }
        }
        guard let header else {
            throw DataFileError(source: displayName, line: nil, reason: "the file is empty (no header)")
        }
        flush(header)
        return collector.result(encoding: encoding, ignoredColumns: header.ignoredColumns)
    }

    /// Rows validated together: enough to keep both cores busy, few enough to stay small in memory.
    static let batchRows = 8_192
}
