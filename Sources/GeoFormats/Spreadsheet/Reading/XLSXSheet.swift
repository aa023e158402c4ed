/// One worksheet of a workbook, inflated and ready to be read row by row.
///
/// The sheet's XML is held in memory (a 340,000-row × 12-column sheet is about 150 MB); rows are
/// made one at a time as `forEachRow` reads them, never all at once.
public struct XLSXSheet: Sendable {
    /// The sheet's name, as its tab shows it.
    public let name: String
    /// The merged ranges, in file order.
    public let mergedRanges: [XLSXCellRange]
    private let bytes: [UInt8]
    private let scanner: WorksheetRowScanner

    init(name: String, part: String, bytes: [UInt8], sharedStrings: [String], styles: CellStyleTable,
         usesDate1904: Bool, file: String, limits: XLSXLimits) throws {
        self.name = name
        self.bytes = XMLPart.utf8(bytes)
        mergedRanges = try MergedRangeReader.ranges(in: self.bytes, file: file, part: part)
        scanner = WorksheetRowScanner(file: file, sheet: name, part: part, sharedStrings: sharedStrings, styles: styles,
                                      usesDate1904: usesDate1904, limits: limits)
    }

    /// Hands each row to `body`, in file order, with its Excel row number.
    ///
    /// Every `<row>` of the file is handed on, also one without values; rows the file leaves
    /// out (Excel writes no row without cells) are skipped, so numbers may jump.
    ///
    /// - Parameter fillingMergedCells: when true, each merged range's top-left value is repeated
    ///   over the whole range (see `XLSXMergedCells`).
    /// - Throws: `XLSXError` naming the sheet (and the cell) for malformed XML, a bad cell or a
    ///   sheet over the limits; what `body` throws, unchanged.
    public func forEachRow(fillingMergedCells: Bool = false, _ body: (XLSXRow) throws -> Void) throws {
        guard fillingMergedCells, !mergedRanges.isEmpty else {
            return try scanner.scan(bytes, body)
        }
        var merged = XLSXMergedCells(mergedRanges)
        try scanner.scan(bytes) { row in try body(merged.filled(row)) }
    }

    /// All rows (see `forEachRow`): for small sheets and tests.
    public func rows(fillingMergedCells: Bool = false) throws -> [XLSXRow] {
        var rows: [XLSXRow] = []
        try forEachRow(fillingMergedCells: fillingMergedCells) { rows.append($0) }
        return rows
    }

    /// `sheet!cell` for messages about a cell: `案件!C12`, `'My sheet'!C12`.
    public func cellName(row: Int, column: Int) -> String {
        XLSXCellReference.qualified(sheet: name, cell: XLSXCellReference(column: column, row: row).description)
    }
}
