/// One input row as text by column, from a CSV record or a GeoJSON feature's properties, before
/// any value is parsed.
struct LedgerRow: Sendable {
    /// One cell: the header name that gave it and its text as written.
    struct Cell: Sendable {
        let label: String
        let text: String
        /// `text` without surrounding white space, trimmed once: validators ask for it often.
        let trimmed: String

        init(label: String, text: String) {
            self.label = label
            self.text = text
            trimmed = text.ledgerTrimmed
        }
    }

    /// The line the row starts on (GeoJSON: the feature's index from 1).
    let line: Int
    let cells: [LedgerColumn: Cell]
    /// The unit of each amount column (yen when absent).
    let amountUnits: [LedgerColumn: AmountUnit]

    /// The unit `column`'s amounts are in.
    func unit(_ column: LedgerColumn) -> AmountUnit { amountUnits[column] ?? .yen }

    /// Whether the row has `column` and its cell is not blank.
    func has(_ column: LedgerColumn) -> Bool { !text(column).isEmpty }

    /// The cell's text trimmed, "" when the file has no such column.
    func text(_ column: LedgerColumn) -> String {
        cells[column]?.trimmed ?? ""
    }

    /// How to name `column` in a message: the header as the file wrote it, else the canonical name.
    func label(_ column: LedgerColumn) -> String {
        cells[column]?.label ?? column.canonicalName
    }

    /// The cell's text, or a `RowProblem` "LABEL: empty" when it is empty or absent.
    func requiredText(_ column: LedgerColumn) throws(RowProblem) -> String {
        let text = text(column)
        guard !text.isEmpty else { throw RowProblem("\(label(column)): empty") }
        return text
    }
}
