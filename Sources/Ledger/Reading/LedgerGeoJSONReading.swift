import Foundation
import GeoFormats
import Reference

/// Reads a ledger GeoJSON file (a FeatureCollection) with the project's streaming GeoJSON reader:
/// each feature is one row, its properties named like the CSV columns (same synonyms), its
/// geometry the location. Rows are numbered by feature from 1.
enum LedgerGeoJSONReading {
    /// - Parameter build: the validator for one row, given its id and geometry.
    /// - Throws: `DataFileError` when the file cannot be opened or is not GeoJSON, with the line
    ///   of the syntax error.
    static func read<Row: Sendable>(
        at url: URL, displayName: String, kind: LedgerKind, columnMap: LedgerColumnMap = LedgerColumnMap(),
        build: (String, LedgerRow, RowGeometry) throws(RowProblem) -> Row
    ) throws -> LedgerReadResult<Row> {
        var collector = LedgerRowCollector<Row>(file: displayName)
        var ignored: Set<String> = []
        do {
            _ = try BoundarySource.read(url) { feature in
                let line = feature.index + 1
                // Nameless properties carry nothing a reader could use; they are dropped.
                let names = feature.properties.keys.filter { !$0.ledgerTrimmed.isEmpty }.sorted()
                let header: LedgerHeader
                do throws(LedgerHeader.Conflict) {
                    header = try LedgerHeader(names: names, kind: kind, columnMap: columnMap)
                } catch {
                    let id = feature.properties.first { LedgerColumn.match($0.key, in: kind)?.column == .id }?.value ?? nil
                    collector.reject(line: line, id: id?.ledgerTrimmed, reason: "properties " + error.reason(withPositions: false))
                    return
                }
                ignored.formUnion(header.ignoredColumns)
                var cells: [LedgerColumn: LedgerRow.Cell] = [:]
                for (column, entry) in header.entries {
                    let value = feature.properties[names[entry.index]] ?? nil
                    cells[column] = LedgerRow.Cell(label: entry.label, text: value ?? "")
                }
                let row = LedgerRow(line: line, cells: cells, amountUnits: header.amountUnits)
                collector.collect(row: row) { id throws(RowProblem) in try build(id, row, .feature(feature.geometry)) }
            }
        } catch let error as FormatError {
            var reason = error.reason
            if let index = error.featureIndex { reason = "feature \(index + 1): " + reason }
            throw DataFileError(source: displayName, line: error.line, reason: reason)
        } catch let error as DataFileError {
            throw error
        } catch {
            throw DataFileError(source: displayName, line: nil, reason: "\(error)")
        }
        return collector.result(encoding: nil, ignoredColumns: ignored.sorted())
    }
}
