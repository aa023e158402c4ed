/// A rectangle of cells, such as a merged range `A3:C4`.
public struct XLSXCellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public var first: XLSXCellReference
    /// The bottom-right cell.
    public var last: XLSXCellReference

    /// The range between two corners, in either order.
    public init(_ corner: XLSXCellReference, _ opposite: XLSXCellReference) {
        first = XLSXCellReference(column: min(corner.column, opposite.column), row: min(corner.row, opposite.row))
        last = XLSXCellReference(column: max(corner.column, opposite.column), row: max(corner.row, opposite.row))
    }

    /// Reads `A3:C4` (or a single cell, `A3`); nil for anything else.
    public init?(_ text: some StringProtocol) {
        let corners = text.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count <= 2, let first = XLSXCellReference(corners[0]) else { return nil }
        guard corners.count == 2 else {
            self.init(first, first)
            return
        }
        guard let last = XLSXCellReference(corners[1]) else { return nil }
        self.init(first, last)
    }

    /// `A3:C4`, or `A3` for a single cell.
    public var description: String {
        first == last ? first.description : "\(first):\(last)"
    }

    /// True when the cell at `row` (1-based) and `column` (0-based) lies in the range.
    public func contains(row: Int, column: Int) -> Bool {
        (first.row...last.row).contains(row) && (first.column...last.column).contains(column)
    }
}
