/// Fills merged cells with the value Excel shows in them: the value of the range's top-left
/// cell, across the whole range, in every row of it. That is what a header spread over merged
/// cells means: "金額" merged over two columns heads both, and "事業者名" merged over two rows
/// heads the column in both header rows.
///
/// Rows are given in order (as a sheet lists them); the filler remembers the top-left values
/// of the ranges that span several rows. A range whose top-left row never came fills nothing.
public struct XLSXMergedCells: Sendable {
    /// The ranges by first row.
    private let ranges: [XLSXCellRange]
    /// The next range in `ranges` not yet active.
    private var nextRange = 0
    /// Indexes in `ranges` of the ranges that may cover the current row.
    private var active: [Int] = []
    /// The top-left values seen, by index in `ranges`.
    private var topLeftValues: [Int: XLSXCellValue] = [:]
    private var lastRow = 0

    public init(_ ranges: [XLSXCellRange]) {
        self.ranges = ranges.sorted { ($0.first.row, $0.first.column) < ($1.first.row, $1.first.column) }
    }

    /// `row` with its merged cells filled.
    public mutating func filled(_ row: XLSXRow) -> XLSXRow {
        if row.number < lastRow {
            // Out of order: start the sweep over (the values seen are kept).
            nextRange = 0
            active = []
        }
        lastRow = row.number
        while nextRange < ranges.count, ranges[nextRange].first.row <= row.number {
            active.append(nextRange)
            nextRange += 1
        }
        active.removeAll { ranges[$0].last.row < row.number }
        guard !active.isEmpty else { return row }
        var result = row
        for index in active {
            let range = ranges[index]
            if range.first.row == row.number {
                topLeftValues[index] = row[range.first.column]
            }
            guard let value = topLeftValues[index], !value.isEmpty else { continue }
            if result.cells.count <= range.last.column {
                result.cells.append(contentsOf: repeatElement(.empty, count: range.last.column + 1 - result.cells.count))
            }
            for column in range.first.column...range.last.column {
                result.cells[column] = value
            }
        }
        return result
    }
}
