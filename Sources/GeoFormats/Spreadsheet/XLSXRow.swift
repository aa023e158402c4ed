/// One row of a sheet: its row number and its cells by column.
public struct XLSXRow: Sendable, Hashable {
    /// The 1-based row number, as Excel shows it (rows without cells are left out of the file, so
    /// the numbers may jump).
    public var number: Int
    /// The cells by 0-based column index, up to the last cell with a value: columns without a
    /// cell are `.empty`.
    public var cells: [XLSXCellValue]

    public init(number: Int, cells: [XLSXCellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in `column` (0-based); `.empty` past the last cell.
    public subscript(column: Int) -> XLSXCellValue {
        column >= 0 && column < cells.count ? cells[column] : .empty
    }

    /// True when no cell has a value.
    public var isEmpty: Bool {
        cells.allSatisfy(\.isEmpty)
    }

    /// Each cell's `csvText`, by column.
    public var csvTexts: [String] {
        cells.map(\.csvText)
    }
}
