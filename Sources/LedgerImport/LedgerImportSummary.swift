import BoundaryStore
import Ledger
import Reference

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
    /// Seconds spent placing and joining the rows (geocoding, representative points, reading the
    /// boundaries included).
    public var joinSeconds: Double
    /// Accepted rows by how exactly they are located.
    public var precisionCounts: [LocationPrecision: Int] = [:]
    /// Accepted rows located less exactly than they asked (an address whose town was not
    /// found), with why: reported like rejections, but the rows are in.
    public var locationNotes: [LedgerRejection] = []
}

/// Why a ledger import cannot run at all.
public enum LedgerImportError: Error, CustomStringConvertible {
    /// Rows give addresses or names, and no address geocoder (town points) was given.
    case noGeocoder

    public var description: String {
        switch self {
        case .noGeocoder: "rows give addresses or municipality names, but no town points were given to geocode them (--town-points)"
        }
    }
}
