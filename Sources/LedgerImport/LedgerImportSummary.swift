import BoundaryStore
import Ledger

/// What `investmap import investments|sites` did with one file.
public struct LedgerImportSummary: Sendable {
    public var file: String
    public var edition: String
    public var kind: LedgerImportRecord.Kind
    /// "utf-8", "utf-8-bom", "cp932"; nil for GeoJSON.
    public var encoding: String?
    /// Rows read = accepted + rejected (rows the readers refused, and rows no unit is near).
    public var rowsRead: Int
    public var accepted: Int
    public var rejections: [LedgerRejection]
    public var written: LedgerWriteSummary
    /// Accepted rows matched to the nearest unit from the sea (flagged), and rows whose declared
    /// municipality code disagrees with their location (flagged, kept as declared).
    public var nearestFromSea: Int
    public var codeMismatches: Int
    public var unassigned: Int
    /// Header columns the reader did not understand (ignored).
    public var ignoredColumns: [String]
    /// Seconds spent joining the rows to the units (reading the boundaries included).
    public var joinSeconds: Double
}
