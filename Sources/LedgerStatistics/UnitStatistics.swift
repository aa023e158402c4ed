import Foundation
import BoundaryStore
import GeoCore
import Reference

/// One unit's row of `investmap stats`: every unit of the level appears, with zero when it has
/// no project (not missing); `value` is nil only when the metric cannot be computed (no
/// population or area known).
public struct UnitStatistic: Sendable, Equatable {
    public var code: String
    public var name: String
    public var level: StatisticsLevel
    public var count: Int
    public var supportJPY: Double
    public var totalInvestmentJPY: Double
    public var jobs: Double
    public var population: Double?
    public var areaKm2: Double?
    public var value: Double?
}

/// Per-unit statistics of an edition's projects at any level, from one grouped pass over the
/// edition (`BoundaryStore.projectTotals`) rolled up through the units' codes.
public struct UnitStatistics {
    public let store: BoundaryStore

    public init(store: BoundaryStore) {
        self.store = store
    }

    /// Every unit of `level` in code order with the metric's value.
    public func compute(edition: Edition, level: StatisticsLevel, metric: StatisticsMetric,
                        filter: ProjectFilter = ProjectFilter()) throws -> [UnitStatistic] {
        let totals = try store.projectTotals(edition: edition, filter: filter)
        let areas = metric.needsArea ? try UnitAreas.areas(in: store) : [:]
        var rows: [UnitStatistic]
        func key(_ t: ProjectTotals) -> String? {
            switch level {
            case .ward: t.wardCode
            case .municipality: t.municipalityCode
            case .prefecture: t.prefectureCode
            case .bureau: t.bureauID
            case .nation: "00"
            }
        }
        if level == .nation {
            let prefectures = try store.units(.prefecture, withGeometry: false)
            let population = prefectures.contains { $0.population == nil } ? nil : prefectures.reduce(0) { $0 + ($1.population ?? 0) }
            let area = areas[.prefecture].map { $0.values.reduce(0, +) }
            rows = [UnitStatistic(code: "00", name: "全国", level: .nation, count: 0, supportJPY: 0, totalInvestmentJPY: 0, jobs: 0,
                                  population: population, areaKm2: area, value: nil)]
        } else {
            let unitLevel: UnitLevel = switch level {
            case .ward: .ward
            case .municipality: .municipality
            case .prefecture: .prefecture
            case .bureau: .bureau
            case .nation: .prefecture
            }
            rows = try store.units(unitLevel, withGeometry: false).compactMap { unit in
                guard let code = unit.code else { return nil }
                return UnitStatistic(code: code, name: unit.name, level: level, count: 0, supportJPY: 0, totalInvestmentJPY: 0, jobs: 0,
                                     population: unit.population, areaKm2: areas[unitLevel]?[code], value: nil)
            }
        }
        var index: [String: Int] = [:]
        for (i, row) in rows.enumerated() { index[row.code] = i }
        for t in totals {
            guard let k = key(t), let i = index[k] else { continue }
            rows[i].count += t.count
            rows[i].supportJPY += t.supportJPY
            rows[i].totalInvestmentJPY += t.totalInvestmentJPY
            rows[i].jobs += t.jobs
        }
        for i in rows.indices { rows[i].value = Self.value(rows[i], metric) }
        return rows.sorted { $0.code < $1.code }
    }

    static func value(_ row: UnitStatistic, _ metric: StatisticsMetric) -> Double? {
        func perCapita(_ amount: Double) -> Double? { row.population.flatMap { $0 > 0 ? amount / $0 : nil } }
        func perKm2(_ amount: Double) -> Double? { row.areaKm2.flatMap { $0 > 0 ? amount / $0 : nil } }
        return switch metric {
        case .count: Double(row.count)
        case .support: row.supportJPY
        case .totalInvestment: row.totalInvestmentJPY
        case .jobs: row.jobs
        case .supportPerCapita: perCapita(row.supportJPY)
        case .totalInvestmentPerCapita: perCapita(row.totalInvestmentJPY)
        case .countPer100k: perCapita(Double(row.count) * 100_000)
        case .supportPerKm2: perKm2(row.supportJPY)
        case .totalInvestmentPerKm2: perKm2(row.totalInvestmentJPY)
        }
    }
}
