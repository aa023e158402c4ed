/// The columns of a ledger file by position: which header name (or GeoJSON property) gives which
/// column, the amount's unit, and the names not understood.
struct LedgerHeader: Sendable {
    /// Where one understood column is.
    struct Entry: Sendable {
        /// Position in the header (GeoJSON: in the sorted property names).
        let index: Int
        /// The header name as written (trimmed), used to name the column in messages.
        let label: String
    }

    let entries: [LedgerColumn: Entry]
    /// The unit of the amount column; yen when there is none.
    let amountUnit: AmountUnit
    /// Names not understood, in header order; a nameless column is listed as "(column N, no name)".
    let ignoredColumns: [String]

    /// Why a header cannot be used: the same column given twice, or two amount columns (the
    /// amounts could disagree, so the reader will not pick one).
    struct Conflict: Error, Sendable {
        let column: LedgerColumn
        let first: Entry
        let second: Entry

        /// The reason in words; `withPositions` adds the column numbers (CSV, not GeoJSON).
        func reason(withPositions: Bool) -> String {
            func name(_ entry: Entry) -> String {
                withPositions ? "'\(entry.label)' (column \(entry.index + 1))" : "'\(entry.label)'"
            }
            if column == .amount {
                return "two amount columns, \(name(first)) and \(name(second)): keep one"
            }
            return "\(name(first)) and \(name(second)) both mean \(column.canonicalName): keep one"
        }
    }

    /// Resolves `names` for a table of `kind`.
    /// - Throws: `Conflict` when two names mean the same column.
    init(names: [String], kind: LedgerKind) throws(Conflict) {
        var entries: [LedgerColumn: Entry] = [:]
        var amountUnit = AmountUnit.yen
        var ignored: [String] = []
        for (index, rawName) in names.enumerated() {
            let label = rawName.ledgerTrimmed
            guard let (column, unit) = LedgerColumn.match(label, in: kind) else {
                ignored.append(label.isEmpty ? "(column \(index + 1), no name)" : label)
                continue
            }
            if let earlier = entries[column] {
                throw Conflict(column: column, first: earlier, second: Entry(index: index, label: label))
            }
            entries[column] = Entry(index: index, label: label)
            if let unit { amountUnit = unit }
        }
        self.entries = entries
        self.amountUnit = amountUnit
        self.ignoredColumns = ignored
    }

    /// The required columns of `kind` this header lacks, as "lat (緯度, latitude, …)"-style
    /// descriptions; empty when none is missing. Sites need lon and lat only without a wkt column.
    func missingColumns(for kind: LedgerKind) -> [String] {
        var required = kind.requiredColumns
        if kind == .sites && entries[.wkt] == nil {
            required += [.lon, .lat]
        }
        return required.filter { entries[$0] == nil }.map { column in
            let others = column.synonyms.filter { $0 != column.canonicalName }
            return others.isEmpty ? column.canonicalName : "\(column.canonicalName) (or \(others.joined(separator: ", ")))"
        }
    }
}
