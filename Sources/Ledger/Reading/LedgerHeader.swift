import GeoFormats
import Reference

/// The columns of a ledger file by position: which header name (or GeoJSON property) gives which
/// column, each amount's unit, and the names not understood.
struct LedgerHeader: Sendable {
    /// Where one understood column is.
    struct Entry: Sendable {
        /// Position in the header (GeoJSON: in the sorted property names).
        let index: Int
        /// The header name as written (trimmed), used to name the column in messages.
        let label: String
    }

    let entries: [LedgerColumn: Entry]
    /// The unit of each amount column; yen when the header states none.
    let amountUnits: [LedgerColumn: AmountUnit]
    /// Names not understood, in header order; a nameless column is listed as "(column N, no name)".
    let ignoredColumns: [String]

    /// Why a header cannot be used: the same column given twice (the values could disagree, so
    /// the reader will not pick one).
    struct Conflict: Error, Sendable {
        let column: LedgerColumn
        let first: Entry
        let second: Entry

        /// The reason in words; `withPositions` adds the column numbers (CSV, not GeoJSON).
        func reason(withPositions: Bool) -> String {
            func name(_ entry: Entry) -> String {
                withPositions ? "'\(entry.label)' (column \(entry.index + 1))" : "'\(entry.label)'"
            }
            return "\(name(first)) and \(name(second)) both mean \(column.canonicalName): keep one, or say which with --map \(column.canonicalName)=HEADER"
        }
    }

    /// Resolves `names` for a table of `kind`; a name `columnMap` maps wins over the built-in
    /// table, and a column the map assigns is taken by no other name.
    /// - Throws: `Conflict` when two names mean the same column.
    init(names: [String], kind: LedgerKind, columnMap: LedgerColumnMap = LedgerColumnMap()) throws(Conflict) {
        var entries: [LedgerColumn: Entry] = [:]
        var amountUnits: [LedgerColumn: AmountUnit] = [:]
        var ignored: [String] = []
        let mapped = Set(columnMap.headerByColumn.keys)
        for (index, rawName) in names.enumerated() {
            let label = rawName.ledgerTrimmed
            let resolved: (column: LedgerColumn, unit: AmountUnit?)?
            if let column = columnMap.column(forHeader: label) {
                resolved = (column, column.isAmount ? AmountUnit.headerUnit(label.ledgerKey, for: column) : nil)
            } else if let match = LedgerColumn.match(label, in: kind), !mapped.contains(match.column) {
                resolved = match
            } else {
                resolved = nil
            }
            guard let (column, unit) = resolved else {
                ignored.append(label.isEmpty ? "(column \(index + 1), no name)" : label)
                continue
            }
            if let earlier = entries[column] {
                throw Conflict(column: column, first: earlier, second: Entry(index: index, label: label))
            }
            entries[column] = Entry(index: index, label: label)
            if let unit { amountUnits[column] = unit }
        }
        self.entries = entries
        self.amountUnits = amountUnits
        self.ignoredColumns = ignored
    }

    /// What the header lacks for a table of `kind`, as sentences naming the columns and their
    /// other names; empty when nothing is missing. Projects need an id, a name, a plan or a
    /// programme, and a location: lon and lat, an address, a code, or prefecture and
    /// municipality names. Sites need lon and lat only without a wkt column.
    func missingColumns(for kind: LedgerKind) -> [String] {
        func describe(_ column: LedgerColumn) -> String {
            let others = column.synonyms.filter { $0 != column.canonicalName }.prefix(6)
            return others.isEmpty ? column.canonicalName : "\(column.canonicalName) (or \(others.joined(separator: ", ")))"
        }
        var missing = kind.requiredColumns.filter { entries[$0] == nil }.map(describe)
        switch kind {
        case .projects:
            if entries[.plan] == nil && entries[.programme] == nil {
                missing.append("plan or programme (計画, 補助金名 …)")
            }
            // One coordinate without the other is a header mistake, whatever else locates rows.
            if (entries[.lon] == nil) != (entries[.lat] == nil) {
                missing.append(describe(entries[.lon] == nil ? .lon : .lat))
                break
            }
            let located = (entries[.lon] != nil && entries[.lat] != nil) || entries[.address] != nil || entries[.code] != nil
                || entries[.municipality] != nil
            if !located {
                missing.append("a location: lon and lat (経度, 緯度), address (所在地, 住所), code (市区町村コード) or municipality (市区町村名)")
            }
        case .sites:
            if entries[.wkt] == nil {
                missing += [LedgerColumn.lon, .lat].filter { entries[$0] == nil }.map(describe)
            }
        }
        return missing
    }

    /// The header of a table's first row (CSV line, or a spreadsheet's header row): resolved, and
    /// checked to have what `kind` requires.
    /// - Throws: `DataFileError` at `line` (or `place`, a spreadsheet's "sheet!row") naming the
    ///   conflict, or the missing columns with the headers found and the closest known names.
    static func resolve(_ names: [String], line: Int?, place: String? = nil, displayName: String, kind: LedgerKind,
                        columnMap: LedgerColumnMap) throws -> LedgerHeader {
        let source = place.map { "\(displayName) (\($0))" } ?? displayName
        let header: LedgerHeader
        do {
            header = try LedgerHeader(names: names, kind: kind, columnMap: columnMap)
        } catch {
            throw DataFileError(source: source, line: line, reason: "\(error.reason(withPositions: true)) (header is \(names.joined(separator: ",").ledgerQuotable))")
        }
        let missing = header.missingColumns(for: kind)
        guard missing.isEmpty else {
            let noun = missing.count == 1 ? "required column" : "required columns"
            // The unmatched headers with the known names closest to each: a typo or a name the
            // built-in table lacks shows what to write with --map.
            let known = LedgerColumn.knownNames(in: kind)
            let hints = header.ignoredColumns.filter { !$0.hasPrefix("(column ") }.prefix(8).map { name -> String in
                let closest = ClosestNames.closest(to: name.ledgerKey, in: known.map { $0.name.ledgerKey }, limit: 1).first
                let column = closest.flatMap { key in known.first { $0.name.ledgerKey == key }?.column }
                return column.map { "'\(name)' (closest: \($0.canonicalName))" } ?? "'\(name)'"
            }
            var reason = "missing \(noun) \(missing.joined(separator: "; ")); headers found: \(names.map { $0.ledgerTrimmed }.joined(separator: ", ").ledgerQuotable)"
            if !hints.isEmpty {
                reason += "; not understood: \(hints.joined(separator: ", ")) — map one with --map canonical=header"
            }
            throw DataFileError(source: source, line: line, reason: reason)
        }
        return header
    }
}
