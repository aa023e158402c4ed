import Cartography
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import Reference

/// `stats --format json` and `/api/stats`: the edition, the question, the attribution, then one
/// row per unit.
public enum StatsAnswer {
    /// The answer as JSON (sorted keys, indented).
    public static func json(edition: String, note: String?, level: StatisticsLevel, metric: StatisticsMetric, filter: ProjectFilterInput,
                            rows: [UnitStatistic], credits: [String]) throws -> String {
        try PrettyJSON.string(Document(edition: edition, note: note, level: level.rawValue, metric: metric.rawValue,
                                       filter: .init(filter), rows: rows, attribution: credits))
    }

    /// The answer at the codes in force at a date (`stats --codes-as-of`): the rows with the
    /// codes they were carried from, and the units that were split.
    public static func json(edition: String, note: String?, level: StatisticsLevel, metric: StatisticsMetric, filter: ProjectFilterInput,
                            carried: CodesAsOfStatistics, credits: [String]) throws -> String {
        var document = Document(edition: edition, note: note, level: level.rawValue, metric: metric.rawValue,
                                filter: .init(filter),
                                rows: carried.rows.map(\.statistic), attribution: credits)
        for (index, row) in carried.rows.enumerated() {
            document.units[index].former_codes = row.formerCodes
            document.units[index].incomplete_from = row.incompleteFrom
        }
        document.codes_as_of = .init(date: carried.asOf, boundary_edition: carried.boundaryEdition, boundary_date: carried.boundaryDate,
                                     split: carried.splits.map {
                                         .init(code: $0.code, name: $0.name, new_codes: $0.newCodes, new_names: $0.newNames,
                                               count: $0.count, support_jpy: $0.supportJPY, total_investment_jpy: $0.totalInvestmentJPY,
                                               jobs: $0.jobs, projects: $0.projectIDs)
                                     })
        return try PrettyJSON.string(document)
    }

    /// `stats --format xlsx`: the CSV's columns (code, name, level, the metric) under Japanese
    /// headings, codes as text, the values as numbers; the edition and credits below.
    public static func spreadsheet(_ rows: [UnitStatistic], metric: StatisticsMetric, edition: String, note: String?,
                                   credits: [String]) -> SpreadsheetExport {
        let cells = rows.map { row -> [SpreadsheetExport.Cell] in
            [.text(row.code), .text(row.name), .text(row.level.rawValue), row.value.map { .number($0) } ?? .empty]
        }
        let valueHeading = MetricPresentation.of(metric, largest: 1).heading
        return SpreadsheetExport(columns: ["code", "name", "level", metric.rawValue], headings: ["コード", "名称", "区分", valueHeading],
                                 rows: cells, notes: SpreadsheetExport.notes(edition: edition, note: note, credits: credits))
    }

    /// Integers as integers, other values with up to 6 significant decimals (deterministic).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    struct Document: Encodable {
        struct Filter: Encodable {
            var plan: String?, field: String?, status: String?, programme: String?, category: String?, company_size: String?
        }
        struct Row: Encodable {
            var code: String, name: String, level: String
            var count: Int, support_jpy: Double, total_investment_jpy: Double, jobs: Double, population: Double?, area_km2: Double?
            var value: Double?
            /// With --codes-as-of: the boundary units summed into it, and the split ones part of which it got.
            var former_codes: [String]?, incomplete_from: [String]?
        }
        struct CodesAsOf: Encodable {
            struct Split: Encodable {
                var code: String, name: String, new_codes: [String], new_names: [String]
                var count: Int, support_jpy: Double, total_investment_jpy: Double, jobs: Double, projects: [String]
            }
            var date: String, boundary_edition: String, boundary_date: String, split: [Split]
        }

        var edition: String, note: String?, level: String, metric: String, filter: Filter
        var attribution: [String]
        var units: [Row]
        var codes_as_of: CodesAsOf?

        init(edition: String, note: String?, level: String, metric: String, filter: Filter, rows: [UnitStatistic], attribution: [String]) {
            self.edition = edition
            self.attribution = attribution
            self.note = note
            self.level = level
            self.metric = metric
            self.filter = filter
            units = rows.map {
                Row(code: $0.code, name: $0.name, level: $0.level.rawValue, count: $0.count, support_jpy: $0.supportJPY,
                    total_investment_jpy: $0.totalInvestmentJPY, jobs: $0.jobs, population: $0.population, area_km2: $0.areaKm2, value: $0.value)
            }
        }
    }
}

extension StatsAnswer.Document.Filter {
    init(_ input: ProjectFilterInput) {
        self.init(plan: input.plan, field: input.field, status: input.status, programme: input.programme, category: input.category,
                  company_size: input.companySizeSlug)
    }
}
