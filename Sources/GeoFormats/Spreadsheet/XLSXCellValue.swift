/// The value of one cell as the workbook stores it.
public enum XLSXCellValue: Sendable, Hashable {
    /// No value: no cell, a cell without a value, an empty string, or a formula whose result was
    /// not saved with it.
    case empty
    /// Text: a shared or inline string, or a formula's text result. Never empty.
    case text(String)
    /// A number and its text in the file (`12345678901`, `0.1`), kept because the text is exact
    /// and the `Double` may not be.
    case number(Double, text: String)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A number shown through a date or time format, or an ISO date cell (`t="d"`); `text` is the
    /// serial (`45366`) or the ISO text as the file has it.
    case date(XLSXDate, text: String)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)

    /// The cell as a CSV exported from a spreadsheet shows it, in a form the ledger reads: text as
    /// it is, numbers as their shortest exact decimal (`1250`, `0.1`, no exponent), dates in ISO
    /// form (`2025-04-01`, with `T09:30:00` when there is a time), TRUE/FALSE, errors as written
    /// (`#N/A`), and "" for an empty cell.
    public var csvText: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .number(let value, _): NumberText.plain(value)
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .date(let date, _): date.isoText
        case .error(let code): code
        }
    }

    /// True for `.empty`.
    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }
}
