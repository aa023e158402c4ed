import GeoFormats
import BoundaryStore
import Reference

/// What an import read, built and reported.
public struct BoundaryImportSummary: Sendable {
    public var edition: String
    public var sources: [SourceSummary]
    public var featuresRead: Int
    /// Polygons read, before repair.
    public var partsRead: Int
    /// Polygons stored at the N03-unit level (wards and 所属未定地), after repair.
    public var partsStored: Int
    public var counts: [UnitLevel: Int]
    public var report: [ImportReportRow]
    public var timings: [(String, Duration)]
    /// Where the store put the edition (beside the one it had, or as its default).
    public var placement: BoundaryPlacement = .asDefault

    public var repairs: [ImportReportRow] { report.filter { $0.kind == "repair" } }
}
