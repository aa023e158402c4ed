import Foundation
import GeoFormats
import Reference

/// Reads a ledger from an Excel workbook (`XLSXWorkbook`): the first visible sheet or the one
/// named, its header row found below any title rows (a header may span two rows with merged
/// cells: 金額 over 支援額 and 総投資額), then every row as a CSV record would be read. Values
/// are taken as Excel shows them: numbers exactly, dates as ISO, formulas by their cached
/// result. Rows are numbered as Excel numbers them, and rejections name the sheet ("案件!12").
enum LedgerXLSXReading {
    /// How many rows from the top the header may be.
    static let headerSearchRows = 30

    /// - Throws: `DataFileError` for a file that is not a workbook (not a zip, encrypted, an old
    ///   .xls), a sheet that does not exist (the sheets are listed), a sheet without a header row,
    ///   malformed XML, or a workbook over the limits.
    static func read<Row: Sendable>(
        at url: URL, displayName: String, sheet sheetName: String?, kind: LedgerKind, columnMap: LedgerColumnMap,
        limits: LedgerLimits, build: (String, LedgerRow) throws(RowProblem) -> Row
    ) throws -> LedgerReadResult<Row> {
        do {
            var xlsxLimits = XLSXLimits.standard
            xlsxLimits.maxFileBytes = limits.maxFileBytes
            let workbook = try XLSXWorkbook(contentsOf: url, displayName: displayName, limits: xlsxLimits)
            let sheet = try sheetName.map { try workbook.sheet(named: $0) } ?? workbook.firstSheet()
            var collector = LedgerRowCollector<Row>(file: displayName)
            collector.sheet = sheet.name
            // The header is found among the first rows, buffered: the row (or pair of rows) that
            // names the most columns and resolves; a title row above adds nothing, a second header
            // row under merged group names (金額 over 支援額 and 総投資額) adds its columns.
            var buffered: [XLSXRow] = []
            var header: (header: LedgerHeader, lastRow: Int)?
            func decide() throws -> (header: LedgerHeader, lastRow: Int) {
                let found = try findHeader(buffered, sheet: sheet, displayName: displayName, kind: kind, columnMap: columnMap)
                for row in buffered where row.number > found.lastRow {
                    collect(row, header: found.header, into: &collector, build: build)
                }
                buffered.removeAll()
                return found
            }
            try sheet.forEachRow(fillingMergedCells: true) { row in
                guard let resolved = header else {
                    if !row.isEmpty { buffered.append(row) }
                    if buffered.count == headerSearchRows { header = try decide() }
                    return
                }
                guard row.number > resolved.lastRow, !row.isEmpty else { return }
                collect(row, header: resolved.header, into: &collector, build: build)
            }
            let found = try header ?? decide()
            return collector.result(encoding: nil, ignoredColumns: found.header.ignoredColumns)
        } catch let error as XLSXError {
            throw DataFileError(source: displayName, line: nil, reason: error.reasonWithPlace)
        }
    }

    /// The header among `rows` (the sheet's first non-empty rows): of every row alone and every
    /// row with the next, the one that resolves with the most columns (the earliest on a tie),
    /// and the last row it takes.
    /// - Throws: `DataFileError` when none resolves: the closest one's missing columns, or that
    ///   no row names any ledger column.
    private static func findHeader(_ rows: [XLSXRow], sheet: XLSXSheet, displayName: String, kind: LedgerKind,
                                   columnMap: LedgerColumnMap) throws -> (header: LedgerHeader, lastRow: Int) {
        var best: (header: LedgerHeader, lastRow: Int)?
        var closest: (row: XLSXRow, count: Int)?
        for (index, row) in rows.enumerated() {
            var spans = [[row]]
            if index + 1 < rows.count { spans.append([row, rows[index + 1]]) }
            for span in spans {
                let names = combined(span.map(\.csvTexts))
                guard let found = try? resolve(names, sheet: sheet, row: row.number, displayName: displayName, kind: kind,
                                               columnMap: columnMap) else { continue }
                if best == nil || found.entries.count > best!.header.entries.count {
                    best = (found, span.last!.number)
                }
            }
            let understood = (try? LedgerHeader(names: row.csvTexts, kind: kind, columnMap: columnMap))?.entries.count ?? 0
            if understood > (closest?.count ?? 0) { closest = (row, understood) }
        }
        if let best { return best }
        if let closest {
            do {
                _ = try resolve(closest.row.csvTexts, sheet: sheet, row: closest.row.number, displayName: displayName, kind: kind,
                                columnMap: columnMap)
            } catch let error as DataFileError {
                throw DataFileError(source: error.source, line: nil,
                                    reason: "no header row in the first \(headerSearchRows) rows; the closest is row \(closest.row.number): \(error.reason)")
            }
        }
        throw DataFileError(source: "\(displayName) (sheet \(sheet.name))", line: nil,
                            reason: "no header row in the first \(headerSearchRows) rows: no row names the ledger's columns (id, name, …; see --map)")
    }

    /// The names of a one- or two-row header: the lower row's text where it has one (the upper
    /// row of a two-row header repeats a merged group name over its columns).
    private static func combined(_ rows: [[String]]) -> [String] {
        guard rows.count == 2 else { return rows[0] }
        let upper = rows[0], lower = rows[1]
        return (0..<max(upper.count, lower.count)).map { i in
            let top = i < upper.count ? upper[i] : "", bottom = i < lower.count ? lower[i] : ""
            return bottom.isEmpty ? top : bottom
        }
    }

    private static func resolve(_ names: [String], sheet: XLSXSheet, row: Int, displayName: String, kind: LedgerKind,
                                columnMap: LedgerColumnMap) throws -> LedgerHeader {
        try LedgerHeader.resolve(names, line: nil, place: "\(sheet.name)!\(row)", displayName: displayName, kind: kind,
                                 columnMap: columnMap)
    }

    private static func collect<Row: Sendable>(_ row: XLSXRow, header: LedgerHeader, into collector: inout LedgerRowCollector<Row>,
                                               build: (String, LedgerRow) throws(RowProblem) -> Row) {
        let texts = row.csvTexts
        if texts.allSatisfy({ $0.ledgerTrimmed.isEmpty }) { return }
        var cells: [LedgerColumn: LedgerRow.Cell] = [:]
        for (column, entry) in header.entries {
            cells[column] = LedgerRow.Cell(label: entry.label, text: entry.index < texts.count ? texts[entry.index] : "")
        }
        let ledgerRow = LedgerRow(line: row.number, cells: cells, amountUnits: header.amountUnits)
        collector.collect(row: ledgerRow) { id throws(RowProblem) in try build(id, ledgerRow) }
    }
}

extension XLSXError {
    /// The reason with the part, sheet and cell it concerns (the file is the message's source).
    var reasonWithPlace: String {
        var place: [String] = []
        if let sheet { place.append(cell.map { "\(sheet)!\($0)" } ?? "sheet \(sheet)") }
        if let part { place.append(line.map { "\(part) line \($0)" } ?? part) }
        return place.isEmpty ? reason : "\(place.joined(separator: ", ")): \(reason)"
    }
}
