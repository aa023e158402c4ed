import GRDB
import Reference

extension ProjectFilter {
    /// The WHERE conditions (joined with AND) and their arguments selecting an edition's projects
    /// that pass the filter, in the investments table or its totals: the one SQL rendering of
    /// the filter (and of its status rule).
    func sqlConditions(edition: String) -> (conditions: [String], arguments: [any DatabaseValueConvertible]) {
        var conditions = ["edition = ?"]
        var arguments: [any DatabaseValueConvertible] = [edition]
        if let plan {
            conditions.append("plan = ?")
            arguments.append(plan)
        }
        for (column, value) in [("field", field), ("programme", programme), ("category", category), ("company_size", companySize)] {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        switch statuses {
        case .only(let status):
            conditions.append("status = ?")
            arguments.append(status)
        case .all:
            break
        case .allBut(let leftOut):
            conditions.append("status <> ?")
            arguments.append(leftOut)
        }
        return (conditions, arguments)
    }
}

/// Count, support, total investment and jobs of the projects of one join group (a ward with its municipality,
/// prefecture and bureau; 所属未定地 rows have no ward).
public struct ProjectTotals: Sendable, Equatable {
    public var wardCode: String?
    public var municipalityCode: String?
    public var prefectureCode: String?
    public var bureauID: String?
    public var count: Int
    /// Support, yen; cases without it add nothing.
    public var supportJPY: Double
    /// Total investment, yen; cases without it add nothing.
    public var totalInvestmentJPY: Double
    public var jobs: Double
}

extension BoundaryStore {
    /// The edition's projects totalled per join group, from `investment_totals` (kept by every
    /// import): the statistics of every level roll up from these.
    public func projectTotals(edition resolved: Edition, filter: ProjectFilter = ProjectFilter()) throws -> [ProjectTotals] {
        let edition = resolved.name
        return try read("total projects of \(edition)") { db in
            let (conditions, arguments) = filter.sqlConditions(edition: edition)
            // A store opened read-only that was never opened for writing since the totals table
            // arrived: group the projects themselves (slower, same answer).
            let hasTotals = try db.tableExists(LedgerSchema.totalsTable)
            let totals = hasTotals ? LedgerSchema.totalsTable : LedgerSchema.investmentsTable
            let count = hasTotals ? "SUM(count)" : "COUNT(*)"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT ward_code, municipality_code, prefecture_code, bureau_id, \(count), TOTAL(support_jpy), TOTAL(total_investment_jpy), TOTAL(jobs)
                    FROM \(totals) WHERE \(conditions.joined(separator: " AND "))
                    GROUP BY ward_code, municipality_code, prefecture_code, bureau_id
                    ORDER BY ward_code, municipality_code, prefecture_code, bureau_id
                    """,
                arguments: StatementArguments(arguments))
            return rows.map {
                ProjectTotals(wardCode: $0[0], municipalityCode: $0[1], prefectureCode: $0[2], bureauID: $0[3],
                              count: $0[4], supportJPY: $0[5], totalInvestmentJPY: $0[6], jobs: $0[7])
            }
        }
    }

    /// Unit areas (km²) of a boundary edition by level and code, as stored by `storeUnitAreas`;
    /// empty when none were stored.
    public func unitAreas(boundaryEdition: String) throws -> [UnitLevel: [String: Double]] {
        try read("read unit areas") { db in
            guard try db.tableExists(LedgerSchema.unitAreasTable) else { return [:] }
            var result: [UnitLevel: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT level, code, area_km2 FROM \(LedgerSchema.unitAreasTable) WHERE boundary_edition = ?",
                                        arguments: [boundaryEdition]) {
                guard let level = UnitLevel(rawValue: row[0]) else { continue }
                result[level, default: [:]][row[1]] = row[2]
            }
            return result
        }
    }

    /// Replaces the stored unit areas of a boundary edition.
    public func storeUnitAreas(_ areas: [UnitLevel: [String: Double]], boundaryEdition: String) throws {
        try write("store unit areas") { db in
            try db.execute(sql: "DELETE FROM \(LedgerSchema.unitAreasTable) WHERE boundary_edition = ?", arguments: [boundaryEdition])
            let insert = try db.makeStatement(
                sql: "INSERT INTO \(LedgerSchema.unitAreasTable) (level, code, boundary_edition, area_km2) VALUES (?, ?, ?, ?)")
            for level in UnitLevel.allCases {
                for (code, area) in (areas[level] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    try insert.execute(arguments: [level.rawValue, code, boundaryEdition, area])
                }
            }
        }
    }
}
