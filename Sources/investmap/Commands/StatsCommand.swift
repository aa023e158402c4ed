import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import Ledger
import LedgerStatistics
import MapData
import QueryOutput
import Reference

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Investment per unit: cases, support, total investment, jobs, per capita, per 100k inhabitants or per km².",
        discussion: """
        Every unit of the level appears, with 0 when it has no project. Per-capita metrics use the \
        2020 census population stored with the boundaries (units without one show no value); \
        per-km² uses the unit's area on the GRS80 ellipsoid. CSV columns: code,name,level,<metric>.
        """
    )

    @Option(help: "ward, municipality, prefecture, bureau or nation.")
    var level: StatisticsLevelArgument

    @Option(help: ArgumentHelp(StatisticsMetric.help))
    var metric: StatisticsMetric

    @OptionGroup var projects: ProjectFilterOptions

    @Option(help: ArgumentHelp(
        "Report at the municipal codes in force on this date (YYYY-MM-DD), through GeoData/code_changes.csv.",
        discussion: "Units that became one are summed; a unit split between several new ones is reported apart with its projects, "
            + "and the units it went to get no value."))
    var codesAsOf: String?

    @Option(help: "table, csv, json or xlsx (one sheet with Japanese headings; with --output FILE).")
    var format: ExportFormat = .table

    @OptionGroup var export: ExportOptions

    @OptionGroup var store: StoreOptions

    func validate() throws {
        try export.check(format, allowed: codesAsOf == nil ? [.table, .csv, .json, .xlsx] : [.table, .csv, .json])
    }

    func run() throws {
        let (boundaryStore, edition) = try store.openJoined { try projects.edition(in: $0) }
        let name = edition.name, note = edition.note
        if let codesAsOf {
            let carried = try UnitStatistics(store: boundaryStore).compute(
                edition: edition, level: level.level, metric: metric, filter: try projects.filter(),
                codesAsOf: codesAsOf, changes: try ReferenceTables.loadFromDefaultLocation().codeChanges)
            try printCarried(carried, edition: edition, credits: try MapDataLoader.credits(of: boundaryStore))
            return
        }
        let rows = try UnitStatistics(store: boundaryStore).compute(
            edition: edition, level: level.level, metric: metric, filter: try projects.filter())
        switch format {
        case .csv, .geojson:
            var text = CSVWriter.record(["code", "name", "level", metric.rawValue])
            for row in rows { text += CSVWriter.record([row.code, row.name, row.level.rawValue, row.value.map(StatsAnswer.number) ?? ""]) }
            try export.writeCSV(text)
        case .xlsx:
            try export.writeXLSX(StatsAnswer.spreadsheet(rows, metric: metric, edition: name, note: note,
                                                                         credits: try MapDataLoader.credits(of: boundaryStore)), sheet: "統計")
        case .json:
            try export.writeText(try StatsAnswer.json(edition: name, note: note, level: level.level, metric: metric, filter: projects.input, rows: rows,
                                                            credits: try MapDataLoader.credits(of: boundaryStore)) + "\n")
        case .table:
            print("edition \(name)" + (note.map { " — \($0)" } ?? ""))
            print(TextTable.render(
                header: ["code", "name", "projects", "support", "total_investment", "jobs", metric.rawValue],
                rows: rows.map { [$0.code, $0.name, String($0.count), Amounts.text($0.supportJPY), Amounts.text($0.totalInvestmentJPY),
                                  Amounts.integer($0.jobs), $0.value.map(StatsAnswer.number) ?? "–"] },
                rightAligned: [2, 3, 4, 5, 6]))
        }
    }

    /// The answer at the codes in force at a date: the rows with the codes they were carried
    /// from, then the split units (on standard error for CSV, so the file stays one table).
    private func printCarried(_ carried: CodesAsOfStatistics, edition: Edition, credits: [String]) throws {
        let splitLines = carried.splits.map { split in
            "split: \(split.code) \(split.name) (\(carried.boundaryEdition)) went on or before \(carried.asOf) to "
                + zip(split.newCodes, split.newNames).map { "\($0) \($1)" }.joined(separator: " and ")
                + ": \(split.count) projects, \(Amounts.text(split.totalInvestmentJPY)), not given to either"
                + (split.projectIDs.isEmpty ? "" : " (\(split.projectIDs.joined(separator: ", ")))")
        }
        switch format {
        case .csv, .geojson, .xlsx:
            var text = CSVWriter.record(["code", "name", "level", metric.rawValue, "former_codes", "incomplete_from"])
            for row in carried.rows {
                text += CSVWriter.record([row.statistic.code, row.statistic.name, row.statistic.level.rawValue,
                                          row.statistic.value.map(StatsAnswer.number) ?? "", row.formerCodes.joined(separator: ";"),
                                          row.incompleteFrom.joined(separator: ";")])
            }
            try export.writeCSV(text)
            for line in splitLines { standardError.write(line) }
        case .json:
            Swift.print(try StatsAnswer.json(edition: edition.name, note: edition.note, level: level.level, metric: metric,
                                             filter: projects.input, carried: carried, credits: credits))
        case .table:
            Swift.print("edition \(edition.name)" + (edition.note.map { " — \($0)" } ?? ""))
            Swift.print("codes in force on \(carried.asOf) (projects joined on \(carried.boundaryEdition), \(carried.boundaryDate))")
            Swift.print(TextTable.render(
                header: ["code", "name", "projects", "support", "total_investment", "jobs", metric.rawValue, "from"],
                rows: carried.rows.map { row in
                    let s = row.statistic
                    let from = row.formerCodes == [s.code] ? "" : row.formerCodes.joined(separator: "+")
                        + (row.incompleteFrom.isEmpty ? "" : " + part of \(row.incompleteFrom.joined(separator: "+")) (split)")
                    return [s.code, s.name, String(s.count), Amounts.text(s.supportJPY), Amounts.text(s.totalInvestmentJPY),
                            Amounts.integer(s.jobs), s.value.map(StatsAnswer.number) ?? "–", from]
                },
                rightAligned: [2, 3, 4, 5, 6]))
            for line in splitLines { Swift.print(line) }
        }
    }

}
