import Foundation
import GeoCore
import GeoFormats
import Reference

/// Reads the ledger's input files — investment projects and cluster sites, as CSV or GeoJSON —
/// into validated rows and rejected rows.
///
/// Every row ends up either accepted or rejected with its line and a reason naming the column
/// and the value ("amount_jpy: '12x' is not a number"); a bad row never stops the reading. Only
/// problems with the file as a whole throw.
///
/// What the readers accept:
/// - Text: UTF-8 with or without a byte order mark, else CP932 (Shift_JIS from Excel), told apart
///   by content (see `LedgerReadResult.encoding`).
/// - Headers: matched after trimming, NFKC (full-width → half-width) and lowercasing; English
///   canonical names and the Japanese names of government spreadsheets (事業名, 投資額（億円）,
///   経度, 緯度, 市区町村コード …). Columns not understood are listed in `ignoredColumns`.
/// - Values: parsed after trimming and NFKC; names, ids and sources are kept as written (trimmed),
///   so ①, 髙 and ～ survive. Amounts are exact in yen (1.25 億円 = 125,000,000, rounded half up
///   to the yen); a unit in the cell (12億円, 350百万円) overrides the header's. An empty status
///   means `planned`. Dates become ISO (令和7年4月1日 → 2025-04-01). Locations must lie in
///   Japan's extent (lon 122–154, lat 20–46); swapped lon/lat are named as such. A repeated id
///   rejects the later rows. Rows whose cells are all empty are skipped and not counted.
public enum LedgerReader {
    /// Reads investment projects (canonical CSV header
    /// `id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source`; GeoJSON Point
    /// features whose properties use the same names).
    ///
    /// - Parameters:
    ///   - url: the file; CSV by extension .csv/.tsv, GeoJSON by .geojson/.json, else by content.
    ///   - displayName: the file as the user named it, used in rejections and errors.
    ///   - reference: the tables giving plan types and strategic fields.
    /// - Throws: `DataFileError` when the file cannot be read or is over `limits`, its text is
    ///   neither UTF-8, UTF-16 nor CP932, its CSV header lacks a required column (id, name, plan, lon, lat) or has one
    ///   column twice (two amount columns included), or it is not well-formed CSV or JSON.
    public static func readProjects(at url: URL, displayName: String, reference: ReferenceTables,
                                    limits: LedgerLimits = LedgerLimits(),
                                    columnMap: LedgerColumnMap = LedgerColumnMap(),
                                    sheet: String? = nil) throws -> LedgerReadResult<ProjectInput> {
        let validator = ProjectRowValidator(vocabulary: LedgerVocabulary(reference: reference))
        try LedgerFileBytes.checkSize(url, displayName: displayName, limits: limits)
        switch try LedgerFileFormat.of(url, displayName: displayName) {
        case .csv(let delimiter):
            let bytes = try LedgerFileBytes.read(url, displayName: displayName, maxLineBytes: LedgerLimits.maxLineBytes)
            return try LedgerCSVReading.read(bytes, delimiter: delimiter, displayName: displayName, kind: .projects,
                                             columnMap: columnMap) { id, row throws(RowProblem) in
                try validator.project(id: id, row: row, geometry: .cells)
            }
        case .xlsx:
            return try LedgerXLSXReading.read(at: url, displayName: displayName, sheet: sheet, kind: .projects, columnMap: columnMap,
                                              limits: limits) { id, row throws(RowProblem) in
                try validator.project(id: id, row: row, geometry: .cells)
            }
        case .geoJSON:
            return try LedgerGeoJSONReading.read(at: url, displayName: displayName, kind: .projects,
                                                 columnMap: columnMap) { id, row, geometry throws(RowProblem) in
                try validator.project(id: id, row: row, geometry: geometry)
            }
        }
    }

    /// Reads cluster sites (canonical CSV header `id,name,plan,fields,status,lon,lat,wkt`, the
    /// fields separated by `;` or 、; GeoJSON Point, Polygon or MultiPolygon features).
    ///
    /// A non-empty `wkt` cell (POLYGON or MULTIPOLYGON in lon/lat, read by GEOS) is the site's
    /// geometry; otherwise lon/lat give a point. Polygons GEOS finds invalid are rejected with
    /// GEOS's reason. Plan A sites need at least one strategic field.
    ///
    /// - Throws: `DataFileError` as `readProjects`; the required columns are id, name, plan and
    ///   either wkt or lon and lat.
    public static func readSites(at url: URL, displayName: String, reference: ReferenceTables,
                                 limits: LedgerLimits = LedgerLimits(), sheet: String? = nil) throws -> LedgerReadResult<ClusterSite> {
        let validator = SiteRowValidator(vocabulary: LedgerVocabulary(reference: reference), polygons: SiteGeometryValidator())
        try LedgerFileBytes.checkSize(url, displayName: displayName, limits: limits)
        switch try LedgerFileFormat.of(url, displayName: displayName) {
        case .csv(let delimiter):
            let bytes = try LedgerFileBytes.read(url, displayName: displayName, maxLineBytes: LedgerLimits.maxLineBytes)
            // One GEOS context checks every polygon: one thread.
            return try LedgerCSVReading.read(bytes, delimiter: delimiter, displayName: displayName, kind: .sites,
                                             parallel: false) { id, row throws(RowProblem) in
                try validator.site(id: id, row: row, geometry: .cells)
            }
        case .xlsx:
            return try LedgerXLSXReading.read(at: url, displayName: displayName, sheet: sheet, kind: .sites, columnMap: LedgerColumnMap(),
                                              limits: limits) { id, row throws(RowProblem) in
                try validator.site(id: id, row: row, geometry: .cells)
            }
        case .geoJSON:
            return try LedgerGeoJSONReading.read(at: url, displayName: displayName, kind: .sites) { id, row, geometry throws(RowProblem) in
                try validator.site(id: id, row: row, geometry: geometry)
            }
        }
    }
}
