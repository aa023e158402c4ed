import GeoCore
import GRDB
import Ledger
import Reference

/// A project as the spatial queries need it: what it is, where, and the units it joined.
public struct ProjectPoint: Sendable, Equatable {
    public var id: String
    public var name: String
    public var plan: String?
    public var field: String?
    public var status: String
    public var company: String?
    public var companySize: String?
    public var programme: String?
    public var category: String?
    public var supportJPY: Int64?
    public var totalInvestmentJPY: Int64?
    public var jobs: Int?
    public var wageCommitmentPct: Double?
    public var location: Coordinate
    /// point, address or municipality (`LocationPrecision`).
    public var precision: String
    public var wardCode: String?
    public var municipalityCode: String?
    public var prefectureCode: String?
    public var bureauID: String?
}

/// Which join column a query on projects selects by.
public enum ProjectUnitColumn: String, Sendable {
    case ward = "ward_code", municipality = "municipality_code", prefecture = "prefecture_code", bureau = "bureau_id"
}

extension BoundaryStore {
    /// The projects of an edition that pass `filter` (withdrawn ones left out unless the filter
    /// says otherwise), optionally only those joined to one unit, in id order.
    /// - Throws: `StoreError.unknownEdition`, `StoreError.database`.
    public func projectPoints(edition resolved: Edition, filter: ProjectFilter = ProjectFilter(),
                              unit: (column: ProjectUnitColumn, code: String)? = nil) throws -> [ProjectPoint] {
        let edition = resolved.name
        return try read("read projects of \(edition)") { db in
            var (conditions, arguments) = filter.sqlConditions(edition: edition)
            if let unit {
                conditions.append("\(unit.column.rawValue) = ?")
                arguments.append(unit.code)
            }
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, name, plan, field, status, total_investment_jpy, jobs, lon, lat, ward_code, municipality_code, prefecture_code,
                      bureau_id, company, company_size, programme, category, support_jpy, wage_commitment_pct, location_precision
                    FROM \(LedgerSchema.investmentsTable) WHERE \(conditions.joined(separator: " AND ")) ORDER BY id
                    """,
                arguments: StatementArguments(arguments))
            var points: [ProjectPoint] = []
            while let row = try cursor.next() {
                points.append(ProjectPoint(id: row[0], name: row[1], plan: row[2], field: row[3], status: row[4], company: row[13],
                                           companySize: row[14], programme: row[15], category: row[16], supportJPY: row[17],
                                           totalInvestmentJPY: row[5], jobs: row[6], wageCommitmentPct: row[18],
                                           location: Coordinate(x: row[7], y: row[8]), precision: row[19], wardCode: row[9],
                                           municipalityCode: row[10], prefectureCode: row[11], bureauID: row[12]))
            }
            return points
        }
    }
}

extension BoundaryStore {
    /// The bounding box of every unit of `level`, by feature id, from the GeoPackage's R-tree
    /// (no geometry read).
    /// - Throws: `StoreError.database`.
    public func unitBounds(_ level: UnitLevel) throws -> [Int64: BoundingBox] {
        let rtree = GeoPackageSchema.rtreeName(table(level))
        return try read("read \(rtree)") { db in
            var boxes: [Int64: BoundingBox] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, minx, miny, maxx, maxy FROM \(rtree)")
            while let row = try rows.next() {
                boxes[row[0]] = BoundingBox(minX: row[1], minY: row[2], maxX: row[3], maxY: row[4])
            }
            return boxes
        }
    }
}

extension ProjectFilter {
    /// Whether a cluster site passes the filter: its plan, one of its fields, its status.
    public func accepts(_ site: ClusterSite) -> Bool {
        accepts(plan: site.plan, fields: site.fields, status: site.status.rawValue)
    }
}
