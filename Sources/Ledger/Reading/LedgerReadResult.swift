/// What a ledger reader made of one input file: the accepted rows and the rejected ones, each with
/// its line, so every input row is accounted for (`rowsRead == rows.count + rejections.count`).
public struct LedgerReadResult<Row: Sendable>: Sendable {
    /// Accepted rows in file order, with the line the row starts on (GeoJSON: the feature's index from 1).
    public var rows: [(line: Int, value: Row)]
    /// Rejected rows in file order.
    public var rejections: [LedgerRejection]
    /// Rows read (empty CSV rows are skipped and not counted): always `rows.count + rejections.count`.
    public var rowsRead: Int
    /// The text encoding of a CSV file; nil for GeoJSON (which RFC 8259 fixes as UTF-8).
    public var encoding: LedgerTextEncoding?
    /// Header columns (GeoJSON: property names) the reader does not understand, as written.
    /// They are reported so a misspelt column does not go unnoticed, but they are not an error.
    public var ignoredColumns: [String]
    /// The worksheet read, for a spreadsheet; nil otherwise.
    public var sheet: String?

    public init(
        rows: [(line: Int, value: Row)], rejections: [LedgerRejection], encoding: LedgerTextEncoding?,
        ignoredColumns: [String]
    ) {
        self.rows = rows
        self.rejections = rejections
        self.rowsRead = rows.count + rejections.count
        self.encoding = encoding
        self.ignoredColumns = ignoredColumns
    }
}
