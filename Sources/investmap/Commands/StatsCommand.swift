import ArgumentParser
import Foundation
import BoundaryStore
import Ledger
import LedgerStatistics
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

    enum Metric: String, ExpressibleByArgument, CaseIterable {
        case count, amount, jobs
        case amountPerCapita = "amount_per_capita"
        case countPer100k = "count_per_100k"
        case amountPerKm2 = "amount_per_km2"
    }

    @Option(help: "ward, municipality, prefecture, bureau or nation.")
    var level: StatisticsLevelArgument

    @Option(help: "count, amount (yen), jobs, amount_per_capita (yen), count_per_100k or amount_per_km2 (yen).")
    var metric: Metric

    @OptionGroup var projects: ProjectFilterOptions

    @Option(help: "table, csv or json.")
    var format: TableFormat = .table

    @OptionGroup var store: StoreOptions

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let name = try projects.editionName(in: boundaryStore)
        let note = try boundaryStore.edition(named: name).note
        let metric = StatisticsMetric(rawValue: self.metric.rawValue)!
        let rows = try UnitStatistics(store: boundaryStore).compute(
            edition: name, level: level.level, metric: metric, filter: try projects.filter())
        switch format {
        case .csv:
            var text = CSVWriter.record(["code", "name", "level", metric.rawValue])
            for row in rows { text += CSVWriter.record([row.code, row.name, row.level.rawValue, row.value.map(Self.number) ?? ""]) }
            FileHandle.standardOutput.write(Data(text.utf8))
        case .json:
            print(try JSONOutput.string(StatsJSON(edition: name, note: note, level: level.rawValue, metric: metric.rawValue,
                                                  filter: .init(plan: projects.plan, field: projects.field, status: projects.status), rows: rows)))
        case .table:
            print("edition \(name)" + (note.map { " — \($0)" } ?? ""))
            print(TextTable.render(
                header: ["code", "name", "projects", "amount", "jobs", metric.rawValue],
                rows: rows.map { [$0.code, $0.name, String($0.count), Amounts.text($0.amountJPY), Amounts.integer($0.jobs),
                                  $0.value.map(Self.number) ?? "–"] },
                rightAligned: [2, 3, 4, 5]))
        }
    }

    /// The edition asked for, or the default one.
    static func edition(_ name: String?, in store: BoundaryStore) throws -> String {
        if let name { return try store.edition(named: name).name }
        let editions = try store.editions()
        guard let chosen = editions.last(where: { $0.status == .published }) ?? editions.last else {
            throw CLIError("\(store.path): no edition yet: create one with `investmap edition create NAME` and import a ledger")
        }
        return chosen.name
    }

    /// Integers as integers, other values with up to 6 significant decimals (deterministic).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}

/// `stats --format json`: the edition, the question, the attribution, then one row per unit.
struct StatsJSON: Encodable {
    struct Filter: Encodable { var plan: String?, field: String?, status: String? }
    struct Row: Encodable {
        var code: String, name: String, level: String
        var count: Int, amount_jpy: Double, jobs: Double, population: Double?, area_km2: Double?, value: Double?
    }

    var edition: String, note: String?, level: String, metric: String, filter: Filter
    var attribution = ["国土数値情報（行政区域データ）（国土交通省）を加工して作成", "出典：総務省統計局『令和2年国勢調査』を加工して作成"]
    var units: [Row]

    init(edition: String, note: String?, level: String, metric: String, filter: Filter, rows: [UnitStatistic]) {
        self.edition = edition
        self.note = note
        self.level = level
        self.metric = metric
        self.filter = filter
        units = rows.map {
            Row(code: $0.code, name: $0.name, level: $0.level.rawValue, count: $0.count, amount_jpy: $0.amountJPY, jobs: $0.jobs,
                population: $0.population, area_km2: $0.areaKm2, value: $0.value)
        }
    }
}
