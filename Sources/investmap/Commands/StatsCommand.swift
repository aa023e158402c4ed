import ArgumentParser
import Foundation
import BoundaryStore
import GeoFormats
import Ledger
import LedgerStatistics
import QueryOutput
import Reference

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Investment per unit: count, amount, jobs, per capita, per 100k inhabitants or per km².",
        discussion: """
        Every unit of the level appears, with 0 when it has no project. Per-capita metrics use the \
        2020 census population stored with the boundaries (units without one show no value); \
        per-km² uses the unit's area on the GRS80 ellipsoid. CSV columns: code,name,level,<metric>.
        """
    )

    @Option(help: "ward, municipality, prefecture, bureau or nation.")
    var level: StatisticsLevelArgument

    @Option(help: "count, amount (yen), jobs, amount_per_capita (yen), count_per_100k or amount_per_km2 (yen).")
    var metric: StatisticsMetric

    @OptionGroup var projects: ProjectFilterOptions

    @Option(help: "table, csv or json.")
    var format: TableFormat = .table

    @OptionGroup var store: StoreOptions

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let edition = try projects.edition(in: boundaryStore)
        let name = edition.name, note = edition.note
        let rows = try UnitStatistics(store: boundaryStore).compute(
            edition: edition, level: level.level, metric: metric, filter: try projects.filter())
        switch format {
        case .csv:
            var text = CSVWriter.record(["code", "name", "level", metric.rawValue])
            for row in rows { text += CSVWriter.record([row.code, row.name, row.level.rawValue, row.value.map(StatsAnswer.number) ?? ""]) }
            FileHandle.standardOutput.write(Data(text.utf8))
        case .json:
            print(try StatsAnswer.json(edition: name, note: note, level: level.level, metric: metric, filter: projects.input, rows: rows))
        case .table:
            print("edition \(name)" + (note.map { " — \($0)" } ?? ""))
            print(TextTable.render(
                header: ["code", "name", "projects", "amount", "jobs", metric.rawValue],
                rows: rows.map { [$0.code, $0.name, String($0.count), Amounts.text($0.amountJPY), Amounts.integer($0.jobs),
                                  $0.value.map(StatsAnswer.number) ?? "–"] },
                rightAligned: [2, 3, 4, 5]))
        }
    }

}
