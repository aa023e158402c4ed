import Foundation
import BoundaryStore
import Reference

/// An old unit divided between new ones by a code change (`stats --codes-as-of`): its
/// projects are reported here, never given to one of the new units.
public struct SplitUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    /// The units its parts went to, in code order, with their names.
    public var newCodes: [String]
    public var newNames: [String]
    public var count: Int
    public var supportJPY: Double
    public var totalInvestmentJPY: Double
    public var jobs: Double
    /// The ids of its projects (the filter's), in id order.
    public var projectIDs: [String]
}

/// Statistics at the codes in force at a date: every unit of the boundaries carried through
/// `GeoData/code_changes.csv` — whole old units summed into the unit they became, and the
/// units that were split reported apart.
public struct CodesAsOfStatistics: Sendable, Equatable {
    /// The date asked for and the boundary edition (with its date) the projects are joined on.
    public var asOf: String
    public var boundaryEdition: String
    public var boundaryDate: String
    /// One row per unit in force at `asOf` (code order). A row that received part of a split
    /// unit has a nil value and names it in `incompleteFrom`.
    public var rows: [CarriedStatistic]
    public var splits: [SplitUnit]
}

/// A unit's row at the codes in force at a date.
public struct CarriedStatistic: Sendable, Equatable {
    public var statistic: UnitStatistic
    /// The boundary units summed into it (its own code when nothing changed).
    public var formerCodes: [String]
    /// The split units part of which it received: its figures lack them, so its value is nil.
    public var incompleteFrom: [String]
}

/// Why `--codes-as-of` cannot be answered.
public struct CodesAsOfError: Error, CustomStringConvertible {
    public let description: String
}

extension UnitStatistics {
    /// `compute` at the codes in force on `asOf` (YYYY-MM-DD). Levels above the municipality
    /// are unchanged by any change of the table; the ward and municipality levels are carried.
    /// - Throws: `CodesAsOfError` for a date that is not an ISO date, before the boundaries'
    ///   edition, or boundaries whose edition names no date; `DataFileError` when the table
    ///   names an old code the boundaries do not have; `StoreError` when reading fails.
    public func compute(edition: Edition, level: StatisticsLevel, metric: StatisticsMetric, filter: ProjectFilter = ProjectFilter(),
                        codesAsOf asOf: String, changes: CodeChanges) throws -> CodesAsOfStatistics {
        guard CodeChanges.isISODate(asOf) else {
            throw CodesAsOfError(description: "--codes-as-of \(asOf): not a date (YYYY-MM-DD)")
        }
        let stored = try store.boundaryEdition()
        let boundaryEdition = edition.boundaryEdition ?? stored ?? ""
        guard let boundaryDate = BoundaryVintage.date(ofEdition: boundaryEdition) else {
            throw CodesAsOfError(description: "--codes-as-of: boundary edition \"\(boundaryEdition)\" names no date (N03-YY_YYMMDD or N03-YYYYMMDD)")
        }
        guard asOf >= boundaryDate else {
            throw CodesAsOfError(description: "--codes-as-of \(asOf) is before boundary edition \(boundaryEdition) (\(boundaryDate)), "
                + "the earliest the projects are joined on: codes are carried forward only")
        }
        var boundaryCodes: Set<String> = []
        for unitLevel in [UnitLevel.ward, .municipality] {
            boundaryCodes.formUnion(try store.units(unitLevel, withGeometry: false).compactMap(\.code))
        }
        try changes.validate(against: boundaryCodes, vintage: boundaryEdition, vintageDate: boundaryDate)

        let rows = try compute(edition: edition, level: level, metric: metric, filter: filter)
        guard level == .ward || level == .municipality else {
            return CodesAsOfStatistics(asOf: asOf, boundaryEdition: boundaryEdition, boundaryDate: boundaryDate,
                                       rows: rows.map { CarriedStatistic(statistic: $0, formerCodes: [$0.code], incompleteFrom: []) },
                                       splits: [])
        }
        var members: [String: [UnitStatistic]] = [:]
        var incomplete: [String: [String]] = [:]
        var splitRows: [(UnitStatistic, [String])] = []
        for row in rows {
            switch changes.carry(row.code, since: boundaryDate, asOf: asOf) {
            case .whole(let code): members[code, default: []].append(row)
            case .split(let codes):
                splitRows.append((row, codes))
                for code in codes { incomplete[code, default: []].append(row.code) }
            }
        }
        var prefectureNames: [String: String] = [:]
        for prefecture in try store.units(.prefecture, withGeometry: false) {
            if let code = prefecture.code { prefectureNames[code] = prefecture.name }
        }
        func name(_ code: String, like member: UnitStatistic?) -> String {
            if let member, member.code == code { return member.name }
            return changes.name(of: code, prefectureName: prefectureNames[String(code.prefix(2))]) ?? member?.name ?? code
        }
        var carried: [CarriedStatistic] = []
        for code in Set(members.keys).union(incomplete.keys).sorted() {
            let parts = members[code] ?? []
            let gaps = incomplete[code] ?? []
            var statistic = UnitStatistic(
                code: code, name: name(code, like: parts.count == 1 ? parts[0] : nil), level: level,
                count: parts.reduce(0) { $0 + $1.count }, supportJPY: parts.reduce(0) { $0 + $1.supportJPY },
                totalInvestmentJPY: parts.reduce(0) { $0 + $1.totalInvestmentJPY },
                jobs: parts.reduce(0) { $0 + $1.jobs },
                population: parts.isEmpty || parts.contains { $0.population == nil } ? nil : parts.reduce(0) { $0 + $1.population! },
                areaKm2: parts.isEmpty || parts.contains { $0.areaKm2 == nil } ? nil : parts.reduce(0) { $0 + $1.areaKm2! },
                value: nil)
            if gaps.isEmpty { statistic.value = Self.value(statistic, metric) }
            carried.append(CarriedStatistic(statistic: statistic, formerCodes: parts.map(\.code).sorted(), incompleteFrom: gaps.sorted()))
        }
        var splits: [SplitUnit] = []
        if !splitRows.isEmpty {
            let points = try store.projectPoints(edition: edition, filter: filter)
            for (row, codes) in splitRows {
                let ids = points.filter { (level == .ward ? $0.wardCode : $0.municipalityCode) == row.code }.map(\.id).sorted()
                splits.append(SplitUnit(code: row.code, name: row.name, newCodes: codes, newNames: codes.map { name($0, like: nil) },
                                        count: row.count, supportJPY: row.supportJPY, totalInvestmentJPY: row.totalInvestmentJPY, jobs: row.jobs, projectIDs: ids))
            }
        }
        return CodesAsOfStatistics(asOf: asOf, boundaryEdition: boundaryEdition, boundaryDate: boundaryDate, rows: carried, splits: splits)
    }
}
